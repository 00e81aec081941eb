"""Takes this month's loket-scan of every active desk and the country's coverage. Run it daily
(cron or a systemd timer, see docs/deploy.md): each run renews the current month's snapshot, so
a month keeps what its last day found; running it twice changes nothing."""

import datetime

from django.core.management.base import BaseCommand, CommandError

from sportloket.core.models import Loket
from sportloket.scan import services


class Command(BaseCommand):
    help = "Takes this month's loket-scan snapshot of every active desk, and of the coverage."

    def add_arguments(self, parser):
        parser.add_argument("--date", help="The day to take it for (YYYY-MM-DD); today by default.")

    def handle(self, *args, **options):
        on = None
        if options["date"]:
            try:
                on = datetime.date.fromisoformat(options["date"])
            except ValueError as error:
                raise CommandError(f"Not a date: {options['date']}") from error
        desks = 0
        for loket in Loket.objects.active().order_by("pk").iterator():
            services.snapshot_take(loket=loket, on=on)
            desks += 1
        coverage = services.coverage_snapshot_take(on=on)
        self.stdout.write(
            f"Snapshots of {desks} desks; {coverage.covered} of {coverage.municipalities} "
            "municipalities in a desk's work area."
        )
