"""Deletes the files of export jobs some days after they were made: they hold personal data
(contact details of questions, of the register) that must not stay on disk longer than the
member needs to download them. Also deletes files that no job refers to (a worker killed while
it saved one). Run it daily (docs/deploy.md); each run deletes only what has expired, so a run
that is missed or repeated does no harm."""

from django.core.management.base import BaseCommand, CommandError

from sportloket.jobs.constants import EXPORT_FILE_DAYS
from sportloket.jobs.exports import export_files_prune


class Command(BaseCommand):
    help = "Deletes the files of export jobs finished more than --days ago, and files of no job."

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=EXPORT_FILE_DAYS,
            help=f"How long an export's file is kept (default {EXPORT_FILE_DAYS}).",
        )

    def handle(self, *args, days, **options):
        if days < 0:
            raise CommandError("--days cannot be negative.")
        pruned, orphans = export_files_prune(days=days)
        self.stdout.write(f"Deleted {pruned} export file(s) and {orphans} file(s) of no job.")
