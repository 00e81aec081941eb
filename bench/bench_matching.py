"""Benchmark of matching: 2,000 offerings visible to one desk (its own, regional ones shared with
it, national ones; with themes, sports, kinds of provider, costs, capacities and a history of
decisions and ratings), then the ranking for one help request, 20 times. Target: a median under
50 ms, with a query count that does not depend on the offerings. Run with `make bench` (SQLite
scratch file) or with DATABASE_URL for PostgreSQL (a scratch database next to the one it names,
dropped afterwards): DATABASE_URL=postgres://postgres@127.0.0.1:5432/sportloket
.venv/bin/python bench/bench_matching.py
"""

import os
import random
import secrets
import statistics
import sys
import time
from datetime import date, timedelta
from pathlib import Path

OFFERINGS = int(os.environ.get("BENCH_OFFERINGS", "2000"))
RUNS = 20
TARGET_MS = 50
sys.path.insert(0, str(Path(__file__).resolve().parent))
from _setup import bench_desks, offering_place, setup_django

setup_django()

from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from sportloket.accounts.models import User
from sportloket.core.constants import DEFAULT_THEMES, ProviderKinds, Role
from sportloket.core.models import Membership, Municipality
from sportloket.core.services import themes_prefill, user_get_or_create
from sportloket.decisions.matching import rank_offerings
from sportloket.decisions.models import Decision, DecisionOption
from sportloket.funds.constants import FundKind
from sportloket.funds.models import Fund, FundTheme
from sportloket.helprequests.constants import RequestState
from sportloket.helprequests.models import HelpRequest
from sportloket.offerings.constants import CapacityPeriod, OfferingKind, OfferingScope, Registration
from sportloket.offerings.models import Offering, OfferingTheme
from sportloket.quality.models import QualityRegistration
from sportloket.quality.services import rule_save
from sportloket.registry.models import Organisation, Sport


def main():
    print(f"Database: {connection.vendor}  eligible offerings: {OFFERINGS}")
    # A scratch database, as the SQLite file is: in a database of earlier runs their national
    # offerings (visible to every desk) would rank too.
    scratch = connection.vendor != "sqlite"
    if scratch:
        name = connection.settings_dict["NAME"]
        connection.settings_dict["TEST"]["NAME"] = f"{name}_bench_{secrets.token_hex(3)}"
        connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    else:
        call_command("migrate", verbosity=0)
    try:
        start = time.perf_counter()
        question = load(random.Random(2026))
        print(f"Loaded in {time.perf_counter() - start:.1f} s")
        # What autovacuum does after a bulk load in production: fresh planner statistics.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        median, ranked = measure(question)
    finally:
        if scratch:
            connection.creation.destroy_test_db(name, verbosity=0)
    if ranked != OFFERINGS:
        # Fewer would be quicker for the wrong reason: the bench measures all of them.
        print(f"FAIL: {ranked} offerings ranked, not the {OFFERINGS} eligible ones")
        sys.exit(1)
    if median >= TARGET_MS:
        print(f"FAIL: the median is over the target of {TARGET_MS} ms")
        sys.exit(1)


