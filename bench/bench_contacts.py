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

Of the desk's providers, a share was never contacted by the desk (some of them by other desks)
and a share only long ago; the rest has contacts spread over the past 900 days. The query
counts of the work list and coverage pages must be the same whatever the rows they show: a
full page, the last page, one account holder's providers, a search for one provider, and the
same pages of a small desk (three providers). The script exits non-zero when a median reaches
the target or a query count differs.
"""

import os
import random
import secrets
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path
from urllib.parse import quote

PROVIDERS = int(os.environ.get("BENCH_PROVIDERS", "2000"))
MOMENTS = int(os.environ.get("BENCH_MOMENTS", "2000000"))
# The share of all contact moments that are the benchmarked desk's.
OWN_SHARE = 0.05
# The desk's providers it never contacted (new in the register, or never reached), and those it
# contacted only long ago (LAPSED_DAYS back or more): the head of a real work list.
NEVER_CONTACTED_SHARE = 0.15
LAPSED_SHARE = 0.10
LAPSED_DAYS = 400
HISTORY_DAYS = 900
OTHER_ORGANISATIONS = 20000
OTHER_DESKS = 30
RUNS = 15
TARGET_MS = 200
BATCH = 250_000
sys.path.insert(0, str(Path(__file__).resolve().parent))
from _setup import bulk_organisations, scratch_database, setup_django

setup_django()

from allauth.mfa.models import Authenticator
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext, setup_test_environment
from django.utils import timezone

from sportloket.contacts import selectors
from sportloket.contacts.models import (
    AccountHolder,
    ContactMoment,
    ContactPolicyRule,
    PlannedContact,
)
from sportloket.contacts.services import policy_save
from sportloket.core import services as core_services
from sportloket.core.models import Loket, Municipality
from sportloket.core.services import user_get_or_create
from sportloket.registry.models import Organisation, Sport, Tag

SCRATCH_NAME = "sportloket_bench_contacts"


def main():
    print(f"Database: {connection.vendor}  providers: {PROVIDERS}  contact moments: {MOMENTS}")
    medians, queries = {}, {}
    # BENCH_KEEP_DB=1 keeps the scratch database, to read the query plans afterwards.
    with scratch_database(SCRATCH_NAME):
        start = time.perf_counter()
        desk, small_desk, coordinator = load(random.Random(2026))
        print(f"Loaded in {time.perf_counter() - start:.1f} s")
        with connection.cursor() as cursor:
            # What autovacuum does after a bulk load in production: fresh planner statistics.
            cursor.execute("ANALYZE")
        if not os.environ.get("BENCH_LOAD_ONLY"):
            medians = measure(desk, coordinator)
            queries = count_queries(desk, small_desk, coordinator)
    if not medians:
        return
    failures = report(medians, queries)
    if failures:
        for failure in failures:
            print(f"FAIL: {failure}")
        sys.exit(1)
    print(f"PASS: every median under {TARGET_MS} ms; query counts independent of the rows")


def report(medians, queries) -> list[str]:
    """Prints the medians and the query counts; returns what failed."""
    failures = []
    print(f"\nMedians over {RUNS} runs ({connection.vendor}; target: under {TARGET_MS} ms)")
    for label, median in medians.items():
        verdict = "ok" if median < TARGET_MS else "TOO SLOW"
        print(f"  {label:<40} {median:7.1f} ms   {verdict}")
        if median >= TARGET_MS:
            failures.append(f"{label}: median {median:.1f} ms, target under {TARGET_MS} ms")
    print("\nQueries per page (must be the same whatever the rows shown)")
    for page, counts in queries.items():
        for label, (rows, count) in counts.items():
            print(f"  {page + ', ' + label:<52} {rows:>3} rows shown   {count:>3} queries")
        if len({count for _rows, count in counts.values()}) != 1:
            failures.append(
                f"the {page} needs "
                + ", ".join(f"{count} queries for {label}" for label, (_r, count) in counts.items())
            )
    return failures


def _bulk_organisations(prefix, count, municipalities, rng):
    return [o.pk for o in bulk_organisations(prefix, count, municipalities, rng)]


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


def _insert_moments(cursor, *, count, desks_table, orgs_table, desks, orgs, user_id,
                    days_from=0, days=HISTORY_DAYS):  # fmt: skip
    """``count`` contact moments, each of a desk of ``desks_table`` with an organisation of
    ``orgs_table``, dated ``days_from`` to ``days_from + days`` days ago, two in three
    proactive: generated in the database (an index join, no lookup per row). Row ``x`` goes to
    organisation ``x % orgs``, so every organisation gets its share; its round ``x / orgs``
    picks the desk and, with a step coprime to the number of days, spreads each organisation's
    dates over the whole period."""
    postgres = connection.vendor == "postgresql"
    # The row number, offset per batch; 64-bit, as the hashing overflows a 32-bit integer.
    x = "(s.g::bigint + %s)" if postgres else "(s.g + %s)"
    offset = f"({days_from} + ((({x}) / {orgs}) * 7919 + (({x}) %% {orgs}) * 40503) %% {days})"
    day = (
        f"(current_date - {offset}::integer)"
        if postgres
        else f"date('now', '-' || {offset} || ' days')"
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
        f"JOIN {desks_table} d ON d.n = (({x}) / {orgs}) %% {desks} "
        f"JOIN {orgs_table} o ON o.n = ({x}) %% {orgs}"
    )
    now = timezone.now()
    done = 0
    while done < count:
        size = min(BATCH, count - done)
        # Parameters in the order of the placeholders in the SQL above: the day uses x twice.
        params = [user_id, user_id, done, done, done, now, now, size, done, done]
        cursor.execute(sql, params)
        done += size


def save_policy(desk, focus):
    """Both desks' policy: every 12 months, commercial providers every 24, the tag every 6."""
    policy_save(
        loket=desk,
        actor=None,
        default_months=12,
        kind_months={"commercial": 24},
        tag_months={focus: 6},
    )


