"""Real server processes for the tests that run the application as production does: gunicorn
app servers (and background workers) in processes of their own, and a browser-like client that
keeps one cookie jar for all of them. Used by test_shared_rate_limits.py and
test_two_app_servers.py."""

import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from http.cookiejar import CookieJar
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def postgres_url(db):
    """The DATABASE_URL of the PostgreSQL database ``db`` (an entry of settings.DATABASES), for
    processes that must use the test's own database."""
    credentials = urllib.parse.quote(db["USER"] or "", safe="")
    if db.get("PASSWORD"):
        credentials += ":" + urllib.parse.quote(db["PASSWORD"], safe="")
    return (
        f"postgres://{credentials}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/"
        f"{urllib.parse.quote(db['NAME'])}"
    )


class Process:
    """A command of the project in a process of its own, its output in ``<log_dir>/<name>.log``."""

    def __init__(self, name, environment, log_dir):
        self.name = name
        self.environment = environment
        self.log = log_dir / f"{name}.log"
        self.process = None

    def command(self) -> list[str]:
        raise NotImplementedError

    def start(self):
        with self.log.open("a") as log:
            self.process = subprocess.Popen(
                self.command(),
                cwd=ROOT,
                env=self.environment,
                stdout=log,
                stderr=subprocess.STDOUT,
            )

    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def tail(self, characters=3000) -> str:
        return self.log.read_text()[-characters:] if self.log.exists() else ""

    def stop(self):
        if not self.running():
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)


class Server(Process):
    """One gunicorn process with one sync worker, as production would run it."""

    def __init__(self, name, environment, log_dir):
        super().__init__(name, environment, log_dir)
        self.port = free_port()

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}"

    def command(self):
        return [
            sys.executable,
            "-m",
            "gunicorn",
            "--workers=1",
            "--worker-class=sync",
            f"--bind=127.0.0.1:{self.port}",
            "sportloket.conf.wsgi:application",
        ]

    def wait_until_ready(self, client, seconds=20):
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                pytest.fail(f"{self.name} stopped:\n{self.tail()}")
            try:
                if client.get(self, "/healthz")[0] == 200:
                    return
            except OSError:
                pass
            time.sleep(0.1)
        pytest.fail(f"{self.name} did not answer in {seconds} s:\n{self.tail()}")


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Client:
    """A browser from one address: one cookie jar for both servers (cookies ignore the port)."""

    def __init__(self):
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(CookieJar()), _NoRedirects()
        )

    def request(self, server, path, data=None):
        body = urllib.parse.urlencode(data, doseq=True).encode() if data is not None else None
        try:
            with self.opener.open(server.url + path, data=body, timeout=15) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()

    def get(self, server, path):
        return self.request(server, path)

    def form_fields(self, server, path):
        """GETs a form page; returns its CSRF token and, where there is one, its start stamp."""
        status, page = self.get(server, path)
        assert status == 200, page[:500]
        fields = {"csrfmiddlewaretoken": _input_value(page, "csrfmiddlewaretoken")}
        if 'name="started"' in page:
            fields["started"] = _input_value(page, "started")
        return fields


def _input_value(page, name):
    tag = re.search(rf'<input[^>]*name="{name}"[^>]*>', page)
    assert tag, f"no {name} field in the page"
    return re.search(r'value="([^"]*)"', tag.group(0)).group(1)


def send_question(client, server, fields, n):
    """Posts the public question form of the desk ``alpha`` as provider number ``n``."""
    return client.request(
        server,
        "/alpha/ask/",
        {
            **fields,
            "organisation_name": f"Korfbalvereniging Nummer {n}",
            "contact_name": "Sam de Vries",
            # A different mailbox each time: only the limit per client address applies.
            "contact_email": f"sam{n}@example.org",
            "question": "Wij zoeken hulp bij het vinden van vrijwilligers.",
            "urgency": "normal",
            "consents_to_processing": "on",
            "website": "",
        },
    )
