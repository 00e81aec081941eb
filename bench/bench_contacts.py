"""Benchmark of proactive contact: one desk with 2,000 providers in its work area (clubs and
commercial providers, some tagged, with account holders by municipality, sport and by hand,
planned contacts and a policy per kind and per tag) among 2,000,000 contact moments nationally
(most of them other desks' with other organisations). Times the work list (its page query and
count, and the whole page) and the coverage figures. Target: a median under 200 ms each, with a
query count that does not depend on the rows.

Run with `make bench` (SQLite scratch file) or with DATABASE_URL for PostgreSQL (a scratch
database sportloket_bench_contacts next to the one it names, dropped afterwards):
DATABASE_URL=postgres://postgres@127.0.0.1:5432/sportloket .venv/bin/python bench/bench_contacts.py
The contact moments are generated inside the database (one INSERT … SELECT per batch).
"""

import os
import random
import secrets
import statistics
import sys
import time
from pathlib import Path

PROVIDERS = int(os.environ.get("BENCH_PROVIDERS", "2000"))
MOMENTS = int(os.environ.get("BENCH_MOMENTS", "2000000"))
# The share of all contact moments that are the benchmarked desk's.
OWN_SHARE = 0.05
OTHER_ORGANISATIONS = 20000
OTHER_DESKS = 30
RUNS = 15
TARGET_MS = 200
BATCH = 250_000
sys.path.insert(0, str(Path(__file__).resolve().parent))
from _setup import setup_django

setup_django()

from allauth.mfa.models import Authenticator
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from sportloket.accounts.services import user_get_or_create
from sportloket.contacts import selectors
from sportloket.contacts.models import AccountHolder, ContactPolicyRule, PlannedContact
from sportloket.contacts.services import policy_save
from sportloket.core import services as core_services
from sportloket.core.models import Loket
from sportloket.registry.models import Municipality, Organisation, Sport, Tag

SCRATCH_NAME = "sportloket_bench_contacts"


def main():
    print(f"Database: {connection.vendor}  providers: {PROVIDERS}  contact moments: {MOMENTS}")
    scratch = connection.vendor != "sqlite"
    if scratch:
        name = connection.settings_dict["NAME"]
        connection.settings_dict["TEST"]["NAME"] = SCRATCH_NAME
        connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    else:
        call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    try:
        start = time.perf_counter()
        desk, coordinator = load(random.Random(2026))
        print(f"Loaded in {time.perf_counter() - start:.1f} s")
        with connection.cursor() as cursor:
            # What autovacuum does after a bulk load in production: fresh planner statistics.
            cursor.execute("ANALYZE")
        medians = measure(desk, coordinator) if not os.environ.get("BENCH_LOAD_ONLY") else {}
    finally:
        # BENCH_KEEP_DB=1 keeps the scratch database, to read the query plans afterwards.
        if scratch and not os.environ.get("BENCH_KEEP_DB"):
            connection.creation.destroy_test_db(name, verbosity=0)
    slow = [label for label, median in medians.items() if median >= TARGET_MS]
    if slow:
        print(f"FAIL: over the target of {TARGET_MS} ms: {', '.join(slow)}")
        sys.exit(1)


def _bulk_organisations(prefix, count, municipalities, rng):
    organisations = Organisation.objects.bulk_create(
        (
            Organisation(
                kind=rng.choice(["club", "club", "commercial"]),
                name=f"{prefix} {i}",
                name_key=f"{prefix.lower()} {i}",
                municipality=rng.choice(municipalities),
            )
            for i in range(count)
        ),
        batch_size=5000,
    )
    return [o.pk for o in organisations]


def _id_table(cursor, table, ids):
    """A scratch table numbering ids from 0, so that SQL can pick one at random."""
    cursor.execute(f"DROP TABLE IF EXISTS {table}")
    cursor.execute(f"CREATE TABLE {table} (n integer PRIMARY KEY, id bigint NOT NULL)")
    rows = list(enumerate(ids))
    for i in range(0, len(rows), 5000):
        chunk = rows[i : i + 5000]
        cursor.execute(
            f"INSERT INTO {table} (n, id) VALUES "  # noqa: S608 - a fixed table name
            + ",".join(["(%s, %s)"] * len(chunk)),
            [v for row in chunk for v in row],
        )


