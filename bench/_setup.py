"""Shared set-up of the benchmarks: a scratch database (SQLite unless DATABASE_URL is set) and
production-like settings, then Django."""

import os
import secrets
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def setup_django():
    sys.path.insert(0, str(ROOT / "src"))
    scratch = Path(tempfile.mkdtemp(prefix="sportloket-bench-"))
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{scratch / 'bench.sqlite3'}")
    os.environ.update(
        DJANGO_SETTINGS_MODULE="sportloket.conf.settings.base",
        DEBUG="false",
        SECRET_KEY=secrets.token_urlsafe(48),
        ALLOWED_HOSTS="testserver",
        SECURE_SSL_REDIRECT="false",
        MEDIA_ROOT=str(scratch / "media"),
    )
    import django

    django.setup()


def bench_desks(slug, count, municipalities):
    """``count`` desks ("<slug>-0", …), each with ten municipalities of its own as work area."""
    from sportloket.core import services

    return [
        services.loket_create(
            actor=None,
            name=f"Bench {n}",
            slug=f"{slug}-{n}",
            work_area=municipalities[n * 10 : n * 10 + 10],
        )
        for n in range(count)
    ]


def bulk_organisations(prefix, count, municipalities, rng):
    """``count`` clubs and commercial providers ("<prefix> <i>") in these municipalities."""
    from sportloket.registry.models import Organisation

    return Organisation.objects.bulk_create(
        (
            Organisation(
                kind=rng.choice(["club", "club", "commercial"]),
                name=f"{prefix} {i}",
                name_key=f"{prefix.lower()} {i}",
                municipality=rng.choice(municipalities),
            )
            for i in range(count)
        ),
        batch_size=5000,
    )


def offering_place(number, desk, others, rng):
    """Who owns the ``number``-th offering a desk sees, and its scope: 40% the desk's own, 30%
    regional (another desk's, shared with it), 30% national."""
    from sportloket.offerings.constants import OfferingScope

    roll = number % 10
    if roll < 4:
        return desk, OfferingScope.DESK
    if roll < 7:
        return rng.choice(others), OfferingScope.REGION
    return None, OfferingScope.NATIONAL


@contextmanager
def scratch_database(name: str):
    """The bench's own database, migrated, with the static files collected: on SQLite the
    scratch file of ``setup_django``; on PostgreSQL a database ``name`` beside DATABASE_URL's,
    dropped afterwards unless BENCH_KEEP_DB=1 (to read the query plans)."""
    from django.core.management import call_command
    from django.db import connection

    scratch = connection.vendor != "sqlite"
    if scratch:
        kept_name = connection.settings_dict["NAME"]
        connection.settings_dict["TEST"]["NAME"] = name
        connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    else:
        call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    try:
        yield
    finally:
        if scratch and not os.environ.get("BENCH_KEEP_DB"):
            connection.creation.destroy_test_db(kept_name, verbosity=0)
