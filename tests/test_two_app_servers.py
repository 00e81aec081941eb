"""Two app servers behind one proxy behave as one (issue 18, "Several app servers").

Production scales out by running more gunicorn servers on one PostgreSQL database and one Redis
(CACHE_URL), and more workers (`manage.py db_worker`) on the same database (docs/deploy.md).
Whatever one server knows, the other must know too, or a proxy that spreads requests over them
would let people through twice or send them back to the sign-in page:

- a sign-in started on one server is finished and valid on the other (sessions in the database);
- the public question form's rate limit counts on both (a counter in Redis);
- the lockout after five wrong passwords counts on both (django-axes, in the database);
- e-mail caused through either server is delivered exactly once by two workers at once.

The servers and workers are real processes with the production settings module, on the test's
own PostgreSQL database (transactional, so that what each side writes is visible to the other),
one Redis database the test empties, and a local SMTP server. SQLite is one file on one machine:
it is not a database that two machines share, so the test runs on PostgreSQL only.
"""

import asyncio
import itertools
import os
import socket
import sys
import threading
import time
from collections import Counter
from email import message_from_bytes

import pytest
from aiosmtpd.controller import Controller
from django.conf import global_settings, settings
from django.db import connection
from django.urls import reverse
from django_tasks_db.models import DBTaskResult
from mailer.models import RESULT_SUCCESS, Message, MessageLog

from sportloket.accounts.tests.factories import TEST_PASSWORD, UserFactory, add_totp
from sportloket.core.tests.factories import MembershipFactory
from sportloket.helprequests.models import HelpRequest
from sportloket.helprequests.views import INTAKE_LIMIT
from sportloket.testing.totp import totp_code
from tests._servers import ROOT, Client, Process, Server, free_port, postgres_url, send_question

REDIS_HOST, REDIS_PORT = "127.0.0.1", 6379
REDIS_DB = 11  # emptied before and after: no other test or tool of the project uses it
LOCKOUT_AFTER = 5  # wrong passwords that lock an account (AXES_FAILURE_LIMIT)
MESSAGES = 10  # messages from the desk to providers, alternately through each server
SMTP_DELAY = 0.2  # seconds the mail server takes per message: long enough for both workers

WRONG_PASSWORD = "wachtwoord is niet correct"
LOCKED = "tijdelijk geblokkeerd"
DELIVER_MAIL = "sportloket.jobs.tasks.deliver_mail"


def _unavailable(reason):
    """Skips, except in CI, where a missing service is a broken set-up and so a failure."""
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason} (CI=true: .ci/run must provide it)")
    pytest.skip(reason)


@pytest.fixture
def on_postgresql(transactional_db):
    if connection.vendor != "postgresql":
        pytest.skip(
            "two app servers share a PostgreSQL database; SQLite is one machine's file "
            "(set DATABASE_URL=postgres://…)"
        )


@pytest.fixture
def redis_db(on_postgresql):
    """A client of an empty Redis database, for the servers' cache (rate-limit counters)."""
    try:
        import redis
    except ImportError:
        _unavailable("the Python package redis (Django's Redis cache needs it) is not installed")
    try:
        socket.create_connection((REDIS_HOST, REDIS_PORT), timeout=2).close()
    except OSError:
        _unavailable(f"Redis is not reachable on {REDIS_HOST}:{REDIS_PORT}")
    client = redis.Redis(host=REDIS_HOST, port=REDIS_PORT, db=REDIS_DB, socket_timeout=5)
    client.flushdb()
    yield client
    client.flushdb()
    client.close()


class Inbox:
    """The mail server's side: (Message-ID, recipient) of every message it accepted."""

    def __init__(self):
        self.lock = threading.Lock()
        self.received = []

    async def handle_DATA(self, server, session, envelope):
        await asyncio.sleep(SMTP_DELAY)
        message_id = message_from_bytes(envelope.content)["Message-ID"]
        with self.lock:
            self.received.extend((message_id, to) for to in envelope.rcpt_tos)
        return "250 Message accepted for delivery"

    def deliveries(self):
        with self.lock:
            return list(self.received)


@pytest.fixture
def inbox():
    """A local SMTP server (EMAIL_URL of the workers) and what it received."""
    inbox = Inbox()
    smtp = Controller(inbox, hostname="127.0.0.1", port=free_port())
    smtp.start()
    inbox.port = smtp.port
    yield inbox
    smtp.stop()


