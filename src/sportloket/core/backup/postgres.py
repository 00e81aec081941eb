"""PostgreSQL: ``pg_dump --format=custom`` from one exported snapshot, ``pg_restore`` back.

The connection comes from settings.DATABASES: host, port, user, password and database name go
to pg_dump and pg_restore as PG* environment variables, never as arguments (a password on a
command line is visible to every user of the machine in the process list).
"""

import glob
import os
import re
import shutil
import subprocess
from contextlib import contextmanager
from pathlib import Path

import psycopg
from django.db import OperationalError, connections
from psycopg import sql

from sportloket.core.backup.manifest import BackupError

_TABLES = (
    "SELECT schemaname, tablename FROM pg_catalog.pg_tables "
    "WHERE schemaname NOT IN ('pg_catalog', 'information_schema') ORDER BY 1, 2"
)
_SETTING_VARIABLES = {
    "HOST": "PGHOST",
    "PORT": "PGPORT",
    "USER": "PGUSER",
    "PASSWORD": "PGPASSWORD",
    "NAME": "PGDATABASE",
}
# libpq reads these from the environment just as it reads them from a connection's options.
_OPTION_VARIABLES = {
    "service": "PGSERVICE",
    "passfile": "PGPASSFILE",
    "sslmode": "PGSSLMODE",
    "sslrootcert": "PGSSLROOTCERT",
    "sslcert": "PGSSLCERT",
    "sslkey": "PGSSLKEY",
    "connect_timeout": "PGCONNECT_TIMEOUT",
    "options": "PGOPTIONS",
}
_SNAPSHOT = (
    "SELECT pg_catalog.pg_export_snapshot(), 'PostgreSQL ' || current_setting('server_version')"
)
# Every parameter comes from the environment: an empty connection URI names none of them.
_FROM_ENVIRONMENT = "--dbname=postgresql://"
TOOL_TIMEOUT = 6 * 60 * 60  # seconds: a stuck dump must not hold a cron slot for ever


def tool(name: str) -> str:
    """pg_dump or pg_restore: on the PATH, else from the newest /usr/lib/postgresql/N/bin."""
    found = shutil.which(name)
    if found:
        return found
    versions = sorted(
        glob.glob(f"/usr/lib/postgresql/*/bin/{name}"),
        key=lambda path: [int(part) for part in re.findall(r"\d+", Path(path).parts[-3])],
    )
    if versions:
        return versions[-1]
    raise BackupError(
        f"{name} was not found on the PATH nor in /usr/lib/postgresql/*/bin: install the "
        "PostgreSQL client tools of the server's major version (Debian: postgresql-client)."
    )


def client_environment(settings_dict: dict) -> dict[str, str]:
    """The process environment with the configured connection as PG* variables.

    A value the settings leave empty is left to libpq's own default or to the environment,
    exactly as for Django's own connection, so the tools reach the database Django reaches."""
    environment = dict(os.environ)
    for key, variable in _SETTING_VARIABLES.items():
        if settings_dict.get(key):
            environment[variable] = str(settings_dict[key])
    for option, variable in _OPTION_VARIABLES.items():
        if settings_dict.get("OPTIONS", {}).get(option):
            environment[variable] = str(settings_dict["OPTIONS"][option])
    environment["PGAPPNAME"] = "sportloket-backup"
    return environment


def _run(arguments: list[str], settings_dict: dict) -> None:
    try:
        done = subprocess.run(  # noqa: S603 - the arguments are ours, the tool an absolute path
            arguments,
            env=client_environment(settings_dict),
            capture_output=True,
            text=True,
            timeout=TOOL_TIMEOUT,
            check=False,
        )
    except subprocess.TimeoutExpired as error:
        raise BackupError(
            f"{Path(arguments[0]).name} took longer than {TOOL_TIMEOUT} s."
        ) from error
    if done.returncode != 0:
        raise BackupError(
            f"{Path(arguments[0]).name} failed (exit status {done.returncode}):\n"
            f"{done.stderr.strip()}"
        )


