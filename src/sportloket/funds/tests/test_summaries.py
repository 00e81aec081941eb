"""The reads on money for the desk's dashboard: the allocations waiting for approval (the
partner's own and the desk's), what is left of each fund in use that a member sees, and the
money committed and paid per month."""

import datetime

import pytest
from django.utils import timezone
from freezegun import freeze_time

from sportloket.core.tests.factories import MembershipFactory
from sportloket.funds import summaries
from sportloket.funds.constants import AllocationState
from sportloket.funds.models import AllocationChange
from sportloket.funds.tests.factories import AllocationFactory, FundFactory
from sportloket.registry.constants import OrganisationKind
from sportloket.registry.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

D = datetime.date


def at(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))


@pytest.fixture
def owner(desk):
    return OrganisationFactory.for_desk(desk, kind=OrganisationKind.MUNICIPALITY, name="Gemeente")


def test_approvals_waiting_for_the_partner_and_for_the_desk(desk, owner, coordinator):
    partner = MembershipFactory(loket=desk, partner=True, organisation=owner)
    AllocationFactory(fund=FundFactory(loket=desk, owner=owner), proposed=True)
    AllocationFactory(fund=FundFactory(loket=desk), proposed=True)  # another owner's fund
    AllocationFactory(fund=FundFactory(loket=desk, owner=owner))  # approved already
    AllocationFactory.for_desk(MembershipFactory(coordinator=True).loket, proposed=True)

    assert summaries.approvals_waiting(membership=partner) == {"desk": 2, "mine": 1}
    membership = coordinator.memberships.get(loket=desk)
    assert summaries.approvals_waiting(membership=membership) == {"desk": 2, "mine": 0}


def test_funds_left_are_those_in_use_that_the_member_sees(desk, owner, coordinator):
    partner = MembershipFactory(loket=desk, partner=True, organisation=owner)
    supporter = MembershipFactory(loket=desk, supporter=True)
    own = FundFactory(loket=desk, owner=owner, name="Sportakkoord", amount_cents=500_000)
    AllocationFactory(fund=own, amount_cents=100_000, proposed=True)
    FundFactory(loket=desk, name="Gemeentelijk", amount_cents=300_000)
    FundFactory(loket=desk, name="Vorig jaar", starts_on=D(2020, 1, 1), ends_on=D(2020, 12, 31))
    FundFactory(loket=desk, name="Gestopt", is_active=False)

    everything = summaries.funds_left(user=coordinator, loket=desk)
    assert [(f["name"], f["available_cents"], f["waiting"]) for f in everything] == [
        ("Gemeentelijk", 300_000, 0),
        ("Sportakkoord", 400_000, 1),
    ]
    assert [f["name"] for f in summaries.funds_left(user=partner.user, loket=desk)] == [
        "Sportakkoord"
    ]
    assert summaries.funds_left(user=supporter.user, loket=desk) == []


@freeze_time("2026-06-15 10:00")
def test_money_committed_and_paid_per_month(desk, coordinator, django_assert_num_queries):
    fund = FundFactory(loket=desk, amount_cents=10_000_000)
    proposed = AllocationFactory(fund=fund, amount_cents=100_000, proposed=True)
    paid = AllocationFactory(
        fund=fund, amount_cents=200_000, state=AllocationState.PAID, paid_cents=150_000
    )
    cancelled = AllocationFactory(fund=fund, amount_cents=400_000, state=AllocationState.CANCELLED)
    other_desk = AllocationFactory.for_desk(MembershipFactory(coordinator=True).loket)
    # When each was proposed, and when the paid one was paid.
    for allocation, day in [
        (proposed, D(2026, 6, 2)),
        (paid, D(2026, 4, 30)),
        (cancelled, D(2026, 6, 3)),
        (other_desk, D(2026, 6, 3)),
    ]:
        AllocationChange.objects.filter(allocation=allocation, to_state="proposed").update(
            at=at(day)
        )
    AllocationChange.objects.filter(allocation=paid, to_state="paid").update(at=at(D(2026, 5, 20)))
    starts = [D(2026, 4, 1), D(2026, 5, 1), D(2026, 6, 1)]

    with django_assert_num_queries(1):
        rows = summaries.money_per_month(loket=desk, starts=starts)

    assert [(r["month"], r["committed_cents"], r["paid_cents"]) for r in rows] == [
        (D(2026, 4, 1), 150_000, 0),  # what the paid one holds: what was paid
        (D(2026, 5, 1), 0, 150_000),
        (D(2026, 6, 1), 100_000, 0),  # a cancelled allocation holds nothing
    ]
