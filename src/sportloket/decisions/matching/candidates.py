"""The eligible offerings for a question, read in one query: the hard filters (see the package's
docstring) in the database, and per offering what the criteria need (its sports, the theme keys
it shares with the question, its history, when the organisation received it before) joined to
it. The query is compiled once per shape of question and day; a ranking fills in its values.
Also the delivering organisations of the offerings, in one query.

Machinery for speed, not domain: what each criterion makes of these rows lives in ``criteria``,
how they are scored and sorted in ``ranking``."""

import functools
from collections.abc import Callable

from django.db import connections
from django.db.models import Aggregate, CharField, Count, Max, OuterRef, Q, Subquery, Sum
from django.utils import timezone

from sportloket.core.compiled import converted_row
from sportloket.core.constants import ProviderKinds
from sportloket.decisions.counting import RATED, period_bounds
from sportloket.decisions.matching.criteria import PROVIDER_KIND_OF
from sportloket.decisions.matching.instances import maker
from sportloket.decisions.models import DecisionOption, superseded
from sportloket.offerings.constants import OfferingStatus
from sportloket.offerings.models import Offering, OfferingTheme
from sportloket.registry.models import Organisation


def _eligible(db, loket_id, provider_kind, today):
    """The hard filters but the sport, in the database (the ranking checks the sport: the same in
    a query would take longer than all of the ranking should)."""
    eligible = (
        Offering.objects.using(db)
        .visible_to(loket_id)
        .filter(status=OfferingStatus.ACTIVE)
        .filter(Q(active_from__isnull=True) | Q(active_from__lte=today))
        .filter(Q(active_until__isnull=True) | Q(active_until__gte=today))
    )
    if provider_kind is not None:
        eligible = eligible.filter(provider_kinds__in=[ProviderKinds.ALL, provider_kind])
    return eligible


# Left out of the loaded offerings and organisations, and read when used (as deferred fields): a
# ranking does not show them; converting dates takes a good part of the time for thousands of
# rows, and thousands of descriptions would be megabytes of text.
SKIPPED = frozenset(
    {"created_at", "updated_at", "active_from", "active_until", "founded_on", "description"}
)
OFFERING_COLUMNS = [f.attname for f in Offering._meta.concrete_fields if f.attname not in SKIPPED]
ORGANISATION_COLUMNS = [
    f.attname for f in Organisation._meta.concrete_fields if f.attname not in SKIPPED
]


class _Joined(Aggregate):
    """A column's values joined by commas, as text (GROUP_CONCAT; STRING_AGG in PostgreSQL)."""

    function = "GROUP_CONCAT"
    output_field = CharField()

    def as_postgresql(self, compiler, connection, **extra_context):
        return self.as_sql(
            compiler,
            connection,
            function="STRING_AGG",
            template="%(function)s(%(expressions)s::text, ',')",
            **extra_context,
        )


class _Rows(list):
    """The rows of ``candidates``, the database they came from, and how to read the time an
    offering was received before (as the database gives it) as a datetime."""

    db: str
    read_received: Callable


def candidates(help_request, organisation, *, request_keys, today) -> _Rows:
    """Each eligible offering (but for the sport) in one query, as a row (CANDIDATE_COLUMNS):
    the columns OFFERING_COLUMNS, then its sports (ids) and the theme keys it shares with the
    question, each joined by commas (or None), its history (``_history_sql``: five numbers, or
    None without history), and when the organisation last received it (or None).

    The query is compiled once per shape (``_candidates_sql``); a ranking fills in its values."""
    db = Offering.objects.db
    connection = connections[db]
    keys = sorted(request_keys)
    provider_kind = PROVIDER_KIND_OF.get(organisation.kind) if organisation else None
    sql, slots, converters, received = _candidates_sql(
        db,
        today,
        timezone.get_current_timezone(),
        provider_kind,
        len(keys),
        organisation is not None,
    )
    values = {
        _LOKET: help_request.loket_id,
        _ORGANISATION: organisation.pk if organisation else None,
        _HELP_REQUEST: help_request.pk,
    }
    params = [
        slot[1] if slot[0] is None else keys[slot[1]] if slot[0] is _KEY else values[slot[0]]
        for slot in slots
    ]
    rows = _Rows()
    rows.db = db
    rows.read_received = _reader(received, connection) if received else _as_is
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows += cursor.fetchall()
    if converters:  # none for the columns of today: plain numbers and text
        rows[:] = [converted_row(row, converters, connection) for row in rows]
    return rows


