"""Fixtures shared by every test suite."""

import os

import pytest

# Playwright's sync API runs an event loop in the test thread; Django's ORM refuses to run next
# to one unless told this is safe (it is: the tests do not share connections across threads).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture
def desk(db):
    from sportloket.core.tests.factories import LoketFactory

    return LoketFactory(slug="alpha", name="Sportloket Alpha")


@pytest.fixture
def other_desk(db):
    from sportloket.core.tests.factories import LoketFactory

    return LoketFactory(slug="beta", name="Sportloket Beta")


@pytest.fixture
def coordinator(desk):
    from sportloket.core.tests.factories import MembershipFactory

    return MembershipFactory(loket=desk, coordinator=True).user


@pytest.fixture
def supporter(desk):
    from sportloket.core.tests.factories import MembershipFactory

    return MembershipFactory(loket=desk, supporter=True).user


@pytest.fixture
def coordinator_client(client, coordinator):
    client.force_login(coordinator)
    return client


@pytest.fixture(autouse=True)
def _fresh_cache(request, django_db_blocker):
    """Rate-limit counters live in the cache; one test's failed logins must not block the next.

    The cache is a table in the test database, as in production. A test's transaction rolls back
    what it counted, but not what a live server or a transactional test committed: every test
    that has a database starts with it empty. A test without one cannot count anything. (Only
    before the test: afterwards, a test may still have its database broken on purpose.)"""
    from django.core.cache import cache

    from sportloket.core import fragments

    fragments.clear_all()  # pieces kept per process, under keys a new test database repeats
    if "django_db_setup" in request.fixturenames:
        request.getfixturevalue("django_db_setup")
        with django_db_blocker.unblock():
            cache.clear()


@pytest.fixture
def queued_mail(settings):
    """E-mail through the queue as in production (Django's test set-up replaces it by the local
    outbox, where a message lands the moment it is sent, even in a transaction that is rolled
    back afterwards), with tasks that run when their transaction commits, as a worker would find
    them (sportloket.testing.tasks): the outbox holds what a worker would have delivered."""
    settings.EMAIL_BACKEND = "sportloket.jobs.mail.QueuedEmailBackend"
    settings.TASKS = {
        "default": {
            "BACKEND": "sportloket.testing.tasks.AfterCommitBackend",
            "QUEUES": ["default", "mail"],
        }
    }


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    """Uploaded documents go to a fresh folder per test, never into the project."""
    settings.MEDIA_ROOT = tmp_path / "media"


def _reference_models():
    """The reference data's tables, parents first: what the migrations load (provinces and
    municipalities from CBS, sports and federations) and a flush empties."""
    from sportloket.core.models import Municipality, Province
    from sportloket.registry.models import Federation, Sport

    return [Province, Municipality, Sport, Federation, Federation.sports.through]


_reference_rows = {}


@pytest.fixture
def reference_data(transactional_db):
    """A test on a transactional database (a live server, migrations) empties it afterwards (a
    flush), which also removes the reference data the migrations loaded. The rows are read once
    per session, while the migrations' data is still there (the first transactional test of a
    run starts from the migrated database), and written back in bulk when they are gone."""
    models = _reference_models()
    if not _reference_rows:
        if not models[1].objects.exists():  # an earlier transactional test flushed it
            _load_with_the_migrations()
        for model in models:
            _reference_rows[model] = [model(**row) for row in model.objects.values()]
    if not models[1].objects.exists():
        for model in models:
            model.objects.bulk_create(_reference_rows[model])


def _load_with_the_migrations():
    """The reference data as the migrations load it, with the models as they knew them (the
    municipalities have moved to core since; their tables have not)."""
    import importlib

    from django.db import connection
    from django.db.migrations.loader import MigrationLoader

    loader = MigrationLoader(connection, ignore_no_migrations=True)
    apps = loader.project_state(("registry", "0004_load_sports_and_federations")).apps
    for name in ("0002_load_municipalities", "0004_load_sports_and_federations"):
        importlib.import_module(f"sportloket.registry.migrations.{name}").load(apps, None)
