"""Restores a backup made by `backup` into an empty database and upload folder, then checks
every table's row count and every file's checksum against the manifest."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from sportloket.core.backup import BackupError, check_backup, restore_backup


class Command(BaseCommand):
    help = (
        "Restores DIRECTORY (made by `backup`) into the configured database, which must be "
        "empty, and MEDIA_ROOT, then compares every row count and checksum with the manifest."
    )
    # The checks could open the database that is about to be replaced: none before a restore.
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("directory", type=Path, help="A directory made by `backup`.")
        parser.add_argument(
            "--check",
            action="store_true",
            help="Only verify the backup's checksums against its manifest; restore nothing.",
        )

    def handle(self, *args, directory, check=False, verbosity=1, **options):
        try:
            if check:
                manifest = check_backup(directory)
                self.stdout.write(
                    self.style.SUCCESS(
                        f"The backup of {manifest.created_at} in {directory} matches its "
                        f"manifest: the database file and {len(manifest.files)} uploaded files."
                    )
                )
                return
            report = restore_backup(directory)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self._report(report, verbosity)

    def _report(self, report, verbosity):
        manifest = report.manifest
        versions = manifest.versions
        self.stdout.write(
            f"Restored the backup of {manifest.created_at} (Sportloket "
            f"{versions.get('sportloket', '?')}, Django {versions.get('django', '?')}, "
            f"{versions.get('database', manifest.vendor)})"
        )
        if verbosity >= 2:
            for table, rows in sorted(manifest.tables.items()):
                restored = report.tables.get(table, "missing")
                self.stdout.write(f"  {table}: manifest {rows}, restored {restored}")
        equal_tables = sum(report.tables.get(t) == n for t, n in manifest.tables.items())
        wanted = {entry.path: entry.sha256 for entry in manifest.files}
        equal_files = sum(report.files.get(path) == sha for path, sha in wanted.items())
        self.stdout.write(
            f"Tables: {equal_tables} of {len(manifest.tables)} with the manifest's row count "
            f"({sum(report.tables.values())} rows restored)"
        )
        self.stdout.write(
            f"Uploaded files: {equal_files} of {len(wanted)} with the manifest's SHA-256"
        )
        differences = report.differences
        if differences:
            for difference in differences:
                self.stderr.write(f"  {difference}")
            raise CommandError(
                f"The restored data differs from the manifest in {len(differences)} place(s): "
                "do not start the app on it."
            )
        self.stdout.write(
            self.style.SUCCESS(
                "Restore verified: every table's row count and every file's checksum equal "
                "the manifest."
            )
        )
