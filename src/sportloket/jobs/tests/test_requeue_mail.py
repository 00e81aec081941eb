"""An e-mail whose delivery was lost with a killed worker gets a new delivery from the sweep."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.mail import EmailMessage
from django.core.management import call_command
from django.utils import timezone
from mailer.models import PRIORITY_DEFERRED, PRIORITY_MEDIUM, Message

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("queued_mail")]


def _waiting(subject, *, minutes_ago, deferred=False):
    message = Message(email=EmailMessage(subject, "Tekst", None, ["eva@example.org"]))
    message.when_added = timezone.now() - timedelta(minutes=minutes_ago)
    if deferred:
        message.priority = PRIORITY_DEFERRED
    message.save()
    return message


def test_a_message_left_behind_is_delivered_once(django_capture_on_commit_callbacks):
    _waiting("Achtergebleven", minutes_ago=60)
    _waiting("Net in de wachtrij", minutes_ago=1)  # its own task is still coming
    _waiting("Wacht op een nieuwe poging", minutes_ago=60, deferred=True)  # its retry is planned
    mail.outbox.clear()
    out = StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("requeue_mail", stdout=out)
    assert "1 e-mail(s)" in out.getvalue()
    assert [m.subject for m in mail.outbox] == ["Achtergebleven"]
    assert set(Message.objects.values_list("priority", flat=True)) == {
        PRIORITY_MEDIUM,
        PRIORITY_DEFERRED,
    }
    with django_capture_on_commit_callbacks(execute=True):
        call_command("requeue_mail", stdout=StringIO())
    assert len(mail.outbox) == 1
