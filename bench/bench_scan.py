"""Benchmark of the loket-scan at national scale, on the database `make bench-http` builds
(`bench/national.py`: 24,000 organisations, 20 desks covering the country, 200,000 questions,
30,000 decisions, 500,000 contact moments; built here when it is not there yet, then reused),
with 20 more desks (40 in all, the later ones sharing municipalities). Times, through the test
client, the scan of the largest desk and the national picture (`/national/`) with 40 desks, and
`snapshot_scan` for all 40 desks. Targets: a median under 300 ms for each page, with the same
number of queries as the scan of a desk with nothing in it; `snapshot_scan` under 60 s.

    make bench                                   # SQLite (var/bench/national-<scale>.sqlite3)
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/sportloket .venv/bin/python bench/bench_scan.py
"""

import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_http import ROOT, database_url, prepare
from national import SCALE

RUNS = 9
TARGET_MS = 300
SNAPSHOT_TARGET_S = 60
DESKS = 40


def more_desks(user):
    """Desks up to ``DESKS``, each with three municipalities (shared with the first twenty), the
    bench's coordinator a member of the last; idempotent."""
    from sportloket.core import services
    from sportloket.core.models import Loket, Municipality

    municipalities = list(Municipality.objects.order_by("code"))
    existing = Loket.objects.count()
    for n in range(existing, DESKS):
        area = municipalities[(n * 7) % len(municipalities) :][:3]
        services.loket_create(
            actor=None, name=f"Bench scan {n}", slug=f"bench-scan-{n}", work_area=area
        )
    empty = Loket.objects.order_by("-pk").first()
    if not empty.memberships.filter(user=user).exists():
        services.membership_add(loket=empty, user=user, role="coordinator", actor=None)
    return empty


def timed(client, path):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(path)  # the first: compiled queries, caches
    times = []
    for _ in range(RUNS):
        with CaptureQueriesContext(connection) as queries:
            start = time.perf_counter()
            response = client.get(path)
            times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (path, response.status_code)
    return statistics.median(times), len(queries)


def main():
    url = database_url(SCALE)
    facts_file = (
        Path(urlsplit(url).path + ".json")
        if url.startswith("sqlite")
        else (ROOT / "var" / "bench" / f"{urlsplit(url).path.lstrip('/')}.json")
    )
    facts = prepare(url, facts_file)
    from django.core.management import call_command
    from django.test import Client
    from django.test.utils import setup_test_environment

    from sportloket.accounts.models import User
    from sportloket.core.models import Loket

    setup_test_environment()
    user = User.objects.get(email=facts["email"])
    empty = more_desks(user)
    national, _ = User.objects.get_or_create(
        email="national@bench.example.org", defaults={"is_national": True}
    )
    start = time.perf_counter()
    call_command("snapshot_scan", stdout=open("/dev/null", "w"))  # noqa: SIM115
    snapshot_s = time.perf_counter() - start

    client = Client(headers={"X-Forwarded-Proto": "https"})
    client.force_login(user)
    scan_ms, scan_queries = timed(client, f"/{facts['desk']}/scan/")
    _empty_ms, empty_queries = timed(client, f"/{empty.slug}/scan/")
    client.force_login(national)
    national_ms, national_queries = timed(client, "/national/")

    from django.db import connection

    desks = Loket.objects.active().count()
    print(f"\nLoket-scan, {connection.vendor}, scale {SCALE:g}, {desks} desks (median of {RUNS})")
    print(f"  scan of {facts['desk']:<12} {scan_ms:7.1f} ms  {scan_queries} queries "
          f"(a desk with nothing: {empty_queries})")  # fmt: skip
    print(f"  /national/           {national_ms:7.1f} ms  {national_queries} queries")
    print(f"  snapshot_scan        {snapshot_s:7.1f} s for {desks} desks")
    misses = []
    if scan_ms > TARGET_MS or national_ms > TARGET_MS:
        misses.append(f"a page over {TARGET_MS} ms")
    if scan_queries != empty_queries:
        misses.append("the scan's queries grow with the desk")
    if national_queries > 12:
        misses.append("/national/ takes more than 12 queries")
    if snapshot_s > SNAPSHOT_TARGET_S:
        misses.append(f"snapshot_scan over {SNAPSHOT_TARGET_S} s")
    if misses:
        raise SystemExit("Missed: " + "; ".join(misses))
    print("  within the targets")


if __name__ == "__main__":
    main()
