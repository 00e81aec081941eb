"""The mail queue (sportloket.jobs.mail and the task deliver_mail): an e-mail is a row written in
the transaction of its change and delivered by a task after commit; a failed delivery is
deferred, logged with its error and tried again later; nothing is ever sent twice."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django_tasks import default_task_backend
from mailer.models import (
    PRIORITY_DEFERRED,
    RESULT_FAILURE,
    RESULT_SUCCESS,
    Message,
    MessageLog,
)

from sportloket.accounts.tests.factories import UserFactory, add_totp
from sportloket.helprequests import services
from sportloket.helprequests.tests.factories import submit_request
from sportloket.jobs.tasks import deliver_mail, retry_delay

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("queued_mail")]


class RefusingBackend:
    """A mail server that is away."""

    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError(111, "Connection refused")


@pytest.fixture
def server_down(settings):
    settings.MAILER_EMAIL_BACKEND = f"{__name__}.RefusingBackend"


@pytest.fixture
def retries():
    """The deliveries the test backend kept for later (a retry runs after a delay)."""
    default_task_backend.deferred.clear()
    yield default_task_backend.deferred
    default_task_backend.deferred.clear()


def test_an_e_mail_is_queued_in_the_transaction_and_sent_after_commit(
    desk, coordinator, django_capture_on_commit_callbacks
):
    help_request = submit_request(desk)
    Message.objects.all().delete()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.message_send(help_request=help_request, actor=coordinator, body="Tot morgen.")
    assert Message.objects.count() == 1  # in the queue, with the change
    assert mail.outbox == []  # not sent before commit
    for callback in callbacks:
        callback()
    assert [m.to for m in mail.outbox] == [[help_request.contact_email]]
    assert "Tot morgen." in mail.outbox[0].body
    assert Message.objects.count() == 0
    assert MessageLog.objects.filter(result=RESULT_SUCCESS).count() == 1


def test_a_change_that_is_rolled_back_queues_nothing(
    desk, coordinator, django_capture_on_commit_callbacks
):
    help_request = submit_request(desk)
    Message.objects.all().delete()
    mail.outbox.clear()
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        services.message_send(help_request=help_request, actor=coordinator, body="Weg.")
        raise RuntimeError
    assert callbacks == []
    assert Message.objects.count() == 0
    assert mail.outbox == []


def test_a_mail_server_that_is_away_defers_the_e_mail_and_logs_why(
    server_down, retries, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        send_mail("Onderwerp", "Tekst", None, ["eva@example.org"])
    message = Message.objects.get()
    assert message.priority == PRIORITY_DEFERRED
    log = MessageLog.objects.get()
    assert log.result == RESULT_FAILURE
    assert "ConnectionRefusedError" in log.log_message
    # The next attempt waits for the first delay.
    [retry] = retries
    assert retry.task.name == "deliver_mail"
    assert retry.args == [[message.pk], 1]
    expected = timezone.now() + retry_delay(0)
    assert abs(retry.task.run_after - expected) < timedelta(seconds=5)


def test_a_retry_sends_the_deferred_e_mail_once(
    settings, server_down, retries, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        send_mail("Onderwerp", "Tekst", None, ["eva@example.org"])
    message = Message.objects.get()
    assert message.priority == PRIORITY_DEFERRED
    settings.MAILER_EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    mail.outbox.clear()
    assert deliver_mail.call([message.pk], 1) == {"sent": 1, "deferred": 0}
    assert [m.to for m in mail.outbox] == [["eva@example.org"]]
    assert not Message.objects.exists()
    # A second run of the same delivery (a worker that ran it twice) sends nothing.
    assert deliver_mail.call([message.pk], 2) == {"sent": 1, "deferred": 0}
    assert len(mail.outbox) == 1


def test_after_the_last_attempt_the_e_mail_waits_for_an_administrator(
    settings, server_down, retries, django_capture_on_commit_callbacks
):
    settings.MAIL_MAX_ATTEMPTS = 3
    with django_capture_on_commit_callbacks(execute=True):
        send_mail("Onderwerp", "Tekst", None, ["eva@example.org"])
    message = Message.objects.get()
    retries.clear()
    deliver_mail.call([message.pk], 1)
    assert len(retries) == 1  # attempt 3 still to come
    retries.clear()
    deliver_mail.call([message.pk], 2)
    assert retries == []
    message.refresh_from_db()
    assert message.priority == PRIORITY_DEFERRED
    assert message.retry_count == 2
    assert MessageLog.objects.filter(result=RESULT_FAILURE).count() == 3


def test_the_delays_grow_then_repeat(settings):
    settings.MAIL_RETRY_DELAYS = [30, 60, 3600]
    assert [retry_delay(n).total_seconds() for n in range(5)] == [30, 60, 3600, 3600, 3600]


def test_an_administrator_sees_the_queue_and_the_log(
    client, server_down, django_capture_on_commit_callbacks
):
    administrator = UserFactory(is_staff=True, is_superuser=True)
    add_totp(administrator)
    client.force_login(administrator)
    with django_capture_on_commit_callbacks(execute=True):
        send_mail("Onderwerp wacht", "Tekst", None, ["eva@example.org"])
    queue = client.get("/admin/mailer/message/")
    assert queue.status_code == 200
    assert "Onderwerp wacht" in queue.content.decode()
    log = client.get("/admin/mailer/messagelog/")
    assert log.status_code == 200
    assert "Onderwerp wacht" in log.content.decode()
    entry = MessageLog.objects.get()
    page = client.get(f"/admin/mailer/messagelog/{entry.pk}/change/").content.decode()
    assert "Connection refused" in page  # the error, for whoever looks into it


def test_an_administrator_sends_a_deferred_e_mail_again(
    client, settings, server_down, django_capture_on_commit_callbacks
):
    administrator = UserFactory(is_staff=True, is_superuser=True)
    add_totp(administrator)
    client.force_login(administrator)
    with django_capture_on_commit_callbacks(execute=True):
        send_mail("Onderwerp", "Tekst", None, ["eva@example.org"])
    message = Message.objects.get(priority=PRIORITY_DEFERRED)
    settings.MAILER_EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    mail.outbox.clear()
    client.post(
        "/admin/mailer/message/", {"action": "send_messages", "_selected_action": [message.pk]}
    )
    assert [m.to for m in mail.outbox] == [["eva@example.org"]]
    assert not Message.objects.exists()
