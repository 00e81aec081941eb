"""Which organisation a partner represents: set by a coordinator on the member's page, only for
partners and only from the desk's register; kept in the membership's history."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from sportloket.core import services
from sportloket.core.constants import PartnerKind, Role
from sportloket.core.tests.factories import MembershipFactory
from sportloket.registry.constants import OrganisationKind
from sportloket.registry.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def rabobank(desk):
    return OrganisationFactory.for_desk(desk, kind=OrganisationKind.FUND, name="Rabobank Utrecht")


def member_url(desk, member):
    return reverse("core:membership-detail", args=[desk.slug, member.pk])


def partner_data(organisation, **changes):
    return {
        "role": Role.PARTNER,
        "partner_kind": PartnerKind.FUND,
        "acts_for": "Rabo ClubSupport",
        "organisation": organisation.pk if organisation else "",
    } | changes


def test_a_coordinator_sets_the_organisation_a_partner_represents(
    coordinator_client, desk, coordinator, rabobank
):
    member = MembershipFactory(loket=desk, partner=True)
    page = coordinator_client.get(member_url(desk, member))
    assert 'for="id_organisation"' in page.text
    assert "Rabobank Utrecht" in page.text
    response = coordinator_client.post(member_url(desk, member), partner_data(rabobank))
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.organisation == rabobank
    page = coordinator_client.get(member_url(desk, member))
    # On the page, and in the history with the organisation's name.
    changes = page.context["history"][0]["changes"]
    assert any(c["new"] == "Rabobank Utrecht" for c in changes)
    assert page.text.count("Rabobank Utrecht") >= 2


def test_clubs_are_not_offered(coordinator_client, desk, club_in_register):
    member = MembershipFactory(loket=desk, partner=True)
    form = coordinator_client.get(member_url(desk, member)).context["form"]
    assert club_in_register not in form.fields["organisation"].queryset


@pytest.fixture
def club_in_register(desk):
    return OrganisationFactory.for_desk(desk, name="VV Domstad")


def test_only_partners_represent_an_organisation(coordinator_client, desk, rabobank):
    member = MembershipFactory(loket=desk, supporter=True)
    response = coordinator_client.post(
        member_url(desk, member),
        partner_data(rabobank, role=Role.SUPPORTER, partner_kind="", acts_for="Typed text"),
    )
    assert response.status_code == 400
    assert "organisation" in response.context["form"].errors
    assert 'value="Typed text"' in response.text
    member.refresh_from_db()
    assert member.organisation is None and member.role == Role.SUPPORTER


def test_an_organisation_outside_the_register_is_refused(coordinator_client, desk, other_desk):
    elsewhere = OrganisationFactory.for_desk(other_desk, kind=OrganisationKind.FUND)
    member = MembershipFactory(loket=desk, partner=True)
    response = coordinator_client.post(member_url(desk, member), partner_data(elsewhere))
    assert response.status_code == 400
    assert "organisation" in response.context["form"].errors
    member.refresh_from_db()
    assert member.organisation is None


def test_a_partner_who_becomes_a_viewer_no_longer_represents_it(coordinator_client, desk,
                                                                rabobank):  # fmt: skip
    member = MembershipFactory(loket=desk, partner=True, organisation=rabobank)
    response = coordinator_client.post(
        member_url(desk, member), {"role": Role.VIEWER, "partner_kind": "", "organisation": ""}
    )
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.role == Role.VIEWER and member.organisation is None


def test_the_service_checks_role_and_register(desk, other_desk, coordinator, rabobank):
    member = MembershipFactory(loket=desk, partner=True)
    with pytest.raises(ValidationError) as refused:
        services.membership_change_role(membership=member, role=Role.VIEWER, actor=coordinator,
                                        organisation=rabobank)  # fmt: skip
    assert "organisation" in refused.value.error_dict
    elsewhere = OrganisationFactory.for_desk(other_desk, kind=OrganisationKind.FUND)
    with pytest.raises(ValidationError) as refused:
        services.membership_change_role(membership=member, role=Role.PARTNER, actor=coordinator,
                                        partner_kind=PartnerKind.FUND, organisation=elsewhere)  # fmt: skip
    assert "organisation" in refused.value.error_dict
    changed = services.membership_change_role(membership=member, role=Role.PARTNER,
                                              actor=coordinator, partner_kind=PartnerKind.FUND,
                                              organisation=rabobank)  # fmt: skip
    assert changed.organisation == rabobank


def test_a_supporter_sees_whom_a_partner_represents_but_cannot_change_it(client, desk, rabobank):
    member = MembershipFactory(loket=desk, partner=True, organisation=rabobank)
    supporter = MembershipFactory(loket=desk, supporter=True).user
    client.force_login(supporter)
    page = client.get(member_url(desk, member))
    assert page.status_code == 200 and "Rabobank Utrecht" in page.text
    assert page.context["form"] is None
    assert client.post(member_url(desk, member), partner_data(None)).status_code == 403
    member.refresh_from_db()
    assert member.organisation == rabobank
