"""Imports organisations from a CSV or XLSX file into a desk's register."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from sportloket.accounts.models import User
from sportloket.core.models import Loket
from sportloket.registry.importing.read import UnreadableFile
from sportloket.registry.services import organisation_import


class Command(BaseCommand):
    help = (
        "Imports organisations (CSV with , or ;, UTF-8 or Windows-1252, or XLSX) into the "
        "register of a desk. Writes nothing if any row is invalid, unless --skip-invalid."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--loket", required=True, help="Slug of the desk.")
        parser.add_argument("--dry-run", action="store_true", help="Check only; write nothing.")
        parser.add_argument(
            "--skip-invalid", action="store_true", help="Import the valid rows, skip the rest."
        )
        parser.add_argument("--actor", default="", help="E-mail of the user who imports.")

    def handle(self, *args, file, dry_run, skip_invalid, **options):
        # The options name the desk by its slug and the acting user by their e-mail address.
        loket = self._loket(options["loket"])
        actor = self._actor(options["actor"])
        try:
            data = file.read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error}") from error
        try:
            plan, written = organisation_import(
                loket=loket, actor=actor, data=data, dry_run=dry_run, skip_invalid=skip_invalid
            )
        except UnreadableFile as error:
            raise CommandError(str(error)) from error
        self._report(plan, written)

    def _loket(self, slug):
        loket = Loket.objects.filter(slug=slug).first()
        if loket is None:
            raise CommandError(f"No desk with slug '{slug}'.")
        return loket

    def _actor(self, email):
        if not email:
            return None
        actor = User.objects.filter(email__iexact=email).first()
        if actor is None:
            raise CommandError(f"No user with e-mail '{email}'.")
        return actor

    def _report(self, plan, written):
        for row_plan in plan.rows:
            for column, message in row_plan.row.errors:
                self.stderr.write(
                    _("Row %(row)s, column %(column)s: %(message)s")
                    % {"row": row_plan.row.number, "column": column, "message": message}
                )
            for column, message in row_plan.row.warnings:
                self.stdout.write(
                    _("Row %(row)s, column %(column)s (warning): %(message)s")
                    % {"row": row_plan.row.number, "column": column, "message": message}
                )
        if plan.unknown_headers:
            self.stdout.write(
                _("Columns not used: %(columns)s") % {"columns": ", ".join(plan.unknown_headers)}
            )
        summary = plan.summary()
        line = (
            _("%(created)s new, %(updated)s updated, %(unchanged)s unchanged, %(refused)s refused.")
            % summary
        )
        if written:
            self.stdout.write(self.style.SUCCESS(_("Imported: %(line)s") % {"line": line}))
            return
        self.stdout.write(_("Nothing was written: %(line)s") % {"line": line})
        if plan.has_errors:
            raise CommandError(_("The file has invalid rows. Correct them, or use --skip-invalid."))