def load(rng):
    """The benchmarked desk with its providers, account holders, plans, policy and contact
    moments among those of other desks; and a small desk set up the same way with three
    providers, whose pages must need as many queries."""
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
    # Municipality 11 is the small desk's, with nobody else's providers in it.
    elsewhere = _bulk_organisations("Elders", OTHER_ORGANISATIONS, municipalities[11:], rng)
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
    save_policy(desk, focus)
    assert ContactPolicyRule.objects.filter(policy__loket=desk).count() == 2

    # Which providers the desk contacts: never, only long ago, or all through the period.
    shuffled = rng.sample(own, len(own))
    never = shuffled[: int(len(own) * NEVER_CONTACTED_SHARE)]
    lapsed = shuffled[len(never) : len(never) + int(len(own) * LAPSED_SHARE)]
    active = shuffled[len(never) + len(lapsed) :]
    own_moments = int(MOMENTS * OWN_SHARE)
    lapsed_moments = own_moments * len(lapsed) // (len(lapsed) + len(active))
    with connection.cursor() as cursor:
        _id_table(cursor, "bench_own_desk", [desk.pk])
        _id_table(cursor, "bench_own_active", active)
        _id_table(cursor, "bench_own_lapsed", lapsed)
        _id_table(cursor, "bench_other_desks", [d.pk for d in others])
        # Other desks also contact the desk's providers, those it never contacted too.
        _id_table(cursor, "bench_other_orgs", elsewhere + own)
        _insert_moments(cursor, count=own_moments - lapsed_moments, desks_table="bench_own_desk",
                        orgs_table="bench_own_active", desks=1, orgs=len(active),
                        user_id=supporters[0].pk)  # fmt: skip
        _insert_moments(cursor, count=lapsed_moments, desks_table="bench_own_desk",
                        orgs_table="bench_own_lapsed", desks=1, orgs=len(lapsed),
                        user_id=supporters[0].pk, days_from=LAPSED_DAYS,
                        days=HISTORY_DAYS - LAPSED_DAYS)  # fmt: skip
        _insert_moments(cursor, count=MOMENTS - own_moments, desks_table="bench_other_desks",
                        orgs_table="bench_other_orgs", desks=len(others),
                        orgs=len(elsewhere) + len(own), user_id=supporters[0].pk)  # fmt: skip
        for table in ("bench_own_desk", "bench_own_active", "bench_own_lapsed",
                      "bench_other_desks", "bench_other_orgs"):  # fmt: skip
            cursor.execute(f"DROP TABLE {table}")
    contacted = set(
        ContactMoment.objects.filter(loket=desk)
        .values_list("organisation_id", flat=True)
        .distinct()
    )
    assert not contacted & set(never) and contacted == set(active) | set(lapsed)
    print(
        f"The desk's providers: {len(never)} never contacted by the desk, {len(lapsed)} only "
        f"{LAPSED_DAYS} days ago or longer, {len(active)} throughout {HISTORY_DAYS} days"
    )
    return desk, _small_desk(municipalities[10], focus, coordinator, tag), coordinator


