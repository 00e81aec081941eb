"""Making a backup directory, and restoring one into an empty installation.

The order is what keeps a backup whole: the database first (one snapshot), then the uploaded
files (so every file a row of the snapshot names is normally there; one uploaded meanwhile is
an unreferenced extra), then the manifest. A restore checks everything before it writes
anything, and refuses a database or upload folder that already holds something: merging a
backup into live data is never what an operator in a hurry wants.
"""

import importlib.metadata
import platform
import shutil
import sqlite3
from dataclasses import dataclass
from pathlib import Path

import django
from django.conf import settings
from django.db import connections
from django.utils import timezone

from sportloket.core.backup import postgres
from sportloket.core.backup import sqlite as sqlite_backup
from sportloket.core.backup.manifest import (
    DATABASE_FILES,
    MEDIA_DIR,
    BackupError,
    Manifest,
    count_differences,
    file_differences,
    read_manifest,
    sha256_file,
    verify_backup,
    write_manifest,
)
from sportloket.core.backup.media import back_up_media, existing_media, restore_media


def create_backup(directory: Path, *, using: str = "default") -> Manifest:
    """Writes a backup of the database and MEDIA_ROOT into directory (new or empty)."""
    connection = connections[using]
    if connection.vendor not in DATABASE_FILES:
        raise BackupError(f"Only SQLite and PostgreSQL can be backed up, not {connection.vendor}.")
    media_root = Path(settings.MEDIA_ROOT)
    directory = directory.absolute()
    if directory.resolve().is_relative_to(media_root.resolve()):
        raise BackupError(f"{directory} is inside MEDIA_ROOT ({media_root}): choose another.")
    created = _prepare(directory)
    try:
        manifest = _write_backup(directory, connection, using, media_root)
    except BaseException:
        _remove_partial(directory, created)
        raise
    return manifest


def _write_backup(directory, connection, using, media_root) -> Manifest:
    vendor = connection.vendor
    database_file = directory / DATABASE_FILES[vendor]
    versions = _versions()
    if vendor == "sqlite":
        tables = sqlite_backup.back_up(connection, database_file)
        versions["database"] = f"SQLite {sqlite3.sqlite_version}"
    else:
        tables, versions["database"] = postgres.back_up(using, database_file)
        versions["pg_dump"] = postgres.tool_version("pg_dump")
    files = back_up_media(media_root, directory / MEDIA_DIR)
    manifest = Manifest(
        created_at=timezone.now().isoformat(timespec="seconds"),
        versions=versions,
        vendor=vendor,
        database_file=database_file.name,
        database_size=database_file.stat().st_size,
        database_sha256=sha256_file(database_file),
        tables=tables,
        files=files,
    )
    write_manifest(directory, manifest)
    return manifest


def _versions() -> dict[str, str]:
    try:
        app = importlib.metadata.version("sportloket")
    except importlib.metadata.PackageNotFoundError:
        app = "unknown"
    return {"sportloket": app, "django": django.get_version(), "python": platform.python_version()}


def _prepare(directory: Path) -> bool:
    """Makes directory (owner only: it will hold personal data); True when it was made here."""
    if directory.exists():
        if not directory.is_dir():
            raise BackupError(f"{directory} exists and is not a directory.")
        if any(directory.iterdir()):
            raise BackupError(
                f"{directory} exists and is not empty: back up into a new directory "
                "(e.g. one named after the date)."
            )
        return False
    directory.mkdir(parents=True, mode=0o700)
    return True


def _remove_partial(directory: Path, created: bool) -> None:
    """A failed backup leaves nothing that could be taken for one (it was empty before)."""
    if created:
        shutil.rmtree(directory, ignore_errors=True)
        return
    for child in directory.iterdir():
        if child.is_dir() and not child.is_symlink():
            shutil.rmtree(child, ignore_errors=True)
        else:
            child.unlink(missing_ok=True)


@dataclass
class RestoreReport:
    """What was restored, read back from the database and MEDIA_ROOT, against the manifest."""

    manifest: Manifest
    tables: dict[str, int]
    files: dict[str, str]

    @property
    def differences(self) -> list[str]:
        return count_differences(self.manifest.tables, self.tables) + file_differences(
            self.manifest.files, self.files
        )


def check_backup(directory: Path) -> Manifest:
    """The manifest of a backup whose every checksum holds; a BackupError lists what does not."""
    manifest = read_manifest(directory)
    problems = verify_backup(directory, manifest)
    if problems:
        raise BackupError(
            f"The backup in {directory} does not match its manifest; nothing was restored:\n"
            + "\n".join(f"  {problem}" for problem in problems)
        )
    return manifest


def restore_backup(directory: Path, *, using: str = "default") -> RestoreReport:
    """Restores directory into the configured, empty database and MEDIA_ROOT."""
    manifest = check_backup(directory)
    connection = connections[using]
    if connection.vendor != manifest.vendor:
        raise BackupError(
            f"The backup is of a {manifest.vendor} database, the configured database is "
            f"{connection.vendor}: set DATABASE_URL to a {manifest.vendor} database."
        )
    media_root = Path(settings.MEDIA_ROOT)
    _refuse_unless_empty(connection, using, media_root)
    database_file = directory / manifest.database_file
    if manifest.vendor == "sqlite":
        connection.close()  # the file is replaced under it
        tables = sqlite_backup.restore(database_file, sqlite_backup.database_path(connection))
    else:
        tables = postgres.restore(using, database_file)
    files = restore_media(directory / MEDIA_DIR, manifest.files, media_root)
    return RestoreReport(manifest=manifest, tables=tables, files=files)


def _refuse_unless_empty(connection, using: str, media_root: Path) -> None:
    uploads = existing_media(media_root)
    if uploads:
        raise BackupError(
            f"MEDIA_ROOT ({media_root}) already holds {len(uploads)} file(s), e.g. {uploads[0]}. "
            "Restore only into an empty folder: move it aside, or set MEDIA_ROOT to a new one."
        )
    if connection.vendor == "sqlite":
        path = sqlite_backup.database_path(connection)
        tables = sqlite_backup.existing_tables(path)
        how = (
            f"stop the app, move {path} aside, or set DATABASE_URL=sqlite:////path/to/new.sqlite3 "
            "(a file that does not exist yet)."
        )
        where = f"SQLite database {path}"
    else:
        tables = postgres.existing_tables(using)
        name = connection.settings_dict["NAME"]
        how = (
            f"create an empty database (as a superuser: `createdb --owner=<app user> <name>`, or "
            f'`DROP DATABASE "{name}"` and create it again) and point DATABASE_URL at it.'
        )
        where = f"PostgreSQL database {name!r}"
    if tables:
        raise BackupError(
            f"The {where} is not empty: it has {len(tables)} table(s), e.g. "
            f"{', '.join(tables[:3])}. Restore only into an empty database: {how}"
        )
