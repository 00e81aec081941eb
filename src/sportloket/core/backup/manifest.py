"""The manifest of a backup directory: what it holds, and the checksums that prove a copy whole.

A backup directory holds the database (``database.sqlite3`` or ``database.dump``), the uploaded
files under ``media/`` and ``manifest.json``, which is written last: a directory without it is
an interrupted backup, never restored. The checksums find a damaged or incomplete copy (a disk,
a transfer, a copy kept elsewhere); they are no signature, so they do not stop someone who can
rewrite the manifest too. That is why the README keeps the copies where only the backup
operator writes.
"""

import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

FORMAT = "sportloket-backup"
FORMAT_VERSION = 1
MANIFEST_NAME = "manifest.json"
MEDIA_DIR = "media"
DATABASE_FILES = {"sqlite": "database.sqlite3", "postgresql": "database.dump"}
CHUNK = 1024 * 1024


class BackupError(Exception):
    """A backup or restore that cannot go on: the message says why and what to do."""


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as stream:
        while chunk := stream.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def safe_relative_path(text: str) -> PurePosixPath:
    """A manifest's file path as a path below the folder it is restored into.

    The manifest comes from outside the running installation (a copy kept elsewhere): a path
    that is absolute or climbs out with ``..`` would let it write anywhere the process may."""
    path = PurePosixPath(text)
    if not text or "\\" in text or "\x00" in text or path.is_absolute() or ".." in path.parts:
        raise BackupError(f"The manifest names an unsafe file path: {text!r}.")
    if path.parts in ((), (".",)):
        raise BackupError(f"The manifest names an empty file path: {text!r}.")
    return path


@dataclass(frozen=True)
class FileEntry:
    """One uploaded file: its path relative to MEDIA_ROOT (with /), size and SHA-256."""

    path: str
    size: int
    sha256: str


@dataclass
class Manifest:
    created_at: str
    versions: dict
    vendor: str
    database_file: str
    database_size: int
    database_sha256: str
    tables: dict[str, int]
    files: list[FileEntry] = field(default_factory=list)
    format_version: int = FORMAT_VERSION

    def to_json(self) -> dict:
        return {
            "format": FORMAT,
            "format_version": self.format_version,
            "created_at": self.created_at,
            "versions": self.versions,
            "database": {
                "vendor": self.vendor,
                "file": self.database_file,
                "size": self.database_size,
                "sha256": self.database_sha256,
                "tables": dict(sorted(self.tables.items())),
            },
            "media": {
                "directory": MEDIA_DIR,
                "files": [
                    {"path": f.path, "size": f.size, "sha256": f.sha256}
                    for f in sorted(self.files, key=lambda f: f.path)
                ],
            },
        }

    @classmethod
    def from_json(cls, data) -> "Manifest":
        """The manifest of ``data``; a BackupError names the first thing that is not right."""
        try:
            if data["format"] != FORMAT:
                raise BackupError(f"Not a Sportloket backup manifest (format {data['format']!r}).")
            if data["format_version"] != FORMAT_VERSION:
                raise BackupError(
                    f"Backup format version {data['format_version']!r} is not supported by this "
                    f"version of Sportloket (it reads version {FORMAT_VERSION})."
                )
            database, media = data["database"], data["media"]
            manifest = cls(
                created_at=str(data["created_at"]),
                versions=dict(data["versions"]),
                vendor=_one_of(database["vendor"], DATABASE_FILES),
                database_file=DATABASE_FILES[database["vendor"]],
                database_size=_count(database["size"]),
                database_sha256=_sha256(database["sha256"]),
                tables={str(name): _count(rows) for name, rows in database["tables"].items()},
                files=[
                    FileEntry(
                        path=str(safe_relative_path(f["path"])),
                        size=_count(f["size"]),
                        sha256=_sha256(f["sha256"]),
                    )
                    for f in media["files"]
                ],
            )
        except (KeyError, TypeError, AttributeError, ValueError) as error:
            raise BackupError(f"The manifest is incomplete or malformed ({error!r}).") from error
        if database["file"] != manifest.database_file:
            raise BackupError(
                f"The manifest names an unexpected database file {database['file']!r}."
            )
        if len({f.path for f in manifest.files}) != len(manifest.files):
            raise BackupError("The manifest lists a file twice.")
        return manifest


