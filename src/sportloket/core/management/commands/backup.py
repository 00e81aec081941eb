"""Backs up the installation: the database as one consistent snapshot while the app runs, the
uploaded files, and a manifest of row counts and checksums (README, "Backup and restore")."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from sportloket.core.backup import BackupError, create_backup


class Command(BaseCommand):
    help = (
        "Backs up the database and the uploaded files (MEDIA_ROOT) into DIRECTORY, which must be "
        "new or empty, with a manifest.json of row counts and checksums."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "directory", type=Path, help="A new or empty directory, e.g. /var/backups/2025-06-01."
        )

    def handle(self, *args, directory, **options):
        try:
            manifest = create_backup(directory)
        except BackupError as error:
            raise CommandError(str(error)) from error
        rows = sum(manifest.tables.values())
        size = sum(entry.size for entry in manifest.files)
        self.stdout.write(
            f"Database ({manifest.vendor}): {manifest.database_file}, {len(manifest.tables)} "
            f"tables, {rows} rows, {manifest.database_size} bytes"
        )
        self.stdout.write(f"Uploaded files: {len(manifest.files)}, {size} bytes, in media/")
        self.stdout.write(self.style.SUCCESS(f"Backup written to {directory.absolute()}"))
