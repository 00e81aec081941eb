"""The reads on money for the desk's dashboard: the allocations waiting for approval (the
partner's own and the desk's), what is left of each fund in use that a member sees, and the
money committed and paid in a month."""

import datetime
import itertools

import pytest
from django.db.models import Sum
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


def moment(day):
    """The first moment of ``day`` in the desk's time zone."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


@pytest.fixture
def owner(desk):
    return OrganisationFactory.for_desk(desk, kind=OrganisationKind.MUNICIPALITY, name="Gemeente")


def test_approvals_waiting_for_the_partner_and_for_the_desk(desk, owner, coordinator):
    partner = MembershipFactory(loket=desk, partner=True, organisation=owner)
    AllocationFactory(fund=FundFactory(loket=desk, owner=owner), proposed=True)
    AllocationFactory(fund=FundFactory(loket=desk), proposed=True)  # another owner's fund
    AllocationFactory(fund=FundFactory(loket=desk, owner=owner))  # approved already
    AllocationFactory.for_desk(MembershipFactory(coordinator=True).loket, proposed=True)

    def counted(membership):
        waiting = summaries.approvals_waiting(membership=membership)
        return {key: allocations.count() for key, allocations in waiting.items()}

    assert counted(partner) == {"desk": 2, "mine": 1}
    # Nobody else approves: nothing of theirs is counted.
    assert counted(coordinator.memberships.get(loket=desk)) == {"desk": 2}


def test_funds_left_are_those_in_use_that_the_member_sees(
    desk, owner, coordinator, django_assert_num_queries
):
    partner = MembershipFactory(loket=desk, partner=True, organisation=owner)
    supporter = MembershipFactory(loket=desk, supporter=True)
    own = FundFactory(loket=desk, owner=owner, name="Sportakkoord", amount_cents=500_000)
    AllocationFactory(fund=own, amount_cents=100_000, proposed=True)
    FundFactory(loket=desk, name="Gemeentelijk", amount_cents=300_000)
    FundFactory(loket=desk, name="Vorig jaar", starts_on=D(2020, 1, 1), ends_on=D(2020, 12, 31))
    FundFactory(loket=desk, name="Gestopt", is_active=False)

    # As the page has it: with its desk and user.
    membership = coordinator.memberships.select_related("loket", "user").get(loket=desk)
    with django_assert_num_queries(1):
        everything = summaries.funds_left(membership=membership)
    assert [(f["name"], f["available_cents"], f["waiting"]) for f in everything] == [
        ("Gemeentelijk", 300_000, 0),
        ("Sportakkoord", 400_000, 1),
    ]
    assert [f["name"] for f in summaries.funds_left(membership=partner)] == ["Sportakkoord"]
    assert summaries.funds_left(membership=supporter) == []


@freeze_time("2026-06-15 10:00")
def test_money_committed_and_paid_in_a_month(desk, coordinator):
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
    starts = [D(2026, 4, 1), D(2026, 5, 1), D(2026, 6, 1), D(2026, 7, 1)]

    rows = []
    for start, end in itertools.pairwise(starts):
        money = summaries.money_in(loket=desk, since=moment(start), until=moment(end))
        rows.append(
            (
                start,
                *(
                    changes.aggregate(total=Sum("cents"))["total"] or 0
                    for changes in money.values()
                ),
            )
        )

    assert list(money) == ["committed_cents", "paid_cents"]
    assert rows == [
        (D(2026, 4, 1), 150_000, 0),  # what the paid one holds: what was paid
        (D(2026, 5, 1), 0, 150_000),
        (D(2026, 6, 1), 100_000, 0),  # a cancelled allocation holds nothing
    ]


def test_a_month_is_the_desks_month(desk):
    fund = FundFactory(loket=desk, amount_cents=10_000_000)
    allocation = AllocationFactory(fund=fund, amount_cents=100_000, proposed=True)
    # 23:30 on 31 May in Amsterdam, 21:30 in UTC: May, not June.
    AllocationChange.objects.filter(allocation=allocation, to_state="proposed").update(
        at=moment(D(2026, 5, 31)) + datetime.timedelta(hours=23, minutes=30)
    )

    def committed(start, end):
        money = summaries.money_in(loket=desk, since=moment(start), until=moment(end))
        return money["committed_cents"].aggregate(total=Sum("cents"))["total"]

    assert committed(D(2026, 5, 1), D(2026, 6, 1)) == 100_000
    assert committed(D(2026, 6, 1), D(2026, 7, 1)) is None
