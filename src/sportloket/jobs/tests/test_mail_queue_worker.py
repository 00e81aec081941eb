"""Acceptance of the mail queue with a real worker and a real SMTP server (issue 18, point 1).

A status change and a message are committed while the mail server is down: their e-mails wait
in the queue, each delivery attempt is logged as failed, and when the server comes back each
arrives exactly once. A message that is rolled back puts nothing in the queue. The changes and
the worker run as processes of their own with the production settings (the queue on the
database backend), on a database this test shares with them (``sportloket.testing.workers``).
"""

import json
import socket
import subprocess
import sys
import time
from email import message_from_bytes

import pytest
from aiosmtpd.controller import Controller
from mailer.models import PRIORITY_DEFERRED, RESULT_FAILURE, RESULT_SUCCESS, Message, MessageLog

from sportloket.helprequests.tests.factories import submit_request
from sportloket.testing.workers import ROOT, Worker, process_environment, shared_database

pytestmark = pytest.mark.django_db(transaction=True)


class Inbox:
    """The SMTP server's side: every message it accepted."""

    def __init__(self):
        self.received = []

    async def handle_DATA(self, server, session, envelope):
        self.received.append((envelope.rcpt_tos, message_from_bytes(envelope.content)))
        return "250 Message accepted for delivery"


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_for(condition, what, seconds=40):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    pytest.fail(f"waited {seconds} s for {what}")


def _changes(environment, help_request, actor) -> dict:
    """The scenario of ``mail_scenario`` in a process of its own; the queue after each step."""
    done = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c",
         "from sportloket.jobs.tests.mail_scenario import run; "
         f"run({help_request.pk}, {actor.pk})"],
        cwd=ROOT, env=environment, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_mail_waits_for_a_server_that_is_down_and_arrives_once(desk, coordinator, tmp_path):
    help_request = submit_request(desk, contact_email="eva@hchouten.example.nl")
    smtp_port = _free_port()  # nothing listens there yet: the mail server is down
    with shared_database(tmp_path) as url:
        base = Message.objects.count()  # the question's own e-mails, if any are left
        environment = process_environment(
            url, EMAIL_URL=f"smtp://127.0.0.1:{smtp_port}", MAIL_RETRY_DELAYS="1"
        )
        steps = _changes(environment, help_request, coordinator)
        # Committed: the status change's and the message's e-mails, each with its delivery task.
        assert steps["committed"]["messages"] == steps["before"]["messages"] + 2
        assert steps["committed"]["tasks"] == steps["before"]["tasks"] + 2
        assert steps["inside"]["messages"] == steps["committed"]["messages"] + 1
        # Rolled back: nothing of it is left in the queue.
        assert steps["rolled_back"] == steps["committed"]

        worker = Worker(url, tmp_path / "worker.log", **environment)
        inbox = Inbox()
        smtp = Controller(inbox, hostname="127.0.0.1", port=smtp_port)
        try:
            _wait_for(
                lambda: (
                    MessageLog.objects.filter(result=RESULT_FAILURE).count() >= base + 2
                    and Message.objects.filter(priority=PRIORITY_DEFERRED).count() == base + 2
                ),
                "every e-mail to be tried and deferred while the server is down",
            )
            assert inbox.received == []
            assert worker.alive(), worker.log.read_text()[-3000:]

            smtp.start()  # the mail server is back
            _wait_for(lambda: not Message.objects.exists(), "the queue to empty")
            time.sleep(3)  # long enough for a second delivery of anything, had there been one
        finally:
            worker.kill()
            smtp.stop()
        delivered = MessageLog.objects.filter(result=RESULT_SUCCESS).count()

    assert len(inbox.received) == base + 2, worker.log.read_text()[-3000:]
    ids = [message["Message-ID"] for _, message in inbox.received]
    assert len(set(ids)) == len(ids)  # each e-mail exactly once
    to_provider = [m for to, m in inbox.received if to == ["eva@hchouten.example.nl"]]
    bodies = [m.get_payload(decode=True).decode() for m in to_provider]
    assert any("We bellen je morgen." in body for body in bodies)
    assert not any("Nooit verstuurd." in body for body in bodies)
    assert delivered == base + 2
