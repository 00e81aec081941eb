"""An organisation's own changes to its register data: plain details at once (as the provider,
in the history), a new name or KvK number waiting for a desk of its register, which approves
(applied) or refuses (with a reason); the desk's list of them, queries bounded."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from sportloket.core.tests.factories import MembershipFactory
from sportloket.registry import services
from sportloket.registry.models import ChangeStatus, ProviderChange
from sportloket.registry.tests.factories import (
    OrganisationFactory,
    PersonRoleFactory,
    ProviderChangeFactory,
)
from sportloket.testing.queries import assert_queries_do_not_grow

pytestmark = pytest.mark.django_db


def update(club, **fields):
    return services.provider_update(
        organisation=club, by_name="Sanne", by_email="sanne@club.example.org", fields=fields
    )


def test_plain_details_apply_at_once_and_identity_waits(desk):
    club = OrganisationFactory.for_desk(desk, name="VV Oost", kvk_number="12345678")
    recorded = update(club, city="Houten", postcode="3995ab", name="VV Oost-Houten")
    assert [c.status for c in recorded] == [ChangeStatus.APPLIED, ChangeStatus.PENDING]
    club.refresh_from_db()
    assert (club.city, club.postcode, club.name) == ("Houten", "3995 AB", "VV Oost")
    assert recorded[0].changes == {"city": ["Utrecht", "Houten"], "postcode": ["", "3995 AB"]}
    assert update(club, city="Houten") == []  # nothing differs: nothing recorded


def test_a_newer_request_replaces_the_one_waiting(desk):
    club = OrganisationFactory.for_desk(desk)
    update(club, name="Eerste naam")
    update(club, name="Tweede naam")
    first, second = ProviderChange.objects.order_by("pk")
    assert first.status == ChangeStatus.REJECTED
    assert first.decision_note == "Vervangen door een later verzoek."
    assert second.status == ChangeStatus.PENDING


def test_bad_values_are_refused_and_nothing_changes(desk):
    club = OrganisationFactory.for_desk(desk)
    taken = OrganisationFactory(kvk_number="87654321")
    with pytest.raises(ValidationError) as refused:
        update(club, postcode="12")
    assert "postcode" in refused.value.error_dict
    with pytest.raises(ValidationError) as refused:
        update(club, kvk_number=taken.kvk_number)
    assert "kvk_number" in refused.value.error_dict
    with pytest.raises(ValueError, match="Not editable"):
        update(club, status="inactive")
    assert not ProviderChange.objects.exists()


def test_only_a_desk_of_the_register_decides_and_a_refusal_says_why(desk, other_desk, coordinator):
    change = ProviderChangeFactory.for_desk(desk)
    outsider = MembershipFactory(loket=other_desk, coordinator=True).user
    with pytest.raises(PermissionDenied):
        services.provider_change_decide(
            change=change, loket=other_desk, actor=outsider, approve=True
        )
    with pytest.raises(ValidationError) as refused:
        services.provider_change_decide(change=change, loket=desk, actor=coordinator, approve=False)
    assert "note" in refused.value.error_dict
    services.provider_change_decide(change=change, loket=desk, actor=coordinator, approve=True)
    change.refresh_from_db()
    change.organisation.refresh_from_db()
    assert change.organisation.name == "Nieuwe naam"
    assert change.decided_by == coordinator
    with pytest.raises(ValidationError):
        services.provider_change_decide(change=change, loket=desk, actor=coordinator, approve=True)


def test_the_desks_list_puts_waiting_changes_first_and_does_not_grow(coordinator_client, desk):
    club = OrganisationFactory.for_desk(desk)
    update(club, city="Houten")
    ProviderChangeFactory.for_desk(desk)
    url = reverse("registry:provider-change-list", args=[desk.slug])

    def add(n):
        for _ in range(n):
            ProviderChangeFactory.for_desk(desk, status=ChangeStatus.APPLIED,
                                           changes={"city": ["a", "b"]})  # fmt: skip

    _first, second = assert_queries_do_not_grow(
        lambda: coordinator_client.get(url), add, more=10, max_queries=12
    )
    rows = list(second.context["page_obj"])
    assert rows[0].status == ChangeStatus.PENDING
    assert len(rows) == 12


def test_a_partner_reads_the_changes_without_peoples_names(client, desk):
    club = OrganisationFactory.for_desk(desk)
    services.provider_role_add(
        organisation=club, loket=desk, by_name="Sanne Kuipers", by_email="sanne@club.example.org",
        full_name="Piet de Vries", function="chair",
    )  # fmt: skip
    client.force_login(MembershipFactory(loket=desk, partner=True).user)
    for url in (
        reverse("registry:provider-change-list", args=[desk.slug]),
        reverse("registry:organisation-detail", args=[desk.slug, club.pk]),
    ):
        text = client.get(url).content.decode()
        assert "Bestuur en contactpersonen" in text or "bestuur en contactpersonen" in text
        assert "Piet de Vries" not in text and "Sanne Kuipers" not in text, url


def test_a_new_board_member_is_a_new_person_whatever_the_desk_knows(desk):
    known = PersonRoleFactory.for_desk(desk, person__email="jan@example.org",
                                       person__phone="+31612345678")  # fmt: skip
    club = OrganisationFactory.for_desk(desk)
    role = services.provider_role_add(
        organisation=club, loket=desk, by_name="Sanne", by_email="sanne@club.example.org",
        full_name="Iemand", function="chair", email="jan@example.org",
    )  # fmt: skip
    assert role.person_id != known.person_id
    assert role.person.full_name == "Iemand" and role.person.phone == ""
