"""The demo desk's money: four funds of this year through the services, the partners who
represent their owners, money committed to some decisions; a second run changes nothing."""

import pytest
from django.core.management import call_command

from sportloket.core.constants import Role
from sportloket.core.models import Loket, Membership
from sportloket.demo.funds import load_demo_funds
from sportloket.funds.constants import AllocationState, FundKind
from sportloket.funds.models import Allocation, AllocationChange, Fund, FundAmountChange

pytestmark = pytest.mark.django_db


def counts():
    return [m.objects.count() for m in (Fund, Allocation, AllocationChange, FundAmountChange)]


def test_the_demo_funds_load_once():
    call_command("seed_demo", quiet=True)
    demo = Loket.objects.get(slug="demo")
    coordinator = Membership.objects.get(loket=demo, role=Role.COORDINATOR).user
    funds = load_demo_funds(demo, actor=coordinator)
    assert set(funds) == {"execution", "services", "rabo", "subsidy"}
    assert {f.kind for f in funds.values()} == {FundKind.EXECUTION, FundKind.SERVICES,
                                                 FundKind.PARTNER, FundKind.SUBSIDY}  # fmt: skip
    assert funds["execution"].owner.name == "Gemeente Utrecht"
    assert funds["rabo"].approval_threshold_cents == 25_000
    # Something waits for the approval of the fund's representative.
    waiting = Allocation.objects.filter(state=AllocationState.PROPOSED)
    assert {a.fund.owner.name for a in waiting} >= {"Rabo ClubSupport (demo)"}
    first = counts()
    assert first[1] > 0, "some decisions got money"
    assert Allocation.objects.filter(state=AllocationState.PAID).count() == 1

    partners = {m.user.email: m.organisation for m in Membership.objects.filter(
        loket=demo, role=Role.PARTNER).select_related("user", "organisation")}  # fmt: skip
    assert partners["fonds@sportloket-demo.nl"] == funds["rabo"].owner
    assert partners["gemeente@sportloket-demo.nl"] == funds["execution"].owner

    again = load_demo_funds(demo, actor=coordinator)
    assert counts() == first
    assert {k: f.pk for k, f in again.items()} == {k: f.pk for k, f in funds.items()}
    for fund in Fund.objects.all():
        held = sum(a.committed_cents for a in fund.allocations.all())
        assert fund.committed_cents == held <= fund.amount_cents
