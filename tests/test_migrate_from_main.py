"""Migrating a database seeded by main keeps every table's rows (issue 16, acceptance point 3).

The models move between apps while their tables stay (registry's municipalities and provinces
and helprequests' themes into core, offerings' decisions into decisions). A move done wrong
loses data without any error: a table dropped and made anew, a content type added for the new
app instead of renamed (then its permissions are added twice, and audit entries point at a
stale type). So this test takes a real database as main leaves it: the base commit's own code
(exported from git into a temporary folder) runs `migrate` and `seed_demo` on a fresh database,
then this tree's `migrate` runs on it, and every table must still be there with the same number
of rows. Then a second `migrate` must find nothing to do, and `check` must pass.

It runs on the backend of the run: a file on SQLite, a fresh database (made and dropped here) on
the PostgreSQL server of DATABASE_URL. It never touches pytest-django's test database: it asks
for no database (no `django_db` mark), so pytest-django gives it neither a database nor a
transaction; all of its work is done by subprocesses.

The base is BASE_COMMIT, or the commit MIGRATION_BASE names. Without git or without that commit
(a shallow clone) the test is skipped, except in CI (CI=true), where it fails.
"""

import os
import re
import sqlite3
import subprocess
import sys
import tarfile
import time
import uuid
from contextlib import closing, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from shutil import which
from urllib.parse import quote

import psycopg
import pytest
from django.conf import settings
from psycopg import sql

ROOT = Path(__file__).resolve().parents[1]

# 968ef0f: main before the models moved (issue 16).
BASE_COMMIT = "968ef0f8fe3e63fb39477845983047be4247a1e8"

# Tables whose row count may change, and why. Nothing else may; django_content_type and
# auth_permission grow only by the content types (and their permissions) of models that are new
# since the base, each with a table of its own that the base did not have: a moved model's
# content type is renamed, not added.
MAY_GROW = {
    "django_migrations": "one row per migration applied: those added since the base",
}
TYPE_TABLES = ("django_content_type", "auth_permission")
TYPES_SQL = (
    "SELECT c.app_label, c.model, COUNT(p.id) FROM django_content_type c "
    "LEFT JOIN auth_permission p ON p.content_type_id = c.id GROUP BY c.app_label, c.model"
)

MANAGE_TIMEOUT = 600  # seconds; seed_demo takes about 6 s on SQLite

# Runs a tree's manage.py in this interpreter, after making sure that the `sportloket` package
# imported is that tree's (the editable install of the venv points at another tree).
_MANAGE = """\
import runpy, sys
from pathlib import Path
import sportloket
tree = Path(sys.argv[1]).resolve()
where = Path(sportloket.__file__).resolve()
if tree / "src" not in where.parents:
    sys.exit(f"sportloket was imported from {where}, not from {tree / 'src'}")
sys.argv = ["manage.py", *sys.argv[2:]]
runpy.run_path(str(tree / "manage.py"), run_name="__main__")
"""


def _unavailable(reason):
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason} (CI=true: the migration from main must be tested)")
    pytest.skip(reason)


def _git(*args):
    return subprocess.run(
        ["git", "-C", str(ROOT), *args], capture_output=True, text=True, check=False
    )


def _base_commit():
    """The full id of the base commit."""
    wanted = os.environ.get("MIGRATION_BASE") or BASE_COMMIT
    if which("git") is None:
        _unavailable("git is not installed: cannot export the base commit")
    found = _git("rev-parse", "--verify", "--quiet", f"{wanted}^{{commit}}")
    if found.returncode != 0:
        shallow = _git("rev-parse", "--is-shallow-repository").stdout.strip() == "true"
        _unavailable(
            f"commit {wanted} is not in the repository at {ROOT}"
            + (" (a shallow clone: fetch the history)" if shallow else "")
        )
    return found.stdout.strip()


def _export(commit, folder):
    """The commit's files in folder (git archive: no worktree to register or clean up)."""
    archive = folder.with_suffix(".tar")
    exported = _git("archive", "--format=tar", f"--output={archive}", commit)
    assert exported.returncode == 0, exported.stderr
    folder.mkdir()
    with tarfile.open(archive) as tar:
        tar.extractall(folder, filter="data")
    archive.unlink()


