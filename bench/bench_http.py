"""The desk's pages measured over HTTP at national scale, against a bare view in the same run.

Builds (once, then reuses) a national-scale database (`bench/national.py`), starts gunicorn with
2 sync workers on loopback with production settings, signs in through the real login with a
second factor, and drives each page with `wrk` (8 connections, 15 s after a 3 s warm-up). For
each page it prints requests a second, p50 and p99, the ratio to the bare "hello" view served
by the same project (a bench-only URL, `bench/bench_urls.py`), the page's queries (counted
in-process on the same database) and its size; it fails when a page misses its budget:

- staff pages: at least 0.03 times the hello view's rate, p99 at most 150 ms;
- public pages: at least 0.10 times the hello view's rate, p99 at most 60 ms;
- every page: at most 12 queries on a visit after the first (the first visit's count is shown
  beside it: a desk's figures of past months are read there once a day).

    make bench-http                                # SQLite (var/bench/national-<scale>.sqlite3)
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/sportloket make bench-http
        # PostgreSQL: a database "<name>_bench_national" beside the one named, reused too
    BENCH_SCALE=0.05 BENCH_DURATION=3 make bench-http   # a quick trial at 1/20 of the size
"""

import http.client
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode, urlsplit

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
DURATION = int(os.environ.get("BENCH_DURATION", "15"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "8"))
WORKERS = int(os.environ.get("BENCH_WORKERS", "2"))
WARM_UP = 3
MAX_QUERIES = 12
# (rate as a share of the hello view's, p99 in ms)
BUDGETS = {"staff": (0.03, 150), "public": (0.10, 60), "ceiling": (None, None)}
SECRET_KEY = secrets.token_urlsafe(48)
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "bench")]


def database_url(scale: float) -> str:
    """The national database for this scale: a SQLite file under var/bench/, or a PostgreSQL
    database beside the one DATABASE_URL names."""
    given = os.environ.get("DATABASE_URL", "")
    if given.startswith("postgres"):
        parts = urlsplit(given)
        name = f"{parts.path.lstrip('/') or 'sportloket'}_bench_national_{scale:g}".replace(
            ".", "_"
        )
        return parts._replace(path=f"/{name}").geturl()
    folder = ROOT / "var" / "bench"
    folder.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{folder / f'national-{scale:g}.sqlite3'}"


def server_environment(url: str) -> dict:
    return os.environ | {
        "DJANGO_SETTINGS_MODULE": "bench_settings",
        "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(ROOT / "bench")]),
        "DATABASE_URL": url,
        "DEBUG": "false",
        "SECRET_KEY": SECRET_KEY,
        "ALLOWED_HOSTS": "127.0.0.1,testserver",
        "SITE_URL": "https://127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_HSTS_SECONDS": "0",
        "AXES_FAILURE_LIMIT": "1000",
        "MEDIA_ROOT": str(ROOT / "var" / "bench" / "media"),
        "LOG_LEVEL": "WARNING",
    }


def prepare(url: str, facts_file: Path) -> dict:
    """Sets up Django on the national database, building it first when it is not there."""
    os.environ.update(server_environment(url))
    if url.startswith("postgres"):
        _create_postgres_database(url)
    import django

    django.setup()
    from django.core.management import call_command

    # A database built by an earlier version gets this version's migrations (new indexes too).
    call_command("migrate", verbosity=0)
    if facts_file.exists():
        facts = json.loads(facts_file.read_text())
        print(f"Reusing the national database ({url})")
    else:
        print(f"Building the national database ({url}); this takes a few minutes…")
        start = time.perf_counter()
        import national

        facts = national.build()
        facts_file.write_text(json.dumps(facts))
        print(f"Built in {time.perf_counter() - start:.0f} s")
    call_command("collectstatic", interactive=False, verbosity=0)
    return facts


def _create_postgres_database(url: str):
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    admin = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as connection:
        exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if not exists.fetchone():
            connection.execute(f'CREATE DATABASE "{name}"')