def _one_of(value, allowed):
    if value not in allowed:
        raise ValueError(f"{value!r} is not one of {sorted(allowed)}")
    return value


def _count(value) -> int:
    if type(value) is not int or value < 0:
        raise ValueError(f"{value!r} is not a count")
    return value


def _sha256(value) -> str:
    if not isinstance(value, str) or len(value) != 64 or value.strip("0123456789abcdef"):
        raise ValueError(f"{value!r} is not a SHA-256 in hexadecimal")
    return value


def write_manifest(directory: Path, manifest: Manifest) -> None:
    """Written to a temporary name, flushed to disk, then renamed: the manifest appears whole
    or not at all, and only after everything it describes."""
    temporary = directory / f".{MANIFEST_NAME}.partial"
    with open(temporary, "w", encoding="utf-8") as stream:
        json.dump(manifest.to_json(), stream, indent=2, ensure_ascii=False)
        stream.write("\n")
        stream.flush()
        os.fsync(stream.fileno())
    os.chmod(temporary, 0o600)
    os.replace(temporary, directory / MANIFEST_NAME)


def read_manifest(directory: Path) -> Manifest:
    path = directory / MANIFEST_NAME
    if not directory.is_dir():
        raise BackupError(f"{directory} is not a directory.")
    if not path.is_file():
        raise BackupError(
            f"{directory} holds no {MANIFEST_NAME}: it is not a backup, or one that was "
            "interrupted before it was complete."
        )
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise BackupError(f"{path} is not valid JSON ({error}).") from error
    return Manifest.from_json(data)


def verify_backup(directory: Path, manifest: Manifest) -> list[str]:
    """Everything in the directory that differs from the manifest (empty when all is whole):
    the database file, every uploaded file, and files under media/ the manifest does not list."""
    problems = _file_problems(
        directory / manifest.database_file,
        manifest.database_file,
        manifest.database_size,
        manifest.database_sha256,
    )
    media = directory / MEDIA_DIR
    for entry in manifest.files:
        path = media / safe_relative_path(entry.path)
        problems += _file_problems(path, f"{MEDIA_DIR}/{entry.path}", entry.size, entry.sha256)
    listed = {entry.path for entry in manifest.files}
    problems += [
        f"{MEDIA_DIR}/{path}: not in the manifest"
        for path in sorted(set(relative_files(media)) - listed)
    ]
    return problems


def _file_problems(path: Path, name: str, size: int, sha256: str) -> list[str]:
    if not path.is_file():
        return [f"{name}: missing"]
    if path.stat().st_size != size:
        return [f"{name}: {path.stat().st_size} bytes, the manifest says {size}"]
    if sha256_file(path) != sha256:
        return [f"{name}: SHA-256 differs from the manifest"]
    return []


def relative_files(root: Path) -> list[str]:
    """Every file below root as a path relative to it with /, sorted; none when it is absent."""
    if not root.is_dir():
        return []
    found = []
    for folder, folders, names in os.walk(root):
        folders.sort()
        base = Path(folder).relative_to(root)
        found += [(base / name).as_posix() for name in names if (Path(folder) / name).is_file()]
    return sorted(found)


def count_differences(expected: dict[str, int], actual: dict[str, int]) -> list[str]:
    """Every table whose rows differ, including tables only one side has."""
    differences = []
    for table in sorted(expected.keys() | actual.keys()):
        if table not in actual:
            differences.append(f"table {table}: missing (the manifest says {expected[table]} rows)")
        elif table not in expected:
            differences.append(f"table {table}: {actual[table]} rows, not in the manifest")
        elif actual[table] != expected[table]:
            differences.append(
                f"table {table}: {actual[table]} rows, the manifest says {expected[table]}"
            )
    return differences


def file_differences(expected: list[FileEntry], actual: dict[str, str]) -> list[str]:
    """Every uploaded file whose checksum differs (actual: path → SHA-256 as restored)."""
    wanted = {entry.path: entry.sha256 for entry in expected}
    differences = []
    for path in sorted(wanted.keys() | actual.keys()):
        if path not in actual:
            differences.append(f"file {path}: missing")
        elif path not in wanted:
            differences.append(f"file {path}: not in the manifest")
        elif actual[path] != wanted[path]:
            differences.append(f"file {path}: SHA-256 differs from the manifest")
    return differences
