"""Benchmark of the desk's inbox: 200,000 help requests over 20 desks, then the inbox of one
desk for each filter. Target: under 150 ms per page, with a query count that does not depend on
the rows shown. Run with `make bench` (SQLite scratch file) or with DATABASE_URL for PostgreSQL.
"""

import os
import random
import secrets
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path

# States in which the desk has decided on the question (support chosen or later, or closed by
# the desk).
DECIDED = {"matched", "in_progress", "completed", "evaluated", "referred", "rejected"}
TOTAL = int(os.environ.get("BENCH_REQUESTS", "200000"))
DESKS = 20
sys.path.insert(0, str(Path(__file__).resolve().parent))
from _setup import setup_django

setup_django()

from allauth.mfa.models import Authenticator
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.http import urlencode

from sportloket.core import services as core_services
from sportloket.core.models import Municipality
from sportloket.core.services import themes_prefill, user_get_or_create
from sportloket.helprequests.constants import RequestState, Urgency
from sportloket.helprequests.models import Assignment, HelpRequest
from sportloket.registry.models import Organisation


def main():
    print(f"Database: {connection.vendor}  requests: {TOTAL} over {DESKS} desks")
    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    rng = random.Random(2026)
    municipalities = list(Municipality.objects.order_by("code"))
    tag = secrets.token_hex(3)
    desks = []
    for number in range(DESKS):
        area = municipalities[number * 10 : number * 10 + 10]
        desk = core_services.loket_create(
            actor=None, name=f"Bench {number}", slug=f"bench-{tag}-{number}", work_area=area
        )
        themes_prefill(loket=desk, actor=None)
        orgs = Organisation.objects.bulk_create(
            Organisation(kind=rng.choice(["club", "commercial"]), name=f"Club {tag} {number} {i}",
                         name_key=f"club {tag} {number} {i}", municipality=rng.choice(area))
            for i in range(200)
        )  # fmt: skip
        desks.append((desk, orgs, list(desk.themes.all())))
    states = list(RequestState.values)
    now = timezone.now()
    start = time.perf_counter()
    batch = []
    for number in range(TOTAL):
        desk, orgs, _themes = desks[number % DESKS]
        submitted = now - timedelta(minutes=rng.randint(0, 60 * 24 * 700))
        state = rng.choice(states)
        answered = state != RequestState.SUBMITTED
        decided = state in DECIDED
        batch.append(
            HelpRequest(
                loket=desk,
                organisation=rng.choice(orgs),
                organisation_name="Club",
                contact_name="Naam",
                contact_email="naam@example.org",
                question="Vraag",
                consents_to_processing=True,
                urgency=rng.choice(Urgency.values),
                state=state,
                submitted_at=submitted,
                respond_by=(submitted + timedelta(days=4)).date(),
                decide_by=(submitted + timedelta(days=28)).date(),
                first_response_at=min(submitted + timedelta(days=2), now) if answered else None,
                first_response_days=2 if answered else None,
                decided_at=min(submitted + timedelta(days=12), now) if decided else None,
                decision_days=9 if decided else None,
            )
        )
        if len(batch) == 5000:
            HelpRequest.objects.bulk_create(batch)
            batch = []
    HelpRequest.objects.bulk_create(batch)
    through = HelpRequest.themes.through
    links = []
    themes_by_desk = {d.pk: t for d, _o, t in desks}
    ours = HelpRequest.objects.filter(loket__in=themes_by_desk)
    for request_id, loket_id in ours.values_list("pk", "loket_id").iterator():
        themes = themes_by_desk[loket_id]
        links.append(through(helprequest_id=request_id, theme_id=rng.choice(themes).pk))
    through.objects.bulk_create(links, batch_size=5000)
    print(f"Loaded in {time.perf_counter() - start:.1f} s")
    # What autovacuum does after a bulk load in production: fresh planner statistics.
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")

    desk, _orgs, themes = desks[3]
    user, _ = user_get_or_create(email=f"bench-{tag}@example.org", actor=None)
    core_services.membership_add(loket=desk, user=user, role="coordinator", actor=None)
    # A coordinator needs a second factor; the benchmark signs in with one already set up.
    Authenticator.objects.create(user=user, type=Authenticator.Type.TOTP, data={"secret": "A" * 32})
    # A third of this desk's questions is assigned to the member who reads the inbox.
    Assignment.objects.bulk_create(
        (
            Assignment(help_request_id=pk, supporter=user, assigned_by=user, started_at=now)
            for pk in HelpRequest.objects.filter(loket=desk).values_list("pk", flat=True)[::3]
        ),
        batch_size=5000,
    )
    client = Client()
    client.force_login(user)
    base = f"/{desk.slug}/requests/"
    municipality = desk.work_area.first()
    organisation = Organisation.objects.filter(help_requests__loket=desk).first()
    number = HelpRequest.objects.filter(loket=desk).order_by("pk")[500].pk
    cases = {
        "open (default)": "",
        "all states": "?state=",
        "state: in triage": "?state=triage",
        "theme": f"?theme={themes[2].pk}",
        "municipality": f"?municipality={municipality.pk}",
        "kind: commercial": "?kind=commercial",
        "overdue": "?overdue=on",
        "newest first, page 30": "?sort=newest&page=30",
        "search: organisation": f"?{urlencode({'q': organisation.name})}",
        "search: number": f"?q={number}",
        "search: no match, all": "?q=penningmeester&state=all",
        "assigned to me": "?assignee=me",
        "not assigned": "?state=submitted&assignee=none",
        "waiting for a decision": "?waiting=decision",
        "sort: deadline": "?sort=deadline",
        "sort: organisation": "?sort=organisation",
    }
    cases["response times (page)"] = "figures/"
    # Besides the time on the clock, the processor time of this process (the page and SQLite
    # both run in it): on a machine shared with other work it varies far less.
    for label, query in cases.items():
        times, cpu = [], []
        for _ in range(5):
            t0, c0 = time.perf_counter(), time.process_time()
            response = client.get(base + query)
            times.append((time.perf_counter() - t0) * 1000)
            cpu.append((time.process_time() - c0) * 1000)
        assert response.status_code == 200, (label, response.status_code)
        print(
            f"{label:<28} median {statistics.median(times):7.1f} ms   max {max(times):7.1f} ms"
            f"   cpu {statistics.median(cpu):7.1f} ms"
        )
    with CaptureQueriesContext(connection) as queries:
        client.get(base)
    print(f"Queries for one inbox page: {len(queries)}")
    files = {"export CSV (overdue)": "csv", "export XLSX (overdue)": "xlsx"}
    for label, file_format in files.items():
        t0 = time.perf_counter()
        response = client.get(f"{base}export/?overdue=on&format={file_format}")
        size = len(b"".join(response.streaming_content) if response.streaming else response.content)
        print(f"{label:<28} {(time.perf_counter() - t0) * 1000:7.1f} ms   {size // 1024} kB")


if __name__ == "__main__":
    main()
