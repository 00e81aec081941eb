"""A real worker for the tests that need one (`manage.py db_worker`, as production runs it),
on a database this test process shares with it: the test database itself on PostgreSQL, a file
copy of it on SQLite (whose test database is in memory), to which this process switches for the
time of the test. Used with ``@pytest.mark.django_db(transaction=True)``, so that what either
side writes is committed and seen by the other."""

import os
import signal
import sqlite3
import subprocess
import sys
import urllib.parse
from contextlib import closing, contextmanager
from pathlib import Path

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connection, connections

from sportloket.conf.database import sqlite_options

ROOT = Path(__file__).resolve().parents[3]


@contextmanager
def shared_database(tmp_path):
    """The URL of a database this process and the worker share, with this process on it."""
    if connection.vendor != "sqlite":
        db = settings.DATABASES["default"]
        user = urllib.parse.quote(db["USER"] or "", safe="")
        yield (
            f"postgres://{user}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/"
            f"{urllib.parse.quote(db['NAME'])}"
        )
        return
    path = tmp_path / "shared.sqlite3"
    connection.ensure_connection()
    with closing(sqlite3.connect(path)) as copy:
        connection.connection.backup(copy)
    saved = (connections.settings[DEFAULT_DB_ALIAS], connections[DEFAULT_DB_ALIAS])
    connections.settings[DEFAULT_DB_ALIAS] = connections.configure_settings(
        {
            DEFAULT_DB_ALIAS: {
                "ENGINE": "django.db.backends.sqlite3",
                "NAME": str(path),
                "OPTIONS": sqlite_options(),
            }
        }
    )[DEFAULT_DB_ALIAS]
    connections[DEFAULT_DB_ALIAS] = connections.create_connection(DEFAULT_DB_ALIAS)
    try:
        yield f"sqlite:///{path}"
    finally:
        connections[DEFAULT_DB_ALIAS].close()
        connections.settings[DEFAULT_DB_ALIAS], connections[DEFAULT_DB_ALIAS] = saved


def process_environment(database_url, **changes) -> dict:
    """The environment of a process of ours beside the test (a worker, a command): production
    settings on the shared database, jobs on the database backend, e-mail nowhere unless
    ``changes`` say otherwise."""
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in {"CACHE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    environment.update(
        DJANGO_SETTINGS_MODULE="sportloket.conf.settings.base",
        DEBUG="true",
        SECRET_KEY="worker-test",  # noqa: S106 - a test process
        DATABASE_URL=database_url,
        MEDIA_ROOT=str(settings.MEDIA_ROOT),
        EMAIL_URL="dummymail://",
        TASKS_BACKEND="django_tasks_db.DatabaseBackend",
        PYTHONPATH=str(ROOT / "src"),
    )
    environment.update(changes)
    return environment


class Worker:
    """``manage.py db_worker`` as production runs it, on the shared database."""

    def __init__(self, database_url, log, **environment_changes):
        environment = process_environment(database_url, **environment_changes)
        self.log = log
        with log.open("a") as output:
            self.process = subprocess.Popen(
                [sys.executable, "manage.py", "db_worker", "--queue-name", "*", "--interval",
                 "0.2", "--no-reload", "--no-startup-delay"],
                cwd=ROOT, env=environment, stdout=output, stderr=subprocess.STDOUT,
            )  # fmt: skip

    def kill(self):
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=10)

    def stop(self):
        """As systemd stops it: the task it runs is finished first."""
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.kill()

    def alive(self):
        return self.process.poll() is None
