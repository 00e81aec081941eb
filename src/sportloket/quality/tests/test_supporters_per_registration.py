"""Matching counts the qualified supporters for every registration at once."""

import datetime

import pytest

from sportloket.core.tests.factories import MembershipFactory
from sportloket.quality import selectors, services
from sportloket.quality.tests.factories import QualityRegistrationFactory as Reg

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 3, 2)


def test_every_registration_counted_at_once_as_one_by_one(
    desk, other_desk, coordinator, django_assert_num_queries
):
    services.rule_save(loket=desk, groups=[[("vog", None, "")]], actor=coordinator)
    people = [MembershipFactory(loket=desk, supporter=True).user for _ in range(4)]
    Reg(user=people[0])
    Reg(user=people[0], spn=True)
    Reg(user=people[1])
    Reg(user=people[1], kss=True, level=4)
    Reg(user=people[2], spn=True)  # no VOG: does not meet the rule
    Reg(user=people[3])
    Reg(user=people[3], spn=True, valid_until=TODAY - datetime.timedelta(days=1))  # lapsed
    outsider = MembershipFactory(loket=other_desk, supporter=True).user
    Reg(user=outsider)
    Reg(user=outsider, spn=True)
    wanted = ["spn", "kss", "ask", "lab", "vog"]
    with django_assert_num_queries(2):
        counts = selectors.qualified_supporters_per_registration(
            loket_id=desk.pk, registrations=wanted, on=TODAY
        )
    assert counts == {"spn": 1, "kss": 1, "ask": 0, "lab": 0, "vog": 3}
    for registration in wanted:
        one = selectors.qualified_supporters(loket=desk, registration=registration, on=TODAY)
        assert counts[registration] == one
