"""Benchmark of the decision pages at national scale: one desk with 30,000 help requests and a
decision on each (eleven ranked options, mostly the top one chosen, a tenth superseded by a later
decision), among 20,000 decisions of four other desks; then the public register (unfiltered, per
year, per theme, a search and page 50), its CSV, the desk's list of decisions and the
multi-partiality monitor, 15 times each. Target: a median under 300 ms per page and under
3,000 ms for the whole CSV.

Run with `make bench` (SQLite scratch file) or with DATABASE_URL for PostgreSQL (a scratch
database next to the one it names, dropped afterwards):
DATABASE_URL=postgres://postgres@127.0.0.1:5432/sportloket .venv/bin/python bench/bench_decisions.py
BENCH_KEEP_DB=1 keeps the scratch database (its name is printed), to read the query plans
afterwards; remove it by hand then.
"""

import os
import random
import shutil
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path

REQUESTS = int(os.environ.get("BENCH_DECISIONS", "30000"))
OTHER_DECISIONS = int(os.environ.get("BENCH_OTHER_DECISIONS", "20000"))
OTHER_DESKS = 4
ORGANISATIONS = 400
OFFERINGS = 300
DELIVERERS = 60
OPTIONS = 11
SUPERSEDED_SHARE = 0.10
HISTORY_DAYS = 3 * 365
RUNS = 15
TARGET_MS = 300
CSV_TARGET_MS = 3000
# Offering titles name a topic; the searches look for one of them (a fifteenth of the offerings).
TOPICS = ["vrijwilligersbeleid", "penningmeester", "ledenwerving", "bestuurstraining",
          "sponsorplan", "accommodatiebeheer", "verduurzaming", "veilig sportklimaat",
          "inclusief sporten", "gezonde kantine", "communicatieplan", "samenwerking",
          "trainerscursus", "subsidieaanvraag", "jeugdbeleid"]  # fmt: skip
SEARCH = "penningmeester"
sys.path.insert(0, str(Path(__file__).resolve().parent))
from _setup import bench_desks, bulk_organisations, offering_place, setup_django

setup_django()

from allauth.mfa.models import Authenticator
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from sportloket.core import services as core_services
from sportloket.core.models import Municipality
from sportloket.core.services import themes_prefill, user_get_or_create
from sportloket.decisions import selectors
from sportloket.decisions.models import Decision, DecisionOption
from sportloket.helprequests.constants import RequestState
from sportloket.helprequests.models import HelpRequest
from sportloket.offerings.constants import OfferingKind, OfferingScope
from sportloket.offerings.models import Offering

SCRATCH_SUFFIX = "_bench_decisions"


def main():
    print(
        f"Database: {connection.vendor}  decisions: {REQUESTS} at the desk (+{SUPERSEDED_SHARE:.0%}"
        f" superseding ones), {OTHER_DECISIONS} over {OTHER_DESKS} other desks"
    )
    # A scratch database, as the SQLite file is: decisions are never deleted (on PostgreSQL the
    # database refuses it), so the bench never writes into a database that is kept.
    scratch = connection.vendor != "sqlite"
    keep = bool(os.environ.get("BENCH_KEEP_DB"))
    if scratch:
        name = connection.settings_dict["NAME"]
        connection.settings_dict["TEST"]["NAME"] = f"{name}{SCRATCH_SUFFIX}"
        connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    else:
        call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    try:
        start = time.perf_counter()
        desk, coordinator, theme = load(random.Random(2026))
        print(f"Loaded in {time.perf_counter() - start:.1f} s")
        # What autovacuum does after a bulk load in production: fresh planner statistics.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        medians, csv_median, failures = measure(desk, coordinator, theme)
    finally:
        if keep:
            print(f"Kept the scratch database {connection.settings_dict['NAME']}")
        else:
            if scratch:
                connection.creation.destroy_test_db(name, verbosity=0)
            connection.close()
            # The scratch directory of _setup (the SQLite file, the media root).
            directory = Path(os.environ["MEDIA_ROOT"]).parent
            if directory.name.startswith("sportloket-bench-"):
                shutil.rmtree(directory, ignore_errors=True)
    failures += report(medians, csv_median)
    if failures:
        for failure in failures:
            print(f"FAIL: {failure}")
        sys.exit(1)
    print(f"PASS: every page's median under {TARGET_MS} ms, the CSV under {CSV_TARGET_MS} ms")


