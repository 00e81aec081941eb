"""Exports a desk's organisations as CSV (UTF-8, to standard output) or XLSX."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from sportloket.core.models import Loket
from sportloket.registry import exporting, selectors


class Command(BaseCommand):
    help = "Exports the register of a desk with the Dutch headers the importer reads."

    def add_arguments(self, parser):
        parser.add_argument("--loket", required=True, help="Slug of the desk.")
        parser.add_argument("--format", choices=["csv", "xlsx"], default="csv")
        parser.add_argument(
            "--output", type=Path, help="File to write (required for xlsx; csv goes to stdout)."
        )

    def handle(self, *args, format, output, **options):
        slug = options["loket"]  # the option names the desk by its slug
        loket = Loket.objects.filter(slug=slug).first()
        if loket is None:
            raise CommandError(f"No desk with slug '{slug}'.")
        organisations = selectors.desk_organisations(loket=loket)
        if format == "xlsx":
            if output is None:
                raise CommandError("--output is required for xlsx.")
            output.write_bytes(exporting.to_xlsx(organisations))
            return
        text = exporting.to_csv(organisations)
        if output is not None:
            output.write_text(text, encoding="utf-8")
        else:
            self.stdout.write(text, ending="")
