"""E-mails every coordinator and supporter a digest of what needs their attention at each of
their desks: their overdue providers, their planned contacts that are due and their quality
registrations that expire soon (these are the person's: only in the first digest of the day, by
the desks' order). Run it once a day from cron (see the README); a second run on the same day
sends nothing twice."""

import logging
from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from sportloket.contacts.reminders import reminder_send
from sportloket.core.constants import Role
from sportloket.core.models import Membership

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = "E-mails coordinators and supporters their daily digest of contacts to follow up."

    def add_arguments(self, parser):
        parser.add_argument(
            "--date", help="The day to send for (YYYY-MM-DD); today by default.", default=""
        )

    def handle(self, *args, **options):
        try:
            on = date.fromisoformat(options["date"]) if options["date"] else timezone.localdate()
        except ValueError as error:
            raise CommandError("--date takes a day as YYYY-MM-DD.") from error
        members = (
            Membership.objects.active()
            .filter(role__in=(Role.COORDINATOR, Role.SUPPORTER), user__is_active=True)
            .select_related("user", "loket")
            .order_by("loket_id", "user_id")
        )
        sent = failed = 0
        for membership in list(members):
            try:
                if reminder_send(loket=membership.loket, user=membership.user, on=on):
                    sent += 1
            except Exception:  # the others still get theirs; this one goes out on the next run
                failed += 1
                logger.exception("Reminder for membership %s failed", membership.pk)
        self.stdout.write(f"Sent {sent} reminder e-mails for {on.isoformat()}.")
        if failed:
            self.stderr.write(f"{failed} could not be sent; they go out on the next run.")