def load(rng):
    """The desk (with a coordinator) and four other desks, their organisations, offerings,
    help requests and decisions. Returns the desk, its coordinator and one of its themes."""
    municipalities = list(Municipality.objects.order_by("code"))
    desks = bench_desks("bench-decisions", 1 + OTHER_DESKS, municipalities)
    desk, others = desks[0], desks[1:]
    themes = {each.pk: themes_prefill(loket=each, actor=None) for each in desks}
    coordinator, _ = user_get_or_create(email="bench-decisions@example.org", actor=None)
    core_services.membership_add(loket=desk, user=coordinator, role="coordinator", actor=None)
    # A coordinator needs a second factor; the benchmark signs in with one already set up.
    Authenticator.objects.create(
        user=coordinator, type=Authenticator.Type.TOTP, data={"secret": "A" * 32}
    )

    # Clubs and commercial providers in each desk's municipalities: ORGANISATIONS at the desk,
    # a quarter as many at each other desk.
    def organisations(each, count):
        area = municipalities[desks.index(each) * 10 : desks.index(each) * 10 + 10]
        return bulk_organisations(f"Sportvereniging {each.pk}", count, area, rng)

    orgs = {each.pk: organisations(each, ORGANISATIONS if each == desk else 100) for each in desks}
    deliverers = rng.sample(orgs[desk.pk], DELIVERERS)

    # OFFERINGS visible to the desk: 40% its own, 30% regional (another desk's, shared with
    # it), 30% national; and each other desk's own offerings.
    def offering(number, owner, scope, delivered_by):
        topic = TOPICS[number % len(TOPICS)].capitalize()
        form = rng.choice(["advies", "traject", "cursus"])
        return Offering(
            loket=owner,
            title=f"{topic}: {form} {number:04d}",
            description="Ondersteuning voor verenigingen.",
            delivered_by=delivered_by,
            kind=rng.choice(OfferingKind.values),
            scope=scope,
        )

    def where(number):
        return offering_place(number, desk, others, rng)

    visible = [offering(n, *where(n), rng.choice(deliverers)) for n in range(OFFERINGS)]
    theirs = [
        offering(OFFERINGS + n, each, OfferingScope.DESK, rng.choice(orgs[each.pk]))
        for each in others
        for n in range(60)
    ]
    Offering.objects.bulk_create(visible + theirs, batch_size=1000)
    shared = Offering.shared_with.through
    shared.objects.bulk_create(
        shared(offering_id=o.pk, loket_id=each.pk)
        for o in visible
        if o.scope == OfferingScope.REGION
        for each in {desk, o.loket}
    )
    national = [o for o in visible if o.scope == OfferingScope.NATIONAL]
    pools = {desk.pk: visible} | {
        each.pk: [o for o in visible + theirs if o.loket_id == each.pk] + national
        for each in others
    }
    deciders = [coordinator] + [
        user_get_or_create(email=f"bench-decisions-{n}@example.org", actor=None)[0]
        for n in range(4)
    ]

    # The desk's questions and decisions, then the other desks'.
    now = timezone.now()
    load_decisions(rng, desk, REQUESTS, orgs[desk.pk], themes[desk.pk], pools[desk.pk],
                   deciders, now, superseded=SUPERSEDED_SHARE)  # fmt: skip
    for n, each in enumerate(others):
        count = OTHER_DECISIONS // OTHER_DESKS + (n < OTHER_DECISIONS % OTHER_DESKS)
        load_decisions(rng, each, count, orgs[each.pk], themes[each.pk], pools[each.pk],
                       deciders, now, superseded=0)  # fmt: skip
    theme = next(t for t in themes[desk.pk] if t.key == "finances")
    return desk, coordinator, theme


