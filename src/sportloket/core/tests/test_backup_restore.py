"""The backup drill (issue 18, acceptance point 3): seed the demo, back up, restore into an empty
database and an empty upload folder, and every table's row count and every uploaded file's
checksum are those of the original; the manifest says so.

`backup` runs in this process, on the test database itself (SQLite's online backup API copies
the in-memory test database as it would a file; pg_dump reads the PostgreSQL test database),
so the tests are transactional: pg_dump's own connection must see what the test wrote.
`restore` runs as an operator runs it, a `manage.py restore` process with DATABASE_URL and
MEDIA_ROOT pointing at an empty target: a new file on SQLite, a database made here beside the
test database on PostgreSQL (and dropped afterwards). Restoring into a database that never had
the data is what a restore after losing everything is; the counts here are read with this
module's own queries, not with the code under test.
"""

import hashlib
import json
import os
import sqlite3
import subprocess
import sys
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import psycopg
import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import connection
from psycopg import sql

from sportloket.core.backup import operations, postgres
from sportloket.quality.models import QualityRegistration
from sportloket.registry.models import IntentDeclaration

ROOT = Path(__file__).resolve().parents[4]
pytestmark = pytest.mark.django_db(transaction=True)

_SQLITE_TABLES = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
_POSTGRESQL_TABLES = (
    "SELECT table_schema, table_name FROM information_schema.tables "
    "WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')"
)


def _quoted(name):
    return '"' + name.replace('"', '""') + '"'


def _counts(cursor, vendor):
    """Every table's rows, read through a DB-API cursor of either backend."""
    cursor.execute(_SQLITE_TABLES if vendor == "sqlite" else _POSTGRESQL_TABLES)
    if vendor == "sqlite":
        tables = [name for (name,) in cursor.fetchall()]
    else:
        rows = cursor.fetchall()
        assert {schema for schema, _ in rows} <= {"public"}, rows
        tables = [name for _, name in rows]
    counts = {}
    for table in tables:
        cursor.execute(f"SELECT COUNT(*) FROM {_quoted(table)}")  # noqa: S608
        counts[table] = cursor.fetchone()[0]
    return counts


def original_counts():
    with connection.cursor() as cursor:
        return _counts(cursor, connection.vendor)


def checksums(root):
    """path relative to root (with /) → SHA-256, of every file below root."""
    return {
        path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(Path(root).rglob("*"))
        if path.is_file()
    }


@dataclass
class Target:
    """An empty place to restore into, and this test's own ways of looking into it."""

    url: str
    media: Path
    counts: object  # () → {table: rows}; {} while it has no tables
    execute: object  # (sql) → None, committed

    def restore(self, directory, *options):
        environment = {
            key: value
            for key, value in os.environ.items()
            if key not in {"CACHE_URL", "PROXY_COUNT", "SECRET_KEY", "DATABASE_URL", "MEDIA_ROOT"}
        }
        environment.update(
            DJANGO_SETTINGS_MODULE="sportloket.conf.settings.base",
            PYTHONPATH=str(ROOT / "src"),
            DATABASE_URL=self.url,
            MEDIA_ROOT=str(self.media),
            DEBUG="true",
            EMAIL_URL="dummymail://",
        )
        return subprocess.run(
            [sys.executable, str(ROOT / "manage.py"), "restore", str(directory), *options],
            cwd=ROOT,
            env=environment,
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )


def _server():
    """The connection parameters of the PostgreSQL server of the test database."""
    db = settings.DATABASES["default"]
    return {
        "host": db["HOST"] or "127.0.0.1",
        "port": int(db["PORT"] or 5432),
        "user": db["USER"] or None,
        "password": db["PASSWORD"] or None,
    }


