"""E-mails everyone who said yes or maybe to a meeting that starts within a few days a
reminder with the calendar file. Run it daily from cron; each invitation is reminded once, so a
second run sends nothing twice."""

from django.core.management.base import BaseCommand

from sportloket.meetings.constants import REMINDER_DAYS
from sportloket.meetings.services import reminders_send


class Command(BaseCommand):
    help = "E-mails reminders of the meetings of the coming days to who said yes or maybe."

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=REMINDER_DAYS,
            help=f"Meetings starting within this many days ({REMINDER_DAYS} by default).",
        )

    def handle(self, *args, **options):
        sent = reminders_send(days=options["days"])
        self.stdout.write(f"Sent {sent} meeting reminders.")
