"""A message records, when it is sent, the knowledge articles it carried (``sent_articles``:
their ids and titles, by title), and the question's page, the tracking page and the e-mail read
that record with the message: what the provider was sent, as it was sent."""

import pytest
from django.conf import settings
from django.core import mail
from django.test import Client
from django.urls import reverse

from sportloket.helprequests import selectors, services
from sportloket.helprequests.tests.factories import send_articles_from_page, submit_request
from sportloket.knowledge.models import Article
from sportloket.knowledge.tests.factories import ArticleFactory, DeskFollowFactory
from sportloket.testing.html import squashed

pytestmark = pytest.mark.django_db


def test_the_record_is_written_when_the_message_is_sent(desk, other_desk, coordinator):
    question = submit_request(desk)
    zwemmen = ArticleFactory(loket=desk, title="Zwemles geven")
    atletiek = ArticleFactory(loket=other_desk, shared=True, title="Atletiekbaan huren")
    message = services.message_send(
        help_request=question, actor=coordinator, body="Zie", articles=[zwemmen, atletiek]
    )
    message.refresh_from_db()
    assert message.sent_articles == [
        {"pk": atletiek.pk, "title": "Atletiekbaan huren"},
        {"pk": zwemmen.pk, "title": "Zwemles geven"},
    ]
    assert set(message.articles.all()) == {zwemmen, atletiek}
    plain = services.message_send(help_request=question, actor=coordinator, body="Alleen tekst")
    plain.refresh_from_db()
    assert plain.sent_articles == []


def test_the_pages_show_what_was_sent_even_when_the_article_changed_since(
    coordinator_client, desk, other_desk
):
    question = submit_request(desk)
    own = ArticleFactory(loket=desk, title="Vrijwilligers vinden")
    followed = ArticleFactory(loket=other_desk, shared=True, title="Bestuur versterken")
    DeskFollowFactory(follower=desk, followed=other_desk)
    send_articles_from_page(coordinator_client, question, [own, followed])
    services.message_from_provider(help_request=question, body="Dank je")
    Article.objects.filter(pk=own.pk).update(title="Een nieuwe titel")

    desk_page = squashed(
        coordinator_client.get(
            reverse("helprequests:request-detail", args=[desk.slug, question.pk])
        ).text
    )
    for article, title in ((followed, "Bestuur versterken"), (own, "Vrijwilligers vinden")):
        link = reverse("knowledge:article-detail", args=[desk.slug, article.pk])
        assert f'<li><a href="{link}">{title}</a></li>' in desk_page
    track = squashed(
        Client().get(reverse("helprequests:track", args=[question.tracking_token])).text
    )
    for article, title in ((followed, "Bestuur versterken"), (own, "Vrijwilligers vinden")):
        link = reverse("helprequests:track-article", args=[question.tracking_token, article.pk])
        assert f'<li><a href="{link}">{title}</a></li>' in track
    assert "Een nieuwe titel" not in desk_page and "Een nieuwe titel" not in track

    timeline = selectors.staff_timeline(help_request=question)
    assert [row.get("articles") for row in timeline if row.get("message")] == [
        [{"pk": followed.pk, "title": "Bestuur versterken"},
         {"pk": own.pk, "title": "Vrijwilligers vinden"}],
        [],
    ]  # fmt: skip
    provider = selectors.provider_timeline(help_request=question)
    assert [row["articles"] for row in provider if row.get("message")] == [
        [{"pk": followed.pk, "title": "Bestuur versterken"},
         {"pk": own.pk, "title": "Vrijwilligers vinden"}],
        [],
    ]  # fmt: skip


def test_the_e_mail_links_the_articles_sent(desk, coordinator, django_capture_on_commit_callbacks):
    question = submit_request(desk)
    article = ArticleFactory(loket=desk, title="Vrijwilligers vinden")
    with django_capture_on_commit_callbacks(execute=True):
        services.message_send(
            help_request=question, actor=coordinator, body="Lees dit", articles=[article]
        )
    link = reverse("helprequests:track-article", args=[question.tracking_token, article.pk])
    assert f"- Vrijwilligers vinden: {settings.SITE_URL}{link}\n" in mail.outbox[-1].body
