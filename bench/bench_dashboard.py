"""Benchmark of the desk's dashboard at national scale: 200,000 questions over 20 desks, with
their assignments, messages and decisions, the desks' providers and contact moments, funds with
allocations and their histories, account holders and quality registrations. Times the
dashboard of one desk for its coordinator, a supporter and a partner. Target: a median under
150 ms, with a query count that does not depend on the rows (the same page of a small desk
needs as many queries).

Run with `make bench` (SQLite scratch file) or with DATABASE_URL for PostgreSQL (the database it
names is migrated and filled). The script exits non-zero when a median reaches the target or a
query count differs."""

import os
import random
import secrets
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path

TOTAL = int(os.environ.get("BENCH_REQUESTS", "200000"))
DESKS = 20
PROVIDERS = int(os.environ.get("BENCH_PROVIDERS_PER_DESK", "500"))
SUPPORTERS = 8
ALLOCATIONS = 300  # per desk
RUNS = 15
TARGET_MS = 150
# States in which the desk has decided on the question (as in bench_inbox).
DECIDED = {"matched", "in_progress", "completed", "evaluated", "referred", "rejected"}
sys.path.insert(0, str(Path(__file__).resolve().parent))
from _setup import bulk_organisations, setup_django

setup_django()

from allauth.mfa.models import Authenticator
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from sportloket.contacts.models import AccountHolder, ContactMoment
from sportloket.core import services as core_services
from sportloket.core.models import Membership, Municipality
from sportloket.core.services import user_get_or_create
from sportloket.decisions.models import Decision
from sportloket.funds.models import Allocation, AllocationChange, Fund
from sportloket.helprequests.constants import RequestState, Urgency
from sportloket.helprequests.models import Assignment, HelpRequest, Message
from sportloket.quality.models import QualityRegistration
from sportloket.registry.models import Organisation


def _user(tag, name):
    user, _ = user_get_or_create(email=f"bench-{tag}-{name}@example.org", actor=None)
    return user


def _staff(desk, tag, number):
    """The desk's coordinator (with a second factor), supporters and a partner who represents
    the owner of the desk's funds."""
    coordinator = _user(tag, f"coordinator-{number}")
    core_services.membership_add(loket=desk, user=coordinator, role="coordinator", actor=None)
    Authenticator.objects.create(
        user=coordinator, type=Authenticator.Type.TOTP, data={"secret": "A" * 32}
    )
    supporters = []
    for n in range(SUPPORTERS):
        supporter = _user(tag, f"supporter-{number}-{n}")
        core_services.membership_add(loket=desk, user=supporter, role="supporter", actor=None)
        Authenticator.objects.create(
            user=supporter, type=Authenticator.Type.TOTP, data={"secret": "A" * 32}
        )
        supporters.append(supporter)
    owner = Organisation.objects.create(
        kind="municipality", name=f"Gemeente {tag} {number}", name_key=f"gemeente {tag} {number}"
    )
    partner = _user(tag, f"partner-{number}")
    Membership.objects.create(
        loket=desk, user=partner, role="partner", partner_kind="municipality", organisation=owner
    )
    return coordinator, supporters, partner, owner


def load_desk(number, tag, municipalities, rng, *, questions):
    """One desk with its providers, staff, questions and everything that follows them."""
    area = municipalities[number * 10 : number * 10 + 10]
    desk = core_services.loket_create(
        actor=None, name=f"Bench {number}", slug=f"bench-{tag}-{number}", work_area=area
    )
    orgs = bulk_organisations(f"Club {tag} {number}", PROVIDERS, area, rng)
    coordinator, supporters, partner, owner = _staff(desk, tag, number)
    staff = [coordinator, *supporters]
    now = timezone.now()
    requests = _questions(desk, orgs, rng, questions, now)
    _handling(desk, requests, staff, rng, now)
    _contacts(desk, orgs, area, staff, rng)
    _money(desk, owner, coordinator, rng)
    today = timezone.localdate()
    QualityRegistration.objects.bulk_create(
        QualityRegistration(
            user=user,
            recorded_by_loket=desk,
            system="vog",
            valid_from=today - timedelta(days=700),
            valid_until=today + timedelta(days=rng.randint(10, 400)),
        )
        for user in staff
    )
    return desk, coordinator, supporters[0], partner


