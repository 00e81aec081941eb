"""The catalogue's write rules: offering_save (register, scope, themes, active period, who
manages it) and weights_save (0 to 10, something must count)."""

import datetime

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import ValidationError

from sportloket.accounts.tests.factories import UserFactory
from sportloket.core.tests.factories import LoketFactory
from sportloket.offerings import selectors, services
from sportloket.offerings.constants import OfferingKind, OfferingScope, OfferingStatus
from sportloket.offerings.models import Offering
from sportloket.offerings.tests.factories import OfferingFactory
from sportloket.registry.constants import OrganisationKind
from sportloket.registry.models import Sport
from sportloket.registry.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def federation(desk):
    """A supporting organisation in the register of the desk."""
    return OrganisationFactory.for_desk(
        desk, name="KNVB District", kind=OrganisationKind.FEDERATION
    )


def save(*, actor, loket, **overrides):
    fields = {
        "title": "Vrijwilligersbeleid op orde",
        "description": "Drie avonden met het bestuur.",
        "kind": OfferingKind.COACHING,
        "theme_keys": ["volunteers"],
    }
    fields.update(overrides)
    return services.offering_save(actor=actor, loket=loket, **fields)


def errors(excinfo) -> dict:
    return excinfo.value.message_dict


def test_a_desk_adds_an_offering_with_its_themes_sports_and_audit_entry(
    desk, coordinator, federation
):
    hockey = Sport.objects.get(slug="hockey")
    offering = save(
        actor=coordinator,
        loket=desk,
        delivered_by=federation,
        theme_keys=["volunteers", "governance", "volunteers"],
        sports=[hockey],
        cost_cents=125050,
        capacity=12,
    )
    offering.refresh_from_db()
    assert offering.loket == desk and offering.scope == OfferingScope.DESK
    assert offering.cost_cents == 125050
    assert sorted(offering.themes.values_list("key", flat=True)) == ["governance", "volunteers"]
    assert list(offering.sports.all()) == [hockey]
    entries = list(LogEntry.objects.get_for_object(offering))
    assert entries and {entry.actor for entry in entries} == {coordinator}
    # Only named fields go into the history (a reverse relation cannot be shown there).
    assert not any("themes" in entry.changes_dict for entry in entries)


def test_the_delivering_organisation_must_be_in_the_desks_register(desk, coordinator):
    elsewhere = OrganisationFactory(kind=OrganisationKind.FEDERATION)  # in no register of desk
    with pytest.raises(ValidationError) as excinfo:
        save(actor=coordinator, loket=desk, delivered_by=elsewhere)
    assert "delivered_by" in errors(excinfo)
    assert not Offering.objects.exists()


def test_a_desk_cannot_share_an_offering_nationally(desk, coordinator, federation):
    with pytest.raises(ValidationError) as excinfo:
        save(actor=coordinator, loket=desk, delivered_by=federation, scope=OfferingScope.NATIONAL)
    assert "scope" in errors(excinfo)


def test_an_offering_without_a_desk_is_national():
    national_body = OrganisationFactory(kind=OrganisationKind.SUPPORT)
    offering = services.offering_save(
        actor=UserFactory(national=True),
        title="Menukaart: clubkadercursus",
        description="Uit het landelijke dienstenmenu.",
        kind=OfferingKind.SERVICES_MENU,
        delivered_by=national_body,
        scope=OfferingScope.DESK,  # a national offering is national whatever is asked
        theme_keys=["training"],
    )
    assert offering.loket is None and offering.scope == OfferingScope.NATIONAL


def test_a_region_keeps_its_desks_and_desk_scope_clears_them(desk, coordinator, federation):
    neighbour = LoketFactory(slug="gamma")
    offering = save(
        actor=coordinator,
        loket=desk,
        delivered_by=federation,
        scope=OfferingScope.REGION,
        shared_with=[neighbour, desk],  # the desk itself is not "shared with"
    )
    assert list(offering.shared_with.all()) == [neighbour]
    assert offering in selectors.visible_offerings(loket=neighbour)

    services.offering_save(
        actor=coordinator,
        loket=desk,
        offering=offering,
        scope=OfferingScope.DESK,
        theme_keys=["volunteers"],
        shared_with=[neighbour],
    )
    assert not offering.shared_with.exists()
    assert offering not in selectors.visible_offerings(loket=neighbour)


def test_a_region_needs_a_desk_to_share_with(desk, coordinator, federation):
    with pytest.raises(ValidationError) as excinfo:
        save(
            actor=coordinator,
            loket=desk,
            delivered_by=federation,
            scope=OfferingScope.REGION,
            shared_with=[desk],
        )
    assert "shared_with" in errors(excinfo)


def test_an_offering_serves_at_least_one_theme(desk, coordinator, federation):
    with pytest.raises(ValidationError) as excinfo:
        save(actor=coordinator, loket=desk, delivered_by=federation, theme_keys=[])
    assert "theme_keys" in errors(excinfo)
    assert not Offering.objects.exists()


def test_changing_the_themes_replaces_them(desk, coordinator, federation):
    offering = save(actor=coordinator, loket=desk, delivered_by=federation,
                    theme_keys=["volunteers", "finances"])  # fmt: skip
    services.offering_save(
        actor=coordinator, loket=desk, offering=offering, theme_keys=["finances", "governance"]
    )
    assert sorted(offering.themes.values_list("key", flat=True)) == ["finances", "governance"]


def test_the_active_period_cannot_end_before_it_starts(desk, coordinator, federation):
    with pytest.raises(ValidationError) as excinfo:
        save(
            actor=coordinator,
            loket=desk,
            delivered_by=federation,
            active_from=datetime.date(2025, 9, 1),
            active_until=datetime.date(2025, 8, 31),
        )
    assert errors(excinfo)
    assert not Offering.objects.exists()
    same_day = save(
        actor=coordinator,
        loket=desk,
        delivered_by=federation,
        active_from=datetime.date(2025, 9, 1),
        active_until=datetime.date(2025, 9, 1),
    )
    assert same_day.pk


def test_a_desk_cannot_change_another_desks_or_a_national_offering(desk, other_desk, coordinator):
    for offering in (OfferingFactory(loket=other_desk), OfferingFactory(national=True)):
        with pytest.raises(ValidationError):
            services.offering_save(
                actor=coordinator,
                loket=desk,
                offering=offering,
                title="Overgenomen",
                theme_keys=["volunteers"],
            )
        offering.refresh_from_db()
        assert offering.title != "Overgenomen"


def test_unknown_fields_are_a_programming_error(desk, coordinator):
    with pytest.raises(ValueError, match="colour"):
        services.offering_save(actor=coordinator, loket=desk, colour="red", theme_keys=["x"])


def test_status_changes_are_saved(desk, coordinator, federation):
    offering = save(actor=coordinator, loket=desk, delivered_by=federation)
    services.offering_save(
        actor=coordinator,
        loket=desk,
        offering=offering,
        status=OfferingStatus.ARCHIVED,
        theme_keys=["volunteers"],
    )
    offering.refresh_from_db()
    assert offering.status == OfferingStatus.ARCHIVED


def test_only_the_national_team_manages_national_offerings(coordinator):
    with pytest.raises(ValidationError) as excinfo:
        services.offering_save(
            actor=coordinator,
            title="Menukaart: clubkadercursus",
            description="Uit het landelijke dienstenmenu.",
            kind=OfferingKind.SERVICES_MENU,
            delivered_by=OrganisationFactory(kind=OrganisationKind.SUPPORT),
            theme_keys=["training"],
        )
    assert "landelijke team" in str(excinfo.value)
    assert not Offering.objects.exists()
