"""Benchmark of the club check's figures: one desk whose round of the year has 2,000 providers
that answered (and 500 invited that did not), and 24,000 providers that answered nationally
(the desk's and those of eleven more desks, some asked by two desks), each answer with up to
three topics and each provider with one or two sports. Times, through the test client, the
desk's results page (each grouping), the desk's open data (JSON), and the national page and
its JSON. Target: a median under 300 ms each, with the same number of queries as for a
desk of 20 providers (and a national year of 20).

Run with `make bench` (SQLite scratch file) or with DATABASE_URL for PostgreSQL (a scratch
database sportloket_bench_clubcheck next to the one it names, dropped afterwards):
DATABASE_URL=postgres://postgres@127.0.0.1:5432/sportloket \
    .venv/bin/python bench/bench_clubcheck.py
"""

import os
import random
import secrets
import statistics
import sys
import time
from datetime import date
from pathlib import Path

PROVIDERS = int(os.environ.get("BENCH_PROVIDERS", "2000"))
NATIONAL = int(os.environ.get("BENCH_NATIONAL_PROVIDERS", "24000"))
NOT_ANSWERED = PROVIDERS // 4
ASKED_TWICE = 500  # providers of the desk asked by another desk too (counted once nationally)
YEAR = 2026
RUNS = 11
TARGET_MS = 300
sys.path.insert(0, str(Path(__file__).resolve().parent))
from _setup import bulk_organisations, scratch_database, setup_django

setup_django()

from allauth.mfa.models import Authenticator
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext, setup_test_environment
from django.urls import reverse
from django.utils import timezone

from sportloket.clubcheck.constants import Facilities, Finances, HelpTopic
from sportloket.clubcheck.models import AnswerTopic, CheckAnswer, CheckInvitation, CheckRound
from sportloket.core import services as core_services
from sportloket.core.models import Municipality
from sportloket.core.services import user_get_or_create
from sportloket.registry.models import Organisation, Sport

SCRATCH_NAME = "sportloket_bench_clubcheck"


def make_desk(tag, area):
    desk = core_services.loket_create(
        actor=None, name=f"Bench club check {tag}", slug=f"bench-cc-{tag}", work_area=area
    )
    coordinator, _ = user_get_or_create(email=f"coord-{tag}@bench.example", actor=None)
    core_services.membership_add(loket=desk, user=coordinator, role="coordinator", actor=None)
    Authenticator.objects.create(
        user=coordinator, type=Authenticator.Type.TOTP, data={"secret": "A" * 32}
    )
    return desk, coordinator


def providers(tag, count, area, sports, rng):
    """``count`` clubs and commercial providers in ``area``, each with one or two sports."""
    organisations = bulk_organisations(f"Check {tag}", count, area, rng)
    Organisation.sports.through.objects.bulk_create(
        (
            Organisation.sports.through(organisation_id=o.pk, sport_id=s.pk)
            for o in organisations
            for s in rng.sample(sports, rng.choice([1, 1, 2]))
        ),
        batch_size=5000,
    )
    return organisations


def answered_round(desk, year, organisations, not_answered, creator, rng):
    """The desk's round of ``year``: every one of ``organisations`` invited and answered (with
    up to three topics), the ``not_answered`` invited only."""
    round = CheckRound.objects.create(
        loket=desk,
        year=year,
        opens_on=date(year, 3, 1),
        closes_on=date(year, 4, 30),
        created_by=creator,
    )
    now = timezone.now()
    invitations = CheckInvitation.objects.bulk_create(
        (
            CheckInvitation(round=round, organisation=o, invited_at=now)
            for o in [*organisations, *not_answered]
        ),
        batch_size=5000,
    )
    answers = CheckAnswer.objects.bulk_create(
        (
            CheckAnswer(
                round=round,
                organisation=invitation.organisation,
                invitation=invitation,
                answered_by_name="Secretaris",
                members_youth=rng.randrange(300),
                members_adult=rng.randrange(400),
                members_senior=rng.randrange(100),
                volunteers=rng.randrange(80),
                board_vacancies=rng.choice([0, 0, 0, 1, 2]),
                finances=rng.choice(Finances.values),
                facilities=rng.choice(Facilities.values),
            )
            for invitation in invitations[: len(organisations)]
        ),
        batch_size=5000,
    )
    AnswerTopic.objects.bulk_create(
        (
            AnswerTopic(answer=answer, topic=topic)
            for answer in answers
            for topic in rng.sample(HelpTopic.values, rng.choice([0, 0, 1, 2, 3]))
        ),
        batch_size=5000,
    )
    return round


