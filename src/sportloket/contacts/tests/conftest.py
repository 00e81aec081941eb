import datetime

import pytest

from sportloket.core.models import Municipality
from sportloket.core.tests.factories import MembershipFactory

# The fixed "today" of the work-list tests.
TODAY = datetime.date(2026, 6, 15)


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
def other_supporter(desk):
    return MembershipFactory(loket=desk, supporter=True).user


@pytest.fixture
def partner(desk):
    return MembershipFactory(loket=desk, partner=True).user
