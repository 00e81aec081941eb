"""Acceptance of the mail queue with a real worker and a real SMTP server (issue 18, point 1).

A status change and a message are committed while the mail server is down: their e-mails wait
in the queue, each delivery attempt is logged as failed, and when the server comes back each
arrives exactly once. A message that is rolled back puts nothing in the queue. The changes and
the worker run as processes of their own with the production settings (the queue on the
database backend), on the test database itself on PostgreSQL and on a file copy of it on SQLite
(whose test database is in memory).
"""

import json
import os
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.parse
from contextlib import closing
from email import message_from_bytes
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from django.conf import settings
from django.db import connection
from mailer.models import PRIORITY_DEFERRED, RESULT_FAILURE, RESULT_SUCCESS

from sportloket.helprequests.tests.factories import submit_request

ROOT = Path(__file__).resolve().parents[4]
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


class Database:
    """The database the processes share, and SQL counts on it from this test."""

    def __init__(self, tmp_path):
        if connection.vendor == "sqlite":
            self.path = tmp_path / "worker.sqlite3"
            connection.ensure_connection()
            with closing(sqlite3.connect(self.path)) as copy:
                connection.connection.backup(copy)
            self.url = f"sqlite:///{self.path}"
        else:
            db = settings.DATABASES["default"]
            user = urllib.parse.quote(db["USER"] or "", safe="")
            self.url = (
                f"postgres://{user}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/"
                f"{urllib.parse.quote(db['NAME'])}"
            )
            self.path = None

    def count(self, table, **where):
        """The rows of ``table`` (one of django-mailer's) with the given column values."""
        assert table in {"mailer_message", "mailer_messagelog"}, table
        if self.path is not None:
            sql = f"SELECT COUNT(*) FROM {table}" + "".join(  # noqa: S608 - names checked above
                f" {'AND' if n else 'WHERE'} {column} = ?" for n, column in enumerate(where)
            )
            with closing(sqlite3.connect(self.path, timeout=20)) as database:
                return database.execute(sql, list(where.values())).fetchone()[0]
        sql = f"SELECT COUNT(*) FROM {table}" + "".join(  # noqa: S608 - names checked above
            f" {'AND' if n else 'WHERE'} {column} = %s" for n, column in enumerate(where)
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, list(where.values()))
            return cursor.fetchone()[0]


def _environment(database, smtp_port):
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in {"CACHE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    environment.update(
        DJANGO_SETTINGS_MODULE="sportloket.conf.settings.base",
        DEBUG="true",
        SECRET_KEY="mail-queue-test",
        DATABASE_URL=database.url,
        EMAIL_URL=f"smtp://127.0.0.1:{smtp_port}",
        TASKS_BACKEND="django_tasks_db.DatabaseBackend",
        MAIL_RETRY_DELAYS="1",
        PYTHONPATH=str(ROOT / "src"),
    )
    return environment


def _wait_for(condition, what, seconds=40):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    pytest.fail(f"waited {seconds} s for {what}")


def test_mail_waits_for_a_server_that_is_down_and_arrives_once(desk, coordinator, tmp_path):
    help_request = submit_request(desk, contact_email="eva@hchouten.example.nl")
    database = Database(tmp_path)
    base = database.count(
        "mailer_message"
    )  # the confirmation and the desk's e-mail of the question
    smtp_port = _free_port()  # nothing listens there yet: the mail server is down
    environment = _environment(database, smtp_port)

    changes = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c",
         "from sportloket.jobs.tests.mail_scenario import run; "
         f"run({help_request.pk}, {coordinator.pk})"],
        cwd=ROOT, env=environment, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert changes.returncode == 0, changes.stderr[-3000:]
    steps = json.loads(changes.stdout.strip().splitlines()[-1])
    # Committed: the status change's and the message's e-mails, each with its delivery task.
    assert steps["committed"]["messages"] == steps["before"]["messages"] + 2
    assert steps["committed"]["tasks"] == steps["before"]["tasks"] + 2
    assert steps["inside"]["messages"] == steps["committed"]["messages"] + 1
    # Rolled back: nothing of it is left in the queue.
    assert steps["rolled_back"] == steps["committed"]

    log = tmp_path / "worker.log"
    with log.open("w") as output:
        worker = subprocess.Popen(
            [sys.executable, "manage.py", "db_worker", "--queue-name", "*", "--interval",
             "0.2", "--no-reload", "--no-startup-delay"],
            cwd=ROOT, env=environment, stdout=output, stderr=subprocess.STDOUT,
        )  # fmt: skip
    inbox = Inbox()
    smtp = Controller(inbox, hostname="127.0.0.1", port=smtp_port)
    try:
        _wait_for(
            lambda: (
                database.count("mailer_messagelog", result=RESULT_FAILURE) >= base + 2
                and database.count("mailer_message", priority=PRIORITY_DEFERRED) == base + 2
            ),
            "every e-mail to be tried and deferred while the server is down",
        )
        assert inbox.received == []
        assert worker.poll() is None, log.read_text()[-3000:]

        smtp.start()  # the mail server is back
        _wait_for(lambda: database.count("mailer_message") == 0, "the queue to empty")
        time.sleep(3)  # long enough for a second delivery of anything, had there been one
    finally:
        worker.kill()
        worker.wait(timeout=10)
        smtp.stop()

    assert len(inbox.received) == base + 2, log.read_text()[-3000:]
    ids = [message["Message-ID"] for _, message in inbox.received]
    assert len(set(ids)) == len(ids)  # each e-mail exactly once
    to_provider = [m for to, m in inbox.received if to == ["eva@hchouten.example.nl"]]
    bodies = [m.get_payload(decode=True).decode() for m in to_provider]
    assert any("We bellen je morgen." in body for body in bodies)
    assert not any("Nooit verstuurd." in body for body in bodies)
    assert database.count("mailer_messagelog", result=RESULT_SUCCESS) == base + 2
