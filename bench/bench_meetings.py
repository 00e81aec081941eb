"""Benchmark of the meetings: one desk with 2,000 providers in its work area, 5,000 meetings
over six years (five past, one ahead), 200,000 invitations (40 per meeting, with answers) and
the attendance of the last year's meetings (each organisation present a contact moment). Times
the meetings list (upcoming and past) and the reach page over HTTP in process (the whole page,
with the session and the template). Target: a median under 150 ms each, with a query count that
does not depend on the rows. The reach page over five years (all 200,000 invitations grouped)
is timed for information only: on SQLite it takes about 330 ms.

Run with `make bench` (SQLite scratch file) or with DATABASE_URL for PostgreSQL (a scratch
database sportloket_bench_meetings next to the one it names, dropped afterwards):
DATABASE_URL=postgres://postgres@127.0.0.1:5432/sportloket .venv/bin/python bench/bench_meetings.py
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
MEETINGS = int(os.environ.get("BENCH_MEETINGS", "5000"))
INVITATIONS = int(os.environ.get("BENCH_INVITATIONS", "200000"))
PRESENT_PER_MEETING = 10
RUNS = 15
TARGET_MS = 150
sys.path.insert(0, str(Path(__file__).resolve().parent))
from _setup import bulk_organisations, scratch_database, setup_django

setup_django()

from allauth.mfa.models import Authenticator
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext, setup_test_environment
from django.utils import timezone

from sportloket.contacts.models import ContactMoment
from sportloket.core import services as core_services
from sportloket.core.models import Municipality
from sportloket.core.services import user_get_or_create
from sportloket.meetings.constants import MeetingKind, Response
from sportloket.meetings.models import Attendance, Invitation, Meeting
from sportloket.registry.models import Person

SCRATCH_NAME = "sportloket_bench_meetings"
INFO_ONLY = "reach page (five years; no target)"
ANSWERS = [Response.YES, Response.YES, Response.MAYBE, Response.NO, Response.NONE]


def main():
    print(f"Database: {connection.vendor}  meetings: {MEETINGS}  invitations: {INVITATIONS}")
    with scratch_database(SCRATCH_NAME):
        start = time.perf_counter()
        desk, coordinator = load(random.Random(2026))
        print(f"Loaded in {time.perf_counter() - start:.1f} s")
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        medians, queries = measure(desk, coordinator)
    failures = [
        f"{label}: median {median:.1f} ms, target under {TARGET_MS} ms"
        for label, median in medians.items()
        if median >= TARGET_MS and label != INFO_ONLY
    ]
    print("\nQueries per page (must not depend on the rows)")
    for label, counts in queries.items():
        print(f"  {label:<40} {counts}")
        if len(set(counts)) != 1:
            failures.append(f"{label}: query counts differ {counts}")
    if failures:
        for failure in failures:
            print(f"FAIL: {failure}")
        sys.exit(1)
    print(f"PASS: every median under {TARGET_MS} ms; query counts independent of the rows")


def load(rng):
    tag = secrets.token_hex(3)
    area = list(Municipality.objects.order_by("code")[:10])
    desk = core_services.loket_create(
        actor=None, name="Bench meetings", slug=f"bench-meetings-{tag}", work_area=area
    )
    coordinator, _ = user_get_or_create(email=f"coord-{tag}@bench.example", actor=None)
    core_services.membership_add(loket=desk, user=coordinator, role="coordinator", actor=None)
    # Coordinators sign in with a second factor; without one every page sends them to set it up.
    Authenticator.objects.create(
        user=coordinator, type=Authenticator.Type.TOTP, data={"secret": "A" * 32}
    )
    organisations = bulk_organisations(f"Meet {tag}", PROVIDERS, area, rng)
    people = Person.objects.bulk_create(
        (
            Person(full_name=f"Contact {i}", email=f"c{i}@bench.example", consents_to_contact=True)
            for i in range(PROVIDERS)
        ),
        batch_size=5000,
    )
    now = timezone.now()
    meetings = Meeting.objects.bulk_create(
        (
            Meeting(
                loket=desk,
                title=f"Bijeenkomst {i}",
                kind=rng.choice(MeetingKind.values),
                starts_at=now + timedelta(days=365 - (i * 6 * 365) // MEETINGS, hours=19),
                ends_at=now + timedelta(days=365 - (i * 6 * 365) // MEETINGS, hours=21),
                place="Sporthal",
                created_by=coordinator,
            )
            for i in range(MEETINGS)
        ),
        batch_size=2000,
    )
    per_meeting = INVITATIONS // MEETINGS
    invitations = []
    for meeting in meetings:
        for index in rng.sample(range(PROVIDERS), per_meeting):
            invitations.append(
                Invitation(
                    meeting=meeting,
                    organisation=organisations[index],
                    person=people[index],
                    token=secrets.token_urlsafe(16),
                    response=rng.choice(ANSWERS),
                    invited_at=meeting.starts_at - timedelta(days=30),
                )
            )
        if len(invitations) >= 20000:
            Invitation.objects.bulk_create(invitations, batch_size=5000)
            invitations = []
    Invitation.objects.bulk_create(invitations, batch_size=5000)
    _attendance(desk, coordinator, meetings, organisations, people, rng, now)
    return desk, coordinator


def _attendance(desk, coordinator, meetings, organisations, people, rng, now):
    """The last year's meetings: PRESENT_PER_MEETING organisations each, a contact moment each."""
    past_year = [m for m in meetings if now - timedelta(days=365) < m.starts_at < now]
    chosen = [(m, rng.sample(range(PROVIDERS), PRESENT_PER_MEETING)) for m in past_year]
    moments = ContactMoment.objects.bulk_create(
        (
            ContactMoment(
                loket=desk,
                organisation=organisations[i],
                supporter=coordinator,
                created_by=coordinator,
                date=timezone.localdate(m.starts_at),
                channel="meeting",
                summary=f"Aanwezig bij {m.title}",
            )
            for m, indexes in chosen
            for i in indexes
        ),
        batch_size=5000,
    )
    moments = iter(moments)
    Attendance.objects.bulk_create(
        (
            Attendance(
                meeting=m,
                organisation=organisations[i],
                person=people[i],
                contact_moment=next(moments),
                created_by=coordinator,
            )
            for m, indexes in chosen
            for i in indexes
        ),
        batch_size=5000,
    )
    print(f"Attendance: {len(chosen) * PRESENT_PER_MEETING} at {len(chosen)} meetings")