def _small_desk(municipality, focus, coordinator, tag):
    """A desk with three providers, set up like the benchmarked one (a policy per kind and per
    tag, an account holder, a plan, contacts): its pages show fewer rows with the same
    queries."""
    desk = core_services.loket_create(
        actor=None, name="Bench small", slug=f"bench-small-{tag}", work_area=[municipality]
    )
    core_services.membership_add(loket=desk, user=coordinator, role="coordinator", actor=None)
    supporter, _ = user_get_or_create(email=f"bench-small-{tag}@example.org", actor=None)
    core_services.membership_add(loket=desk, user=supporter, role="supporter", actor=None)
    providers = [
        Organisation.objects.create(
            kind=kind, name=f"Klein {i}", name_key=f"klein {i}", municipality=municipality
        )
        for i, kind in enumerate(["club", "club", "commercial"])
    ]
    providers[0].tags.add(focus)
    AccountHolder.objects.create(loket=desk, supporter=supporter, municipality=municipality)
    save_policy(desk, focus)
    today = timezone.localdate()
    ContactMoment.objects.create(
        loket=desk, organisation=providers[1], supporter=supporter, created_by=supporter,
        date=today - timedelta(days=800), channel="phone", summary="Contact",
    )  # fmt: skip
    PlannedContact.objects.create(
        loket=desk, organisation=providers[2], supporter=supporter, due_on=today.replace(day=1)
    )
    return desk


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
    """The medians in ms of the work list and coverage selectors and pages."""
    own, total = ContactMoment.objects.filter(loket=desk).count(), ContactMoment.objects.count()
    print(f"Contact moments: {total} nationally, {own} of them the desk's")
    today = timezone.localdate()

    def work_list_page(**kwargs):
        page = selectors.work_list_page(loket=desk, page=1, per_page=25, on=today, **kwargs)
        return page.object_list, page.paginator.count

    rows, count = work_list_page()
    print(f"Work list: {count} providers need contact; first: {rows[0].name} ({rows[0].due_on})")
    # Those never contacted head the list.
    assert rows[0].last_contact is None and rows[-1].last_contact is None
    supporter = (
        AccountHolder.objects.filter(loket=desk, municipality__isnull=False).first().supporter
    )
    client = _client(coordinator)
    base = f"/{desk.slug}/contacts/"
    assert client.get(base + "work-list/?holder=all").status_code == 200
    return {
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


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def _page_queries(client, path, rows_of):
    """The rows a page shows and the queries it needs."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200, (path, response.status_code)
    return rows_of(response), len(queries)


def count_queries(desk, small_desk, coordinator) -> dict:
    """The queries of the work list and coverage pages for pages showing different numbers of
    rows: ``{page: {label: (rows shown, queries)}}``."""
    # The test client's responses carry their template context only in a test environment
    # (set up after the timings, which its instrumented templates would slow down).
    setup_test_environment()
    client = _client(coordinator)
    base, small = f"/{desk.slug}/contacts/", f"/{small_desk.slug}/contacts/"
    first = client.get(base + "work-list/?holder=all").context["page_obj"]
    last_page = first.paginator.num_pages
    one = first.object_list[0]
    holder = AccountHolder.objects.filter(loket=desk, municipality__isnull=False).first()

    def work_rows(response):
        return len(response.context["page_obj"].object_list)

    def coverage_rows(response):
        coverage = response.context["coverage"]
        return len(coverage["per_municipality"]) + len(coverage["per_kind"])

    work_list = {
        "page 1": base + "work-list/?holder=all",
        f"last page ({last_page})": base + f"work-list/?holder=all&page={last_page}",
        "one account holder": base + f"work-list/?holder={holder.supporter_id}",
        "all providers": base + "work-list/?holder=all&show=all",
        "a search for one provider": base + f"work-list/?holder=all&q={quote(one.name)}",
        "the small desk": small + "work-list/?holder=all",
    }
    coverage = {"the desk": base + "coverage/", "the small desk": small + "coverage/"}
    return {
        "work list page": {
            label: _page_queries(client, path, work_rows) for label, path in work_list.items()
        },
        "coverage page": {
            label: _page_queries(client, path, coverage_rows) for label, path in coverage.items()
        },
    }


if __name__ == "__main__":
    main()