def _environment(tree, database_url, media):
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in {"CACHE_URL", "DATABASE_URL", "PROXY_COUNT", "PYTHONPATH", "SECRET_KEY"}
    }
    environment.update(
        # manage.py's settings; the cache is the default, a table in the database, as in
        # production (so it is one of the tables counted).
        DJANGO_SETTINGS_MODULE="sportloket.conf.settings.base",
        PYTHONPATH=str(tree / "src"),
        DATABASE_URL=database_url,
        DEBUG="true",
        MFA_REQUIRED="false",
        EMAIL_URL="dummymail://",
        MEDIA_ROOT=str(media),
    )
    return environment


@dataclass
class Migration:
    """What happened to one database: row counts before and after, and the commands' output."""

    base: str
    database_url: str
    media: Path
    count_rows: object
    read_types: object
    before: dict = field(default_factory=dict)
    after: dict = field(default_factory=dict)
    types_before: dict = field(default_factory=dict)  # (app_label, model): its permissions
    types_after: dict = field(default_factory=dict)
    applied: list = field(default_factory=list)
    seconds: dict = field(default_factory=dict)

    def manage(self, tree, *args):
        """Runs `manage.py *args` of tree on the database; returns its output."""
        done = subprocess.run(
            [sys.executable, "-c", _MANAGE, str(tree), *args],
            cwd=tree,
            env=_environment(tree, self.database_url, self.media),
            capture_output=True,
            text=True,
            timeout=MANAGE_TIMEOUT,
            check=False,
        )
        if done.returncode != 0:
            pytest.fail(
                f"manage.py {' '.join(args)} in {tree} failed ({done.returncode}):\n"
                f"{done.stdout[-3000:]}\n{done.stderr[-5000:]}"
            )
        return done.stdout

    @contextmanager
    def timed(self, step):
        start = time.monotonic()
        yield
        self.seconds[step] = time.monotonic() - start


def _quoted(name):
    return '"' + name.replace('"', '""') + '"'


def _sqlite_counts(path):
    with closing(sqlite3.connect(path)) as database:
        tables = [
            name
            for (name,) in database.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        return {
            table: database.execute(f"SELECT COUNT(*) FROM {_quoted(table)}").fetchone()[0]  # noqa: S608
            for table in tables
        }


def _sqlite_types(path):
    with closing(sqlite3.connect(path)) as database:
        return {(app, model): n for app, model, n in database.execute(TYPES_SQL)}


def _postgresql_types(connect):
    with connect() as database:
        return {(app, model): n for app, model, n in database.execute(TYPES_SQL)}


def _postgresql_counts(connect):
    with connect() as database:
        tables = [
            name
            for (name,) in database.execute(
                "SELECT table_name FROM information_schema.tables "
                "WHERE table_schema = 'public' AND table_type = 'BASE TABLE'"
            )
        ]
        return {
            table: database.execute(
                sql.SQL("SELECT COUNT(*) FROM public.{}").format(sql.Identifier(table))
            ).fetchone()[0]
            for table in tables
        }


@contextmanager
def _fresh_database(folder):
    """(DATABASE_URL of a fresh database on the run's backend, a function counting its rows)."""
    db = settings.DATABASES["default"]
    if db["ENGINE"] == "django.db.backends.sqlite3":
        path = folder / "db.sqlite3"
        yield f"sqlite:///{path}", lambda: _sqlite_counts(path), lambda: _sqlite_types(path)
        return
    assert db["ENGINE"] == "django.db.backends.postgresql", db["ENGINE"]
    server = {
        "host": db["HOST"] or "127.0.0.1",
        "port": int(db["PORT"] or 5432),
        "user": db["USER"] or None,
        "password": db["PASSWORD"] or None,
    }
    # A database of its own on the same server: never the test database pytest-django uses.
    name = f"sportloket_migrate_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(dbname="postgres", autocommit=True, **server) as maintenance:
        maintenance.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        credentials = quote(server["user"] or "", safe="")
        if server["password"]:
            credentials += ":" + quote(server["password"], safe="")
        url = f"postgres://{credentials}@{server['host']}:{server['port']}/{name}"

        def connect():
            return psycopg.connect(dbname=name, **server)

        yield url, lambda: _postgresql_counts(connect), lambda: _postgresql_types(connect)
    finally:
        with psycopg.connect(dbname="postgres", autocommit=True, **server) as maintenance:
            maintenance.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )


