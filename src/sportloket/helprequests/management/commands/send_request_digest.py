"""Sends the daily e-mail with new questions to the coordinators who chose it. Run it once a
day from cron (see the README); a second run on the same day sends nothing."""

import logging

from django.core.management.base import BaseCommand

from sportloket.core.constants import RequestMail, Role
from sportloket.core.models import Membership
from sportloket.helprequests.services import request_digest_send

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = "E-mails coordinators who chose a daily summary the questions of the past day."

    def handle(self, *args, **options):
        members = Membership.objects.active().filter(
            role=Role.COORDINATOR, request_mail=RequestMail.DAILY
        )
        sent = failed = 0
        for membership in members.iterator():
            try:
                if request_digest_send(membership=membership):
                    sent += 1
            except Exception:  # the others still get theirs; this one is sent on the next run
                failed += 1
                logger.exception("Daily summary for membership %s failed", membership.pk)
        self.stdout.write(f"Sent {sent} daily summaries.")
        if failed:
            self.stderr.write(f"{failed} could not be sent; they go out on the next run.")
