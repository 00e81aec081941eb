"""A database at national scale, built with the project's own models, for the HTTP benchmark
(`bench/bench_http.py`): 24,000 organisations over the 342 municipalities, 20 desks whose work
areas cover the country, 200,000 questions, 30,000 decisions with eleven ranked options each
(330,000), 500,000 contact moments, offerings, funds with allocations, and one coordinator with
a second factor whose secret the benchmark knows.

``BENCH_SCALE`` (a fraction, 1 by default) shrinks every count for a quick trial run. The
database is built once per scale and reused: ``build()`` writes ``<database>.json`` beside it
with what the benchmark needs (the desk, the sign-in, a question, an organisation, a fund).
"""

import os
import random
from datetime import timedelta

SCALE = float(os.environ.get("BENCH_SCALE", "1"))
DESKS = 20
ORGANISATIONS = max(int(24_000 * SCALE), 1_000)
QUESTIONS = int(200_000 * SCALE)
DECISIONS = int(30_000 * SCALE)
OPTIONS = 11
MOMENTS = int(500_000 * SCALE)
OFFERINGS_PER_DESK = 60
NATIONAL_OFFERINGS = 100
HISTORY_DAYS = 2 * 365
BATCH = 5000
TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"  # noqa: S105 - a bench database only
PASSWORD = "bench-national-2026"  # noqa: S105 - a bench database only
COORDINATOR = "coordinator@bench.example.org"
TOPICS = ["Vrijwilligersbeleid", "Penningmeester", "Ledenwerving", "Bestuurstraining",
          "Sponsorplan", "Accommodatiebeheer", "Verduurzaming", "Veilig sportklimaat"]  # fmt: skip


def build() -> dict:
    """Fills the (migrated, empty) database and returns what the benchmark needs."""
    from django.db import connection

    rng = random.Random(2026)
    desks, orgs, themes = _desks_and_organisations(rng)
    coordinator = _coordinator(desks[0])
    pools = _offerings(rng, desks, orgs)
    questions = _questions(rng, desks, orgs, themes)
    _decisions(rng, questions, pools, coordinator)
    _moments(rng, desks, orgs, coordinator)
    fund = _funds(desks[0], coordinator, orgs)
    with connection.cursor() as cursor:
        # On PostgreSQL also VACUUM, as autovacuum would soon after a load: without the
        # visibility map it writes, no index-only scan (the counts would read the tables).
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
    desk = desks[0]
    question = questions[desk.pk][0]
    return {
        "desk": desk.slug,
        "email": COORDINATOR,
        "password": PASSWORD,
        "totp_secret": TOTP_SECRET,
        "question": question.pk,
        "tracking_token": question.tracking_token,
        "organisation": question.organisation_id,
        "fund": fund.pk,
        "search": "Sportvereniging 12",
        "scale": SCALE,
    }


def _desks_and_organisations(rng):
    from sportloket.core import services as core_services
    from sportloket.core.models import Municipality
    from sportloket.registry.models import Organisation

    municipalities = list(Municipality.objects.order_by("code"))
    desks, themes, area_of = [], {}, {}
    for n in range(DESKS):
        area = municipalities[n::DESKS]  # every desk 17 or 18 municipalities, spread out
        desk = core_services.loket_create(
            actor=None, name=f"Sportloket Regio {n + 1}", slug=f"regio-{n + 1}", work_area=area
        )
        themes[desk.pk] = core_services.themes_prefill(loket=desk, actor=None)
        desks.append(desk)
        area_of |= {m.pk: desk for m in area}
    created = Organisation.objects.bulk_create(
        (
            Organisation(
                kind=rng.choice(["club", "club", "club", "commercial"]),
                name=f"Sportvereniging {i}",
                name_key=f"sportvereniging {i}",
                municipality=municipalities[i % len(municipalities)],
                city=municipalities[i % len(municipalities)].name,
            )
            for i in range(ORGANISATIONS)
        ),
        batch_size=BATCH,
    )
    orgs = {desk.pk: [] for desk in desks}
    for organisation in created:
        orgs[area_of[organisation.municipality_id].pk].append(organisation)
    return desks, orgs, themes


def _coordinator(desk):
    from allauth.mfa.models import Authenticator

    from sportloket.core import services as core_services

    user, _ = core_services.user_get_or_create(
        email=COORDINATOR, full_name="Coördinator Bench", actor=None
    )
    user.set_password(PASSWORD)
    user.save(update_fields=["password"])
    core_services.membership_add(loket=desk, user=user, role="coordinator", actor=None)
    Authenticator.objects.create(
        user=user, type=Authenticator.Type.TOTP, data={"secret": TOTP_SECRET}
    )
    return user


def _offerings(rng, desks, orgs):
    from sportloket.offerings.constants import OfferingKind, OfferingScope
    from sportloket.offerings.models import Offering

    def offering(number, desk, scope, delivered_by):
        return Offering(
            loket=desk,
            title=f"{TOPICS[number % len(TOPICS)]}: traject {number:05d}",
            description="Ondersteuning voor verenigingen.",
            delivered_by=delivered_by,
            kind=rng.choice(OfferingKind.values),
            scope=scope,
        )

    own = {
        desk.pk: [
            offering(n, desk, OfferingScope.DESK, rng.choice(orgs[desk.pk]))
            for n in range(OFFERINGS_PER_DESK)
        ]
        for desk in desks
    }
    everyone = [o for pk in orgs for o in orgs[pk]]
    national = [
        offering(10_000 + n, None, OfferingScope.NATIONAL, rng.choice(everyone))
        for n in range(NATIONAL_OFFERINGS)
    ]
    Offering.objects.bulk_create([o for each in own.values() for o in each] + national)
    return {pk: own[pk] + national for pk in own}


