"""Sending an article as an answer, from the question's articles page: the message records the
articles, the tracking page and the e-mail link them, and the provider opens an article (and
its attachments) through the tracking link only when a message on that question carried it,
also a desk-only one."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from sportloket.helprequests import services
from sportloket.helprequests.models import Message
from sportloket.helprequests.tests.factories import (
    action_url,
    articles_page_url,
    send_articles_from_page,
    submit_request,
)
from sportloket.knowledge.services.articles import article_archive
from sportloket.knowledge.tests.factories import (
    ArticleFactory,
    AttachmentFactory,
    DeskFollowFactory,
)

pytestmark = pytest.mark.django_db


def article_url(question, article):
    return reverse("helprequests:track-article", args=[question.tracking_token, article.pk])


def test_a_sent_desk_only_article_opens_through_the_tracking_link_only(
    coordinator_client, desk, django_capture_on_commit_callbacks
):
    question = submit_request(desk)
    other_question = submit_request(desk)
    sent = ArticleFactory(loket=desk, title="Vrijwilligers vinden", body="Begin bij **ouders**.")
    not_sent = ArticleFactory(loket=desk, public=True)
    with django_capture_on_commit_callbacks(execute=True):
        response = send_articles_from_page(coordinator_client, question, [sent])
    assert response.status_code == 302
    client = Client()  # the provider, without an account
    track = client.get(reverse("helprequests:track", args=[question.tracking_token])).text
    assert article_url(question, sent) in track
    page = client.get(article_url(question, sent))
    assert page.status_code == 200
    assert "<strong>ouders</strong>" in page.text
    assert page["X-Robots-Tag"] == "noindex, nofollow"
    assert client.get(article_url(question, not_sent)).status_code == 404
    assert client.get(article_url(other_question, sent)).status_code == 404
    assert article_url(question, sent) in mail.outbox[-1].body
    assert "Vrijwilligers vinden" in mail.outbox[-1].body


def test_an_archived_article_no_longer_opens(coordinator_client, client, desk, coordinator):
    question = submit_request(desk)
    article = ArticleFactory(loket=desk)
    send_articles_from_page(coordinator_client, question, [article])
    assert client.get(article_url(question, article)).status_code == 200
    article_archive(actor=coordinator, loket=desk, article=article)
    assert client.get(article_url(question, article)).status_code == 404


def test_attachments_of_a_sent_article_only(coordinator_client, client, desk):
    question = submit_request(desk)
    sent = AttachmentFactory(article=ArticleFactory(loket=desk))
    other = AttachmentFactory(article=ArticleFactory(loket=desk, public=True))
    send_articles_from_page(coordinator_client, question, [sent.article])

    def get(attachment):
        return client.get(
            reverse("helprequests:track-attachment", args=[question.tracking_token, attachment.pk])
        )

    response = get(sent)
    assert response.status_code == 200
    assert "sandbox" in response["Content-Security-Policy"]
    assert get(other).status_code == 404


def test_a_desk_cannot_send_another_desks_desk_only_article(desk, other_desk, coordinator):
    question = submit_request(desk)
    hidden = ArticleFactory(loket=other_desk)
    with pytest.raises(ValidationError) as error:
        services.message_send(
            help_request=question, actor=coordinator, body="Zie", articles=[hidden]
        )
    assert "articles" in error.value.message_dict
    assert not Message.objects.exists()
    shared = ArticleFactory(loket=other_desk, shared=True)
    message = services.message_send(
        help_request=question, actor=coordinator, body="Zie", articles=[shared]
    )
    assert list(message.articles.all()) == [shared]


def test_the_articles_page_offers_own_and_followed_articles_and_sends_them(
    coordinator_client, desk, other_desk
):
    question = submit_request(desk)
    own = ArticleFactory(loket=desk, title="Eigen antwoord")
    followed = ArticleFactory(loket=other_desk, shared=True, title="Gevolgd antwoord")
    unfollowed = ArticleFactory(loket=other_desk, title="Niet gedeeld")
    DeskFollowFactory(follower=desk, followed=other_desk)
    page = coordinator_client.get(articles_page_url(question)).text
    assert "Eigen antwoord" in page
    assert f"Gevolgd antwoord</strong> ({other_desk.name})" in page
    assert "Niet gedeeld" not in page
    # Another desk's desk-only article is refused, also when its id is posted by hand.
    refused = coordinator_client.post(
        action_url(question, "message") + f"?article={unfollowed.pk}",
        {"message-body": "Zie", "message-articles": [unfollowed.pk]},
    )
    assert refused.status_code == 400
    assert "Kies artikelen die dit loket mag versturen." in refused.text
    response = send_articles_from_page(coordinator_client, question, [own, followed])
    assert response.status_code == 302
    message = Message.objects.get()
    assert set(message.articles.all()) == {own, followed}
    page = coordinator_client.get(
        reverse("helprequests:request-detail", args=[desk.slug, question.pk])
    ).text
    assert reverse("knowledge:article-detail", args=[desk.slug, own.pk]) in page
    assert reverse("knowledge:article-detail", args=[desk.slug, followed.pk]) in page


def test_each_page_of_an_article_links_its_attachments_through_its_own_view(
    coordinator_client, client, desk
):
    """The desk's page, the public page and a tracking link's page show one article the same
    way; each links the attachments to the view that checks its own readers."""
    question = submit_request(desk)
    attachment = AttachmentFactory(article=ArticleFactory(loket=desk, public=True))
    article = attachment.article
    send_articles_from_page(coordinator_client, question, [article])
    pages = {
        reverse("knowledge:article-detail", args=[desk.slug, article.pk]): reverse(
            "knowledge:attachment", args=[desk.slug, attachment.pk]
        ),
        reverse("knowledge:public-detail", args=[desk.slug, article.pk]): reverse(
            "knowledge:public-attachment", args=[desk.slug, attachment.pk]
        ),
        article_url(question, article): reverse(
            "helprequests:track-attachment", args=[question.tracking_token, attachment.pk]
        ),
    }
    for page, attachment_url in pages.items():
        reader = coordinator_client if "/kennis/" not in page and "/t/" not in page else client
        html = reader.get(page).text
        assert f'href="{attachment_url}"' in html, page
        assert attachment.original_name in html
