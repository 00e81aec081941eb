"""A decision commits its money from the desk's funds in the same transaction, a second
submission of the same form records one decision, and a superseded decision gives back the
money it had not spent."""

import pytest
from django.core.exceptions import ValidationError

from sportloket.decisions.models import Decision
from sportloket.decisions.tests.factories import decide
from sportloket.funds.constants import AllocationState as A
from sportloket.funds.models import Allocation, Fund
from sportloket.funds.services import allocation_pay
from sportloket.funds.tests.factories import FundFactory
from sportloket.helprequests.constants import RequestState as S
from sportloket.offerings.tests.factories import OfferingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def offering(desk):
    return OfferingFactory(loket=desk, theme_keys=["volunteers"], cost_cents=100_000)


@pytest.fixture
def funds(desk):
    municipal = FundFactory(loket=desk, name="Uitvoeringsbudget", amount_cents=500_000)
    rabo = FundFactory(
        loket=desk, name="Rabo ClubSupport", amount_cents=200_000, approval_threshold_cents=25_000
    )
    return municipal, rabo


def available(fund):
    fund.refresh_from_db()
    return fund.available_cents


def test_a_decision_is_co_funded_from_two_funds_in_one_go(question, offering, funds, coordinator):
    municipal, rabo = funds
    decision = decide(
        question, offering, coordinator, funding=[(municipal, 60_000), (rabo, 40_000)],
        idempotency_key="form-1",
    )  # fmt: skip
    allocations = {a.fund_id: a for a in decision.allocations.all()}
    assert allocations[municipal.pk].amount_cents == 60_000
    assert allocations[municipal.pk].state == A.APPROVED  # no threshold: the coordinator decides
    assert allocations[rabo.pk].state == A.PROPOSED  # above the owner's threshold
    assert available(municipal) == 440_000
    assert available(rabo) == 160_000


def test_when_a_fund_refuses_nothing_is_recorded(question, offering, funds, coordinator):
    municipal, _rabo = funds
    Fund.objects.filter(pk=municipal.pk).update(amount_cents=50_000)
    with pytest.raises(ValidationError) as error:
        decide(question, offering, coordinator, funding=[(municipal, 60_000)])
    assert "funding" in error.value.error_dict
    assert not Decision.objects.exists()
    assert not Allocation.objects.exists()
    question.refresh_from_db()
    assert question.state == S.SUBMITTED


def test_funding_more_than_the_decision_commits_is_refused(question, offering, funds, coordinator):
    municipal, rabo = funds
    with pytest.raises(ValidationError) as error:
        decide(question, offering, coordinator, funding=[(municipal, 80_000), (rabo, 40_000)])
    assert "funding" in error.value.error_dict
    assert not Decision.objects.exists()


def test_the_same_form_sent_twice_records_one_decision(question, offering, funds, coordinator):
    municipal, _rabo = funds
    first = decide(question, offering, coordinator, funding=[(municipal, 100_000)],
                   idempotency_key="form-7")  # fmt: skip
    again = decide(question, offering, coordinator, funding=[(municipal, 100_000)],
                   idempotency_key="form-7")  # fmt: skip
    assert again == first
    assert Decision.objects.count() == 1
    assert Allocation.objects.count() == 1
    assert available(municipal) == 400_000
    # Another form (another key) is a new decision that supersedes the first.
    second = decide(question, offering, coordinator, idempotency_key="form-8")
    assert second.supersedes == first


def test_a_superseded_decision_gives_back_what_was_not_paid(question, offering, funds, coordinator):
    municipal, rabo = funds
    first = decide(question, offering, coordinator,
                   funding=[(municipal, 60_000), (rabo, 40_000)])  # fmt: skip
    paid = first.allocations.get(fund=municipal)
    allocation_pay(allocation=paid, paid_cents=50_000, actor=coordinator)
    decide(question, offering, coordinator)
    states = dict(first.allocations.values_list("fund_id", "state"))
    assert states == {municipal.pk: A.PAID, rabo.pk: A.CANCELLED}
    assert available(municipal) == 450_000  # the 10,000 not paid came back when paying
    assert available(rabo) == 200_000


def test_committing_money_needs_the_right_to_manage_funds(question, offering, desk):
    from sportloket.core.tests.factories import MembershipFactory

    # A supporter the desk named to decide on support, but who does not manage the funds.
    supporter = MembershipFactory(loket=desk, supporter=True, decides_support=True).user
    with pytest.raises(ValidationError) as error:
        # Committing money is for those who manage the funds.
        decide(question, offering, supporter, funding=[(FundFactory(loket=desk), 1_000)])
    assert error.value.message_dict["funding"] == [
        "Alleen een coördinator van het loket beheert de fondsen."
    ]
    assert not Decision.objects.exists()
    assert decide(question, offering, supporter).decided_by == supporter  # without money
