"""The desk's public knowledge: anyone reads and searches the desk's public articles and their
attachments; every other article (desk-only, all desks, drafts, another desk's) is a 404."""

import pytest
from django.urls import reverse

from sportloket.knowledge.tests.factories import ArticleFactory, AttachmentFactory
from sportloket.testing.queries import assert_queries_do_not_grow

pytestmark = pytest.mark.django_db


def test_anyone_reads_the_public_articles_and_only_those(client, desk, other_desk):
    public = ArticleFactory(loket=desk, public=True, title="Openbaar")
    ArticleFactory(loket=desk, shared=True, title="Alle loketten")
    ArticleFactory(loket=desk, title="Intern")
    ArticleFactory(loket=desk, public=True, draft=True, title="Concept")
    elsewhere = ArticleFactory(loket=other_desk, public=True, title="Elders")
    response = client.get(reverse("knowledge:public-list", args=[desk.slug]))
    assert [a.title for a in response.context["page_obj"]] == ["Openbaar"]
    detail = client.get(reverse("knowledge:public-detail", args=[desk.slug, public.pk]))
    assert detail.status_code == 200
    assert public.body_html in detail.content.decode()
    for article in desk.articles.exclude(pk=public.pk):
        url = reverse("knowledge:public-detail", args=[desk.slug, article.pk])
        assert client.get(url).status_code == 404
    # Another desk's public article is not this desk's.
    url = reverse("knowledge:public-detail", args=[desk.slug, elsewhere.pk])
    assert client.get(url).status_code == 404


def test_public_search_by_a_word_in_the_body(client, desk):
    ArticleFactory(
        loket=desk, public=True, title="Sponsoring", body="Een sponsorcontract opstellen."
    )
    ArticleFactory(loket=desk, public=True, title="Vrijwilligers", body="Werven.")
    url = reverse("knowledge:public-list", args=[desk.slug]) + "?q=sponsorcontract"
    assert [a.title for a in client.get(url).context["page_obj"]] == ["Sponsoring"]


def test_public_attachments_only_of_public_articles(client, desk):
    public = AttachmentFactory(article=ArticleFactory(loket=desk, public=True))
    shared = AttachmentFactory(article=ArticleFactory(loket=desk, shared=True))
    ok = client.get(reverse("knowledge:public-attachment", args=[desk.slug, public.pk]))
    assert ok.status_code == 200
    assert "sandbox" in ok["Content-Security-Policy"]
    url = reverse("knowledge:public-attachment", args=[desk.slug, shared.pk])
    assert client.get(url).status_code == 404


def test_the_public_list_takes_a_bounded_number_of_queries(client, desk):
    url = reverse("knowledge:public-list", args=[desk.slug])
    ArticleFactory(loket=desk, public=True)

    def add(n):
        for _ in range(n):
            ArticleFactory(loket=desk, public=True)

    assert_queries_do_not_grow(lambda: client.get(url), add, more=10)


def test_the_desks_public_page_links_its_knowledge(client, desk):
    page = client.get(reverse("core:desk-public", args=[desk.slug])).content.decode()
    assert reverse("knowledge:public-list", args=[desk.slug]) in page
    intake = client.get(reverse("helprequests:intake", args=[desk.slug])).content.decode()
    assert reverse("knowledge:public-list", args=[desk.slug]) in intake