# Stand-ins for a ranking's values while its query is compiled (none a real id), and what takes
# the place of each in the parameters.
_LOKET, _ORGANISATION, _HELP_REQUEST, _KEY = "loket", "organisation", "help_request", "key"
_STAND_INS = {-7_301_000_001: _LOKET, -7_301_000_002: _ORGANISATION, -7_301_000_003: _HELP_REQUEST}
_STAND_IN_OF = {slot: value for value, slot in _STAND_INS.items()}
_KEY_STAND_IN = "\x1fmatching-theme-key-"


@functools.lru_cache(maxsize=64)
def _candidates_sql(db, today, tz, provider_kind, key_count, with_organisation):
    """The query of ``candidates`` for a shape of question, compiled once: its SQL, where each
    parameter comes from ((slot, None) for the desk, organisation or question, (_KEY, i) for
    the question's i-th theme key in sorted order, or (None, value) as is), the conversions of
    the offerings' columns by position, and the conversion of when received (or None).

    The themes, history and when received are grouped per offering in the database and joined
    to the offerings: a subquery per offering, a query each, or thousands of rows counted in
    Python take longer."""
    sql, params, converters = _offerings_sql(db, today, provider_kind)
    # Without theme keys the theme's value does not depend on the offering's themes; without an
    # organisation nothing was received before.
    themes = _themes_sql(db, key_count) if key_count else None
    last = _received_compiler(db) if with_organisation else None
    sql, params = _joined(
        db,
        sql,
        params,
        (
            ("t", ["joined"], themes),
            ("h", HISTORY, _history_sql(db, today, tz)),
            ("r", ["last"], last and last.as_sql()),
        ),
    )
    return sql, _slots(params), converters, last and _received_converters(last)


def _offerings_sql(db, today, provider_kind):
    """The eligible offerings' loaded columns and their sports (ids joined by commas), for the
    desk's stand-in: the SQL, its parameters and Django's conversions of the columns."""
    eligible = _eligible(db, _STAND_IN_OF[_LOKET], provider_kind, today)
    # The sports in a subquery per offering: quicker than a join with those of all offerings.
    sports = (
        Offering.sports.through.objects.filter(offering=OuterRef("pk"))
        .order_by()
        .values("offering")
        .annotate(joined=_Joined("sport_id"))
        .values("joined")
    )
    offerings = (
        eligible.annotate(sport_ids=Subquery(sports))
        .order_by()
        .values_list(*OFFERING_COLUMNS, "sport_ids")
    )
    compiler = offerings.query.get_compiler(db)
    sql, params = compiler.as_sql()
    converters = compiler.get_converters([column for column, _sql, _alias in compiler.select])
    return sql, params, converters


def _themes_sql(db, key_count) -> tuple[str, tuple]:
    """Per offering, which of the question's ``key_count`` theme keys (stand-ins) it serves."""
    keys = [f"{_KEY_STAND_IN}{i}" for i in range(key_count)]
    themes = _per_offering(
        OfferingTheme.objects.using(db).filter(key__in=keys), joined=_Joined("key")
    )
    return themes.query.get_compiler(db).as_sql()


def _received_compiler(db):
    """The compiler of the query for when the organisation's other questions last received
    each offering (a chosen option of a current decision), for the stand-ins."""
    return _per_offering(
        DecisionOption.objects.using(db)
        .filter(chosen=True)
        .exclude(_superseded())
        .filter(decision__help_request__organisation=_STAND_IN_OF[_ORGANISATION])
        .exclude(decision__help_request=_STAND_IN_OF[_HELP_REQUEST]),
        last=Max("decision__decided_at"),
    ).query.get_compiler(db)


def _joined(db, sql, params, joins) -> tuple[str, tuple]:
    """The offerings' query (``sql``, ``params``) with each of ``joins`` (alias, its column
    names, its compiled query grouped per offering, or None: NULL columns instead) joined."""
    quote = connections[db].ops.quote_name
    columns, tables = ["e.*"], [f"({sql}) e"]
    for alias, names, joined in joins:
        if joined is None:
            columns += ["NULL"] * len(names)
            continue
        columns += [f"{alias}.{quote(name)}" for name in names]
        on = f"{alias}.{quote('offering_id')} = e.{quote('id')}"
        tables.append(f"LEFT JOIN ({joined[0]}) {alias} ON {on}")
        params = (*params, *joined[1])
    # Only SQL that Django compiled and quoted names: every value is a parameter.
    return f"SELECT {', '.join(columns)} FROM {' '.join(tables)}", params  # noqa: S608


