"""Decision authority and the life of an allocation: above the coordinator's threshold only a
representative of the fund's owner approves or rejects (tested for each role); the coordinator
cancels and records payments; rejected, cancelled and partly spent money returns to the fund."""

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import ValidationError

from sportloket.core.tests.factories import MembershipFactory
from sportloket.decisions.tests.factories import make_decision
from sportloket.funds import selectors, services
from sportloket.funds.constants import AllocationState as A
from sportloket.funds.models import AllocationChange, Fund
from sportloket.funds.services import NotAllowed
from sportloket.funds.tests.factories import new_key
from sportloket.funds.workflow import TRANSITIONS, TransitionRefused

pytestmark = pytest.mark.django_db


@pytest.fixture
def proposed(new_fund, new_decision, coordinator):
    """An allocation of € 600 from a fund whose coordinator decides alone up to € 500."""
    fund = new_fund(approval_threshold_cents=50_000)
    [allocation] = services.decision_fund(
        decision=new_decision(amount_cents=60_000), splits=[(fund, 60_000)],
        idempotency_key=new_key(), actor=coordinator,
    )  # fmt: skip
    assert allocation.state == A.PROPOSED
    return allocation


@pytest.fixture
def approved(proposed, representative):
    return services.allocation_approve(allocation=proposed, actor=representative)


def committed():
    return Fund.objects.values_list("committed_cents", "paid_cents").get()


def test_the_owners_representative_approves_and_who_and_when_are_recorded(proposed, representative):
    allocation = services.allocation_approve(allocation=proposed, actor=representative,
                                             note="Akkoord namens de gemeente")  # fmt: skip
    assert allocation.state == A.APPROVED
    change = proposed.changes.get(to_state=A.APPROVED)
    assert (change.from_state, change.actor, change.note, change.amount_cents) == (
        A.PROPOSED, representative, "Akkoord namens de gemeente", 60_000,
    )  # fmt: skip
    assert change.at is not None
    assert LogEntry.objects.get_for_object(proposed).filter(actor=representative).exists()
    assert committed() == (60_000, 0)


@pytest.mark.parametrize(
    "role", ["coordinator", "supporter", "viewer", "other_partner", "ended_representative",
             "representative_elsewhere", "outsider"],
)  # fmt: skip
def test_nobody_else_approves_or_rejects_above_the_threshold(
    request, proposed, desk, other_desk, owner, role
):
    extra = {
        "ended_representative": lambda: (
            MembershipFactory(loket=desk, partner=True, organisation=owner, ended=True).user
        ),
        # The same organisation, but represented at another desk.
        "representative_elsewhere": lambda: (
            MembershipFactory(loket=other_desk, partner=True, organisation=owner).user
        ),
        "outsider": lambda: MembershipFactory(loket=other_desk, coordinator=True).user,
    }
    actor = extra[role]() if role in extra else request.getfixturevalue(role)
    with pytest.raises(NotAllowed) as error:
        services.allocation_approve(allocation=proposed, actor=actor)
    assert "Gemeente Alpha" in " ".join(error.value.messages)
    with pytest.raises(NotAllowed):
        services.allocation_reject(allocation=proposed, actor=actor, note="Nee")
    proposed.refresh_from_db()
    assert proposed.state == A.PROPOSED
    assert not proposed.changes.filter(to_state__in=[A.APPROVED, A.REJECTED]).exists()
    assert not selectors.may_approve(user=actor, fund=proposed.fund)


def test_a_partner_of_the_owner_without_a_representation_link_cannot_approve(desk, proposed):
    """``acts_for`` is free text; only the membership's organisation counts."""
    partner = MembershipFactory(loket=desk, partner=True, acts_for="Gemeente Alpha").user
    with pytest.raises(NotAllowed):
        services.allocation_approve(allocation=proposed, actor=partner)


def test_the_representative_may_approve(proposed, representative):
    assert selectors.may_approve(user=representative, fund=proposed.fund)
    assert list(selectors.fund_approvers(fund=proposed.fund).values_list("user", flat=True)) == [
        representative.pk
    ]


def test_a_proposed_allocation_cannot_be_paid(proposed, coordinator):
    with pytest.raises(TransitionRefused) as error:
        services.allocation_pay(allocation=proposed, paid_cents=60_000, actor=coordinator)
    assert "Gemeente Alpha" in " ".join(error.value.messages)


