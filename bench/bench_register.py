"""Benchmark of the register at national scale: import 25,000 organisations, then time the
organisation list for a search and for each filter.

Run with `make bench` (SQLite in a scratch file) or with DATABASE_URL set for PostgreSQL.
Prints the timings; the targets are under 30 s for the import and under 150 ms per list page.
"""

import csv
import io
import os
import random
import secrets
import statistics
import sys
import time
from pathlib import Path

ROWS = int(os.environ.get("BENCH_ROWS", "25000"))
sys.path.insert(0, str(Path(__file__).resolve().parent))
from _setup import setup_django

setup_django()

from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from sportloket.core import services as core_services
from sportloket.core.models import Municipality
from sportloket.core.services import user_get_or_create
from sportloket.registry.models import Federation, Sport
from sportloket.registry.services import organisation_import


def make_file(work_area, sports, federations) -> bytes:
    rng = random.Random(2026)
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(
        ["Naam vereniging", "KvK-nummer", "Postcode", "Plaats", "Gemeente", "Sporten",
         "Sportbonden", "Aantal leden", "Opgericht", "E-mail"]
    )  # fmt: skip
    words = ["Vooruit", "Sparta", "Victoria", "De Zwaluwen", "Olympia", "Hercules", "Quick",
             "Excelsior", "De Meeuwen", "Hollandia", "Velocitas", "Unitas", "Achilles"]  # fmt: skip
    for number in range(ROWS):
        municipality = work_area[number % len(work_area)]
        sport = sports[number % len(sports)]
        federation = federations[number % len(federations)]
        letters = "ABCDEFGHJKLMNPRTVWXZ"
        postcode = f"{rng.randint(1000, 9999)} {rng.choice(letters)}{rng.choice(letters)}"
        writer.writerow(
            [
                f"{sport.name}vereniging {rng.choice(words)} {number}",
                f"{number:08d}",
                postcode,
                municipality.name,
                municipality.name,
                sport.name,
                federation.abbreviation,
                f"{rng.randint(20, 2500):,}".replace(",", "."),
                f"{rng.randint(1, 28)}-{rng.randint(1, 12)}-{rng.randint(1900, 2020)}",
                f"info{number}@club.example.nl",
            ]
        )
    return out.getvalue().encode("cp1252")


def timed(label, fn, repeat=5):
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        times.append((time.perf_counter() - start) * 1000)
    print(f"{label:<42} median {statistics.median(times):7.1f} ms   max {max(times):7.1f} ms")
    return result


def main():
    print(f"Database: {connection.vendor}  rows: {ROWS}")
    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    work_area = list(Municipality.objects.order_by("code")[:40])
    desk = core_services.loket_create(
        actor=None, name="Bench", slug=f"bench-{secrets.token_hex(3)}", work_area=work_area
    )
    user, _ = user_get_or_create(email=f"bench-{desk.slug}@example.org", actor=None)
    core_services.membership_add(loket=desk, user=user, role="viewer", actor=None)
    sports = list(Sport.objects.order_by("name"))
    federations = list(Federation.objects.order_by("abbreviation"))
    data = make_file(work_area, sports, federations)
    print(f"File: {len(data) / 1024 / 1024:.1f} MB, ';'-separated Windows-1252 CSV")

    start = time.perf_counter()
    plan, written = organisation_import(loket=desk, actor=user, data=data)
    elapsed = time.perf_counter() - start
    print(f"Import of {ROWS} rows: {elapsed:.1f} s  ({plan.summary()}, written={written})")
    start = time.perf_counter()
    plan, _ = organisation_import(loket=desk, actor=user, data=data)
    print(f"Same file again: {time.perf_counter() - start:.1f} s  ({plan.summary()})")

    client = Client()
    client.force_login(user)
    base = f"/{desk.slug}/organisations/"
    cases = {
        "list, first page": "",
        "search name ('olympia 12')": "?q=olympia+12",
        "search KvK ('000123')": "?q=000123",
        "search place": f"?q={work_area[3].name}",
        "filter kind (commercial)": "?kind=commercial",
        "filter sport": f"?sport={sports[5].pk}",
        "filter municipality": f"?municipality={work_area[7].pk}",
        "filter federation": f"?federation={federations[2].pk}",
        "filter participation (takes part)": "?participation=yes",
        "filter no valid declaration": "?declaration=no",
        "all filters + page 20": f"?kind=club&sport={sports[5].pk}&page=20",
    }
    for label, query in cases.items():
        response = timed(label, lambda q=query: client.get(base + q))
        assert response.status_code == 200, (label, response.status_code)
    with CaptureQueriesContext(connection) as queries:
        client.get(base + "?q=vereniging")
    print(f"Queries for one list page: {len(queries)}")


if __name__ == "__main__":
    main()
