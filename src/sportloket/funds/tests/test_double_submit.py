"""Double submits: the same allocation or approval sent twice (two clicks, a retried request)
makes one record. The concurrent version of these runs in test_concurrency."""

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from sportloket.funds import services
from sportloket.funds.constants import AllocationState as A
from sportloket.funds.models import Allocation, AllocationChange, Fund

pytestmark = pytest.mark.django_db


def test_the_same_allocation_sent_twice_is_made_once(new_fund, new_decision, coordinator):
    one, two = new_fund(name="Een"), new_fund(name="Twee")
    decision = new_decision(amount_cents=80_000)
    send = lambda: services.decision_fund(  # noqa: E731
        decision=decision, splits=[(one, 50_000), (two, 30_000)],
        idempotency_key="form-4f1c", actor=coordinator,
    )  # fmt: skip
    first = send()
    entries = LogEntry.objects.count()
    second = send()
    assert [a.pk for a in second] == [a.pk for a in first]
    assert Allocation.objects.count() == 2
    assert AllocationChange.objects.count() == 4
    assert LogEntry.objects.count() == entries  # the second submission wrote nothing
    assert dict(Fund.objects.values_list("name", "committed_cents")) == {
        "Een": 50_000, "Twee": 30_000,
    }  # fmt: skip


def test_a_key_sent_again_with_other_amounts_is_refused(new_fund, new_decision, coordinator):
    fund = new_fund()
    decision = new_decision(amount_cents=80_000)
    services.decision_fund(decision=decision, splits=[(fund, 50_000)], idempotency_key="k1",
                           actor=coordinator)  # fmt: skip
    with pytest.raises(ValidationError):
        services.decision_fund(decision=decision, splits=[(fund, 60_000)], idempotency_key="k1",
                               actor=coordinator)  # fmt: skip
    assert Fund.objects.get().committed_cents == 50_000


def test_a_missing_key_is_refused(new_fund, new_decision, coordinator):
    with pytest.raises(ValidationError):
        services.decision_fund(decision=new_decision(), splits=[(new_fund(), 1)],
                               idempotency_key=" ", actor=coordinator)  # fmt: skip


def test_after_a_release_the_decision_may_be_funded_again(new_fund, new_decision, coordinator):
    """One committing allocation per fund and decision: a cancelled one does not count."""
    fund = new_fund()
    decision = new_decision(amount_cents=50_000)
    [first] = services.decision_fund(decision=decision, splits=[(fund, 50_000)],
                                     idempotency_key="a", actor=coordinator)  # fmt: skip
    services.allocation_cancel(allocation=first, actor=coordinator)
    [again] = services.decision_fund(decision=decision, splits=[(fund, 40_000)],
                                     idempotency_key="b", actor=coordinator)  # fmt: skip
    assert again.pk != first.pk and Fund.objects.get().committed_cents == 40_000


def test_the_same_approval_sent_twice_is_recorded_once(
    new_fund, new_decision, coordinator, representative
):
    fund = new_fund(approval_threshold_cents=0)
    [allocation] = services.decision_fund(decision=new_decision(amount_cents=10_000),
                                          splits=[(fund, 10_000)], idempotency_key="x",
                                          actor=coordinator)  # fmt: skip
    first = services.allocation_approve(allocation=allocation, actor=representative)
    entries = LogEntry.objects.count()
    second = services.allocation_approve(allocation=allocation, actor=representative)
    assert first.pk == second.pk and second.state == A.APPROVED
    assert allocation.changes.filter(to_state=A.APPROVED).count() == 1
    assert LogEntry.objects.count() == entries


def test_approving_what_the_coordinator_approved_alone_changes_nothing(
    new_fund, new_decision, coordinator, representative
):
    fund = new_fund(approval_threshold_cents=None)
    [allocation] = services.decision_fund(decision=new_decision(amount_cents=10_000),
                                          splits=[(fund, 10_000)], idempotency_key="y",
                                          actor=coordinator)  # fmt: skip
    services.allocation_approve(allocation=allocation, actor=representative)
    assert list(allocation.changes.filter(to_state=A.APPROVED).values_list("actor", flat=True)) == [
        coordinator.pk
    ]


def test_the_database_refuses_a_second_record_whoever_writes(new_fund, new_decision,
                                                             coordinator):  # fmt: skip
    fund = new_fund()
    decision = new_decision(amount_cents=50_000)
    [allocation] = services.decision_fund(decision=decision, splits=[(fund, 10_000)],
                                          idempotency_key="z", actor=coordinator)  # fmt: skip
    same_key = {"fund": fund, "decision": new_decision(), "amount_cents": 1,
                "idempotency_key": "z", "created_by": coordinator}  # fmt: skip
    same_decision = same_key | {"decision": decision, "idempotency_key": "other"}
    for statement in (
        lambda: AllocationChange.objects.create(
            allocation=allocation, from_state=A.PROPOSED, to_state=A.APPROVED
        ),
        lambda: Allocation.objects.create(**same_key),
        lambda: Allocation.objects.create(**same_decision),
    ):
        with pytest.raises(IntegrityError), transaction.atomic():
            statement()
