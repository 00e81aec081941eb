"""The database's own guard on the allocations (funds.db): whoever writes an allocation past the
services (the ORM directly, raw SQL, a script), a fund's committing allocations never hold more
than its amount, counted as the services count (proposed and approved with their amount, paid
with what was really paid, rejected and cancelled not at all); nor is the amount cut below
what they hold. Runs on SQLite by default and on PostgreSQL with DATABASE_URL."""

import pytest
from django.core.exceptions import ValidationError
from django.core.management.sql import emit_post_migrate_signal
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from sportloket.decisions.tests.factories import make_decision
from sportloket.funds import db, services
from sportloket.funds.constants import AllocationState as A
from sportloket.funds.models import Allocation, Fund
from sportloket.funds.services import NotEnoughMoney
from sportloket.funds.tests.factories import new_key

pytestmark = pytest.mark.django_db


@pytest.fixture
def fund(new_fund):
    return new_fund(amount_cents=100_000)


@pytest.fixture
def write(desk, coordinator):
    """Writes an allocation with the ORM, past the services: the fund's counter stays as it
    was, only the database's guard sees it."""

    def run(fund, cents, state=A.APPROVED, **fields):
        return Allocation.objects.create(
            fund=fund,
            decision=make_decision(desk, decided_by=coordinator, amount_cents=cents),
            amount_cents=cents,
            state=state,
            idempotency_key=new_key(),
            created_by=coordinator,
            **fields,
        )

    return run


def refused(statement):
    with pytest.raises(IntegrityError) as error, transaction.atomic():
        statement()
    assert db.MESSAGE in str(error.value)


def test_an_allocation_written_past_the_services_never_holds_more_than_the_fund(fund, write):
    refused(lambda: write(fund, 100_001))
    write(fund, 100_000)
    refused(lambda: write(fund, 1))
    refused(lambda: write(fund, 1, state=A.PROPOSED))
    assert Allocation.objects.count() == 1


def test_allocations_written_past_the_services_add_up(fund, write):
    write(fund, 60_000)
    write(fund, 30_000, state=A.PROPOSED)
    refused(lambda: write(fund, 10_001))
    write(fund, 10_000)
    assert Fund.objects.get().committed_cents == 0  # the counter never saw them


def test_a_raw_insert_is_refused_too(desk, coordinator, fund):
    decision = make_decision(desk, decided_by=coordinator)
    now = timezone.now()

    def insert(cents, key):
        with connection.cursor() as cursor:
            cursor.execute(
                "INSERT INTO funds_allocation (created_at, updated_at, fund_id, decision_id, "
                "amount_cents, state, idempotency_key, created_by_id) "
                "VALUES (%s, %s, %s, %s, %s, %s, %s, %s)",
                [now, now, fund.pk, decision.pk, cents, A.PROPOSED, key, coordinator.pk],
            )

    refused(lambda: insert(100_001, "raw-1"))
    insert(100_000, "raw-2")
    assert Allocation.objects.get().amount_cents == 100_000


def test_a_paid_allocation_holds_what_was_really_paid(fund, write):
    write(fund, 90_000, state=A.PAID, paid_cents=30_000)
    write(fund, 50_000, state=A.REJECTED)
    write(fund, 50_000, state=A.CANCELLED)
    refused(lambda: write(fund, 70_001))
    write(fund, 70_000)


def test_an_update_past_the_services_that_holds_more_is_refused(new_fund, fund, write):
    full = write(fund, 100_000)
    cancelled = write(fund, 50_000, state=A.CANCELLED)
    refused(lambda: Allocation.objects.filter(pk=cancelled.pk).update(state=A.APPROVED))
    refused(lambda: Allocation.objects.filter(pk=full.pk).update(amount_cents=100_001))
    other = new_fund(name="Klein", amount_cents=50_000)
    refused(lambda: Allocation.objects.filter(pk=full.pk).update(fund=other))
    # Paying less than the amount gives money back; then there is room again.
    Allocation.objects.filter(pk=full.pk).update(state=A.PAID, paid_cents=50_000)
    Allocation.objects.filter(pk=cancelled.pk).update(state=A.APPROVED)
    assert Allocation.objects.get(pk=cancelled.pk).state == A.APPROVED


def test_an_update_that_holds_no_more_is_not_refused(fund, write):
    allocation = write(fund, 100_000)
    Allocation.objects.filter(pk=allocation.pk).update(state=A.CANCELLED)
    Allocation.objects.filter(pk=allocation.pk).update(state=A.APPROVED)
    Allocation.objects.filter(pk=allocation.pk).update(updated_at=timezone.now())
    Allocation.objects.filter(pk=allocation.pk).update(state=A.PAID, paid_cents=100_000)


def test_the_amount_is_never_cut_below_what_the_allocations_hold(fund, write, coordinator):
    write(fund, 80_000)
    refused(lambda: Fund.objects.filter(pk=fund.pk).update(amount_cents=79_999))
    # The service, which reads only the counter (0), is refused by the database and says so.
    with pytest.raises(ValidationError) as error:
        services.fund_amount_change(fund=fund, new_cents=50_000, reason="Bezuiniging",
                                    actor=coordinator)  # fmt: skip
    assert "new_cents" in error.value.error_dict
    assert "800" in str(error.value)
    services.fund_amount_change(fund=fund, new_cents=80_000, reason="Precies", actor=coordinator)
    assert Fund.objects.get().amount_cents == 80_000


def test_the_service_refuses_clearly_what_an_allocation_past_it_already_holds(
    fund, write, coordinator, new_decision
):
    write(fund, 80_000)
    decision = new_decision(amount_cents=30_000)
    with pytest.raises(NotEnoughMoney) as error:
        services.decision_fund(decision=decision, splits=[(fund, 30_000)],
                               idempotency_key=new_key(), actor=coordinator)  # fmt: skip
    assert "200" in error.value.messages[0]  # € 200 left
    assert not Allocation.objects.filter(decision=decision).exists()
    assert Fund.objects.get().committed_cents == 0  # the service's move was rolled back
    services.decision_fund(decision=decision, splits=[(fund, 20_000)],
                           idempotency_key=new_key(), actor=coordinator)  # fmt: skip


def test_the_guard_is_made_again_after_every_migrate(fund, write):
    """SQLite drops a table's triggers when a migration rebuilds it; post_migrate makes them
    again (on PostgreSQL too, replacing them)."""
    with connection.cursor() as cursor:
        for name in (f"{db.TRIGGER}_insert", f"{db.TRIGGER}_update"):
            if connection.vendor == "sqlite":
                cursor.execute(f"DROP TRIGGER {name}")
            else:
                cursor.execute(f"DROP TRIGGER {name} ON {db.ALLOCATIONS}")
    with transaction.atomic():
        write(fund, 100_001)
        transaction.set_rollback(True)
    emit_post_migrate_signal(verbosity=0, interactive=False, db=connection.alias)
    refused(lambda: write(fund, 100_001))