class Browser:
    """Just enough of a browser over http.client: cookies (Secure ones too, as the server
    believes it speaks HTTPS behind a proxy) and the CSRF token."""

    def __init__(self, port):
        self.port = port
        self.cookies = {}

    def request(self, method, path, fields=None):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        headers = {"X-Forwarded-Proto": "https", "Cookie": self.cookie_header()}
        body = None
        if fields is not None:
            body = urlencode(fields)
            headers |= {
                "Content-Type": "application/x-www-form-urlencoded",
                "Referer": f"https://127.0.0.1{path}",
            }
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        text = response.read().decode("utf-8", "replace")
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                self.cookies[name] = morsel.value
        return response.status, response.getheader("Location", ""), text

    def cookie_header(self):
        return "; ".join(f"{name}={value}" for name, value in self.cookies.items())

    def post_form(self, path, fields):
        self.request("GET", path)
        token = self.cookies["csrftoken"]
        return self.request("POST", path, fields | {"csrfmiddlewaretoken": token})


def sign_in(port, facts) -> str:
    """Signs in through the real login and second factor; returns the Cookie header."""
    from sportloket.testing.totp import totp_code

    browser = Browser(port)
    status, location, _ = browser.post_form(
        "/accounts/login/", {"login": facts["email"], "password": facts["password"]}
    )
    if status != 302:
        raise SystemExit(f"Login refused ({status})")
    code = totp_code(facts["totp_secret"])
    status, location, _ = browser.post_form(urlsplit(location).path, {"code": code})
    if status != 302:
        raise SystemExit(f"The second factor was refused ({status})")
    status, _, _ = browser.request("GET", f"/{facts['desk']}/dashboard/")
    if status != 200:
        raise SystemExit(f"Signed in, but the dashboard answered {status}")
    return browser.cookie_header()


def pages(facts) -> list[tuple[str, str, str]]:
    """(label, path, kind) of every page measured, found by URL name (one this version of the
    project does not have is left out, and said so)."""
    from django.urls import NoReverseMatch, reverse

    d = facts["desk"]
    search = "?" + urlencode({"q": facts["search"]})
    wanted = [
        ("hello (bare view)", None, (), "", "ceiling"),
        ("healthz", "healthz", (), "", "ceiling"),
        ("question form", "helprequests:intake", (d,), "", "public"),
        ("desk's public page", "core:desk-public", (d,), "", "public"),
        ("decision register", "decisions:public", (d,), "", "public"),
        ("tracking page", "helprequests:track", (facts["tracking_token"],), "", "public"),
        ("dashboard", "dashboard:desk", (d,), "", "staff"),
        ("inbox", "helprequests:inbox", (d,), "", "staff"),
        ("inbox, a filter", "helprequests:inbox", (d,), "?state=triage", "staff"),
        ("inbox, a search", "helprequests:inbox", (d,), search, "staff"),
        ("a question", "helprequests:request-detail", (d, facts["question"]), "", "staff"),
        ("organisations", "registry:organisation-list", (d,), "", "staff"),
        ("organisations, a search", "registry:organisation-list", (d,), search, "staff"),
        ("an organisation", "registry:organisation-detail", (d, facts["organisation"]), "",
         "staff"),
        ("decisions", "decisions:list", (d,), "", "staff"),
        ("funds", "funds:overview", (d,), "", "staff"),
        ("a fund's ledger", "funds:fund-detail", (d, facts["fund"]), "", "staff"),
        ("work list", "contacts:work-list", (d,), "", "staff"),
        ("offerings", "offerings:offering-list", (d,), "", "staff"),
    ]  # fmt: skip
    found = []
    for label, name, args, query, kind in wanted:
        try:
            path = "/_bench/hello/" if name is None else reverse(name, args=args)
        except NoReverseMatch:
            print(f"  (left out: {label}, no page {name} in this version)")
            continue
        found.append((label, path + query, kind))
    return found


def count_queries(facts, listed) -> dict:
    """Each page's queries and size, through Django's test client on the same database: as
    every visit but the first counts them (the load that follows is such visits), and the
    first visit's count beside them, where a desk's figures of past months are read once a
    day and its queries compiled once per process."""
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(headers={"X-Forwarded-Proto": "https"})
    client.force_login(get_user_model().objects.get(email=facts["email"]))
    found = {}
    for label, path, _kind in listed:
        with CaptureQueriesContext(connection) as first:
            client.get(path, secure=True)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path, secure=True)
        found[label] = (len(queries), len(first), len(response.content), response.status_code)
    return found


