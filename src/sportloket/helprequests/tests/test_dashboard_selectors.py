"""The reads of the desk's dashboard on questions: what waits for a member (counted as the inbox
filters it), and per month the questions in and decided with the median response times (as the
response figures count them), each in a fixed number of queries."""

import datetime

import pytest
from django.utils import timezone
from freezegun import freeze_time

from sportloket.core.tests.factories import MembershipFactory
from sportloket.helprequests import selectors
from sportloket.helprequests.constants import RequestState
from sportloket.helprequests.models import Assignment
from sportloket.helprequests.tests.factories import HelpRequestFactory

pytestmark = pytest.mark.django_db

D = datetime.date
TODAY = D(2026, 6, 15)


def at(day, hour=12):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def question(desk, state=RequestState.SUBMITTED, *, assignee=None, **fields):
    fields.setdefault("respond_by", D(2026, 6, 30))
    fields.setdefault("decide_by", D(2026, 7, 30))
    help_request = HelpRequestFactory(loket=desk, state=state, **fields)
    if assignee is not None:
        Assignment.objects.create(
            help_request=help_request, supporter=assignee, assigned_by=assignee
        )
    return help_request


@pytest.fixture
def members(desk):
    coordinator = MembershipFactory(loket=desk, coordinator=True)
    supporter = MembershipFactory(loket=desk, supporter=True)
    return coordinator, supporter


def test_what_waits_counted_as_the_inbox_filters_it(desk, members, django_assert_num_queries):
    coordinator, supporter = members
    question(desk, respond_by=D(2026, 6, 1))  # new and overdue
    question(desk)  # new
    question(desk, RequestState.TRIAGE, assignee=coordinator.user, decide_by=D(2026, 6, 1))
    question(desk, RequestState.MATCHED, assignee=supporter.user, decided_at=at(D(2026, 6, 2)))
    question(desk, RequestState.ON_HOLD, assignee=coordinator.user, respond_by=D(2026, 6, 1))
    question(desk, RequestState.REJECTED, assignee=coordinator.user, respond_by=D(2026, 6, 1))
    ended = question(desk, RequestState.TRIAGE, assignee=coordinator.user)
    Assignment.objects.filter(help_request=ended).update(ended_at=at(D(2026, 6, 3)))

    with django_assert_num_queries(1):
        counts = selectors.dashboard_counts(membership=coordinator, today=TODAY)

    # On hold is never overdue; a closed question waits for nothing; an ended assignment is
    # nobody's: that question is not new (it is in triage), but it is unassigned.
    assert counts == {
        "new": 2,
        "mine": 2,
        "mine_overdue": 1,
        "overdue": 2,
        "waiting_decision": 4,
    }
    for_supporter = selectors.dashboard_counts(membership=supporter, today=TODAY)
    assert (for_supporter["mine"], for_supporter["mine_overdue"]) == (1, 0)


def test_the_counts_agree_with_the_inbox(desk, members):
    coordinator, _supporter = members
    question(desk, respond_by=D(2026, 6, 1))
    question(desk, RequestState.TRIAGE, assignee=coordinator.user, decide_by=D(2026, 6, 1))
    question(desk, RequestState.IN_PROGRESS, decided_at=at(D(2026, 6, 2)))
    with freeze_time("2026-06-15 10:00"):
        counts = selectors.dashboard_counts(membership=coordinator)
        inbox = {
            "new": {"state": "submitted", "assignee": "none"},
            "mine": {"state": "open", "assignee": "me"},
            "mine_overdue": {"state": "open", "assignee": "me", "overdue": True},
            "overdue": {"state": "open", "overdue": True},
            "waiting_decision": {"state": "open", "waiting": "decision"},
        }
        for key, filters in inbox.items():
            listed = selectors.inbox(membership=coordinator, **filters).count()
            assert listed == counts[key], key


def test_questions_in_and_decided_per_month_in_the_desks_time_zone(desk, django_assert_num_queries):
    # 23:30 on 31 May in Amsterdam is still May; 00:30 on 1 June is June.
    question(desk, submitted_at=at(D(2026, 5, 31), hour=23) + datetime.timedelta(minutes=30))
    question(desk, submitted_at=at(D(2026, 6, 1), hour=0) + datetime.timedelta(minutes=30))
    question(desk, submitted_at=at(D(2026, 4, 2)), decided_at=at(D(2026, 6, 3)))
    question(desk, submitted_at=at(D(2025, 12, 2)))  # before the six months
    starts = selectors.month_starts(months=3, today=TODAY)
    assert starts == [D(2026, 4, 1), D(2026, 5, 1), D(2026, 6, 1)]

    with django_assert_num_queries(1):
        rows = selectors.month_figures(loket=desk, starts=starts)

    assert [(r["month"], r["in"], r["decided"]) for r in rows] == [
        (D(2026, 4, 1), 1, 0),
        (D(2026, 5, 1), 1, 0),
        (D(2026, 6, 1), 1, 1),
    ]


def test_month_starts_cross_the_year():
    assert selectors.month_starts(months=3, today=D(2026, 2, 10)) == [
        D(2025, 12, 1),
        D(2026, 1, 1),
        D(2026, 2, 1),
    ]


def test_the_medians_are_those_of_the_response_figures(desk, django_assert_num_queries):
    for day, response_days, decision_days in [
        (D(2026, 6, 2), 1, None),
        (D(2026, 6, 3), 2, 9),
        (D(2026, 6, 4), 4, 12),
        (D(2026, 5, 4), 3, 20),
    ]:
        question(
            desk,
            first_response_at=at(day),
            first_response_days=response_days,
            decided_at=at(day) if decision_days else None,
            decision_days=decision_days,
        )
    starts = selectors.month_starts(months=3, today=TODAY)

    with django_assert_num_queries(1):
        medians = selectors.month_figures(loket=desk, starts=starts)

    figures = {row["month"]: row for row in selectors.response_figures(loket=desk, today=TODAY)}
    assert medians[0] == {
        "month": D(2026, 4, 1),
        "in": 0,
        "decided": 0,
        "response": None,
        "decision": None,
    }
    for row in medians[1:]:
        for key in ("response", "decision"):
            expected = figures[row["month"]][key]
            assert row[key] == {"count": expected["count"], "median": expected["median"]}
    assert medians[2]["response"] == {"count": 3, "median": 2}
    assert medians[2]["decision"] == {"count": 2, "median": 10.5}
    assert medians[2]["decided"] == 2


def test_a_decision_without_working_days_is_decided_but_not_in_the_median(desk):
    question(desk, submitted_at=at(D(2026, 6, 1)), decided_at=at(D(2026, 6, 2)))
    question(desk, submitted_at=at(D(2026, 6, 1)), decided_at=at(D(2026, 6, 2)), decision_days=3)

    [june] = selectors.month_figures(loket=desk, starts=[D(2026, 6, 1)])

    assert (june["in"], june["decided"]) == (2, 2)
    assert june["decision"] == {"count": 1, "median": 3}
    assert june["response"] is None