def load(municipalities, sports, rng):
    """The desk (with its 2,000 providers), eleven more desks of the same year making 24,000
    providers that answered, a desk of 20 providers, and a national year of 20."""
    tag = secrets.token_hex(3)
    desk, coordinator = make_desk(tag, municipalities[:10])
    own = providers(tag, PROVIDERS, municipalities[:10], sports, rng)
    not_answered = providers(f"{tag}-n", NOT_ANSWERED, municipalities[:10], sports, rng)
    answered_round(desk, YEAR, own, not_answered, coordinator, rng)
    others = max(1, (NATIONAL - PROVIDERS) // PROVIDERS)
    for number in range(others):
        area = municipalities[10 * (number + 1) : 10 * (number + 2)]
        other, other_coordinator = make_desk(f"{tag}-{number}", area)
        theirs = providers(f"{tag}-{number}", (NATIONAL - PROVIDERS) // others, area, sports, rng)
        if number == 0:  # some of the desk's providers, asked again: counted once nationally
            theirs += rng.sample(own, ASKED_TWICE)
        answered_round(other, YEAR, theirs, [], other_coordinator, rng)
    small, small_coordinator = make_desk(f"{tag}-s", municipalities[-1:])
    few = providers(f"{tag}-s", 20, municipalities[-1:], sports, rng)
    answered_round(small, YEAR, few, [], small_coordinator, rng)
    answered_round(small, YEAR - 1, few, [], small_coordinator, rng)  # a national year of 20
    # … two of them asked again by a second desk: counted once, as in the large year (whose
    # queries then include those for the replaced answers too).
    second, second_coordinator = make_desk(f"{tag}-t", municipalities[-2:-1])
    answered_round(second, YEAR - 1, few[:2], [], second_coordinator, rng)
    return (desk, coordinator), (small, small_coordinator)


def logged_in(user):
    client = Client()
    client.force_login(user)
    return client


def timed(client, url, data=None, cold=False) -> float:
    """The median time of ``RUNS`` requests; ``cold``: each without what the cache kept (the
    national figures are kept until an answer changes)."""
    times = []
    for _ in range(RUNS):
        if cold:
            cache.clear()
        start = time.perf_counter()
        response = client.get(url, data)
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    return statistics.median(times)


def queries(client, url, data=None, cold=False) -> int:
    client.get(url, data)  # once before, as the timed runs did: the session's first reads
    if cold:
        cache.clear()
    with CaptureQueriesContext(connection) as captured:
        client.get(url, data)
    return len(captured)


def main():
    print(
        f"Database: {connection.vendor}  desk: {PROVIDERS} answered + {NOT_ANSWERED} invited, "
        f"nationally: {NATIONAL} answered"
    )
    rng = random.Random(2026)
    with scratch_database(SCRATCH_NAME):
        municipalities = list(Municipality.objects.order_by("code"))
        sports = list(Sport.objects.order_by("pk")[:40])
        start = time.perf_counter()
        (desk, coordinator), (small, small_coordinator) = load(municipalities, sports, rng)
        print(
            f"Loaded in {time.perf_counter() - start:.1f} s: {CheckAnswer.objects.count()} "
            f"answers, {AnswerTopic.objects.count()} topics"
        )
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        setup_test_environment()
        big, little, public = logged_in(coordinator), logged_in(small_coordinator), Client()

        def results(d):
            return reverse("clubcheck:results", args=[d.slug, YEAR])

        def open_data(d):
            return reverse("clubcheck:open-data", args=[d.slug, YEAR, "json"])

        national = reverse("clubcheck:national", args=[YEAR])
        national_small = reverse("clubcheck:national", args=[YEAR - 1])
        national_json = reverse("clubcheck:national-file", args=[YEAR, "json"])
        national_json_small = reverse("clubcheck:national-file", args=[YEAR - 1, "json"])
        # (label, client, url, data, client and url of the same page at a small scale)
        pages = [
            *(
                (f"desk results by {by}", big, results(desk), {"by": by}, little, results(small))
                for by in ("municipality", "kind", "sport")
            ),
            ("desk open data (JSON)", public, open_data(desk), None, public, open_data(small)),
            *(
                (f"national by {by}", public, national, {"by": by}, public, national_small)
                for by in ("municipality", "kind", "sport")
            ),
            ("national open data (JSON)", public, national_json, None, public, national_json_small),
        ]
        # The same national pages computed afresh (the cache emptied before each request).
        pages += [
            (f"{label} (not cached)", *rest)
            for label, *rest in pages
            if label.startswith("national")
        ]
        rows = public.get(national_json).json()["rows"]
        total = next(row for row in rows if row["dimension"] == "total")
        print(f"National answered: {total['answered']} (each provider once)")
        measured = []
        for label, client, url, data, small_client, small_url in pages:
            cold = label.endswith("(not cached)")
            median = timed(client, url, data, cold=cold)
            counts = (
                queries(client, url, data, cold=cold),
                queries(small_client, small_url, data, cold=cold),
            )
            measured.append((label, median, counts))
    failures = []
    if total["answered"] != NATIONAL + 20:  # and the small desk's 20
        failures.append(f"national answered {total['answered']}, expected {NATIONAL + 20}")
    print(f"\nMedians over {RUNS} runs ({connection.vendor}; target: under {TARGET_MS} ms)")
    for label, median, (many, few) in measured:
        verdict = "ok" if median < TARGET_MS and many == few else "FAIL"
        print(f"  {label:<28} {median:7.1f} ms   queries {many} (small: {few})   {verdict}")
        if median >= TARGET_MS:
            failures.append(f"{label}: median {median:.1f} ms, target under {TARGET_MS} ms")
        if many != few:
            failures.append(f"{label}: {many} queries, {few} at a small scale")
    if failures:
        for failure in failures:
            print(f"FAIL: {failure}")
        sys.exit(1)
    print(f"PASS: medians under {TARGET_MS} ms; the same number of queries for any size")


if __name__ == "__main__":
    main()
