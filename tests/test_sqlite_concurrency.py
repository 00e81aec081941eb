"""SQLite as configured: WAL mode, IMMEDIATE transactions and a busy timeout, so that concurrent
writers wait for each other instead of failing with "database is locked".

Uses a real database file (Django's in-memory test database locks differently) under an extra
connection alias, so that each thread gets its own connection and Django's own ``atomic``.
"""

import threading
import time

import pytest
from django.db import connections, transaction

from sportloket.conf.database import sqlite_options

THREADS = 8
WRITES = 25


@pytest.fixture
def sqlite_file(tmp_path, django_db_blocker):
    """Registers a file database under a new alias; yields a function that sets its options."""
    aliases = []

    def register(name, **options):
        alias = f"concurrency_{name}"
        connections.settings[alias] = connections.configure_settings(
            {
                "default": connections.settings["default"],
                alias: {
                    "ENGINE": "django.db.backends.sqlite3",
                    "NAME": str(tmp_path / f"{name}.sqlite3"),
                    "OPTIONS": {**sqlite_options(), **options},
                },
            }
        )[alias]
        aliases.append(alias)
        return alias

    with django_db_blocker.unblock():
        yield register
        for alias in aliases:
            connections[alias].close()
            del connections.settings[alias]


def _run_counter(alias):
    with connections[alias].cursor() as cursor:
        cursor.execute("CREATE TABLE counter (value INTEGER NOT NULL)")
        cursor.execute("INSERT INTO counter VALUES (0)")
    errors = []

    def worker():
        try:
            for _ in range(WRITES):
                # Read, then write, in one transaction: the pattern that fails in SQLite's
                # default DEFERRED mode when two writers overlap.
                with transaction.atomic(using=alias), connections[alias].cursor() as cursor:
                    cursor.execute("SELECT value FROM counter")
                    value = cursor.fetchone()[0]
                    # A moment between reading and writing, as real code has: it makes the
                    # writers overlap even on a busy machine, so the control below always fails.
                    time.sleep(0.002)
                    cursor.execute("UPDATE counter SET value = %s", [value + 1])
        except Exception as error:  # noqa: BLE001 - collected and reported by the test
            errors.append(repr(error))
        finally:
            connections[alias].close()

    threads = [threading.Thread(target=worker) for _ in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    with connections[alias].cursor() as cursor:
        cursor.execute("SELECT value FROM counter")
        return errors, cursor.fetchone()[0]


def test_sqlite_runs_in_wal_mode(sqlite_file):
    alias = sqlite_file("wal")
    with connections[alias].cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        assert cursor.fetchone()[0] == "wal"


def test_concurrent_read_then_write_transactions_wait_instead_of_failing(sqlite_file):
    errors, total = _run_counter(sqlite_file("immediate"))
    assert errors == []
    assert total == THREADS * WRITES


def test_without_immediate_transactions_the_same_load_fails(sqlite_file):
    """The control: SQLite's default DEFERRED mode gives "database is locked" under this load,
    so the test above really exercises the setting."""
    errors, total = _run_counter(sqlite_file("deferred", transaction_mode="DEFERRED"))
    assert any("locked" in error for error in errors)
    assert total < THREADS * WRITES
