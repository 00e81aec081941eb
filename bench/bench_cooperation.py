"""Benchmark of the suggestions to bring providers together: one desk with 2,000 providers in
its work area (seven in ten agreed to be introduced, each with an address, a postcode and one
or two sports), 20,000 questions over two years with one or two of twelve themes, and 50
cooperations. Times the suggestions in process (the selector, and the whole page through the
test client with its session and template). Target: a median under 300 ms, with the same number
of queries as for a desk of 20 providers.

Run with `make bench` (SQLite scratch file) or with DATABASE_URL for PostgreSQL (a scratch
database sportloket_bench_cooperation next to the one it names, dropped afterwards):
DATABASE_URL=postgres://postgres@127.0.0.1:5432/sportloket \
    .venv/bin/python bench/bench_cooperation.py
"""

import os
import random
import secrets
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path

PROVIDERS = int(os.environ.get("BENCH_PROVIDERS", "2000"))
QUESTIONS = int(os.environ.get("BENCH_QUESTIONS", "20000"))
RUNS = 11
TARGET_MS = 300
sys.path.insert(0, str(Path(__file__).resolve().parent))
from _setup import bulk_organisations, scratch_database, setup_django

setup_django()

from allauth.mfa.models import Authenticator
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext, setup_test_environment
from django.urls import reverse
from django.utils import timezone

from sportloket.cooperation.constants import CooperationKind
from sportloket.cooperation.models import Cooperation, CooperationParty, IntroductionConsent
from sportloket.cooperation.selectors import suggestions
from sportloket.core import services as core_services
from sportloket.core.models import Municipality, Theme
from sportloket.core.services import user_get_or_create
from sportloket.helprequests.models import HelpRequest
from sportloket.registry.models import Organisation, Sport

SCRATCH_NAME = "sportloket_bench_cooperation"


def make_desk(tag, providers, questions, area, rng):
    desk = core_services.loket_create(
        actor=None, name=f"Bench cooperation {tag}", slug=f"bench-coop-{tag}", work_area=area
    )
    coordinator, _ = user_get_or_create(email=f"coord-{tag}@bench.example", actor=None)
    core_services.membership_add(loket=desk, user=coordinator, role="coordinator", actor=None)
    Authenticator.objects.create(
        user=coordinator, type=Authenticator.Type.TOTP, data={"secret": "A" * 32}
    )
    organisations = bulk_organisations(f"Coop {tag}", providers, area, rng)
    streets = [f"Sportlaan {n}" for n in range(providers // 10 + 1)]
    for organisation in organisations:
        area_code = 3500 + rng.randrange(providers // 30 + 2)
        organisation.address = rng.choice(streets)
        organisation.postcode = f"{area_code}{rng.choice('AB')}{rng.choice('CD')}"
        organisation.city = "Bench"
    Organisation.objects.bulk_update(organisations, ["address", "postcode", "city"], 2000)
    sports = list(Sport.objects.order_by("pk")[:30])
    Organisation.sports.through.objects.bulk_create(
        Organisation.sports.through(organisation_id=o.pk, sport_id=s.pk)
        for o in organisations
        for s in rng.sample(sports, rng.choice([1, 1, 2]))
    )
    IntroductionConsent.objects.bulk_create(
        IntroductionConsent(loket=desk, organisation=o, source="bench", recorded_by=coordinator)
        for o in organisations
        if rng.random() < 0.7
    )
    themes = list(Theme.objects.for_desk(desk)[:12]) or Theme.objects.bulk_create(
        Theme(loket=desk, name=f"Thema {n}", key=f"bench-{tag}-{n}") for n in range(12)
    )
    now = timezone.now()
    made = HelpRequest.objects.bulk_create(
        (
            HelpRequest(
                loket=desk,
                organisation=rng.choice(organisations),
                organisation_name="Bench",
                contact_name="Bench",
                question="Hoe vinden wij vrijwilligers?",
                consents_to_processing=True,
                submitted_at=now - timedelta(days=rng.randrange(730)),
            )
            for _ in range(questions)
        ),
        batch_size=5000,
    )
    HelpRequest.themes.through.objects.bulk_create(
        (
            HelpRequest.themes.through(helprequest_id=q.pk, theme_id=t.pk)
            for q in made
            for t in rng.sample(themes, rng.choice([1, 2]))
        ),
        batch_size=5000,
    )
    for number in range(min(50, providers // 4)):
        cooperation = Cooperation.objects.create(
            loket=desk,
            title=f"Samenwerking {number}",
            kind=CooperationKind.OTHER,
            goal="Samen",
            created_by=coordinator,
        )
        CooperationParty.objects.bulk_create(
            CooperationParty(cooperation=cooperation, organisation=o)
            for o in rng.sample(organisations, 2)
        )
    return desk, coordinator


def timed(fetch) -> float:
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        fetch()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def queries(fetch) -> int:
    with CaptureQueriesContext(connection) as captured:
        fetch()
    return len(captured)


def main():
    print(f"Database: {connection.vendor}  providers: {PROVIDERS}  questions: {QUESTIONS}")
    rng = random.Random(2026)
    with scratch_database(SCRATCH_NAME):
        area = list(Municipality.objects.order_by("code")[:10])
        start = time.perf_counter()
        tag = secrets.token_hex(3)
        small, _ = make_desk(f"{tag}-s", 20, 200, area[:1], rng)
        desk, coordinator = make_desk(tag, PROVIDERS, QUESTIONS, area, rng)
        print(f"Loaded in {time.perf_counter() - start:.1f} s")
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        setup_test_environment()
        client = Client()
        client.force_login(coordinator)
        url = reverse("cooperation:suggestions", args=[desk.slug])
        found = suggestions(loket=desk)
        by_kind = {}
        for suggestion in found:
            by_kind[suggestion.kind] = by_kind.get(suggestion.kind, 0) + 1
        print(f"Suggestions: {len(found)} {by_kind}")
        selector_ms = timed(lambda: suggestions(loket=desk))
        page_ms = timed(lambda: client.get(url))
        counts = tuple(queries(lambda d=d: suggestions(loket=d)) for d in (small, desk))
    print(f"  suggestions (selector)  median {selector_ms:7.1f} ms")
    print(f"  suggestions page        median {page_ms:7.1f} ms")
    print(f"  queries: 20 providers {counts[0]}, {PROVIDERS} providers {counts[1]}")
    failures = []
    if not found:
        failures.append("no suggestions were found: the benchmark measured nothing")
    for label, median in (("selector", selector_ms), ("page", page_ms)):
        if median >= TARGET_MS:
            failures.append(f"{label}: median {median:.1f} ms, target under {TARGET_MS} ms")
    if counts[0] != counts[1]:
        failures.append(f"query counts differ with the size of the desk: {counts}")
    if failures:
        for failure in failures:
            print(f"FAIL: {failure}")
        sys.exit(1)
    print(f"PASS: medians under {TARGET_MS} ms; the same number of queries for any size")


if __name__ == "__main__":
    main()
