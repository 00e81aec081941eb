"""model_update: the one way a service sets a record's plain fields."""

import pytest
from django.core.exceptions import ValidationError

from sportloket.core.services import model_update
from sportloket.core.tests.factories import LoketFactory
from sportloket.offerings.models import Offering
from sportloket.registry.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def test_it_sets_the_allowed_fields_and_says_which_changed():
    desk = LoketFactory(name="Oud", email="a@example.org")
    changed = model_update(
        desk, {"name": "Nieuw", "email": "a@example.org"}, allowed=["name", "email"]
    )
    assert changed == ["name"]
    assert desk.name == "Nieuw"
    desk.refresh_from_db()
    assert desk.name == "Oud"  # nothing is saved: the service saves in its transaction


def test_a_field_outside_the_whitelist_is_a_programming_error():
    desk = LoketFactory()
    with pytest.raises(ValueError, match="slug"):
        model_update(desk, {"slug": "anders"}, allowed=["name"])


def test_the_models_own_validation_runs():
    desk = LoketFactory()
    with pytest.raises(ValidationError) as refused:
        model_update(desk, {"email": "geen adres"}, allowed=["email"])
    assert "email" in refused.value.message_dict


def test_a_relation_not_set_yet_counts_as_changed():
    organisation = OrganisationFactory()
    offering = Offering()
    assert model_update(
        offering, {"delivered_by": organisation}, allowed=["delivered_by"], clean=False
    ) == ["delivered_by"]