def _questions(desk, orgs, rng, count, now):
    states = list(RequestState.values)
    batch = []
    for _ in range(count):
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
    return HelpRequest.objects.bulk_create(batch, batch_size=5000)


def _handling(desk, requests, staff, rng, now):
    """An assignment and the desk's first message for every answered question, a message from
    the provider on a third of them, and a decision on every decided one."""
    assignments, messages, decisions = [], [], []
    for request in requests:
        if request.first_response_at is None:
            continue
        supporter = rng.choice(staff)
        assignments.append(
            Assignment(help_request=request, supporter=supporter, assigned_by=staff[0])
        )
        messages.append(
            Message(help_request=request, author=supporter, body="Antwoord",
                    created_at=request.first_response_at)
        )  # fmt: skip
        if rng.random() < 1 / 3:
            messages.append(
                Message(help_request=request, from_provider=True, body="Dank",
                        created_at=min(request.first_response_at + timedelta(hours=5), now))
            )  # fmt: skip
        if request.decided_at is not None:
            decisions.append(
                Decision(loket=desk, help_request=request, rationale="Past bij de vraag.",
                         amount_cents=50_000, decided_by=supporter, decided_at=request.decided_at)
            )  # fmt: skip
    Assignment.objects.bulk_create(assignments, batch_size=5000)
    Message.objects.bulk_create(messages, batch_size=5000)
    Decision.objects.bulk_create(decisions, batch_size=5000)


def _contacts(desk, orgs, area, staff, rng):
    """Five contact moments per provider over two years (some never contacted), and an account
    holder per municipality."""
    today = timezone.localdate()
    ContactMoment.objects.bulk_create(
        (
            ContactMoment(
                loket=desk, organisation=org, supporter=staff[1], created_by=staff[1],
                date=today - timedelta(days=rng.randint(0, 730)), channel="phone",
                summary="Contact", proactive=rng.random() < 0.6,
            )
            for org in orgs if rng.random() < 0.85
            for _ in range(5)
        ),
        batch_size=5000,
    )  # fmt: skip
    AccountHolder.objects.bulk_create(
        AccountHolder(loket=desk, supporter=staff[1 + i % SUPPORTERS], municipality=municipality)
        for i, municipality in enumerate(area)
    )


def _money(desk, owner, coordinator, rng):
    """Three funds of this year and allocations from them to the desk's decisions, each with
    its history (proposed, then approved and paid for some)."""
    today = timezone.localdate()
    funds = [
        Fund.objects.create(
            loket=desk, name=f"Fonds {n}", kind="execution", owner=owner,
            starts_on=today.replace(month=1, day=1), ends_on=today.replace(month=12, day=31),
            amount_cents=100_000_000, approval_threshold_cents=100_000,
        )
        for n in range(3)
    ]  # fmt: skip
    decisions = list(
        Decision.objects.filter(loket=desk)
        .order_by("-decided_at")[:ALLOCATIONS]
        .only("pk", "decided_at")
    )
    allocations, changes = [], []
    for number, decision in enumerate(decisions):
        state = rng.choice(["proposed", "approved", "paid"])
        allocations.append(
            Allocation(fund=funds[number % 3], decision=decision, amount_cents=40_000,
                       paid_cents=35_000 if state == "paid" else None, state=state,
                       idempotency_key=f"bench-{desk.pk}-{number}", created_by=coordinator)
        )  # fmt: skip
    Allocation.objects.bulk_create(allocations)
    for allocation, decision in zip(allocations, decisions, strict=True):
        at = decision.decided_at
        changes.append(AllocationChange(allocation=allocation, to_state="proposed", at=at))
        if allocation.state != "proposed":
            changes.append(
                AllocationChange(allocation=allocation, from_state="proposed",
                                 to_state="approved", at=at + timedelta(days=2))
            )  # fmt: skip
        if allocation.state == "paid":
            changes.append(
                AllocationChange(allocation=allocation, from_state="approved", to_state="paid",
                                 amount_cents=35_000, at=at + timedelta(days=20))
            )  # fmt: skip
    AllocationChange.objects.bulk_create(changes, batch_size=5000)
    for fund in funds:
        held = [a for a in allocations if a.fund_id == fund.pk]
        Fund.objects.filter(pk=fund.pk).update(
            committed_cents=sum(a.paid_cents or a.amount_cents for a in held),
            paid_cents=sum(a.paid_cents or 0 for a in held),
        )


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def _time(label, client, path):
    response = client.get(path)  # warm-up
    assert response.status_code == 200, (label, response.status_code)
    times = []
    for _ in range(RUNS):
        t0 = time.perf_counter()
        client.get(path)
        times.append((time.perf_counter() - t0) * 1000)
    median = statistics.median(times)
    if os.environ.get("BENCH_PROFILE"):
        # BENCH_PROFILE=n prints the n functions where one request spends most of its own time.
        import cProfile
        import pstats

        profile = cProfile.Profile()
        profile.runcall(client.get, path)
        stats = pstats.Stats(profile).sort_stats("tottime")
        stats.print_stats(int(os.environ["BENCH_PROFILE"]))
        stats.sort_stats("cumulative").print_stats(40)
    print(f"{label:<40} median {median:7.1f} ms   max {max(times):7.1f} ms")
    return median


