"""Counts over a desk: qualified supporters (for matching), expiring registrations, figures."""

import datetime

import pytest

from sportloket.core.tests.factories import MembershipFactory
from sportloket.quality import selectors, services
from sportloket.quality.tests.factories import QualityRegistrationFactory as Reg

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 3, 2)
DAY = datetime.timedelta(days=1)
VOG = [("vog", None, "")]
SPN_OR_KSS3 = [("spn", None, ""), ("kss", 3, "")]


def member(desk, **traits):
    return MembershipFactory(loket=desk, **({"supporter": True} | traits)).user


@pytest.fixture
def team(desk, other_desk, coordinator):
    """A desk whose rule is a VOG plus SPN or KSS 3+, and people in every situation."""
    services.rule_save(loket=desk, groups=[VOG, SPN_OR_KSS3], actor=coordinator)
    people = {
        "complete": member(desk),  # VOG + SPN
        "kss": member(desk),  # VOG + KSS 4, the VOG expiring in 60 days
        "lapsed": member(desk),  # SPN, VOG expired yesterday
        "new": member(desk),  # nothing yet
        "low": member(desk),  # VOG + KSS 2
    }
    Reg(user=people["complete"])
    Reg(user=people["complete"], spn=True, valid_until=TODAY + 61 * DAY)
    Reg(user=people["kss"], valid_until=TODAY + 60 * DAY)
    Reg(user=people["kss"], kss=True, level=4)
    Reg(user=people["lapsed"], spn=True)
    Reg(user=people["lapsed"], valid_until=TODAY - DAY)
    Reg(user=people["low"])
    Reg(user=people["low"], kss=True, level=2)
    # Not counted: a viewer, a former supporter and a supporter of another desk who meet it.
    for user in (
        member(desk, supporter=False),
        member(desk, ended=True),
        member(other_desk),
    ):
        Reg(user=user)
        Reg(user=user, spn=True)
    return people


def test_qualified_supporters_meet_the_rule_and_hold_the_registration(
    desk, team, django_assert_num_queries
):
    with django_assert_num_queries(2):
        assert selectors.qualified_supporters(loket=desk, registration="spn", on=TODAY) == 1
    assert selectors.qualified_supporters(loket=desk, registration="kss", on=TODAY) == 1
    assert selectors.qualified_supporters(loket=desk, registration="", on=TODAY) == 2
    assert selectors.qualified_supporters(loket=desk, registration="vog", on=TODAY) == 2
    assert selectors.qualified_supporters(loket=desk, registration="lab", on=TODAY) == 0
    # The VOG of "kss" is valid through its last day, and no longer the day after.
    last = TODAY + 60 * DAY
    assert selectors.qualified_supporters(loket=desk, registration="kss", on=last) == 1
    assert selectors.qualified_supporters(loket=desk, registration="kss", on=last + DAY) == 0


def test_qualified_supporters_without_a_desk_rule(desk, other_desk, django_assert_num_queries):
    member(desk)
    Reg(user=member(desk), spn=True)
    Reg(user=member(desk, supporter=False), spn=True)  # a viewer does not act for the desk
    Reg(user=member(other_desk), spn=True)
    with django_assert_num_queries(2):
        assert selectors.qualified_supporters(loket=desk, registration="", on=TODAY) == 2
    with django_assert_num_queries(2):
        assert selectors.qualified_supporters(loket=desk, registration="spn", on=TODAY) == 1


def test_the_count_does_not_grow_its_queries_with_the_team(desk, team, django_assert_num_queries):
    for _ in range(15):
        user = member(desk)
        Reg(user=user)
        Reg(user=user, kss=True, level=5)
    with django_assert_num_queries(2):
        assert selectors.qualified_supporters(loket=desk, registration="kss", on=TODAY) == 16
    with django_assert_num_queries(4):
        assert selectors.quality_figures(loket=desk, on=TODAY).meeting == 17


def test_expiring_lists_what_ends_within_60_days_and_is_not_renewed(desk, team):
    assert [(r.user, r.system) for r in selectors.expiring(loket=desk, on=TODAY)] == [
        (team["kss"], "vog")
    ]
    assert list(selectors.expiring(loket=desk, on=TODAY, days=59)) == []
    assert len(selectors.expiring(loket=desk, on=TODAY, days=61)) == 2
    Reg(user=team["kss"], valid_from=TODAY + 30 * DAY)  # the new VOG is in
    assert list(selectors.expiring(loket=desk, on=TODAY)) == []


def test_a_renewal_must_be_of_the_same_line_to_silence_the_warning(desk):
    user = member(desk)
    Reg(user=user, kss=True, line="Trainer-coach", valid_until=TODAY + 10 * DAY)
    Reg(user=user, kss=True, line="official", valid_until=TODAY + 900 * DAY)
    assert [r.line for r in selectors.expiring(loket=desk, on=TODAY)] == ["Trainer-coach"]
    Reg(user=user, kss=True, line="trainer-coach", valid_until=TODAY + 900 * DAY)
    assert list(selectors.expiring(loket=desk, on=TODAY)) == []


def test_quality_figures(desk, team, django_assert_num_queries):
    with django_assert_num_queries(4):
        figures = selectors.quality_figures(loket=desk, on=TODAY)
    # The coordinator from the fixture counts too: coordinators act for the desk as well.
    assert figures == selectors.QualityFigures(
        supporters=6, meeting=2, expiring_soon=1, lapsed=1, has_rule=True
    )
    assert figures.share_meeting == pytest.approx(2 / 6)
    # Two months on, the VOG of "kss" has lapsed as well.
    later = selectors.quality_figures(loket=desk, on=TODAY + 61 * DAY)
    assert (later.meeting, later.lapsed) == (1, 2)


def test_quality_figures_without_a_rule_or_a_team(desk, other_desk):
    figures = selectors.quality_figures(loket=other_desk, on=TODAY)
    assert figures == selectors.QualityFigures(
        supporters=0, meeting=0, expiring_soon=0, lapsed=0, has_rule=False
    )
    assert figures.share_meeting is None
    member(desk)
    figures = selectors.quality_figures(loket=desk, on=TODAY)
    assert (figures.supporters, figures.meeting, figures.share_meeting) == (1, 1, 1.0)
