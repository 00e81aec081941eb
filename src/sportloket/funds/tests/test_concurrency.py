"""Never overspend, also under concurrent writers: 20 threads, each with 50 allocation attempts,
against one fund that covers only part of them, on a file-based SQLite database (as configured: WAL,
IMMEDIATE transactions, a busy timeout) and on PostgreSQL (row locks). Afterwards the committed
total is exactly what fits, every refusal was the clear "not enough money" error, and no
attempt failed with "database is locked" or any other database error. Double submits sent at
the same moment make one record. Two writers past the services (the database's guard, see
funds.db) never both get an allocation in that together holds more than the fund.

Each thread has its own database connection, as the web server's threads have. SQLite runs
on a database file under the default alias for the duration of the test (Django's in-memory
test database shares one connection and locks differently); PostgreSQL runs on the test
database in a transactional test, so that the threads see each other's commits.
"""

import shutil
import threading
import time
from contextlib import contextmanager

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import (
    DEFAULT_DB_ALIAS,
    IntegrityError,
    OperationalError,
    connection,
    connections,
    transaction,
)
from django.test.utils import override_settings

from sportloket.conf.database import sqlite_options
from sportloket.core.constants import PartnerKind
from sportloket.core.tests.factories import LoketFactory, MembershipFactory
from sportloket.decisions.tests.factories import make_decision, make_decisions
from sportloket.funds import services
from sportloket.funds.constants import AllocationState as A
from sportloket.funds.models import Allocation, AllocationChange, Fund
from sportloket.funds.services import NotEnoughMoney
from sportloket.funds.tests.factories import FundFactory
from sportloket.registry.tests.factories import OrganisationFactory

THREADS = 20
ATTEMPTS = 50
EACH = 10_000  # € 100 per attempt
FITS = 299  # the fund covers 299 of the 1,000 attempts, with € 50 to spare
AMOUNT = FITS * EACH + EACH // 2


def _sqlite_settings(path):
    return connections.configure_settings(
        {
            DEFAULT_DB_ALIAS: {
                "ENGINE": "django.db.backends.sqlite3",
                "NAME": str(path),
                "OPTIONS": sqlite_options(),
            }
        }
    )[DEFAULT_DB_ALIAS]


@contextmanager
def _default_database(settings):
    """The default alias on another database for a while; the test database and its
    connection are put back afterwards."""
    saved_settings = connections.settings[DEFAULT_DB_ALIAS]
    saved_connection = connections[DEFAULT_DB_ALIAS]
    connections.settings[DEFAULT_DB_ALIAS] = settings
    connections[DEFAULT_DB_ALIAS] = connections.create_connection(DEFAULT_DB_ALIAS)
    try:
        yield
    finally:
        connections[DEFAULT_DB_ALIAS].close()
        connections[DEFAULT_DB_ALIAS] = saved_connection
        connections.settings[DEFAULT_DB_ALIAS] = saved_settings


@pytest.fixture(scope="module")
def _sqlite_template(tmp_path_factory, django_db_blocker):
    """The schema, made once per module in a SQLite file: from the models directly, as Django
    makes a test database without migrations (the reference data is not needed here); the
    database triggers come with the post_migrate signal as usual."""
    path = tmp_path_factory.mktemp("funds-sqlite") / "template.sqlite3"
    with (
        django_db_blocker.unblock(),
        _default_database(_sqlite_settings(path)),
        override_settings(MIGRATION_MODULES=_NoMigrations()),
    ):
        call_command("migrate", run_syncdb=True, verbosity=0, interactive=False)
    return path


class _NoMigrations(dict):
    def __contains__(self, app_label):
        return True

    def __getitem__(self, app_label):
        return None


@pytest.fixture
def sqlite_file_database(_sqlite_template, tmp_path, django_db_blocker):
    """The default alias on a fresh copy of the SQLite file, with the project's options (WAL,
    IMMEDIATE transactions, busy timeout), for this test only."""
    path = tmp_path / "funds.sqlite3"
    shutil.copyfile(_sqlite_template, path)
    with django_db_blocker.unblock(), _default_database(_sqlite_settings(path)):
        yield


# Decided when the tests are collected: the settings choose the database (DATABASE_URL).
on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="runs when the tests run on PostgreSQL (DATABASE_URL=postgres://…)",
)


def run_threads(count, work):
    """Runs ``work(number)`` in ``count`` threads that start together, each with its own
    connection; returns the unexpected errors."""
    errors = []
    start = threading.Barrier(count)

    def run(number):
        try:
            start.wait()
            work(number)
        except Exception as error:  # noqa: BLE001 - collected and reported by the test
            errors.append(repr(error))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(n,)) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors


