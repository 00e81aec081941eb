"""The small reads the funds pages add: the years to filter on, a fund's allocations (also as
the ledger's lines, a page at a time) and the changes of its amount as querysets to paginate,
and whether a member approves a fund's allocations."""

import dataclasses
import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from sportloket.core.models import Membership, Municipality
from sportloket.decisions.tests.factories import make_decision
from sportloket.funds import lines, selectors, services
from sportloket.funds.models import AllocationChange
from sportloket.funds.tests.factories import AllocationFactory, FundFactory
from sportloket.helprequests.tests.factories import HelpRequestFactory

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


def test_a_page_of_the_ledger_as_lines_in_two_queries(desk, other_desk):
    fund = FundFactory(loket=desk)
    older = AllocationFactory(fund=fund)
    newer = AllocationFactory(fund=fund, proposed=True)
    AllocationChange.objects.filter(allocation=newer).delete()  # a history of none
    AllocationFactory.for_desk(other_desk)
    AllocationFactory(fund=FundFactory(loket=desk))
    with CaptureQueriesContext(connection) as queries:
        found = lines.page_lines(lines.ledger_keys(fund=fund)[:25])
    assert len(queries) == 2  # the allocations joined to their changes; their themes
    assert [line.pk for line in found] == [newer.pk, older.pk]
    assert [[move.to_state for move in line.history] for line in found] == [
        [],
        ["proposed", "approved"],
    ]
    assert [line.pk for line in lines.page_lines(lines.ledger_keys(fund=fund)[1:2])] == [older.pk]
    assert lines.page_lines(lines.ledger_keys(fund=fund)[2:3]) == []


def test_the_ledgers_lines_are_those_of_the_allocations_read_as_models(
    desk, coordinator, club, volunteers, finances
):
    fund = FundFactory(loket=desk)
    club.municipality = Municipality.objects.first()
    club.save()
    decision = make_decision(desk, decided_by=coordinator, organisation=club,
                             themes=[volunteers, finances], outside_cents=500)  # fmt: skip
    paid = AllocationFactory(fund=fund, decision=decision, amount_cents=1_000)
    services.allocation_pay(allocation=paid, paid_cents=900, actor=coordinator, note="Klaar")
    asker = HelpRequestFactory(loket=desk, organisation=None, organisation_name="Los")
    AllocationFactory(fund=fund, proposed=True,
                      decision=make_decision(desk, decided_by=coordinator, help_request=asker))  # fmt: skip
    as_models = list(selectors.fund_allocations(fund=fund).select_related("fund"))
    expected = [dataclasses.replace(line, allocation=None) for line in lines.lines_of(as_models)]
    found = lines.page_lines(lines.ledger_keys(fund=fund))
    assert [dataclasses.replace(line, fund_name=fund.name) for line in found] == expected
    assert found[1].organisation == club.name and found[1].municipality
    assert found[0].organisation == "Los" and found[0].municipality is None
    assert found[1].history[-1] == lines.Move(
        found[1].history[-1].at, str(coordinator), "paid", 900, "Klaar"
    )


@pytest.mark.parametrize(
    ("role", "approves"),
    [("representative", True), ("other_partner", False), ("coordinator", False),
     ("supporter", False), ("viewer", False)],
)  # fmt: skip
def test_a_member_approves_as_may_approve_says(request, desk, new_fund, role, approves):
    fund = new_fund(approval_threshold_cents=0)
    user = request.getfixturevalue(role)
    membership = Membership.objects.active().get(user=user, loket=desk)
    assert selectors.may_approve(user=user, fund=fund) is approves
    assert selectors.member_approves(membership, fund) is approves