def tool_version(name: str) -> str:
    done = subprocess.run(  # noqa: S603
        [tool(name), "--version"], capture_output=True, text=True, check=False, timeout=60
    )
    return done.stdout.strip()


@contextmanager
def _own_connection(alias: str):
    """A raw connection of our own with the alias's settings, beside Django's (which may be in
    a transaction, or be shared with a test), closed afterwards."""
    wrapper = connections.create_connection(alias)
    try:
        wrapper.ensure_connection()
        yield wrapper.connection
    finally:
        wrapper.close()


def _key(schema: str, table: str) -> str:
    return table if schema == "public" else f"{schema}.{table}"


def _count_rows(cursor) -> dict[str, int]:
    cursor.execute(_TABLES)
    counts = {}
    for schema, table in cursor.fetchall():
        query = sql.SQL("SELECT COUNT(*) FROM {}.{}").format(
            sql.Identifier(schema), sql.Identifier(table)
        )
        cursor.execute(query)
        counts[_key(schema, table)] = cursor.fetchone()[0]
    return counts


def back_up(alias: str, target: Path) -> tuple[dict[str, int], str]:
    """Dumps the database into target; returns (its row counts, the server's version).

    The counts and the dump must describe the same moment, while the app keeps writing. Both are
    read in one REPEATABLE READ transaction: ours exports its snapshot (pg_export_snapshot) and
    pg_dump imports it with --snapshot, so pg_dump sees exactly the rows we counted. Counting
    instead in a restored copy would mean restoring every backup once more just to describe it,
    and counting in a snapshot of our own would be off by whatever was written in between.
    The exporting transaction stays open until pg_dump is done (the snapshot exists only that
    long), and the counting has taken a share lock on every table, so no migration can alter one
    between our counts and pg_dump's own locks."""
    with _own_connection(alias) as database, database.cursor() as cursor:
        cursor.execute("BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        try:
            cursor.execute(_SNAPSHOT)
            snapshot, server = cursor.fetchone()
            counts = _count_rows(cursor)
            run_pg_dump(alias, snapshot, target)
        finally:
            cursor.execute("ROLLBACK")  # read only: nothing to commit
    os.chmod(target, 0o600)
    return counts, server


def run_pg_dump(alias: str, snapshot: str, target: Path) -> None:
    settings_dict = connections[alias].settings_dict
    dump = [tool("pg_dump"), "--format=custom", f"--snapshot={snapshot}", f"--file={target}"]
    _run([*dump, "--no-password", _FROM_ENVIRONMENT], settings_dict)


def existing_tables(alias: str) -> list[str]:
    """The tables of the configured database, or a BackupError telling how to make it."""
    try:
        with _own_connection(alias) as database, database.cursor() as cursor:
            cursor.execute(_TABLES)
            return [_key(schema, table) for schema, table in cursor.fetchall()]
    except (OperationalError, psycopg.OperationalError) as error:
        name = connections[alias].settings_dict.get("NAME")
        raise BackupError(
            f"Cannot connect to the PostgreSQL database {name!r} ({error}). Create an empty "
            f"database first, e.g. `createdb --owner=<app user> {name}` as a superuser, or "
            f'`CREATE DATABASE "{name}"` in psql.'
        ) from error


def restore(alias: str, dump: Path) -> dict[str, int]:
    """Restores the dump into the configured database as one transaction (all or nothing);
    returns the row counts read back from it."""
    load = [tool("pg_restore"), "--no-owner", "--exit-on-error", "--single-transaction"]
    _run([*load, "--no-password", _FROM_ENVIRONMENT, str(dump)], connections[alias].settings_dict)
    with _own_connection(alias) as database, database.cursor() as cursor:
        cursor.execute("BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        try:
            return _count_rows(cursor)
        finally:
            cursor.execute("ROLLBACK")