@pytest.fixture
def environment(redis_db, inbox):
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in {"PROXY_COUNT", "TASKS_BACKEND", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    environment.update(
        DJANGO_SETTINGS_MODULE="sportloket.conf.settings.base",
        DEBUG="true",  # plain HTTP without the redirect to HTTPS
        SECRET_KEY="two-app-servers-test",
        DATABASE_URL=postgres_url(settings.DATABASES["default"]),
        CACHE_URL=f"redis://{REDIS_HOST}:{REDIS_PORT}/{REDIS_DB}",
        EMAIL_URL=f"smtp://127.0.0.1:{inbox.port}",
        PYTHONPATH=str(ROOT / "src"),
    )
    return environment


@pytest.fixture
def servers(environment, tmp_path, desk):
    pair = [Server(name, environment, tmp_path) for name in ("server-a", "server-b")]
    try:
        for server in pair:
            server.start()
        for server in pair:
            server.wait_until_ready(Client())
        yield pair
    finally:
        for server in pair:
            server.stop()


class Worker(Process):
    """`manage.py db_worker` for every queue, as docs/deploy.md runs it."""

    def command(self):
        return [
            sys.executable,
            "manage.py",
            "db_worker",
            "--queue-name=*",
            f"--worker-id={self.name}",
            "--interval=0.2",
            "--no-reload",
        ]


@pytest.fixture
def workers(environment, tmp_path):
    """Two workers, not started yet."""
    pair = [Worker(name, environment, tmp_path) for name in ("worker-a", "worker-b")]
    yield pair
    for worker in pair:
        worker.stop()


def _wait_for(condition, what, *processes, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        for process in processes:
            if not process.running():
                pytest.fail(f"{process.name} stopped:\n{process.tail()}")
        time.sleep(0.2)
    logs = "\n".join(f"--- {p.name}\n{p.tail(1500)}" for p in processes)
    pytest.fail(f"waited {seconds} s for {what}\n{logs}")


def sign_in_across(client, servers, email, secret):
    """The password on one server, the second factor on the other."""
    first, second = servers
    login = reverse("account_login")
    fields = client.form_fields(first, login)
    status, page = client.request(
        first, login, {**fields, "login": email, "password": TEST_PASSWORD}
    )
    assert status == 302, page[:500]
    step = reverse("mfa_authenticate")
    fields = client.form_fields(second, step)  # the half-done sign-in is known here too
    status, page = client.request(second, step, {**fields, "code": totp_code(secret)})
    assert status == 302, page[:500]


def lock_out(servers, email):
    """Wrong passwords for ``email``, alternately on each server; the right one after them."""
    intruder = Client()
    login = reverse("account_login")
    answers = []
    for server in itertools.islice(itertools.cycle(servers), LOCKOUT_AFTER + 1):
        password = "not the password" if len(answers) < LOCKOUT_AFTER else TEST_PASSWORD
        fields = intruder.form_fields(server, login)
        answers.append(
            intruder.request(server, login, {**fields, "login": email, "password": password})
        )
    return answers


def ask_questions(servers, count):
    """The public question form, ``count`` times from one address, alternately on each server.
    Each submission has its own start stamp; one wait covers them all (the servers keep the
    real minimum fill time)."""
    provider = Client()
    forms = [
        (server, provider.form_fields(server, "/alpha/ask/"))
        for server in itertools.islice(itertools.cycle(servers), count)
    ]
    time.sleep(settings.INTAKE_MIN_FILL_SECONDS + 0.5)
    return [send_question(provider, server, fields, n) for n, (server, fields) in enumerate(forms)]


def send_messages(client, servers, questions, count):
    """The desk's messages to the providers (each an e-mail), alternately on each server."""
    statuses = []
    for n, server in enumerate(itertools.islice(itertools.cycle(servers), count)):
        question = questions[n % len(questions)]
        page = reverse("helprequests:request-detail", args=["alpha", question.pk])
        fields = client.form_fields(server, page)
        action = reverse("helprequests:request-message", args=["alpha", question.pk])
        body = {**fields, "message-body": f"Bericht {n} van het sportloket."}
        statuses.append(client.request(server, action, body)[0])
    return statuses


@pytest.mark.django_db(transaction=True)
def test_two_app_servers_share_sessions_limits_lockout_and_send_each_mail_once(
    servers, workers, inbox, redis_db, desk, settings
):
    assert settings.AXES_FAILURE_LIMIT == LOCKOUT_AFTER
    # The servers check passwords with the production hashers, not the tests' fast one.
    settings.PASSWORD_HASHERS = global_settings.PASSWORD_HASHERS
    membership = MembershipFactory(loket=desk, coordinator=True, with_totp=False)
    coordinator = membership.user
    secret = add_totp(coordinator)
    UserFactory(email="target@example.org")
    server_a, server_b = servers
    dashboard = reverse("dashboard:desk", args=["alpha"])

    # A sign-in started on A and finished on B is valid on both; so is signing out.
    desk_member = Client()
    assert desk_member.get(server_a, dashboard)[0] == 302
    sign_in_across(desk_member, servers, coordinator.email, secret)
    assert [desk_member.get(server, dashboard)[0] for server in servers] == [200, 200]

    # Wrong passwords alternately on A and B: the fifth, on A, locks the account, and the right
    # password is refused after it, on B.
    answers = lock_out(servers, "target@example.org")
    statuses = [status for status, _ in answers]
    assert statuses == [200] * (LOCKOUT_AFTER - 1) + [429, 429], statuses
    assert all(WRONG_PASSWORD in page for _, page in answers[: LOCKOUT_AFTER - 1])
    assert all(LOCKED in page for _, page in answers[LOCKOUT_AFTER - 1 :])

    # The public form takes 5 questions an hour from one address, counted over both servers.
    questions = ask_questions(servers, INTAKE_LIMIT + 2)
    statuses = [status for status, _ in questions]
    assert statuses == [200] * INTAKE_LIMIT + [429, 429], statuses
    assert HelpRequest.objects.count() == INTAKE_LIMIT
    assert redis_db.keys("*ratelimit:intake:*"), "the count is not in Redis"

    # Each question sent three e-mails: the provider's receipt, the desk's mailbox and the
    # coordinator (who wants every new question at once). Then the desk writes to the providers.
    asked = list(HelpRequest.objects.order_by("pk"))
    assert send_messages(desk_member, servers, asked, MESSAGES) == [302] * MESSAGES
    expected = Counter(
        [question.contact_email for question in asked]
        + [desk.email, coordinator.email] * INTAKE_LIMIT
        + [asked[n % INTAKE_LIMIT].contact_email for n in range(MESSAGES)]
    )
    total = sum(expected.values())

    # Neither server sent anything itself: every e-mail waits in the queue with its task.
    assert Message.objects.count() == total
    tasks = DBTaskResult.objects.filter(task_path=DELIVER_MAIL)
    assert tasks.ready().count() == total
    assert inbox.deliveries() == []

    # Two workers take the queue at once; every e-mail arrives once, the queue empties.
    for worker in workers:
        worker.start()
    _wait_for(
        lambda: not Message.objects.exists() and tasks.finished().count() == total,
        "the workers to send every e-mail",
        *workers,
    )
    time.sleep(2)  # room for a second delivery of anything, had there been one
    deliveries = inbox.deliveries()
    twice = [delivery for delivery, n in Counter(deliveries).items() if n > 1]
    assert twice == []
    assert Counter(to for _, to in deliveries) == expected
    assert tasks.successful().count() == total
    sent = MessageLog.objects.filter(result=RESULT_SUCCESS)
    assert sorted(sent.values_list("message_id", flat=True)) == sorted(i for i, _ in deliveries)
    assert not Message.objects.exists()
    # Both workers did their share (each e-mail makes the mail server wait SMTP_DELAY).
    ran_by = Counter(worker for ids in tasks.values_list("worker_ids", flat=True) for worker in ids)
    assert set(ran_by) == {"worker-a", "worker-b"}, ran_by
    assert ran_by.total() == total

    # Signing out on B ends the session on A.
    fields = desk_member.form_fields(server_b, reverse("account_logout"))
    assert desk_member.request(server_b, reverse("account_logout"), fields)[0] == 302
    assert desk_member.get(server_a, dashboard)[0] == 302
