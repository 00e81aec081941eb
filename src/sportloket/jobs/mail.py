"""The e-mail backend of the whole project (settings.EMAIL_BACKEND): a message is not sent but
stored in django-mailer's queue, together with the task that delivers it, in the transaction of
the change that causes it. A rollback leaves neither; a commit leaves both, and the worker sends
the message through the real backend (settings.MAILER_EMAIL_BACKEND), retrying with backoff
while the mail server is away (``sportloket.jobs.tasks.deliver_mail``)."""

from django.db import transaction
from mailer.backend import DbBackend
from mailer.models import Message


class QueuedEmailBackend(DbBackend):
    def send_messages(self, email_messages):
        if not email_messages:
            return 0
        from sportloket.jobs.tasks import deliver_mail

        # One transaction for the messages and their task even where the caller has none: a
        # message without its task would wait for nobody.
        with transaction.atomic():
            queued = Message.objects.bulk_create(Message(email=email) for email in email_messages)
            deliver_mail.enqueue([message.pk for message in queued])
        return len(queued)