def _time(label, call):
    call()  # warm-up
    times = []
    for _ in range(RUNS):
        t0 = time.perf_counter()
        call()
        times.append((time.perf_counter() - t0) * 1000)
    median = statistics.median(times)
    print(f"{label:<40} median {median:7.1f} ms   max {max(times):7.1f} ms")
    return median


def _get(client, path):
    response = client.get(path)
    assert response.status_code == 200, (path, response.status_code)
    return response


def _queries(client, path) -> int:
    with CaptureQueriesContext(connection) as queries:
        _get(client, path)
    return len(queries)


def measure(desk, coordinator):
    setup_test_environment()
    client = Client()
    client.force_login(coordinator)
    base = f"/{desk.slug}/meetings/"
    pages = {
        "meetings list (upcoming)": base,
        "meetings list (past, page 40)": f"{base}?when=past&page=40",
        "reach page (last 12 months)": f"{base}reach/",
        # Beyond the target: every meeting's invitations of five years in one period.
        INFO_ONLY: f"{base}reach/?since=2021-01-01&page=20",
    }
    medians = {label: _time(label, lambda p=path: _get(client, p)) for label, path in pages.items()}
    queries = {
        "meetings list": [_queries(client, pages["meetings list (upcoming)"]),
                          _queries(client, pages["meetings list (past, page 40)"])],
        "reach page": [_queries(client, pages["reach page (last 12 months)"]),
                       _queries(client, pages[INFO_ONLY])],
    }  # fmt: skip
    return medians, queries


if __name__ == "__main__":
    main()
