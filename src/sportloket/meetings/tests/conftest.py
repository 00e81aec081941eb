import pytest

from sportloket.core.models import Municipality
from sportloket.registry.constants import OrganisationKind
from sportloket.registry.tests.factories import OrganisationFactory, PersonRoleFactory


@pytest.fixture
def utrecht(db):
    return Municipality.objects.get(code="GM0344")


@pytest.fixture
def houten(db):
    return Municipality.objects.get(code="GM0321")


@pytest.fixture
def area_desk(desk, utrecht, houten):
    """The desk serving Utrecht and Houten."""
    desk.work_area.set([utrecht, houten])
    return desk


@pytest.fixture
def platform(area_desk, utrecht):
    return OrganisationFactory(
        name="Sportplatform Utrecht", kind=OrganisationKind.SPORT_PLATFORM, municipality=utrecht
    )


def contact(organisation, loket, *, consents=True, **person):
    """A contact person of ``organisation`` recorded by ``loket``."""
    return PersonRoleFactory(
        organisation=organisation,
        loket=loket,
        person__consents_to_contact=consents,
        **{f"person__{k}": v for k, v in person.items()},
    ).person