def _insert_moments(cursor, *, count, desks_table, orgs_table, desks, orgs, user_id):
    """``count`` contact moments, each of a desk of ``desks_table`` with an organisation of
    ``orgs_table``, dated in the past 900 days, two in three proactive: generated in the
    database, spread by multiplicative hashing of the row number (an index join, no lookup per
    row)."""
    postgres = connection.vendor == "postgresql"
    # The row number, offset per batch; 64-bit, as the hashing overflows a 32-bit integer.
    x = "s.g::bigint + %s" if postgres else "s.g + %s"
    day = (
        f"(current_date - (({x}) * 40503 %% 900)::integer)"
        if postgres
        else f"date('now', '-' || (({x}) * 40503 %% 900) || ' days')"
    )
    columns = (
        "loket_id, organisation_id, supporter_id, created_by_id, date, channel, summary, "
        "proactive, visibility, created_at, updated_at"
    )
    series = (
        "generate_series(1, %s) AS s(g)"
        if postgres
        else "(WITH RECURSIVE seq(g) AS (SELECT 1 UNION ALL SELECT g + 1 FROM seq WHERE g < %s)"
        " SELECT g FROM seq) AS s"
    )
    sql = (
        f"INSERT INTO contacts_contactmoment ({columns}) "  # noqa: S608 - constants only
        f"SELECT d.id, o.id, %s, %s, {day}, 'phone', 'Contact', ({x}) %% 3 > 0, 'desk', %s, %s "
        f"FROM {series} "
        f"JOIN {desks_table} d ON d.n = ({x}) %% {desks} "
        f"JOIN {orgs_table} o ON o.n = ({x}) * 2654435761 %% {orgs}"
    )
    now = timezone.now()
    done = 0
    while done < count:
        size = min(BATCH, count - done)
        # Parameters in the order of the placeholders in the SQL above.
        params = [user_id, user_id, done, done, now, now, size, done, done]
        cursor.execute(sql, params)
        done += size