def test_rejecting_needs_a_reason_and_returns_the_money(proposed, representative):
    with pytest.raises(TransitionRefused):
        services.allocation_reject(allocation=proposed, actor=representative, note=" ")
    allocation = services.allocation_reject(allocation=proposed, actor=representative,
                                            note="Past niet in ons beleid")  # fmt: skip
    assert allocation.state == A.REJECTED
    assert committed() == (0, 0)
    with pytest.raises(TransitionRefused):
        services.allocation_approve(allocation=proposed, actor=representative)


def test_the_coordinator_cancels_and_the_money_returns(approved, coordinator):
    allocation = services.allocation_cancel(allocation=approved, actor=coordinator,
                                            note="De club ziet ervan af")  # fmt: skip
    assert allocation.state == A.CANCELLED
    assert committed() == (0, 0)
    # A second click changes nothing.
    services.allocation_cancel(allocation=approved, actor=coordinator)
    assert approved.changes.filter(to_state=A.CANCELLED).count() == 1
    assert committed() == (0, 0)


@pytest.mark.parametrize("role", ["representative", "supporter", "viewer"])
def test_only_the_coordinator_cancels_or_records_payments(request, approved, role):
    actor = request.getfixturevalue(role)
    with pytest.raises(NotAllowed):
        services.allocation_cancel(allocation=approved, actor=actor)
    with pytest.raises(NotAllowed):
        services.allocation_pay(allocation=approved, paid_cents=1, actor=actor)


def test_a_payment_records_what_was_really_spent_and_the_rest_returns(approved, coordinator):
    allocation = services.allocation_pay(allocation=approved, paid_cents=45_000,
                                         actor=coordinator)  # fmt: skip
    assert (allocation.state, allocation.paid_cents) == (A.PAID, 45_000)
    assert committed() == (45_000, 45_000)
    change = approved.changes.get(to_state=A.PAID)
    assert (change.actor, change.amount_cents) == (coordinator, 45_000)
    # Recording the same payment again changes nothing; another amount is refused.
    services.allocation_pay(allocation=approved, paid_cents=45_000, actor=coordinator)
    with pytest.raises(TransitionRefused):
        services.allocation_pay(allocation=approved, paid_cents=40_000, actor=coordinator)
    assert approved.changes.filter(to_state=A.PAID).count() == 1
    # Paid money stays paid.
    with pytest.raises(TransitionRefused):
        services.allocation_cancel(allocation=approved, actor=coordinator)


def test_a_payment_is_at_most_the_amount(approved, coordinator):
    for paid in (60_001, -1):
        with pytest.raises(ValidationError) as error:
            services.allocation_pay(allocation=approved, paid_cents=paid, actor=coordinator)
        assert "paid_cents" in error.value.error_dict
    assert committed() == (60_000, 0)


def test_the_transition_table_has_no_way_back():
    assert TRANSITIONS[A.PROPOSED] == {A.APPROVED, A.REJECTED, A.CANCELLED}
    assert TRANSITIONS[A.APPROVED] == {A.PAID, A.CANCELLED}
    assert not TRANSITIONS[A.PAID] | TRANSITIONS[A.REJECTED] | TRANSITIONS[A.CANCELLED]


def test_a_superseded_decision_releases_its_open_allocations(
    desk, coordinator, representative, new_fund, new_decision
):
    one, two, three = (new_fund(name=name, approval_threshold_cents=50_000)
                       for name in ("Een", "Twee", "Drie"))  # fmt: skip
    old = new_decision(amount_cents=300_000)
    pending, agreed, spent = services.decision_fund(
        decision=old, splits=[(one, 60_000), (two, 40_000), (three, 30_000)],
        idempotency_key=new_key(), actor=coordinator,
    )  # fmt: skip
    services.allocation_pay(allocation=spent, paid_cents=30_000, actor=coordinator)
    with pytest.raises(ValidationError):
        services.decision_superseded(old_decision=old, actor=coordinator)

    make_decision(desk, decided_by=coordinator, help_request=old.help_request, supersedes=old)
    cancelled = services.decision_superseded(old_decision=old, actor=coordinator)
    assert {a.pk for a in cancelled} == {pending.pk, agreed.pk}
    states = dict(old.allocations.values_list("fund__name", "state"))
    assert states == {"Een": A.CANCELLED, "Twee": A.CANCELLED, "Drie": A.PAID}
    assert dict(Fund.objects.values_list("name", "committed_cents")) == {
        "Een": 0, "Twee": 0, "Drie": 30_000,
    }  # fmt: skip
    assert AllocationChange.objects.filter(to_state=A.CANCELLED).exclude(note="").count() == 2
    # Called again (a retried request), nothing more happens.
    assert services.decision_superseded(old_decision=old, actor=coordinator) == []
