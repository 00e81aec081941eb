"""One page of the national-scale bench database, timed in process: the median of a few
requests, its queries (the slowest with their time), and, with --profile, where the time goes
(cProfile, cumulative). The tool to find what to fix before `make bench-http` measures it.

    .venv/bin/python bench/profile_page.py '/{desk}/dashboard/'
    .venv/bin/python bench/profile_page.py '/{desk}/besluiten/' --anonymous --profile 40
    .venv/bin/python bench/profile_page.py '/t/{tracking_token}/' --anonymous

The path may name the facts of the bench database (`{desk}`, `{question}`, `{organisation}`,
`{fund}`, `{tracking_token}`). It uses the database `make bench-http` built
(var/bench/national-<BENCH_SCALE>.sqlite3, or DATABASE_URL's bench database): run that once."""

import argparse
import cProfile
import json
import os
import pstats
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_http import database_url
from national import SCALE


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path")
    parser.add_argument("--anonymous", action="store_true", help="not signed in")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--slowest", type=int, default=5, help="queries to show")
    parser.add_argument("--profile", type=int, default=0, help="functions to show")
    options = parser.parse_args()

    url = database_url(SCALE)
    facts_file = Path(url.split("///", 1)[1] + ".json") if url.startswith("sqlite") else None
    if facts_file is None:
        from urllib.parse import urlsplit

        facts_file = Path("var/bench") / f"{urlsplit(url).path.lstrip('/')}.json"
    if not facts_file.exists():
        raise SystemExit(f"{facts_file} is missing: run `make bench-http` once to build it")
    facts = json.loads(facts_file.read_text())
    os.environ.update(
        DJANGO_SETTINGS_MODULE="sportloket.conf.settings.base",
        DATABASE_URL=url,
        DEBUG="false",
        SECRET_KEY="profile-page-" + "x" * 40,
        ALLOWED_HOSTS="testserver",
        SECURE_SSL_REDIRECT="false",
    )
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from sportloket.accounts.models import User

    call_command("migrate", verbosity=0)  # as bench_http does: this version's indexes
    client = Client()
    if not options.anonymous:
        client.force_login(User.objects.get(email=facts["email"]))
    path = options.path.format(**facts)
    status = client.get(path).status_code
    times = []
    for _ in range(options.runs):
        start = time.perf_counter()
        client.get(path)
        times.append((time.perf_counter() - start) * 1000)
    with CaptureQueriesContext(connection) as queries:
        size = len(client.get(path).content)
    print(f"{path}: {status}, median {statistics.median(times):.1f} ms "
          f"(min {min(times):.1f}), {len(queries)} queries, {size / 1024:.1f} kB")  # fmt: skip
    ranked = sorted(queries.captured_queries, key=lambda q: -float(q["time"]))
    for query in ranked[: options.slowest]:
        print(f"  {float(query['time']) * 1000:6.1f} ms  {query['sql'][:300]}")
    if options.profile:
        profile = cProfile.Profile()
        profile.enable()
        for _ in range(5):
            client.get(path)
        profile.disable()
        order = os.environ.get("PROFILE_SORT", "cumulative")
        pstats.Stats(profile).sort_stats(order).print_stats(options.profile)


if __name__ == "__main__":
    main()
