"""The small reads the funds pages add: the years to filter on, a fund's allocations and the
changes of its amount as querysets to paginate."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from sportloket.funds import selectors, services
from sportloket.funds.tests.factories import AllocationFactory, FundFactory

pytestmark = pytest.mark.django_db


def test_the_years_of_the_desks_funds_newest_first(desk, other_desk):
    this_year = timezone.localdate().year
    assert selectors.fund_years(loket=desk) == [this_year]
    FundFactory(loket=desk, starts_on=datetime.date(2019, 7, 1), ends_on=datetime.date(2021, 6, 30))
    FundFactory(loket=other_desk, starts_on=datetime.date(2000, 1, 1),
                ends_on=datetime.date(2000, 12, 31))  # fmt: skip
    with CaptureQueriesContext(connection) as queries:
        years = selectors.fund_years(loket=desk)
    assert len(queries) == 1
    assert years == list(range(this_year, 2018, -1))


def test_a_funds_allocations_newest_first_with_their_history(desk, other_desk):
    fund = FundFactory(loket=desk)
    older = AllocationFactory(fund=fund)
    newer = AllocationFactory(fund=fund, proposed=True)
    AllocationFactory.for_desk(other_desk)
    AllocationFactory(fund=FundFactory(loket=desk))
    with CaptureQueriesContext(connection) as queries:
        found = list(selectors.fund_allocations(fund=fund))
        histories = [[c.to_state for c in a.changes.all()] for a in found]
        names = [a.decision.help_request.organisation.name for a in found]
    assert found == [newer, older]
    assert histories == [["proposed"], ["proposed", "approved"]]
    assert all(names)
    assert len(queries) == 3


def test_the_changes_of_an_amount_newest_first(desk, coordinator):
    fund = FundFactory(loket=desk)
    services.fund_amount_change(fund=fund, new_cents=2_000_000, reason="Meer", actor=coordinator)
    services.fund_amount_change(fund=fund, new_cents=1_500_000, reason="Minder", actor=coordinator)
    changes = list(selectors.fund_amount_changes(fund=fund))
    assert [(c.reason, c.actor) for c in changes] == [
        ("Minder", coordinator),
        ("Meer", coordinator),
    ]
