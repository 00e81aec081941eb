"""Tasks the worker runs (`manage.py db_worker`, docs/deploy.md)."""

import logging
from datetime import timedelta

from django.conf import settings
from django.db.models import F
from django.utils import timezone
from django_tasks import task
from mailer import engine
from mailer.models import PRIORITY_DEFERRED, PRIORITY_MEDIUM, RESULT_FAILURE, Message, MessageLog

logger = logging.getLogger(__name__)


def retry_delay(attempt: int) -> timedelta:
    """How long to wait after the ``attempt``-th failed attempt (0 is the first): the delays of
    settings.MAIL_RETRY_DELAYS in turn, then the last of them again and again. After
    settings.MAIL_MAX_ATTEMPTS the message stays in the queue as deferred, with each attempt's
    error in the log, for an administrator to send again (the admin's mail queue)."""
    delays = settings.MAIL_RETRY_DELAYS
    return timedelta(seconds=delays[min(attempt, len(delays) - 1)])


def defer_on_failure(connection, message, exc):
    """django-mailer's error handler (settings.MAILER_ERROR_HANDLER): whatever failed (a refused
    connection, a timeout, a refused recipient), the message is deferred with the error in its
    log, never lost and never left to be sent by a task that no longer exists."""
    message.defer()
    MessageLog.objects.log(message, RESULT_FAILURE, log_message=f"{type(exc).__name__}: {exc}")
    logger.info("mail deferred: %s", exc)
    return None, "deferred"


@task(queue_name="mail")
def deliver_mail(message_ids: list[int], attempt: int = 0) -> dict:
    """Sends the queued messages ``message_ids`` (each exactly once: a message is deleted from
    the queue in the transaction that sends it, under a row lock on PostgreSQL), and schedules
    another attempt for those the mail server did not take."""
    queued = Message.objects.filter(pk__in=message_ids)
    if attempt:
        queued.filter(priority=PRIORITY_DEFERRED).update(
            priority=PRIORITY_MEDIUM, retry_count=F("retry_count") + 1
        )
    if queued.exists():
        engine.send_all(queued)
    left = list(
        Message.objects.filter(pk__in=message_ids, priority=PRIORITY_DEFERRED).values_list(
            "pk", flat=True
        )
    )
    if left and attempt + 1 < settings.MAIL_MAX_ATTEMPTS:
        run_after = timezone.now() + retry_delay(attempt)
        deliver_mail.using(run_after=run_after).enqueue(left, attempt + 1)
    return {"sent": len(message_ids) - len(left), "deferred": len(left)}