def load_decisions(rng, desk, count, orgs, themes, pool, deciders, now, *, superseded):
    """``count`` help requests at the desk, each with one to three themes and a decision with
    OPTIONS ranked options (the top one chosen four times in five, otherwise another with a
    reason, now and then none), decided over the past HISTORY_DAYS; a share ``superseded`` of
    them superseded by a later decision with options of its own. Decisions and options are only
    inserted: the database refuses to change them."""
    requests, moments = [], []
    for _ in range(count):
        organisation = rng.choice(orgs) if rng.random() < 0.97 else None
        decided_at = now - timedelta(seconds=rng.randint(3600, HISTORY_DAYS * 86400))
        state = rng.choice([RequestState.MATCHED, RequestState.IN_PROGRESS,
                            RequestState.COMPLETED, RequestState.EVALUATED])  # fmt: skip
        request = HelpRequest(
            loket=desk,
            organisation=organisation,
            organisation_name=organisation.name if organisation else "Stichting Buitensport",
            contact_name="Naam",
            contact_email="naam@example.org",
            question="Vraag",
            consents_to_processing=True,
            state=state,
            rating=rng.randint(1, 5) if state == RequestState.EVALUATED else None,
            submitted_at=decided_at - timedelta(days=rng.randint(1, 30)),
        )
        requests.append(request)
        moments.append(decided_at)
    HelpRequest.objects.bulk_create(requests, batch_size=5000)
    through = HelpRequest.themes.through
    through.objects.bulk_create(
        (
            through(helprequest_id=r.pk, theme_id=t.pk)
            for r in requests
            for t in rng.sample(themes, rng.randint(1, 3))
        ),
        batch_size=5000,
    )

    def decision(request, decided_at, chosen, **fields):
        reason = ""
        if chosen != 1 and rng.random() < 0.75:
            reason = "Het eerste aanbod heeft dit seizoen geen plek; dit past ook goed."
        return Decision(
            loket=desk,
            help_request=request,
            rationale="Past bij de vraag en de situatie van de vereniging.",
            public_summary="Ondersteuning bij de vraag van de vereniging, zoals aangevraagd.",
            deviation_reason=reason,
            amount_cents=rng.choice([0, 0, 25000, 45000, 120000, rng.randint(1, 500) * 500]),
            decided_by=rng.choice(deciders),
            decided_at=decided_at,
            option_count=OPTIONS,
            **fields,
        )

    def chosen_rank():
        return 1 if rng.random() < 0.8 else rng.randint(2, OPTIONS)

    chosen = {}
    decisions = []
    for request, decided_at in zip(requests, moments, strict=True):
        rank = chosen_rank()
        decisions.append(decision(request, decided_at, rank))
        chosen[len(decisions) - 1] = rank
    Decision.objects.bulk_create(decisions, batch_size=5000)
    earlier = rng.sample(decisions, int(len(decisions) * superseded))
    later = []
    for d in earlier:
        rank = chosen_rank()
        moment = min(d.decided_at + timedelta(days=rng.randint(1, 60)), now)
        later.append(decision(d.help_request, moment, rank, supersedes=d))
        chosen[len(decisions) + len(later) - 1] = rank
    Decision.objects.bulk_create(later, batch_size=5000)
    every = decisions + later
    # As decisions keep them: the ranked offerings with a falling score; inserted in batches,
    # each decision's options together.
    batch = []
    for index, d in enumerate(every):
        for rank, o in enumerate(rng.sample(pool, OPTIONS), start=1):
            batch.append(
                DecisionOption(
                    decision=d,
                    offering=o,
                    rank=rank,
                    score=95 - 4 * rank,
                    explanation=[],
                    chosen=rank == chosen[index],
                )
            )
        if len(batch) >= 5000 * OPTIONS:
            DecisionOption.objects.bulk_create(batch, batch_size=5000)
            batch = []
    DecisionOption.objects.bulk_create(batch, batch_size=5000)