def _questions(rng, desks, orgs, themes):
    from django.utils import timezone

    from sportloket.helprequests.constants import RequestState, Urgency
    from sportloket.helprequests.models import HelpRequest

    now = timezone.now()
    states = list(RequestState.values)
    made = {desk.pk: [] for desk in desks}
    batch = []
    for number in range(QUESTIONS):
        desk = desks[number % DESKS]
        organisation = rng.choice(orgs[desk.pk])
        submitted = now - timedelta(minutes=rng.randint(0, 60 * 24 * HISTORY_DAYS))
        state = rng.choice(states)
        answered = state != RequestState.SUBMITTED
        question = HelpRequest(
            loket=desk,
            organisation=organisation,
            organisation_name=organisation.name,
            contact_name="Naam",
            contact_email="naam@example.org",
            question=f"Vraag over {TOPICS[number % len(TOPICS)].lower()}",
            consents_to_processing=True,
            urgency=rng.choice(Urgency.values),
            state=state,
            submitted_at=submitted,
            respond_by=(submitted + timedelta(days=4)).date(),
            decide_by=(submitted + timedelta(days=28)).date(),
            first_response_at=min(submitted + timedelta(days=2), now) if answered else None,
            first_response_days=2 if answered else None,
        )
        batch.append(question)
        made[desk.pk].append(question)
        if len(batch) == BATCH:
            HelpRequest.objects.bulk_create(batch)
            batch = []
    HelpRequest.objects.bulk_create(batch)
    through = HelpRequest.themes.through
    through.objects.bulk_create(
        (
            through(helprequest_id=q.pk, theme_id=rng.choice(themes[pk]).pk)
            for pk, each in made.items()
            for q in each
        ),
        batch_size=BATCH,
    )
    return made


def _decisions(rng, questions, pools, decider):
    """DECISIONS decisions, spread over the desks, each with OPTIONS ranked options (only
    inserted: the database refuses to change a decision)."""
    from django.utils import timezone

    from sportloket.decisions.models import Decision, DecisionOption
    from sportloket.helprequests.models import HelpRequest

    now = timezone.now()
    decided = [q for each in questions.values() for q in each[: DECISIONS // DESKS]]
    made = []
    for question in decided:
        moment = min(question.submitted_at + timedelta(days=rng.randint(1, 30)), now)
        made.append(
            Decision(
                loket_id=question.loket_id,
                help_request=question,
                rationale="Past bij de vraag en de situatie van de vereniging.",
                public_summary="Ondersteuning bij de vraag van de vereniging.",
                amount_cents=rng.choice([0, 0, 25_000, 45_000, 120_000]),
                decided_by=decider,
                decided_at=moment,
                option_count=OPTIONS,
            )
        )
    Decision.objects.bulk_create(made, batch_size=BATCH)
    HelpRequest.objects.filter(pk__in=[q.pk for q in decided]).update(decided_at=now)
    batch = []
    for decision in made:
        pool = pools[decision.loket_id]
        chosen = 1 if rng.random() < 0.8 else rng.randint(2, OPTIONS)
        for rank, offering in enumerate(rng.sample(pool, OPTIONS), start=1):
            batch.append(
                DecisionOption(
                    decision=decision,
                    offering=offering,
                    rank=rank,
                    score=95 - 4 * rank,
                    explanation=[],
                    chosen=rank == chosen,
                )
            )
        if len(batch) >= BATCH * OPTIONS:
            DecisionOption.objects.bulk_create(batch, batch_size=BATCH)
            batch = []
    DecisionOption.objects.bulk_create(batch, batch_size=BATCH)


def _moments(rng, desks, orgs, supporter):
    from django.utils import timezone

    from sportloket.contacts.models import ContactMoment

    today = timezone.localdate()
    now = timezone.now()
    batch = []
    for number in range(MOMENTS):
        desk = desks[number % DESKS]
        batch.append(
            ContactMoment(
                loket=desk,
                organisation=rng.choice(orgs[desk.pk]),
                supporter=supporter,
                created_by=supporter,
                date=today - timedelta(days=rng.randint(0, HISTORY_DAYS)),
                channel="phone",
                summary="Contact",
                proactive=number % 3 > 0,
                visibility="desk",
                created_at=now,
                updated_at=now,
            )
        )
        if len(batch) == BATCH:
            ContactMoment.objects.bulk_create(batch)
            batch = []
    ContactMoment.objects.bulk_create(batch)


def _funds(desk, coordinator, orgs):
    """Three funds of the desk; the first pays part of 300 decisions (through the service, so
    its totals and ledger are as the application keeps them)."""
    import uuid

    from django.utils import timezone

    from sportloket.decisions.models import Decision
    from sportloket.funds import services as fund_services
    from sportloket.registry.models import Organisation

    today = timezone.localdate()
    home = desk.work_area.order_by("code").first()
    owner = Organisation.objects.create(
        kind="municipality",
        name=f"Gemeente {home.name}",
        name_key=f"gemeente {home.name.lower()}",
        municipality=home,
    )
    funds = [
        fund_services.fund_create(
            loket=desk,
            actor=coordinator,
            amount_cents=50_000_000,
            name=f"Uitvoeringsbudget {n}",
            kind="execution",
            owner=owner,
            starts_on=today - timedelta(days=HISTORY_DAYS + 30),
            ends_on=today + timedelta(days=365),
        )
        for n in range(3)
    ]
    paying = Decision.objects.filter(loket=desk, amount_cents__gt=0).order_by("pk")[:300]
    for decision in paying:
        fund_services.decision_fund(
            decision=decision,
            splits=[(funds[0], decision.amount_cents)],
            idempotency_key=uuid.uuid4().hex,
            actor=coordinator,
        )
    return funds[0]
