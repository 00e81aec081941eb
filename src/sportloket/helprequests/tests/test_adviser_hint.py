"""The question's page names the club's own advisers where it has any, or where the question
is on a sport-specific theme, and offers to involve them; other questions' pages read nothing
more for it."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from sportloket.core.tests.factories import MembershipFactory, ThemeFactory
from sportloket.helprequests.tests.factories import HelpRequestFactory
from sportloket.registry.constants import OrganisationKind
from sportloket.registry.models import Federation
from sportloket.registry.tests.factories import AdviserRelationFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


def page(client, desk, question):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("helprequests:request-detail", args=[desk.slug, question.pk]))
    return response.content.decode(), len(queries)


def test_the_clubs_federation_adviser_is_named_with_the_ways_to_involve_them(
    coordinator_client, desk
):
    federation_org = OrganisationFactory.for_desk(desk, kind=OrganisationKind.FEDERATION)
    knvb = Federation.objects.create(
        abbreviation="KNVB-H", name="KNVB", organisation=federation_org
    )
    club = OrganisationFactory.for_desk(desk)
    AdviserRelationFactory(organisation=club, loket=desk, federation=knvb,
                           adviser_organisation=federation_org)  # fmt: skip
    partner = MembershipFactory(loket=desk, role="partner", partner_kind="federation",
                                organisation=federation_org, user__full_name="Bea Bond")  # fmt: skip
    question = HelpRequestFactory(loket=desk, organisation=club, consents_to_sharing=True)
    html, _ = page(coordinator_client, desk, question)
    assert "Jan de Verenigingsadviseur" in html
    assert partner.user.full_name in html
    refer = reverse("helprequests:request-refer", args=[desk.slug, question.pk])
    assert f"{refer}?to_organisation={federation_org.pk}" in html
    form = coordinator_client.get(refer, {"to_organisation": federation_org.pk})
    assert form.context["form"].initial["to_organisation"] == federation_org.pk


def test_a_sport_specific_theme_shows_the_hint_and_other_questions_read_nothing_more(
    coordinator_client, desk
):
    club = OrganisationFactory.for_desk(desk)
    plain = HelpRequestFactory(loket=desk, organisation=club)
    plain.themes.add(ThemeFactory(loket=desk))
    page(coordinator_client, desk, plain)  # what a first visit reads once and keeps
    html, plain_queries = page(coordinator_client, desk, plain)
    assert 'id="adviser-title"' not in html
    sporty = HelpRequestFactory(loket=desk, organisation=club)
    sporty.themes.add(ThemeFactory(loket=desk, name="Scheidsrechters", is_sport_specific=True))
    html, sporty_queries = page(coordinator_client, desk, sporty)
    assert 'id="adviser-title"' in html and "Scheidsrechters" in html
    assert sporty_queries == plain_queries + 1  # its advisers (none: no partners looked up)