def load(rng) -> HelpRequest:
    """A desk with OFFERINGS eligible offerings for a club's question among others it does not
    see or that do not fit, and a history of decisions; returns the question."""
    tag = secrets.token_hex(3)
    municipalities = list(Municipality.objects.order_by("code"))
    desks = bench_desks(f"match-{tag}", 5, municipalities)
    desk, others = desks[0], desks[1:]
    for each in desks:
        themes_prefill(loket=each, actor=None)
    user, _ = user_get_or_create(email=f"bench-{tag}@example.org", actor=None)
    sports = list(Sport.objects.order_by("pk"))
    orgs = Organisation.objects.bulk_create(
        Organisation(kind=rng.choice(["club", "commercial"]), name=f"Aanbieder {tag} {i}",
                     name_key=f"aanbieder {tag} {i}", municipality=rng.choice(municipalities[:50]))
        for i in range(400)
    )  # fmt: skip
    club = orgs[0]
    club.kind = "club"
    club.save()
    club_sports, other_sports = sports[:2], sports[2:]
    club.sports.set(club_sports)
    theme_keys = [key for key, _name in DEFAULT_THEMES]
    today = timezone.localdate()

    def offering(number, owner, scope, **fields):
        values = {
            "loket": owner,
            "title": f"Aanbod {number:05d} {rng.choice(['advies', 'traject', 'cursus'])}",
            "description": "Ondersteuning voor verenigingen.",
            "delivered_by": rng.choice(orgs),
            "kind": rng.choice(OfferingKind.values),
            "scope": scope,
            "provider_kinds": rng.choice([ProviderKinds.ALL, ProviderKinds.CLUB]),
            "cost_cents": rng.choice([0, 0, 25000, 45000, 120000]),
            "capacity": rng.choice([None, None, 5, 10, 20, 50]),
            "capacity_period": rng.choice(CapacityPeriod.values),
            "required_registration": rng.choice(Registration.values),
            "active_from": rng.choice([None, today - timedelta(days=rng.randint(1, 400))]),
            "active_until": rng.choice([None, None, today + timedelta(days=rng.randint(1, 400))]),
        }
        return Offering(**(values | fields))

    def where(number):
        return offering_place(number, desk, others, rng)

    eligible = [offering(n, *where(n)) for n in range(OFFERINGS)]
    # Visible but not for this question (another kind of provider, a draft, over, another sport),
    # and as many offerings of other desks it does not see.
    unfit = [
        offering(OFFERINGS + n, *where(n), **choice)
        for n in range(OFFERINGS // 4)
        for choice in [
            rng.choice([
                {"provider_kinds": ProviderKinds.COMMERCIAL},
                {"status": "draft"},
                {"active_from": None, "active_until": today - timedelta(days=1)},
                {"provider_kinds": ProviderKinds.ALL},  # gets only other sports below
            ])
        ]
    ]  # fmt: skip
    hidden = [offering(2 * OFFERINGS + n, rng.choice(others), OfferingScope.DESK)
              for n in range(OFFERINGS)]  # fmt: skip
    every = eligible + unfit + hidden
    Offering.objects.bulk_create(every, batch_size=1000)
    shared = Offering.shared_with.through
    shared.objects.bulk_create(
        shared(offering_id=o.pk, loket_id=each.pk)
        for o in every
        if o.scope == OfferingScope.REGION
        for each in {desk, o.loket}
    )
    OfferingTheme.objects.bulk_create(
        (
            OfferingTheme(offering=o, key=key)
            for o in every
            for key in rng.sample(theme_keys, rng.randint(1, 3))
        ),
        batch_size=5000,
    )
    # A third of the offerings is for specific sports; the eligible ones include one of the
    # club's, the unfit "all kinds" ones only others.
    by_sport = Offering.sports.through
    sport_links = []
    unfit_ids = {o.pk for o in unfit}
    for o in every:
        if (o.pk in unfit_ids and o.provider_kinds == ProviderKinds.ALL) or rng.random() < 0.3:
            chosen = rng.sample(other_sports, rng.randint(1, 3))
            if o.pk not in unfit_ids:
                chosen.append(rng.choice(club_sports))
            sport_links += [by_sport(offering_id=o.pk, sport_id=s.pk) for s in chosen]
    by_sport.objects.bulk_create(sport_links, batch_size=5000)

    # A history: 3,000 earlier questions over the desks with a decision each, a tenth of them
    # superseded, half of them evaluated with a rating; ten from the same club.
    requests = HelpRequest.objects.bulk_create(
        (
            HelpRequest(
                loket=rng.choice(desks),
                organisation=club if n % 300 == 0 else rng.choice(orgs),
                organisation_name="Club",
                contact_name="Naam",
                contact_email="naam@example.org",
                question="Vraag",
                consents_to_processing=True,
                state=rng.choice([RequestState.EVALUATED, RequestState.IN_PROGRESS]),
                rating=rng.randint(1, 5),
            )
            for n in range(3000)
        ),
        batch_size=1000,
    )
    now = timezone.now()
    decisions = Decision.objects.bulk_create(
        (
            Decision(
                loket=r.loket,
                help_request=r,
                rationale="Past bij de vraag.",
                decided_by=user,
                decided_at=now - timedelta(days=rng.randint(0, 500)),
                option_count=11,
            )
            for r in requests
        ),
        batch_size=1000,
    )
    later = Decision.objects.bulk_create(
        Decision(loket=d.loket, help_request=d.help_request, supersedes=d,
                 rationale="Herzien.", decided_by=user, decided_at=d.decided_at + timedelta(days=1),
                 option_count=11)
        for d in decisions[:300]
    )  # fmt: skip
    # As decisions keep them: the chosen offering (mostly the first) and ten alternatives.
    DecisionOption.objects.bulk_create(
        (
            DecisionOption(
                decision=d, offering=o, rank=rank, score=50, explanation=[], chosen=rank == chosen
            )
            for d in decisions + later
            for chosen in [1 if rng.random() < 0.8 else rng.randint(2, 11)]
            for rank, o in enumerate(rng.sample(eligible, 11), start=1)
        ),
        batch_size=5000,
    )

    # The desk's money: funds of this year, one for one theme only, one with a maximum per
    # allocation, one that pays only with another; matching reads them once per ranking.
    year = today.year
    funds = Fund.objects.bulk_create(
        Fund(loket=desk, name=name, kind=FundKind.EXECUTION, owner=orgs[1],
             starts_on=date(year, 1, 1), ends_on=date(year, 12, 31), amount_cents=amount,
             max_per_allocation_cents=maximum, co_funding_required=together)
        for name, amount, maximum, together in [
            ("Uitvoeringsbudget", 5_000_000, None, False),
            ("Dienstenbudget", 800_000, 50_000, False),
            ("Financiën", 300_000, None, False),
            ("Rabo ClubSupport", 1_000_000, None, True),
        ]
    )  # fmt: skip
    FundTheme.objects.create(fund=funds[2], key="finances")
    # Its supporters under the desk's quality rule (a VOG, and SPN or KSS 3+): thirty, most
    # with a VOG, some with SPN or a KSS licence, some lapsed.
    rule_save(loket=desk, groups=[[("vog", None, "")], [("spn", None, ""), ("kss", 3, "")]],
              actor=None)  # fmt: skip
    supporters = User.objects.bulk_create(
        User(email=f"ondersteuner-{tag}-{n}@example.org") for n in range(30)
    )
    Membership.objects.bulk_create(
        Membership(user=u, loket=desk, role=Role.SUPPORTER) for u in supporters
    )
    ends = [None, today + timedelta(days=90), today - timedelta(days=5)]
    kinds = [("spn", None), ("kss", 3), ("kss", 2)]
    QualityRegistration.objects.bulk_create(
        QualityRegistration(
            user=u,
            recorded_by_loket=desk,
            system=system,
            level=level,
            kind="licence" if system == "kss" else "",
            line="trainer-coach" if system == "kss" else "",
            valid_from=today - timedelta(days=400),
            valid_until=rng.choice(ends),
        )
        for u in supporters
        for system, level in [("vog", None), rng.choice(kinds)]
    )

    question = HelpRequest.objects.create(
        loket=desk,
        organisation=club,
        organisation_name=club.name,
        contact_name="Naam",
        contact_email="naam@example.org",
        question="Hoe vinden we vrijwilligers en een penningmeester?",
        consents_to_processing=True,
    )
    question.themes.set(desk.themes.filter(key__in=["volunteers", "finances", "governance"]))
    return question


def measure(question) -> tuple[float, int]:
    """Times the ranking for the question, as a page would do it: the request fresh from the
    database each time. Returns the median in ms and how many offerings ranked."""
    rank_offerings(help_request=HelpRequest.objects.get(pk=question.pk))  # warm-up
    times = []
    ranked = None
    for _ in range(RUNS):
        fresh = HelpRequest.objects.get(pk=question.pk)
        ranked = None  # the previous page's ranking is gone before the next one starts
        t0 = time.perf_counter()
        ranked = rank_offerings(help_request=fresh)
        times.append((time.perf_counter() - t0) * 1000)
    fresh = HelpRequest.objects.get(pk=question.pk)
    with CaptureQueriesContext(connection) as queries:
        rank_offerings(help_request=fresh)
    median = statistics.median(times)
    print(f"Ranked {len(ranked)} eligible offerings")
    print(f"rank_offerings: median {median:7.1f} ms   max {max(times):7.1f} ms   ({RUNS} runs)")
    print(f"Queries for one ranking: {len(queries)}")
    top = ranked[0]
    print(f"Ranked first: {top.offering.title} ({top.score})")
    return median, len(ranked)


if __name__ == "__main__":
    main()