def load(rng):
    tag = secrets.token_hex(3)
    municipalities = list(Municipality.objects.order_by("code"))
    area = municipalities[:10]
    desk = core_services.loket_create(
        actor=None, name="Bench contacts", slug=f"bench-contacts-{tag}", work_area=area
    )
    others = [
        Loket.objects.create(name=f"Other {i}", slug=f"bench-other-{tag}-{i}")
        for i in range(OTHER_DESKS)
    ]
    own = _bulk_organisations("Club", PROVIDERS, area, rng)
    elsewhere = _bulk_organisations("Elders", OTHER_ORGANISATIONS, municipalities[10:], rng)
    # Sports, tags, account holders, plans and a policy per kind and per tag.
    sports = list(Sport.objects.order_by("slug")[:20])
    through = Organisation.sports.through
    through.objects.bulk_create(
        [through(organisation_id=pk, sport_id=rng.choice(sports).pk) for pk in own],
        batch_size=5000,
    )
    focus = Tag.objects.create(name=f"focus-{tag}")
    tags = Organisation.tags.through
    tags.objects.bulk_create(
        [tags(organisation_id=pk, tag_id=focus.pk) for pk in rng.sample(own, PROVIDERS // 10)]
    )

    coordinator, _ = user_get_or_create(email=f"bench-contacts-{tag}@example.org", actor=None)
    core_services.membership_add(loket=desk, user=coordinator, role="coordinator", actor=None)
    Authenticator.objects.create(
        user=coordinator, type=Authenticator.Type.TOTP, data={"secret": "A" * 32}
    )
    supporters = []
    for i in range(8):
        user, _ = user_get_or_create(email=f"bench-supporter-{tag}-{i}@example.org", actor=None)
        core_services.membership_add(loket=desk, user=user, role="supporter", actor=None)
        supporters.append(user)
    holders = [AccountHolder(loket=desk, supporter=supporters[i % 8], municipality=m)
               for i, m in enumerate(area)]  # fmt: skip
    holders += [
        AccountHolder(loket=desk, supporter=rng.choice(supporters), sport=s) for s in sports[:5]
    ]
    holders += [
        AccountHolder(loket=desk, supporter=rng.choice(supporters), organisation_id=pk)
        for pk in rng.sample(own, 100)
    ]
    AccountHolder.objects.bulk_create(holders)
    today = timezone.localdate()
    PlannedContact.objects.bulk_create(
        PlannedContact(
            loket=desk,
            organisation_id=pk,
            supporter=rng.choice(supporters),
            due_on=today.replace(day=1),
        )
        for pk in rng.sample(own, 300)
    )
    policy_save(
        loket=desk,
        actor=None,
        default_months=12,
        kind_months={"commercial": 24},
        tag_months={focus: 6},
    )
    assert ContactPolicyRule.objects.filter(policy__loket=desk).count() == 2

    own_moments = int(MOMENTS * OWN_SHARE)
    with connection.cursor() as cursor:
        _id_table(cursor, "bench_own_desk", [desk.pk])
        _id_table(cursor, "bench_own_orgs", own)
        _id_table(cursor, "bench_other_desks", [d.pk for d in others])
        _id_table(cursor, "bench_other_orgs", elsewhere + own)
        _insert_moments(cursor, count=own_moments, desks_table="bench_own_desk",
                        orgs_table="bench_own_orgs", desks=1, orgs=len(own),
                        user_id=supporters[0].pk)  # fmt: skip
        _insert_moments(cursor, count=MOMENTS - own_moments, desks_table="bench_other_desks",
                        orgs_table="bench_other_orgs", desks=len(others),
                        orgs=len(elsewhere) + len(own), user_id=supporters[0].pk)  # fmt: skip
        for table in ("bench_own_desk", "bench_own_orgs", "bench_other_desks", "bench_other_orgs"):
            cursor.execute(f"DROP TABLE {table}")
    # A few providers never contacted, for the head of the work list.
    return desk, coordinator


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


def measure(desk, coordinator) -> dict:
    from sportloket.contacts.models import ContactMoment

    print(f"The desk's contact moments: {ContactMoment.objects.filter(loket=desk).count()}")
    today = timezone.localdate()

    def work_list_page(**kwargs):
        page = selectors.work_list_page(loket=desk, page=1, per_page=25, on=today, **kwargs)
        return page.object_list, page.paginator.count

    rows, count = work_list_page()
    print(f"Work list: {count} providers need contact; first: {rows[0].name} ({rows[0].due_on})")
    supporter = (
        AccountHolder.objects.filter(loket=desk, municipality__isnull=False).first().supporter
    )
    client = Client()
    client.force_login(coordinator)
    base = f"/{desk.slug}/contacts/"
    assert client.get(base + "work-list/?holder=all").status_code == 200
    medians = {
        "work list query (page + count)": _time("work list query (page + count)", work_list_page),
        "work list query, one account holder": _time(
            "work list query, one account holder", lambda: work_list_page(supporter=supporter)
        ),
        "work list query, all providers": _time(
            "work list query, all providers", lambda: work_list_page(everyone=True)
        ),
        "coverage figures": _time("coverage figures", lambda: selectors.coverage(loket=desk)),
        "work list page (HTTP)": _time(
            "work list page (HTTP)", lambda: client.get(base + "work-list/?holder=all")
        ),
        "coverage page (HTTP)": _time(
            "coverage page (HTTP)", lambda: client.get(base + "coverage/")
        ),
    }
    for label, path in (
        ("work list page", "work-list/?holder=all"),
        ("coverage page", "coverage/"),
    ):
        with CaptureQueriesContext(connection) as queries:
            client.get(base + path)
        print(f"Queries for the {label}: {len(queries)}")
    return medians


if __name__ == "__main__":
    main()