@pytest.fixture
def target(tmp_path):
    media = tmp_path / "restored-media"
    if connection.vendor == "sqlite":
        path = tmp_path / "restored" / "db.sqlite3"

        def sqlite_counts():
            if not path.exists():
                return {}
            with closing(sqlite3.connect(path)) as database:
                return _counts(database.cursor(), "sqlite")

        def sqlite_execute(statement):
            path.parent.mkdir(exist_ok=True)
            with closing(sqlite3.connect(path)) as database:
                database.execute(statement)
                database.commit()

        yield Target(f"sqlite:///{path}", media, sqlite_counts, sqlite_execute)
        return
    server = _server()
    name = f"{settings.DATABASES['default']['NAME']}_restore"

    def maintenance(statement):
        with psycopg.connect(dbname="postgres", autocommit=True, **server) as database:
            database.execute(statement)

    def postgresql_counts():
        with psycopg.connect(dbname=name, **server) as database:
            return _counts(database.cursor(), "postgresql")

    def postgresql_execute(statement):
        with psycopg.connect(dbname=name, autocommit=True, **server) as database:
            database.execute(statement)

    drop = sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
    maintenance(drop)
    maintenance(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    credentials = quote(server["user"] or "", safe="")
    if server["password"]:
        credentials += ":" + quote(server["password"], safe="")
    url = f"postgres://{credentials}@{server['host']}:{server['port']}/{quote(name)}"
    try:
        yield Target(url, media, postgresql_counts, postgresql_execute)
    finally:
        maintenance(drop)


def read_manifest(directory):
    return json.loads((directory / "manifest.json").read_text())


def test_backup_drill_restores_every_row_and_file(reference_data, target, tmp_path):
    call_command("seed_demo", quiet=True)
    # The demo's uploads, made through the models: intent declarations and quality evidence.
    declarations = [d.document.name for d in IntentDeclaration.objects.all()]
    evidence = [r.evidence.name for r in QualityRegistration.objects.exclude(evidence="")]
    assert declarations and evidence
    rows = original_counts()
    files = checksums(settings.MEDIA_ROOT)
    assert set(declarations + evidence) <= set(files)
    assert rows["django_migrations"] > 0
    assert len([table for table, n in rows.items() if n]) >= 20, rows

    call_command("backup", str(tmp_path / "backup"))

    manifest = read_manifest(tmp_path / "backup")
    assert manifest["database"]["vendor"] == connection.vendor
    assert manifest["database"]["tables"] == rows
    assert {f["path"]: f["sha256"] for f in manifest["media"]["files"]} == files
    assert target.counts() == {}

    done = target.restore(tmp_path / "backup")

    assert done.returncode == 0, done.stdout + done.stderr
    assert f"Tables: {len(rows)} of {len(rows)} with the manifest's row count" in done.stdout
    assert f"Uploaded files: {len(files)} of {len(files)} with the manifest's SHA-256" in (
        done.stdout
    )
    assert "Restore verified" in done.stdout
    assert target.counts() == rows
    assert checksums(target.media) == files


def _small_backup(directory):
    """A backup of the test database with one uploaded file."""
    upload = Path(settings.MEDIA_ROOT) / "declarations" / "verklaring.pdf"
    upload.parent.mkdir(parents=True)
    upload.write_bytes(b"%PDF-1.4 a declaration\n")
    call_command("backup", str(directory))
    return read_manifest(directory)


def test_restore_refuses_a_database_that_is_not_empty(desk, target, tmp_path):
    _small_backup(tmp_path / "backup")
    target.execute("CREATE TABLE leftover (id integer)")
    target.execute("INSERT INTO leftover VALUES (1)")

    done = target.restore(tmp_path / "backup")

    assert done.returncode != 0
    assert "is not empty" in done.stderr and "leftover" in done.stderr, done.stderr
    assert "Restore only into an empty database" in done.stderr
    assert target.counts() == {"leftover": 1}
    assert not target.media.exists()


def test_restore_refuses_upload_folder_that_is_not_empty(desk, target, tmp_path):
    _small_backup(tmp_path / "backup")
    (target.media / "old").mkdir(parents=True)
    (target.media / "old" / "file.txt").write_text("from before")

    done = target.restore(tmp_path / "backup")

    assert done.returncode != 0
    assert "MEDIA_ROOT" in done.stderr and "old/file.txt" in done.stderr, done.stderr
    assert target.counts() == {}
    assert checksums(target.media) == {"old/file.txt": hashlib.sha256(b"from before").hexdigest()}


def _tamper_with_manifest(directory):
    manifest = read_manifest(directory)
    manifest["media"]["files"][0]["sha256"] = "0" * 64
    (directory / "manifest.json").write_text(json.dumps(manifest))
    return "media/declarations/verklaring.pdf: SHA-256 differs"


def _tamper_with_upload(directory):
    path = directory / "media" / "declarations" / "verklaring.pdf"
    path.write_bytes(path.read_bytes().replace(b"a declaration", b"a forgery!!!!"))
    return "media/declarations/verklaring.pdf: SHA-256 differs"


def _tamper_with_database(directory):
    name = next(p.name for p in directory.iterdir() if p.name.startswith("database."))
    with open(directory / name, "r+b") as database:
        database.seek(-1, os.SEEK_END)
        last = database.read(1)
        database.seek(-1, os.SEEK_END)
        database.write(bytes([last[0] ^ 0xFF]))
    return f"{name}: SHA-256 differs"


@pytest.mark.parametrize(
    "tamper", [_tamper_with_manifest, _tamper_with_upload, _tamper_with_database]
)
def test_restore_refuses_a_damaged_backup_and_writes_nothing(desk, target, tmp_path, tamper):
    _small_backup(tmp_path / "backup")
    problem = tamper(tmp_path / "backup")

    done = target.restore(tmp_path / "backup")

    assert done.returncode != 0
    assert problem in done.stderr, done.stderr
    assert "nothing was restored" in done.stderr
    assert target.counts() == {}
    assert not target.media.exists()
    if connection.vendor == "sqlite":
        assert not Path(target.url.removeprefix("sqlite:///")).exists()


def test_restore_check_only_verifies(desk, target, tmp_path):
    manifest = _small_backup(tmp_path / "backup")

    done = target.restore(tmp_path / "backup", "--check")

    assert done.returncode == 0, done.stderr
    assert f"matches its manifest: the database file and {len(manifest['media']['files'])}" in (
        done.stdout
    )
    assert target.counts() == {}
    assert not target.media.exists()


def test_backup_refuses_a_directory_that_is_not_empty(desk, tmp_path):
    directory = tmp_path / "backup"
    directory.mkdir()
    (directory / "notes.txt").write_text("keep me")

    with pytest.raises(CommandError, match="exists and is not empty"):
        call_command("backup", str(directory))

    assert [p.name for p in directory.iterdir()] == ["notes.txt"]


def test_a_failed_backup_leaves_no_directory(desk, tmp_path, monkeypatch):
    def broken_disk(*args):
        raise OSError("No space left on device")

    monkeypatch.setattr(operations, "back_up_media", broken_disk)

    with pytest.raises(OSError, match="No space left"):
        call_command("backup", str(tmp_path / "backup"))

    assert not (tmp_path / "backup").exists()


@pytest.mark.skipif(
    settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql",
    reason="pg_dump's snapshot: PostgreSQL only (SQLite's rows are counted in the copy itself)",
)
def test_rows_written_during_the_dump_are_in_neither_the_dump_nor_the_counts(
    desk, target, tmp_path, monkeypatch
):
    """The app keeps writing while pg_dump runs: the counts and the dump share one snapshot,
    so a row committed after the counts is in neither and the restore matches the manifest."""
    db = settings.DATABASES["default"]
    dump = postgres.run_pg_dump

    def dump_while_the_app_writes(*args):
        with psycopg.connect(dbname=db["NAME"], autocommit=True, **_server()) as app:
            app.execute(
                "INSERT INTO django_session (session_key, session_data, expire_date) "
                "VALUES ('written-meanwhile', '', now())"
            )
        dump(*args)

    monkeypatch.setattr(postgres, "run_pg_dump", dump_while_the_app_writes)
    sessions = original_counts()["django_session"]

    manifest = _small_backup(tmp_path / "backup")

    assert original_counts()["django_session"] == sessions + 1  # committed meanwhile
    assert manifest["database"]["tables"]["django_session"] == sessions
    done = target.restore(tmp_path / "backup")
    assert done.returncode == 0, done.stdout + done.stderr
    assert target.counts()["django_session"] == sessions
