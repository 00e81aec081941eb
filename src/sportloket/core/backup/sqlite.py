"""SQLite: a consistent copy through the online backup API, restored by putting the file in place.

The backup API copies the database as one snapshot while the app goes on (in WAL mode writers
are not even held up), which a file copy of a live database does not: it can catch a half-
written page or miss what is still in the write-ahead log. The rows are counted in the copy
itself, so the manifest describes exactly the file beside it.
"""

import os
import sqlite3
from contextlib import closing
from pathlib import Path

from sportloket.core.backup.manifest import BackupError
from sportloket.core.backup.media import copy_file

# SQLite's own bookkeeping (sqlite_sequence, sqlite_stat1): copied with the file, not counted.
_TABLES = (
    "SELECT name FROM sqlite_master "
    "WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name"
)


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def count_rows(database: sqlite3.Connection) -> dict[str, int]:
    tables = [name for (name,) in database.execute(_TABLES)]
    return {
        table: database.execute(f"SELECT COUNT(*) FROM {_quoted(table)}").fetchone()[0]  # noqa: S608
        for table in tables
    }


def _read_only(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)


def back_up(connection, target: Path) -> dict[str, int]:
    """Copies the database of Django's connection into target; returns its row counts.

    Django's own connection is the source, so an in-memory database (the tests') is copied just
    as a file is. The copy is switched from WAL to a rollback journal: a single self-contained
    file, which the app switches back to WAL when it opens it after a restore."""
    connection.ensure_connection()
    with closing(sqlite3.connect(target)) as copy:
        connection.connection.backup(copy)  # all pages in one step: one snapshot
        copy.execute("PRAGMA journal_mode=DELETE")
        counts = count_rows(copy)
    os.chmod(target, 0o600)
    return counts


def database_path(connection) -> Path:
    if connection.is_in_memory_db():
        raise BackupError(
            "The configured SQLite database is in memory: set DATABASE_URL=sqlite:////path/to/"
            "db.sqlite3 to restore into a file."
        )
    return Path(connection.settings_dict["NAME"])


def existing_tables(path: Path) -> list[str]:
    """The tables of the database at path (none when there is no file or an empty one)."""
    if not path.exists() or (path.is_file() and path.stat().st_size == 0):
        return []
    try:
        with closing(_read_only(path)) as database:
            return [name for (name,) in database.execute(_TABLES)]
    except sqlite3.DatabaseError as error:
        raise BackupError(
            f"{path} exists and is not a readable SQLite database ({error})."
        ) from error


def restore(source: Path, path: Path) -> dict[str, int]:
    """Puts a copy of source in place at path; returns the row counts read back from there.

    The copy is written beside the target and renamed over it, so the target is never half a
    file. A write-ahead log or shared-memory file left beside an (empty) target would be
    replayed into the restored file, so they are removed first: the app must be stopped."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.restoring")
    partial.unlink(missing_ok=True)
    copy_file(source, partial)
    for suffix in ("-wal", "-shm", "-journal"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)
    os.replace(partial, path)
    with closing(_read_only(path)) as database:
        return count_rows(database)