def start_server(url) -> tuple[subprocess.Popen, int]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    command = [
        str(BIN / "gunicorn"), "sportloket.conf.wsgi:application", "--workers", str(WORKERS),
        "--bind", f"127.0.0.1:{port}", "--log-level", "warning",
    ]  # fmt: skip
    server = subprocess.Popen(  # noqa: S603 - our own gunicorn with fixed arguments
        command,
        env=server_environment(url),
        cwd=ROOT,
        start_new_session=True,
    )
    for _ in range(200):
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", "/healthz")
            if connection.getresponse().status == 200:
                return server, port
        except OSError:
            time.sleep(0.1)
    server.kill()
    raise SystemExit("gunicorn did not answer /healthz")


def wrk(port, path, cookie, seconds) -> dict:
    command = [
        "wrk", f"-t{min(2, CONNECTIONS)}", f"-c{CONNECTIONS}", f"-d{seconds}s", "--latency",
        "-H", "X-Forwarded-Proto: https", "-H", f"Cookie: {cookie}",
        f"http://127.0.0.1:{port}{path}",
    ]  # fmt: skip
    out = subprocess.run(command, capture_output=True, text=True, check=True).stdout  # noqa: S603
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {
        "rate": rate,
        "p50": _ms(re.search(r"50%\s+([\d.]+\w+)", out).group(1)),
        "p99": _ms(re.search(r"99%\s+([\d.]+\w+)", out).group(1)),
        "errors": int(bad.group(1)) if bad else 0,
    }


def _ms(value: str) -> float:
    number, unit = re.match(r"([\d.]+)(\w+)", value).groups()
    return float(number) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60_000}[unit]


def judge(label, kind, result, hello_rate, queries) -> list[str]:
    share, p99 = BUDGETS[kind]
    misses = []
    if share is not None and result["rate"] < share * hello_rate:
        misses.append(f"{label}: {result['rate']:.0f}/s is below {share} × the hello view")
    if p99 is not None and result["p99"] > p99:
        misses.append(f"{label}: p99 {result['p99']:.0f} ms is over {p99} ms")
    if kind != "ceiling" and queries > MAX_QUERIES:
        misses.append(f"{label}: {queries} queries (at most {MAX_QUERIES})")
    if result["errors"]:
        misses.append(f"{label}: {result['errors']} responses were not 2xx/3xx")
    return misses


def main():
    if not shutil.which("wrk"):
        raise SystemExit("wrk is missing: `make bench-http` installs it (apt-get install wrk)")
    from national import SCALE

    url = database_url(SCALE)
    facts_file = (
        Path(urlsplit(url).path + ".json")
        if url.startswith("sqlite")
        else (ROOT / "var" / "bench" / f"{urlsplit(url).path.lstrip('/')}.json")
    )
    facts = prepare(url, facts_file)
    listed = pages(facts)
    queries = count_queries(facts, listed)
    from django.db import connection

    connection.close()
    server, port = start_server(url)
    try:
        cookie = sign_in(port, facts)
        rows, misses = [], []
        hello_rate = None
        load_before = os.getloadavg()[0]
        for label, path, kind in listed:
            wrk(port, path, cookie, WARM_UP)
            result = wrk(port, path, cookie, DURATION)
            hello_rate = hello_rate or result["rate"]
            count, first, size, status = queries[label]
            rows.append((label, result, result["rate"] / hello_rate, count, first, size, status))
            misses += judge(label, kind, result, hello_rate, count)
        load_after = os.getloadavg()[0]
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
    print(f"\n{connection.vendor}, scale {SCALE:g}, gunicorn {WORKERS} sync workers, "
          f"wrk {CONNECTIONS} connections × {DURATION} s; load average "
          f"{load_before:.2f} before, {load_after:.2f} after")  # fmt: skip
    print(f"{'page':<26}{'req/s':>8}{'p50 ms':>8}{'p99 ms':>8}{'× hello':>9}"
          f"{'queries':>9}{'(1st)':>7}{'kB':>7}{'status':>8}")  # fmt: skip
    for label, result, ratio, count, first, size, status in rows:
        print(f"{label:<26}{result['rate']:>8.0f}{result['p50']:>8.1f}{result['p99']:>8.1f}"
              f"{ratio:>9.3f}{count:>9}{first:>7}{size / 1024:>7.1f}{status:>8}")  # fmt: skip
    if misses:
        print("\nMissed budgets:\n  " + "\n  ".join(misses))
        raise SystemExit(1)
    print("\nEvery page within its budget.")


if __name__ == "__main__":
    main()