def _queries(client, path):
    # The day's first visit of a desk reads its past months for the cache: count a later one.
    client.get(path)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200, (path, response.status_code)
    if os.environ.get("BENCH_SLOWEST"):
        # BENCH_SLOWEST=n prints the page's n slowest queries, to see where the time goes.
        ranked = sorted(queries.captured_queries, key=lambda q: -float(q["time"]))
        for query in ranked[: int(os.environ["BENCH_SLOWEST"])]:
            print(f"    {float(query['time']) * 1000:6.1f} ms  {query['sql'][:600]}")
    return len(queries)


def main():
    print(f"Database: {connection.vendor}  requests: {TOTAL} over {DESKS} desks")
    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    rng = random.Random(2026)
    municipalities = list(Municipality.objects.order_by("code"))
    tag = secrets.token_hex(3)
    start = time.perf_counter()
    desks = [
        load_desk(number, tag, municipalities, rng, questions=TOTAL // DESKS)
        for number in range(DESKS)
    ]
    # A desk of the same shape with a handful of rows: its pages must need as many queries.
    small = load_desk(DESKS, tag, municipalities, rng, questions=12)
    print(f"Loaded in {time.perf_counter() - start:.1f} s")
    with connection.cursor() as cursor:
        # What autovacuum does after a bulk load in production: fresh planner statistics.
        cursor.execute("ANALYZE")
    print(
        f"Questions {HelpRequest.objects.count()}, messages {Message.objects.count()}, "
        f"decisions {Decision.objects.count()}, contact moments {ContactMoment.objects.count()}, "
        f"allocations {Allocation.objects.count()}"
    )

    desk, coordinator, supporter, partner = desks[3]
    _small_desk, *small_people = small
    path, small_path = f"/{desk.slug}/dashboard/", f"/{small[0].slug}/dashboard/"
    medians, failures = {}, []
    for role, user, small_user in zip(
        ("coordinator", "supporter", "partner"),
        (coordinator, supporter, partner),
        small_people,
        strict=True,
    ):
        client, small_client = _client(user), _client(small_user)
        medians[role] = _time(f"dashboard, {role}", client, path)
        big, little = _queries(client, path), _queries(small_client, small_path)
        print(f"  queries: {big} (a desk with {TOTAL // DESKS} questions), {little} (12)")
        if big != little:
            failures.append(f"the {role}'s dashboard needs {big} queries, {little} on a small desk")
    print(f"\nMedians over {RUNS} runs ({connection.vendor}; target: under {TARGET_MS} ms)")
    for role, median in medians.items():
        verdict = "ok" if median < TARGET_MS else "TOO SLOW"
        print(f"  dashboard, {role:<12} {median:7.1f} ms   {verdict}")
        if median >= TARGET_MS:
            failures.append(f"the {role}'s dashboard: median {median:.1f} ms")
    if failures:
        for failure in failures:
            print(f"FAIL: {failure}")
        sys.exit(1)
    print(f"PASS: every median under {TARGET_MS} ms; query counts independent of the rows")


if __name__ == "__main__":
    main()
