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

from sportloket.core import services as core_services
from sportloket.core.models import Municipality
from sportloket.core.services import themes_prefill, user_get_or_create
from sportloket.helprequests.constants import RequestState, Urgency
from sportloket.helprequests.models import HelpRequest
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
    client = Client()
    client.force_login(user)
    base = f"/{desk.slug}/requests/"
    municipality = desk.work_area.first()
    cases = {
        "open (default)": "",
        "all states": "?state=",
        "state: in triage": "?state=triage",
        "theme": f"?theme={themes[2].pk}",
        "municipality": f"?municipality={municipality.pk}",
        "kind: commercial": "?kind=commercial",
        "overdue": "?overdue=on",
        "newest first, page 30": "?newest_first=on&page=30",
    }
    cases["response times (page)"] = "figures/"
    for label, query in cases.items():
        times = []
        for _ in range(5):
            t0 = time.perf_counter()
            response = client.get(base + query)
            times.append((time.perf_counter() - t0) * 1000)
        assert response.status_code == 200, (label, response.status_code)
        print(f"{label:<28} median {statistics.median(times):7.1f} ms   max {max(times):7.1f} ms")
    with CaptureQueriesContext(connection) as queries:
        client.get(base)
    print(f"Queries for one inbox page: {len(queries)}")


if __name__ == "__main__":
    main()
