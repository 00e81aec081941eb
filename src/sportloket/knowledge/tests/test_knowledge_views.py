"""The desk's knowledge pages: who sees which article (acceptance 3: desk B sees desk A's
article only when it is shared with all desks or public), the list of own and followed
articles with search and filters in a bounded number of queries, writing an article, and the
attachment view."""

import datetime

import pytest
from django.urls import reverse
from django.utils.html import escape
from freezegun import freeze_time

from sportloket.core.tests.factories import MembershipFactory
from sportloket.knowledge.constants import Visibility
from sportloket.knowledge.models import Article, Attachment
from sportloket.knowledge.tests.factories import (
    MINIMAL_PDF,
    ArticleFactory,
    AttachmentFactory,
    DeskFollowFactory,
    pdf_upload,
)
from sportloket.registry.models import Sport
from sportloket.testing.queries import assert_queries_do_not_grow

pytestmark = pytest.mark.django_db


def list_url(desk, **params):
    url = reverse("knowledge:article-list", args=[desk.slug])
    if params:
        url += "?" + "&".join(f"{k}={v}" for k, v in params.items())
    return url


def detail_url(desk, article):
    return reverse("knowledge:article-detail", args=[desk.slug, article.pk])


def titles(response):
    return [a.title for a in response.context["page_obj"]]


@pytest.mark.parametrize(
    ("visibility", "readable"),
    [(Visibility.DESK, False), (Visibility.ALL_DESKS, True), (Visibility.PUBLIC, True)],
)
def test_desk_b_reads_desk_as_article_only_when_shared(
    client, desk, other_desk, visibility, readable
):
    article = ArticleFactory(loket=other_desk, visibility=visibility, title="Statuten wijzigen")
    DeskFollowFactory(follower=desk, followed=other_desk)
    client.force_login(MembershipFactory(loket=desk, supporter=True).user)
    detail = client.get(detail_url(desk, article))
    assert detail.status_code == (200 if readable else 404)
    listed = client.get(list_url(desk))
    assert ("Statuten wijzigen" in titles(listed)) is readable
    if readable:
        assert escape(other_desk.name) in detail.content.decode()


def test_another_desks_draft_is_never_readable(client, desk, other_desk):
    draft = ArticleFactory(loket=other_desk, public=True, draft=True)
    DeskFollowFactory(follower=desk, followed=other_desk)
    client.force_login(MembershipFactory(loket=desk).user)
    assert client.get(detail_url(desk, draft)).status_code == 404
    assert titles(client.get(list_url(desk))) == []


def test_shared_articles_are_listed_only_from_followed_desks_and_marked(
    client, desk, other_desk, coordinator
):
    ArticleFactory(loket=desk, title="Eigen artikel")
    shared = ArticleFactory(loket=other_desk, shared=True, title="Gedeeld artikel")
    client.force_login(coordinator)
    assert titles(client.get(list_url(desk))) == ["Eigen artikel"]
    # Readable although not followed: a link in a message or on an offering's page opens it.
    assert client.get(detail_url(desk, shared)).status_code == 200
    DeskFollowFactory(follower=desk, followed=other_desk)
    response = client.get(list_url(desk))
    assert sorted(titles(response)) == ["Eigen artikel", "Gedeeld artikel"]
    assert f"Van {escape(other_desk.name)}" in response.content.decode()
    assert titles(client.get(list_url(desk, origin="followed"))) == ["Gedeeld artikel"]
    assert titles(client.get(list_url(desk, origin="own"))) == ["Eigen artikel"]


def test_search_finds_an_article_by_a_word_in_its_body(client, desk, coordinator):
    ArticleFactory(loket=desk, title="Bestuur", body="Over de ledenvergadering en notulen.")
    ArticleFactory(loket=desk, title="Geld", body="Over contributie.")
    client.force_login(coordinator)
    assert titles(client.get(list_url(desk, q="LEDENVERGADERING"))) == ["Bestuur"]
    assert titles(client.get(list_url(desk, q="over notulen"))) == ["Bestuur"]
    assert titles(client.get(list_url(desk, q="over+notulen+contributie"))) == []


def test_filters_by_theme_sport_kind_visibility_and_review_due(client, desk, coordinator):
    sport = Sport.objects.first()
    with_all = ArticleFactory(loket=desk, title="A", theme_keys=["volunteers"], public=True,
                              review_on=datetime.date(2026, 1, 1))  # fmt: skip
    with_all.sports.add(sport)
    ArticleFactory(loket=desk, title="B", provider_kinds="commercial")
    client.force_login(coordinator)
    with freeze_time("2026-03-01"):
        assert titles(client.get(list_url(desk, theme="volunteers"))) == ["A"]
        assert titles(client.get(list_url(desk, sport=sport.pk))) == ["A"]
        assert titles(client.get(list_url(desk, provider_kind="club"))) == ["A"]
        assert titles(client.get(list_url(desk, visibility="public"))) == ["A"]
        response = client.get(list_url(desk, review_due="on"))
        assert titles(response) == ["A"]
        assert "Controle nodig" in response.content.decode()