def _slots(params) -> tuple:
    """Where each parameter comes from (see ``_candidates_sql``)."""
    slots = []
    for value in params:
        if isinstance(value, int) and not isinstance(value, bool) and value in _STAND_INS:
            slots.append((_STAND_INS[value], None))
        elif isinstance(value, str) and value.startswith(_KEY_STAND_IN):
            slots.append((_KEY, int(value.removeprefix(_KEY_STAND_IN))))
        else:
            slots.append((None, value))
    return tuple(slots)


# What ``_history_sql`` counts per offering, and the columns of ``candidates``' rows.
HISTORY = ["in_month", "in_quarter", "in_year", "ratings", "rating_sum"]
CANDIDATE_COLUMNS = [*OFFERING_COLUMNS, "sports", "themes", *HISTORY, "received"]


def _as_is(value):
    return value


def _received_converters(compiler):
    """Django's conversions of the last column of ``compiler``'s query (when received)."""
    found = compiler.get_converters([compiler.select[-1][0]])
    return next(iter(found.values()), None)


def _reader(converters, connection):
    """A function that converts a value of when received as Django does (a text in SQLite
    becomes a datetime, for one)."""
    functions, expression = converters

    def read(value):
        for function in functions:
            value = function(value, expression, connection)
        return value

    return read


def _per_offering(queryset, **aggregates):
    """``queryset`` grouped by its offering_id, with ``aggregates``."""
    return queryset.order_by().values("offering_id").annotate(**aggregates)


def _superseded():
    """Whether another decision supersedes an option's decision."""
    return superseded("decision")


@functools.lru_cache(maxsize=16)
def _history_sql(db, today, tz) -> tuple[str, tuple]:
    """Per offering, what counts among the chosen options of the current decisions (those that
    no other decision supersedes) at every desk: the places taken in the calendar month, quarter
    and year that contain ``today`` (by the decision's time in ``tz``), and the number and the
    sum of the ratings of the evaluated questions.

    The same for every ranking on a day: it is compiled once."""
    (month, month_end), (quarter, quarter_end), (year, year_end) = period_bounds(today, tz).values()

    def decided(start, end):
        return Q(decision__decided_at__gte=start, decision__decided_at__lt=end)

    current = DecisionOption.objects.using(db).filter(chosen=True).exclude(_superseded())
    # Counting the decision (never null), not the id: the index of chosen options holds it.
    history = _per_offering(
        current.filter(decided(year, year_end) | RATED),
        in_month=Count("decision", filter=decided(month, month_end)),
        in_quarter=Count("decision", filter=decided(quarter, quarter_end)),
        in_year=Count("decision", filter=decided(year, year_end)),
        ratings=Count("decision", filter=RATED),
        rating_sum=Sum("decision__help_request__rating", filter=RATED),
    )
    return history.query.get_compiler(db).as_sql()


def delivering_organisations(rows) -> dict[int, Organisation]:
    """The delivering organisations of the offerings in ``rows`` (of ``candidates``), by id: one
    query."""
    delivered_by = OFFERING_COLUMNS.index("delivered_by_id")
    ids = list({row[delivered_by] for row in rows})
    if not ids:
        return {}
    select, converters = _organisations_sql(rows.db)
    connection = connections[rows.db]
    with connection.cursor() as cursor:
        # The ids as parameters: Django's own IN lookup prepares each of hundreds of them. In
        # PostgreSQL, as one array: quicker to send than hundreds of parameters.
        if connection.vendor == "postgresql":
            cursor.execute(f"{select} = ANY(%s)", [ids])
        else:
            cursor.execute(f"{select} IN ({', '.join(['%s'] * len(ids))})", ids)
        found = cursor.fetchall()
    if converters:  # none for the columns of today: plain numbers and text
        compiler = Organisation.objects.none().query.get_compiler(rows.db)
        found = [tuple(row) for row in compiler.apply_converters(found, converters)]
    make = maker(Organisation, ORGANISATION_COLUMNS, rows.db)
    return {row[0]: make(row) for row in found}


@functools.cache
def _organisations_sql(db) -> tuple[str, dict]:
    """The query for organisations' loaded columns up to ``WHERE <id>``, and Django's
    conversions of the columns (by position)."""
    compiler = (
        Organisation.objects.using(db)
        .order_by()
        .values_list(*ORGANISATION_COLUMNS)
        .query.get_compiler(db)
    )
    sql, _params = compiler.as_sql()  # no parameters: no filter
    quote = connections[db].ops.quote_name
    meta = Organisation._meta
    sql = f"{sql} WHERE {quote(meta.db_table)}.{quote(meta.pk.column)}"
    return sql, compiler.get_converters([column for column, _sql, _alias in compiler.select])