def measure(desk, coordinator, theme):
    """Times every page RUNS times (after a warm-up) and prints the medians, maxima and query
    counts. Returns the page medians, the CSV's median and what failed."""
    slug = desk.slug
    last_year = timezone.localdate().year - 1
    anonymous = Client()
    member = Client()
    member.force_login(coordinator)
    public = reverse("decisions:public", args=[slug])
    listing = reverse("decisions:list", args=[slug])
    monitor = reverse("decisions:monitor", args=[slug])
    cases = {
        "public register": (anonymous, public, {}),
        f"public register, {last_year}": (anonymous, public, {"year": last_year}),
        f"public register, theme {theme.name}": (anonymous, public, {"theme": theme.pk}),
        f"public register, search {SEARCH!r}": (anonymous, public, {"search": SEARCH}),
        "public register, page 50": (anonymous, public, {"page": 50}),
        "desk's list": (member, listing, {}),
        "desk's list, passed over": (member, listing, {"show": "passed_over"}),
        f"desk's list, search {SEARCH!r}": (member, listing, {"search": SEARCH}),
        f"desk's list, {last_year}": (member, listing, {"year": last_year}),
        "monitor": (member, monitor, {}),
        f"monitor, {last_year}": (member, monitor, {"year": last_year}),
    }
    # How many decisions each filter finds, from the selectors the pages use.
    holding = selectors.public_decisions(loket=desk).count()
    print(
        f"The desk: {Decision.objects.filter(loket=desk).count()} decisions, {holding} that hold;"
        f" {DecisionOption.objects.count()} options nationally"
    )
    print(
        f"Found: {last_year} {selectors.public_decisions(loket=desk, year=last_year).count()},"
        f" theme {selectors.public_decisions(loket=desk, theme=theme.pk).count()},"
        f" search {selectors.public_decisions(loket=desk, search=SEARCH).count()} (public);"
        f" passed over {selectors.desk_decisions(loket=desk, show='passed_over').count()},"
        f" search {selectors.desk_decisions(loket=desk, search=SEARCH).count()} (desk's list)"
    )
    failures = []
    medians = {}
    print(f"\n{'page':<44} {'median':>9} {'max':>9}  queries")
    for label, (client, path, params) in cases.items():
        times = []
        response = client.get(path, params)  # warm-up
        for _ in range(RUNS):
            t0 = time.perf_counter()
            response = client.get(path, params)
            times.append((time.perf_counter() - t0) * 1000)
            if response.status_code != 200:
                break
        if response.status_code != 200:
            failures.append(f"{label}: status {response.status_code}")
            continue
        with CaptureQueriesContext(connection) as queries:
            client.get(path, params)
        medians[label] = statistics.median(times)
        print(f"{label:<44} {medians[label]:6.1f} ms {max(times):6.1f} ms  {len(queries):>4}")

    csv_path = reverse("decisions:public-csv", args=[slug])

    def download():
        response = anonymous.get(csv_path)
        body = b"".join(response.streaming_content)
        return response.status_code, body

    download()  # warm-up
    times, statuses = [], set()
    for _ in range(RUNS):
        t0 = time.perf_counter()
        status, body = download()
        times.append((time.perf_counter() - t0) * 1000)
        statuses.add(status)
    with CaptureQueriesContext(connection) as queries:
        download()
    csv_median = statistics.median(times)
    rows = body.count(b"\n") - 1
    print(
        f"{'public CSV (streamed, ' + str(rows) + ' rows)':<44} {csv_median:6.1f} ms"
        f" {max(times):6.1f} ms  {len(queries):>4}"
    )
    if statuses != {200}:
        failures.append(f"public CSV: status {sorted(statuses)}")
    if rows != holding:
        failures.append(f"public CSV: {rows} rows, not the {holding} decisions that hold")
    return medians, csv_median, failures


def report(medians, csv_median) -> list[str]:
    """What failed against the targets."""
    failures = [
        f"{label}: median {median:.1f} ms, target under {TARGET_MS} ms"
        for label, median in medians.items()
        if median >= TARGET_MS
    ]
    if csv_median >= CSV_TARGET_MS:
        failures.append(f"public CSV: median {csv_median:.1f} ms, target under {CSV_TARGET_MS} ms")
    return failures


if __name__ == "__main__":
    main()