def test_the_list_takes_a_bounded_number_of_queries(client, desk, other_desk, coordinator):
    DeskFollowFactory(follower=desk, followed=other_desk)
    client.force_login(coordinator)

    def add(n):
        for i in range(n):
            ArticleFactory(loket=desk if i % 2 else other_desk, shared=True,
                           theme_keys=["volunteers", "finances"])  # fmt: skip

    add(2)
    _first, second = assert_queries_do_not_grow(lambda: client.get(list_url(desk)), add, more=10)
    assert len(titles(second)) == 12


def test_the_rendered_page_carries_no_script_or_javascript_link(client, desk, coordinator):
    article = ArticleFactory(
        loket=desk,
        body="<script>alert('x')</script>\n\n[klik](javascript:alert(1)) <img src=x onerror=alert(1)>",
    )
    client.force_login(coordinator)
    for body in (
        client.get(detail_url(desk, article)).content.decode(),
        client.get(reverse("knowledge:article-list", args=[desk.slug])).content.decode(),
    ):
        assert "<script>alert" not in body
        assert 'href="javascript:' not in body
        assert "<img src=x" not in body


def post_data(**changes):
    return {
        "title": "Vrijwilligersbeleid",
        "summary": "Zo houd je vrijwilligers vast.",
        "body": "Bedank **vaak**.",
        "theme_keys": ["volunteers"],
        "provider_kinds": "all",
        "visibility": "public",
        "status": "published",
        "review_on": "",
        **changes,
    }


def test_a_coordinator_writes_an_article_with_an_attachment(client, desk, coordinator):
    client.force_login(coordinator)
    data = post_data(attachment=pdf_upload())
    response = client.post(reverse("knowledge:article-create", args=[desk.slug]), data)
    article = Article.objects.get()
    assert response.status_code == 302
    assert response.url == detail_url(desk, article)
    assert article.author == coordinator
    assert article.attachments.get().original_name == "handleiding.pdf"
    page = client.get(detail_url(desk, article)).content.decode()
    assert "<strong>vaak</strong>" in page
    assert "handleiding.pdf" in page


def test_a_refused_form_keeps_the_typed_input_with_dutch_errors(client, desk, coordinator):
    client.force_login(coordinator)
    bad_file = pdf_upload("foto.pdf", content=b"GIF89a....")
    data = post_data(title="", body="Mijn getypte tekst", attachment=bad_file)
    response = client.post(reverse("knowledge:article-create", args=[desk.slug]), data)
    assert response.status_code == 400
    page = response.content.decode()
    assert "Mijn getypte tekst" in page
    assert "Dit veld is verplicht." in page
    assert "Het bestand is geen PDF-document en geen JPEG- of PNG-afbeelding." in page
    assert not Article.objects.exists()


def test_a_viewer_reads_but_does_not_write(client, desk):
    article = ArticleFactory(loket=desk)
    client.force_login(MembershipFactory(loket=desk).user)
    assert client.get(detail_url(desk, article)).status_code == 200
    assert client.get(reverse("knowledge:article-create", args=[desk.slug])).status_code == 403
    edit = reverse("knowledge:article-edit", args=[desk.slug, article.pk])
    assert client.get(edit).status_code == 403


def test_a_shared_article_of_another_desk_cannot_be_edited(client, desk, other_desk, coordinator):
    article = ArticleFactory(loket=other_desk, public=True)
    client.force_login(coordinator)
    assert (
        client.get(reverse("knowledge:article-edit", args=[desk.slug, article.pk])).status_code
        == 404
    )


def test_the_attachment_view_serves_readable_ones_and_refuses_other_desks(
    client, desk, other_desk, coordinator
):
    own = AttachmentFactory(article=ArticleFactory(loket=desk))
    hidden = AttachmentFactory(article=ArticleFactory(loket=other_desk))
    shared = AttachmentFactory(article=ArticleFactory(loket=other_desk, shared=True))
    client.force_login(coordinator)

    def get(attachment):
        return client.get(reverse("knowledge:attachment", args=[desk.slug, attachment.pk]))

    response = get(own)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == MINIMAL_PDF
    assert response["Content-Disposition"].startswith("attachment")
    assert "sandbox" in response["Content-Security-Policy"]
    assert get(hidden).status_code == 404
    assert get(shared).status_code == 200
    # Removing is only for the desk's own.
    remove = reverse("knowledge:attachment-remove", args=[desk.slug, shared.pk])
    assert client.post(remove).status_code == 404
    assert Attachment.objects.filter(pk=shared.pk).exists()


def test_the_follow_page_follows_and_unfollows(client, desk, other_desk, coordinator):
    ArticleFactory(loket=other_desk, shared=True)
    ArticleFactory(loket=other_desk)  # desk-only: not counted
    client.force_login(coordinator)
    url = reverse("knowledge:follow", args=[desk.slug])
    page = client.get(url)
    row = next(d for d in page.context["desks"] if d.pk == other_desk.pk)
    assert (row.shared_count, row.is_followed) == (1, False)
    client.post(url, {"desk": other_desk.pk, "follow": "on"})
    assert desk.knowledge_follows.filter(followed=other_desk).exists()
    client.post(url, {"desk": other_desk.pk})
    assert not desk.knowledge_follows.exists()


def test_a_viewer_cannot_change_what_the_desk_follows(client, desk, other_desk):
    client.force_login(MembershipFactory(loket=desk).user)
    url = reverse("knowledge:follow", args=[desk.slug])
    client.post(url, {"desk": other_desk.pk, "follow": "on"})
    assert not desk.knowledge_follows.exists()
