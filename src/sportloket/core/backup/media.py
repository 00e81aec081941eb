"""The uploaded files (intent declarations, quality evidence, import files) copied as a tree.

Each file is hashed while it is copied, so the checksum in the manifest is that of the bytes
that went into the backup, not of a file that may have changed since it was read.
"""

import hashlib
import os
from pathlib import Path

from sportloket.core.backup.manifest import (
    CHUNK,
    BackupError,
    FileEntry,
    relative_files,
    safe_relative_path,
    sha256_file,
)


def copy_file(source: Path, target: Path, *, private: bool = False) -> tuple[int, str]:
    """Copies source to target (made anew, never overwritten); returns (size, SHA-256).

    Private: only the owner may read the copy and its new folders (a backup holds personal
    data); otherwise they get the process's usual permissions, as an upload would."""
    digest, size = hashlib.sha256(), 0
    target.parent.mkdir(parents=True, exist_ok=True, **({"mode": 0o700} if private else {}))
    opener = (lambda path, flags: os.open(path, flags, 0o600)) if private else None
    with open(source, "rb") as reading, open(target, "xb", opener=opener) as writing:
        while chunk := reading.read(CHUNK):
            digest.update(chunk)
            size += len(chunk)
            writing.write(chunk)
        writing.flush()
        os.fsync(writing.fileno())
    return size, digest.hexdigest()


def back_up_media(media_root: Path, target: Path) -> list[FileEntry]:
    """Copies every file under media_root to target; returns what the manifest lists."""
    target.mkdir(mode=0o700)
    entries = []
    for path in relative_files(media_root):
        size, sha256 = copy_file(media_root / path, target / path, private=True)
        entries.append(FileEntry(path=path, size=size, sha256=sha256))
    return entries


def existing_media(media_root: Path) -> list[str]:
    return relative_files(media_root)


def restore_media(source: Path, entries: list[FileEntry], media_root: Path) -> dict[str, str]:
    """Copies the manifest's files into media_root; returns path → SHA-256 read back from
    media_root (not from the copy's own hashing), so the report checks what is really there."""
    media_root.mkdir(parents=True, exist_ok=True)
    for entry in entries:
        relative = safe_relative_path(entry.path)
        try:
            copy_file(source / relative, media_root / relative)
        except FileExistsError as error:
            raise BackupError(f"{media_root / relative} appeared while restoring.") from error
    return {path: sha256_file(media_root / path) for path in relative_files(media_root)}
