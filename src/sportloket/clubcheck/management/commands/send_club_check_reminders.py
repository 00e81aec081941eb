"""Reminds the providers invited to an open club check that have not answered: two weeks after
the invitation and after the first reminder, twice at most. Run it daily from cron; a second run
on a day sends nothing twice."""

from django.core.management.base import BaseCommand

from sportloket.clubcheck.services import remind_unanswered


class Command(BaseCommand):
    help = "E-mails reminders to providers that have not answered an open club check."

    def handle(self, *args, **options):
        sent = remind_unanswered()
        self.stdout.write(f"Reminded {sent} providers of their club check.")