def race_for_one_fund():
    desk = LoketFactory()
    coordinator = MembershipFactory(loket=desk, coordinator=True, with_totp=False).user
    fund = FundFactory(loket=desk, amount_cents=AMOUNT)
    decisions = make_decisions(desk, decided_by=coordinator, count=THREADS * ATTEMPTS,
                               amount_cents=EACH)  # fmt: skip
    funded, refused, errors = [], [], []

    def attempts(number):
        for attempt in range(ATTEMPTS):
            decision = decisions[number * ATTEMPTS + attempt]
            try:
                services.decision_fund(decision=decision, splits=[(fund, EACH)],
                                       idempotency_key=f"{number}-{attempt}", actor=coordinator)  # fmt: skip
                funded.append(decision.pk)
            except NotEnoughMoney as error:
                refused.append(error.messages)
            except (ValidationError, OperationalError) as error:  # unclear or locked
                errors.append(repr(error))

    started = time.monotonic()
    errors += run_threads(THREADS, attempts)
    seconds = time.monotonic() - started

    assert errors == []
    fund.refresh_from_db()
    assert fund.committed_cents == FITS * EACH <= fund.amount_cents
    assert len(funded) == FITS and len(refused) == THREADS * ATTEMPTS - FITS
    # Every refusal says which fund and what is left (€ 50), in the desk's language.
    assert all(len(messages) == 1 and fund.name in messages[0] and "50" in messages[0]
               for messages in refused)  # fmt: skip
    # The denormalised total is the sum of the allocations, each one history per state.
    allocations = Allocation.objects.filter(fund=fund)
    assert sorted(allocations.values_list("decision", flat=True)) == sorted(funded)
    assert set(allocations.values_list("state", flat=True)) == {A.APPROVED}
    assert AllocationChange.objects.filter(allocation__fund=fund).count() == 2 * FITS
    return seconds


def double_submits():
    """Ten threads send the same allocation (one idempotency key), then ten the same approval."""
    desk = LoketFactory()
    coordinator = MembershipFactory(loket=desk, coordinator=True, with_totp=False).user
    owner = OrganisationFactory.for_desk(desk, kvk_number=None)
    representative = MembershipFactory(loket=desk, partner=True, partner_kind=PartnerKind.FUND,
                                       organisation=owner).user  # fmt: skip
    fund = FundFactory(loket=desk, owner=owner, amount_cents=AMOUNT, approval_threshold_cents=0)
    decision = make_decision(desk, decided_by=coordinator, amount_cents=EACH)
    made = []

    def allocate(_number):
        made.extend(services.decision_fund(decision=decision, splits=[(fund, EACH)],
                                           idempotency_key="same-form", actor=coordinator))  # fmt: skip

    assert run_threads(10, allocate) == []
    [allocation] = Allocation.objects.all()
    assert {a.pk for a in made} == {allocation.pk} and len(made) == 10
    assert Fund.objects.get().committed_cents == EACH

    def approve(_number):
        services.allocation_approve(allocation=allocation, actor=representative)

    assert run_threads(10, approve) == []
    assert list(allocation.changes.values_list("to_state", flat=True)) == [A.PROPOSED, A.APPROVED]


def raw_writers():
    """Two writers past the services, each within the fund's amount but together beyond it.
    The first keeps its transaction open a moment after writing; the second writes meanwhile,
    so it must wait for the first (PostgreSQL: the guard locks the fund's row; SQLite: one
    writer at a time) and then count its allocation."""
    desk = LoketFactory()
    coordinator = MembershipFactory(loket=desk, coordinator=True, with_totp=False).user
    fund = FundFactory(loket=desk, amount_cents=100_000)
    decisions = make_decisions(desk, decided_by=coordinator, count=2, amount_cents=60_000)
    first_wrote = threading.Event()
    outcome = {}

    def write(number):
        if number == 1:
            assert first_wrote.wait(10)
        try:
            with transaction.atomic():
                Allocation.objects.create(fund_id=fund.pk, decision=decisions[number],
                                          amount_cents=60_000, state=A.APPROVED,
                                          idempotency_key=f"raw-{number}",
                                          created_by=coordinator)  # fmt: skip
                if number == 0:
                    first_wrote.set()
                    time.sleep(0.5)  # the second writer writes now
            outcome[number] = "written"
        except IntegrityError:
            outcome[number] = "refused"

    assert run_threads(2, write) == []
    assert outcome == {0: "written", 1: "refused"}
    assert list(Allocation.objects.filter(fund=fund).values_list("decision", flat=True)) == [
        decisions[0].pk
    ]


@pytest.mark.usefixtures("sqlite_file_database")
def test_concurrent_allocations_never_overspend_on_sqlite():
    seconds = race_for_one_fund()
    assert seconds < 60


@pytest.mark.usefixtures("sqlite_file_database")
def test_concurrent_double_submits_make_one_record_on_sqlite():
    double_submits()


@on_postgresql
@pytest.mark.django_db(transaction=True)
def test_concurrent_allocations_never_overspend_on_postgresql():
    seconds = race_for_one_fund()
    assert seconds < 60


@on_postgresql
@pytest.mark.django_db(transaction=True)
def test_concurrent_double_submits_make_one_record_on_postgresql():
    double_submits()


@pytest.mark.usefixtures("sqlite_file_database")
def test_two_writers_past_the_services_never_overspend_on_sqlite():
    raw_writers()


@on_postgresql
@pytest.mark.django_db(transaction=True)
def test_two_writers_past_the_services_never_overspend_on_postgresql():
    raw_writers()
