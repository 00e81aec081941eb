"""An organisation's relations with advisers outside the desk: recorded with who, since when
and about what, ended by the desk that recorded them, counted on the organisation's page."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from sportloket.core.tests.factories import MembershipFactory
from sportloket.registry import services
from sportloket.registry.tests.factories import AdviserRelationFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


def test_a_relation_is_recorded_and_ended(desk, coordinator):
    club = OrganisationFactory.for_desk(desk)
    with pytest.raises(ValidationError) as error:
        services.adviser_relation_add(
            loket=desk, organisation=club, actor=coordinator, kind="nope", adviser_name=" ",
            since=timezone.localdate() + datetime.timedelta(days=1),
        )  # fmt: skip
    assert set(error.value.error_dict) == {"kind", "adviser_name", "since"}
    relation = services.adviser_relation_add(
        loket=desk, organisation=club, actor=coordinator, kind="federation",
        adviser_name=" Jan Jansen ", since=datetime.date(2024, 3, 1), about="ledenwerving",
    )  # fmt: skip
    assert relation.adviser_name == "Jan Jansen"
    with pytest.raises(ValidationError):
        services.adviser_relation_end(
            relation=relation, actor=coordinator, ended_on=datetime.date(2024, 1, 1)
        )
    services.adviser_relation_end(relation=relation, actor=coordinator)
    assert club.adviser_relations.current().count() == 0


def test_the_organisation_page_counts_them_and_the_list_records_one(client, desk, coordinator):
    relation = AdviserRelationFactory.for_desk(desk)
    club = relation.organisation
    client.force_login(coordinator)
    page = client.get(reverse("registry:organisation-detail", args=[desk.slug, club.pk]))
    assert "1 huidige relatie met een adviseur" in page.content.decode()
    url = reverse("registry:advisers", args=[desk.slug, club.pk])
    refused = client.post(url, {"kind": "clubsupport", "adviser_name": "", "about": "bar"})
    assert refused.status_code == 400
    assert refused.context["form"]["about"].value() == "bar"  # nothing typed is lost
    assert "adviser_name" in refused.context["form"].errors
    done = client.post(url, {"kind": "clubsupport", "adviser_name": "Rabo Ria"})
    assert done.status_code == 302
    assert club.adviser_relations.current().count() == 2
    listing = client.get(url).content.decode()
    assert "Rabo Ria" in listing and "Jan de Verenigingsadviseur" in listing


def test_only_the_recording_desk_ends_a_relation_and_viewers_do_not_record(
    client, desk, other_desk
):
    relation = AdviserRelationFactory.for_desk(other_desk)
    coordinator = MembershipFactory(loket=desk, coordinator=True).user
    client.force_login(coordinator)
    url = reverse("registry:adviser-end", args=[desk.slug, relation.pk])
    assert client.post(url).status_code == 404
    viewer = MembershipFactory(loket=desk, role="viewer").user
    club = OrganisationFactory.for_desk(desk)
    client.force_login(viewer)
    url = reverse("registry:advisers", args=[desk.slug, club.pk])
    assert client.get(url).status_code == 200
    assert client.post(url, {"kind": "other", "adviser_name": "X"}).status_code == 403


def test_another_desks_relations_stay_its_own(client, desk, other_desk, coordinator):
    club = OrganisationFactory.for_desk(desk)
    AdviserRelationFactory(organisation=club, loket=other_desk, adviser_name="Elders Bekend")
    client.force_login(coordinator)
    page = client.get(reverse("registry:organisation-detail", args=[desk.slug, club.pk]))
    assert "0 huidige relaties met adviseurs" in page.content.decode()
    listing = client.get(reverse("registry:advisers", args=[desk.slug, club.pk]))
    assert "Elders Bekend" not in listing.content.decode()
