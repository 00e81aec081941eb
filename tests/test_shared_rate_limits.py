"""Rate limits hold across server processes: two gunicorn servers on one database share one count.

The limits (allauth's failed sign-ins, 10 a minute per address; the public question form, 5 an
hour per address) are counted in the default cache. When that was each process's own memory, two
workers let through twice as many, and a restart forgot every count. Here two real servers (one
sync worker each, the production WSGI application with the default settings and no CACHE_URL)
answer alternate requests from one address, and one of them is restarted halfway.

The servers use the test database itself on PostgreSQL, and a file copy of it on SQLite (the test
database is in memory there). Transactional, so that what the test writes is visible to them.
"""

import itertools
import os
import sqlite3
import time
from contextlib import closing

import pytest
from django.conf import settings
from django.db import connection

from sportloket.helprequests.models import HelpRequest
from sportloket.helprequests.views import INTAKE_LIMIT
from tests._servers import ROOT, Client, Server, postgres_url, send_question

SIGN_IN_LIMIT = 10  # failed sign-ins per address and minute
QUESTION_LIMIT = 5  # public questions per address and hour


@pytest.fixture
def server_database(tmp_path, desk):
    """(DATABASE_URL for the servers, a function counting the questions stored there)."""
    if connection.vendor == "sqlite":
        path = tmp_path / "servers.sqlite3"
        connection.ensure_connection()
        copy = sqlite3.connect(path)
        connection.connection.backup(copy)
        copy.close()

        def count_questions():
            with closing(sqlite3.connect(path)) as database:
                table = HelpRequest._meta.db_table
                return database.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]  # noqa: S608

        return f"sqlite:///{path}", count_questions
    assert connection.vendor == "postgresql", connection.vendor
    return postgres_url(settings.DATABASES["default"]), HelpRequest.objects.count


@pytest.fixture
def servers(server_database, tmp_path):
    url, _ = server_database
    environment = {
        key: value
        for key, value in os.environ.items()
        # The default settings as production has them: no shared cache configured, no proxies.
        if key not in {"CACHE_URL", "PROXY_COUNT", "SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    environment.update(
        DJANGO_SETTINGS_MODULE="sportloket.conf.settings.base",
        DEBUG="true",  # plain HTTP without the redirect to HTTPS
        DATABASE_URL=url,
        EMAIL_URL="dummymail://",
        PYTHONPATH=str(ROOT / "src"),
    )
    pair = [Server(name, environment, tmp_path) for name in ("server-a", "server-b")]
    try:
        for server in pair:
            server.start()
        client = Client()
        for server in pair:
            server.wait_until_ready(client)
        yield pair
    finally:
        for server in pair:
            server.stop()


WRONG_PASSWORD = "wachtwoord is niet correct"
TOO_MANY_SIGN_INS = "Te veel inlogpogingen"  # allauth's "Too many failed login attempts."


def rate_limited(sign_in_page):
    assert (WRONG_PASSWORD in sign_in_page) != (TOO_MANY_SIGN_INS in sign_in_page)
    return TOO_MANY_SIGN_INS in sign_in_page


def fail_to_sign_in(client, server, n):
    fields = client.form_fields(server, "/accounts/login/")
    # A different (unknown) address each time: only the limit per client address applies, not
    # the one per account nor django-axes's lockout.
    return client.request(
        server,
        "/accounts/login/",
        {**fields, "login": f"nobody{n}@example.org", "password": "not the password"},
    )


def test_the_limits_are_those_of_the_settings():
    assert settings.ACCOUNT_RATE_LIMITS["login_failed"].startswith(f"{SIGN_IN_LIMIT}/m/ip,")
    assert INTAKE_LIMIT == QUESTION_LIMIT


@pytest.mark.django_db(transaction=True)
def test_limits_hold_across_two_servers_and_a_restart(servers, server_database):
    _, count_questions = server_database
    client = Client()
    alternately = itertools.cycle(servers)

    # Failed sign-ins: exactly 10 are answered as failures, whichever server gets them; the 11th
    # is refused before any password is checked (allauth answers with its form error).
    sign_ins = [fail_to_sign_in(client, next(alternately), n) for n in range(SIGN_IN_LIMIT + 1)]
    answers = [rate_limited(page) for _, page in sign_ins]
    assert answers == [False] * SIGN_IN_LIMIT + [True], answers
    assert all(status == 200 for status, _ in sign_ins)
    assert all(WRONG_PASSWORD in page for _, page in sign_ins[:SIGN_IN_LIMIT])

    # Public questions: exactly 5 are accepted. Each submission carries its own fresh start stamp
    # from its own form page; the forms are fetched first so that one wait covers them all.
    forms = [
        (server, client.form_fields(server, "/alpha/ask/"))
        for server in itertools.islice(alternately, QUESTION_LIMIT + 2)
    ]
    time.sleep(settings.INTAKE_MIN_FILL_SECONDS + 0.5)  # the servers keep the real wait
    questions = [
        send_question(client, server, fields, n)
        for n, (server, fields) in enumerate(forms[: QUESTION_LIMIT + 1])
    ]
    statuses = [status for status, _ in questions]
    assert statuses == [200] * QUESTION_LIMIT + [429], statuses
    assert all("we hebben je vraag ontvangen" in page for _, page in questions[:QUESTION_LIMIT])
    assert count_questions() == QUESTION_LIMIT

    # A restart forgets nothing: the restarted server still refuses both.
    restarted = forms[QUESTION_LIMIT + 1][0]
    restarted.stop()
    restarted.start()
    restarted.wait_until_ready(client)
    assert rate_limited(fail_to_sign_in(client, restarted, SIGN_IN_LIMIT + 1)[1])
    status, _ = send_question(client, restarted, forms[QUESTION_LIMIT + 1][1], QUESTION_LIMIT + 1)
    assert status == 429
    assert count_questions() == QUESTION_LIMIT
