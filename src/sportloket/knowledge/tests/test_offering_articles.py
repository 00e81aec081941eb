"""An offering's page lists the articles linked to it that the member may read: the desk's own
and shared ones of other desks, never another desk's desk-only article."""

import pytest
from django.urls import reverse

from sportloket.knowledge.tests.factories import ArticleFactory
from sportloket.offerings.tests.factories import OfferingFactory

pytestmark = pytest.mark.django_db


def test_the_offering_page_lists_its_readable_articles(coordinator_client, desk, other_desk):
    offering = OfferingFactory(national=True)
    own = ArticleFactory(loket=desk, title="Eigen uitleg")
    shared = ArticleFactory(loket=other_desk, shared=True, title="Gedeelde uitleg")
    hidden = ArticleFactory(loket=other_desk, title="Interne uitleg")
    draft = ArticleFactory(loket=desk, draft=True, title="Concept uitleg")
    for article in (own, shared, hidden, draft):
        article.offerings.add(offering)
    page = coordinator_client.get(
        reverse("decisions:offering-detail", args=[desk.slug, offering.pk])
    ).text
    assert reverse("knowledge:article-detail", args=[desk.slug, own.pk]) in page
    assert "Gedeelde uitleg" in page
    assert "Interne uitleg" not in page
    assert "Concept uitleg" not in page
