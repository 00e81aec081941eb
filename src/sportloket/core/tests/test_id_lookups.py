"""An id no database column can hold names no record: every lookup by id answers "none" instead
of SQLite's OverflowError (PostgreSQL compared it as a numeric)."""

import pytest
from django.urls import reverse

from sportloket.core.models import Municipality
from sportloket.registry.models import Organisation, Sport
from sportloket.registry.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

HUGE = 10**30


@pytest.mark.parametrize(
    "condition",
    [
        {"pk__in": [HUGE]},
        {"pk__in": [-HUGE]},
        {"municipality": HUGE},
        {"municipality_id": HUGE},
        {"municipality__in": [HUGE]},
        {"sports": HUGE},
        {"sports__in": [HUGE]},
        {"member_count__in": [HUGE]},
    ],
)
def test_a_lookup_by_an_id_out_of_range_finds_nothing(condition):
    OrganisationFactory()
    assert list(Organisation.objects.filter(**condition)) == []
    assert Organisation.objects.exclude(**condition).count() == 1


def test_in_range_ids_still_match_beside_an_out_of_range_one():
    organisation = OrganisationFactory()
    assert list(Organisation.objects.filter(pk__in=[organisation.pk, HUGE])) == [organisation]
    sport = Sport.objects.first()
    organisation.sports.add(sport)
    assert list(Organisation.objects.filter(sports__in=[sport.pk, HUGE])) == [organisation]


def test_a_30_digit_choice_in_a_multiple_choice_field_is_a_form_error(coordinator_client, desk):
    utrecht = Municipality.objects.get(code="GM0344")
    response = coordinator_client.post(
        reverse("core:desk-settings", args=[desk.slug]),
        {"name": desk.name, "work_area": [utrecht.pk, "1" * 30]},
    )
    assert response.status_code in (200, 400)
    assert "work_area" in response.context["form"].errors
