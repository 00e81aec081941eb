"""Backup and restore of an installation: the database and the uploaded files, with a manifest.

``create_backup(directory)`` and ``restore_backup(directory)`` are the interface; the
management commands ``backup`` and ``restore`` call them. See the README, "Backup and restore".
"""

from sportloket.core.backup.manifest import BackupError, Manifest
from sportloket.core.backup.operations import (
    RestoreReport,
    check_backup,
    create_backup,
    restore_backup,
)

__all__ = [
    "BackupError",
    "Manifest",
    "RestoreReport",
    "check_backup",
    "create_backup",
    "restore_backup",
]