@pytest.fixture(scope="module")
def migration(tmp_path_factory):
    """A database migrated and seeded by the base commit, then migrated by this tree."""
    base = _base_commit()
    folder = tmp_path_factory.mktemp("migrate_from_main")
    old = folder / "base"
    _export(base, old)
    with _fresh_database(folder) as (url, count_rows, read_types):
        done = Migration(base=base, database_url=url, media=folder / "media",
                         count_rows=count_rows, read_types=read_types)  # fmt: skip
        with done.timed("base: migrate"):
            done.manage(old, "migrate", "--noinput")
        with done.timed("base: seed_demo"):
            done.manage(old, "seed_demo", "--quiet")
        done.before, done.types_before = count_rows(), read_types()
        with done.timed("this tree: migrate"):
            output = done.manage(ROOT, "migrate", "--noinput")
        done.applied = re.findall(r"Applying (\S+)\.\.\. OK", output)
        done.after, done.types_after = count_rows(), read_types()
        yield done
    print(  # shown with -s or -rP
        f"\nMigrated from {base[:10]} on {settings.DATABASES['default']['ENGINE']}: "
        + ", ".join(f"{step} {seconds:.1f} s" for step, seconds in done.seconds.items())
        + f"; {len(done.applied)} migrations applied: {', '.join(done.applied) or 'none'}"
    )


def test_the_base_database_is_seeded(migration):
    assert migration.before, "the base commit made no tables"
    seeded = {
        table: rows
        for table, rows in migration.before.items()
        if rows and not table.startswith(("django_", "auth_"))
    }
    assert len(seeded) >= 10, f"seed_demo filled only {seeded}"


def _new_models(migration):
    """The content types of models new since the base (each with a table the base did not
    have), with their number of permissions."""
    new_tables = set(migration.after) - set(migration.before)
    return {
        key: permissions
        for key, permissions in migration.types_after.items()
        if key not in migration.types_before and "_".join(key) in new_tables
    }


def test_every_table_keeps_its_rows(migration):
    before, after = migration.before, migration.after
    new_models = _new_models(migration)
    expected = {  # the rows each table of content types should have now
        "django_content_type": before["django_content_type"] + len(new_models),
        "auth_permission": before["auth_permission"] + sum(new_models.values()),
    }
    changed = {}  # table: "rows before → rows after"
    for table in sorted(before):
        if table not in after:
            changed[table] = f"{before[table]} → (table gone)"
        elif table in TYPE_TABLES:
            if after[table] != expected[table]:
                changed[table] = (
                    f"{before[table]} → {after[table]} (expected {expected[table]}: the base's "
                    f"and those of the new models {sorted(new_models) or 'none'})"
                )
        elif table in MAY_GROW:
            if after[table] < before[table]:
                changed[table] = f"{before[table]} → {after[table]} (may only grow)"
        elif after[table] != before[table]:
            changed[table] = f"{before[table]} → {after[table]}"
    if not changed:
        return
    new = [f"{table} ({after[table]} rows)" for table in sorted(set(after) - set(before))]
    report = [
        f"Migrating a database seeded at {migration.base[:10]} to this tree changed the rows of "
        f"{len(changed)} table(s) (rows before → after):",
        *(f"  {table}: {change}" for table, change in changed.items()),
        f"New tables: {', '.join(new) or 'none'}",
        f"Migrations applied: {', '.join(migration.applied) or 'none'}",
    ]
    if {"django_content_type", "auth_permission"} & changed.keys():
        report.append(
            "A moved model keeps its content type (and with it its permissions and the audit "
            "trail's links): its migration renames the content type's app_label, and no new one "
            "is made."
        )
    pytest.fail("\n".join(report), pytrace=False)


def test_migrating_again_does_nothing(migration):
    output = migration.manage(ROOT, "migrate", "--noinput")
    assert "No migrations to apply." in output, output
    assert migration.count_rows() == migration.after


def test_the_checks_pass_on_the_migrated_database(migration):
    output = migration.manage(ROOT, "check", "--database", "default")
    assert "System check identified no issues" in output, output
