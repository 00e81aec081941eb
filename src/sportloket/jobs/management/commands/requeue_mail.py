"""Gives e-mails that wait without a delivery task a new one. A message and its task are written
together, so this happens only when a worker was killed while it delivered (its task stays
"running" and is never picked up again). Run it from cron every 15 minutes (docs/deploy.md);
a message found here is sent once all the same: the delivery deletes it from the queue in the
transaction that sends it."""

from datetime import timedelta

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone
from mailer.models import PRIORITY_DEFERRED, Message

from sportloket.jobs.tasks import deliver_mail

BATCH = 100


class Command(BaseCommand):
    help = "Enqueues a delivery for e-mails waiting longer than --minutes without being deferred."

    def add_arguments(self, parser):
        parser.add_argument(
            "--minutes",
            type=int,
            default=15,
            help="How long a message must have waited (default 15: far beyond a normal delivery).",
        )

    def handle(self, *args, minutes, **options):
        cutoff = timezone.now() - timedelta(minutes=minutes)
        stranded = list(
            Message.objects.exclude(priority=PRIORITY_DEFERRED)
            .filter(when_added__lt=cutoff)
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        with transaction.atomic():
            for start in range(0, len(stranded), BATCH):
                deliver_mail.enqueue(stranded[start : start + BATCH])
        self.stdout.write(f"{len(stranded)} e-mail(s) queued for delivery again")
