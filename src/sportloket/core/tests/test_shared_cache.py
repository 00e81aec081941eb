"""The default cache is a database table every process shares; rate limits count in it.

tests/test_shared_rate_limits.py shows the limits holding across two real server processes; this
module covers the cache itself: its table made by `migrate`, its counter, and the system check.
"""

import threading
import time
from datetime import timedelta
from importlib import import_module

import pytest
from django.core.cache import cache, caches
from django.core.cache.backends.db import DatabaseCache as DjangoDatabaseCache
from django.core.management import call_command
from django.db import connection, connections
from django.test import override_settings
from freezegun import freeze_time

from sportloket.conf.database import sqlite_options
from sportloket.core.cache import DatabaseCache
from sportloket.core.checks import check_cache_is_shared
from sportloket.core.ratelimit import hit

TABLE = "sportloket_cache"


def test_the_default_cache_is_a_table_in_the_database():
    assert isinstance(caches["default"], DatabaseCache)
    assert caches["default"]._table == TABLE


@pytest.mark.django_db(transaction=True)
def test_migrate_makes_the_cache_table_and_unmaking_it_drops_it():
    migration = import_module("sportloket.core.migrations.0006_cache_table").Migration
    (previous,) = [name for app, name in migration.dependencies if app == "core"]
    try:
        call_command("migrate", "core", previous, verbosity=0)
        assert TABLE not in connection.introspection.table_names()
    finally:
        # Every app: going back past core's migrations unapplied the other apps' that depend
        # on them (helprequests' channel column among them), and they must come back too.
        call_command("migrate", verbosity=0)
    assert TABLE in connection.introspection.table_names()
    cache.set("after-migrate", 1, 60)
    assert cache.get("after-migrate") == 1


@pytest.mark.django_db
def test_an_hourly_limit_is_not_reset_by_five_quiet_minutes():
    """Django's own DatabaseCache.incr writes the sum with the default timeout (300 s): a key
    counted once more would then expire five minutes later, and the hour start again."""
    with freeze_time("2026-03-02 09:00") as clock:
        for _ in range(5):
            assert hit("intake:192.0.2.1", limit=5, seconds=3600)
            clock.tick(timedelta(minutes=10))
        assert not hit("intake:192.0.2.1", limit=5, seconds=3600)  # 09:50, sixth in the hour
        clock.tick(timedelta(minutes=11))
        assert hit("intake:192.0.2.1", limit=5, seconds=3600)  # 10:01, a new hour


@pytest.mark.django_db
def test_incr_of_a_missing_or_expired_key_fails_as_other_caches_do():
    with pytest.raises(ValueError):
        cache.incr("never-set")
    with freeze_time("2026-03-02 09:00") as clock:
        cache.add("short", 1, timeout=60)
        assert cache.incr("short") == 2
        assert cache.decr("short") == 1
        clock.tick(timedelta(seconds=61))
        with pytest.raises(ValueError):
            cache.incr("short")


class CacheDatabaseRouter:
    """Sends the cache's reads and writes to ``alias``."""

    alias = "default"

    def db_for_read(self, model, **hints):
        return self.alias if model._meta.app_label == "django_cache" else None

    db_for_write = db_for_read


@pytest.fixture
def cache_database(tmp_path, django_db_blocker):
    """The database the concurrent counts go to: the test database on PostgreSQL; on SQLite a
    file as configured (connections to the in-memory test database lock whole tables and fail
    at once instead of waiting), so that they queue as they do in production."""
    if connection.vendor != "sqlite":
        yield
        return
    alias = "cache_file"
    connections.settings[alias] = connections.configure_settings(
        {
            "default": connections.settings["default"],
            alias: {
                "ENGINE": "django.db.backends.sqlite3",
                "NAME": str(tmp_path / "cache.sqlite3"),
                "OPTIONS": sqlite_options(),
            },
        }
    )[alias]
    CacheDatabaseRouter.alias = alias
    try:
        with (
            django_db_blocker.unblock(),
            override_settings(DATABASE_ROUTERS=[f"{__name__}.CacheDatabaseRouter"]),
        ):
            call_command("createcachetable", database=alias, verbosity=0)
            yield
    finally:
        CacheDatabaseRouter.alias = "default"
        connections[alias].close()
        del connections[alias]
        del connections.settings[alias]


class _SlowDjangoDatabaseCache(DjangoDatabaseCache):
    """Django's cache, pausing as real work does between its incr's read and its write."""

    def get(self, *args, **kwargs):
        value = super().get(*args, **kwargs)
        time.sleep(0.002)
        return value


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    ("backend", "loses_counts"),
    [(DatabaseCache, False), (_SlowDjangoDatabaseCache, True)],
    ids=["ours", "django-control"],
)
def test_concurrent_counts_are_not_lost(cache_database, backend, loses_counts):
    """Several processes counting at once (here threads, each with its own connection)."""
    counter = backend(TABLE, {})
    counter.add("together", 0, timeout=600)
    threads, per_thread = 6, 15
    barrier = threading.Barrier(threads)
    errors = []

    def count():
        try:
            barrier.wait()
            for _ in range(per_thread):
                counter.incr("together")
        except Exception as error:  # noqa: BLE001 - reported by the test
            errors.append(repr(error))
        finally:
            connections.close_all()

    workers = [threading.Thread(target=count) for _ in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert not errors
    total = counter.get("together")
    if loses_counts:
        assert total < threads * per_thread  # the control: the test does see lost counts
    else:
        assert total == threads * per_thread


@pytest.mark.parametrize(
    "backend",
    [
        "django.core.cache.backends.locmem.LocMemCache",
        "django.core.cache.backends.dummy.DummyCache",
    ],
)
def test_the_deploy_check_warns_of_a_cache_of_one_process(backend):
    with override_settings(CACHES={"default": {"BACKEND": backend}}):
        warnings = check_cache_is_shared(None)
    assert [w.id for w in warnings] == ["sportloket.W001"]


@pytest.mark.parametrize(
    "backend",
    ["sportloket.core.cache.DatabaseCache", "django.core.cache.backends.redis.RedisCache"],
)
def test_the_deploy_check_accepts_a_shared_cache(backend):
    location = TABLE if backend.endswith("DatabaseCache") else "redis://127.0.0.1:6379/1"
    with override_settings(CACHES={"default": {"BACKEND": backend, "LOCATION": location}}):
        assert check_cache_is_shared(None) == []
