"""Matching: ranks the offerings a desk may choose for a help request, each with a score and a
reason per criterion that anyone can read.

Eligible offerings (the hard filters; the others never rank):

- visible to the request's desk (its own, regional ones shared with it, national ones);
- active, with an active period that covers the day (an empty bound is open);
- for the provider's kind: a sports club sees the offerings for all providers and those for
  clubs, a commercial sport provider those for all and those for commercial providers; a request
  without an organisation from the register (or with another kind of organisation) sees all;
- for the sport: an offering for specific sports needs one of them among the organisation's
  sports, when the organisation's sports are known.

A full capacity is no hard filter: the offering ranks, with nothing for capacity.

Each criterion gives a value from 0 to 1:

- theme: the share of the question's themes (by key) the offering serves; 0.5 while the
  question has no themes.
- provider_kind: 1 for an offering made for the provider's kind, 0.7 for one for all kinds,
  0.5 when the kind of provider is unknown.
- sport: 1 for an offering for specific sports the organisation offers, 0.6 for one for every
  sport, 0.3 for a sport-specific offering while the organisation's sports are unknown.
- scope: 1 for an offering of the desk itself, 0.8 for a regional one another desk shares with
  it, 0.6 for a national one (local first).
- capacity: 1 without a capacity; otherwise the share of places left in the calendar month,
  quarter or year (the offering's capacity period) that contains the day. Each chosen option of
  a current decision (one that no other decision supersedes) made in that period, at any desk,
  takes a place.
- money: 1 when the offering costs the desk nothing, or when one fund of the desk that may pay
  for the question (in use today; its themes and kinds of provider allow it; see funds.rules)
  and pays alone has at least the cost left (at most its maximum per allocation); 0.5 when only
  several such funds together can pay it (co-funding); 0 otherwise.
- supporter: 1 when no registration is needed; otherwise 1 with at least one of the desk's
  coordinators and supporters who meets the desk's quality rule and holds a valid registration
  of that kind today (quality.selectors.qualified_supporters), 0 with none.
- rating: (mean - 1) / 4 for the mean rating (1 to 5) of the evaluated questions, at any desk,
  whose current decision chose the offering; 0.5 without ratings.
- novelty: 0 when the organisation already received the offering (chosen in a current decision
  on another of its questions, at any desk), otherwise 1.

The score is sum(weight x value) / sum(weights) x 100, rounded to 0.01, with the desk's weights
(0 to 10 each). A criterion with weight 0 is listed but counts nothing; with every weight 0 each
score is 0. The ranking sorts on the score (high first), then the title, then the id: the same
input gives the same ranking. The number of queries does not depend on the number of offerings.
"""

import contextlib
import datetime
import functools
import gc
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db import connections
from django.db.models import (
    Aggregate,
    CharField,
    Count,
    Max,
    OuterRef,
    Q,
    Subquery,
    Sum,
    signals,
)
from django.db.models.base import ModelState
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from sportloket.core.constants import ProviderKinds
from sportloket.core.money import euros
from sportloket.decisions.constants import Criterion
from sportloket.decisions.models import DecisionOption, MatchingWeights, superseded
from sportloket.decisions.selectors import RATED, desk_weights
from sportloket.offerings.constants import (
    CapacityPeriod,
    OfferingScope,
    OfferingStatus,
    Registration,
)
from sportloket.offerings.models import Offering, OfferingTheme
from sportloket.registry.constants import OrganisationKind
from sportloket.registry.models import Organisation, Sport

CENT = Decimal("0.01")
_DELIVERED_BY_CACHE = Offering.delivered_by.field.cache_name
PROVIDER_KIND_OF = {
    OrganisationKind.CLUB: ProviderKinds.CLUB,
    OrganisationKind.COMMERCIAL: ProviderKinds.COMMERCIAL,
}


@dataclass(frozen=True)
class Reason:
    """One criterion's part of the score."""

    criterion: str  # a Criterion value
    label: str  # the criterion's label, translated when ranked
    value: float  # 0.0 .. 1.0: how well the offering does on it
    weight: int  # the desk's weight, 0 .. 10
    text: str  # a readable sentence why

    def as_dict(self) -> dict:
        return {
            "criterion": self.criterion,
            "label": self.label,
            "value": self.value,
            "weight": self.weight,
            "text": self.text,
        }


class Ranked:
    """An eligible offering with its score (0.00 .. 100.00) and its reasons in Criterion order.

    The offering (a model instance with its delivering organisation) is made when first read:
    a page shows a few dozen of the thousands ranked, and making them all takes a sixth of a
    ranking's time."""

    __slots__ = ("_source", "offering_id", "reasons", "score")

    def __init__(self, offering_id: int, score: Decimal, reasons: tuple, source):
        self.offering_id = offering_id
        self.score = score
        self.reasons = reasons
        self._source = source  # (make, row, delivering organisation), or the offering

    @property
    def offering(self) -> Offering:
        source = self._source
        if isinstance(source, tuple):
            make, row, organisation = source
            source = self._source = make(row, {_DELIVERED_BY_CACHE: organisation})
        return source

    def explanation(self) -> list[dict]:
        """The reasons as JSON, as a decision keeps them."""
        return [reason.as_dict() for reason in self.reasons]

    def __repr__(self):
        return f"<Ranked offering {self.offering_id}: {self.score}>"


def paying_funds(loket, *, theme_keys, provider_kind: str, on) -> list[tuple[int, object]]:
    """The desk's funds in use on ``on`` whose rules allow paying for a question with these
    theme keys from a provider of this kind ("" when unknown), each as (what it can still give
    to one allocation: what is available, at most its maximum per allocation; the fund), most
    first. Two queries."""
    from sportloket.funds import rules as fund_rules
    from sportloket.funds.selectors import desk_funds

    found = []
    for fund in desk_funds(loket=loket, on=on):
        refused = fund_rules.refusals(
            fund,
            cents=0,
            on=on,
            theme_keys=theme_keys,
            fund_theme_keys=fund_rules.theme_keys_of(fund),
            provider_kind=provider_kind,
        )
        if not refused:
            room = fund.available_cents
            if fund.max_per_allocation_cents is not None:
                room = min(room, fund.max_per_allocation_cents)
            found.append((max(room, 0), fund))
    found.sort(key=lambda item: (-item[0], item[1].name, item[1].pk))
    return found


def weights_as_dict(weights) -> dict[str, int]:
    """The weight per criterion, from a MatchingWeights or a mapping by criterion (a criterion
    missing from the mapping gets its default weight)."""
    if isinstance(weights, Mapping):
        return {
            c: int(weights.get(c, MatchingWeights._meta.get_field(c).default))
            for c in Criterion.values
        }
    return {c: int(getattr(weights, c)) for c in Criterion.values}


def rank_offerings(*, help_request, today=None, weights=None) -> list[Ranked]:
    """The eligible offerings for a help request, best first, each with its score and reasons.

    ``weights``: a MatchingWeights or a mapping by criterion; the desk's weights by default. The
    offerings come with their delivering organisation; timestamps and the active period (a
    ranking does not show them) load when read, as deferred fields do."""
    today = today or timezone.localdate()
    # The desk by its id: every read below filters on it, and loading the desk takes a query.
    loket = help_request.loket_id
    weight = weights_as_dict(desk_weights(loket=loket) if weights is None else weights)
    organisation = help_request.organisation if help_request.organisation_id else None
    org_sports = dict(organisation.sports.values_list("pk", "name")) if organisation else {}
    request_themes = list(help_request.themes.values_list("key", "name"))

    with _collector_paused():
        return _ranking(
            help_request,
            today=today,
            loket=loket,
            weight=weight,
            organisation=organisation,
            org_sports=org_sports,
            request_themes=request_themes,
        )


def _ranking(help_request, *, today, loket, weight, organisation, org_sports, request_themes):
    rows = _candidates(
        help_request,
        organisation,
        request_keys={key for key, _name in request_themes},
        today=today,
    )
    organisations = _organisations(rows)
    make = _ReasonMaker(
        weight,
        loket=loket,
        organisation=organisation,
        org_sports=org_sports,
        request_themes=request_themes,
        today=today,
    )
    return _rank(rows, organisations, org_sports, make, loket, sum(weight.values()))


@contextlib.contextmanager
def _collector_paused():
    """Pauses Python's cyclic garbage collector while a ranking makes its objects.

    A ranking makes some fifteen thousand objects (the offerings with their state, reasons,
    rows), all still in use when it ends and in no reference cycle: each collection their
    making would set off finds nothing to free, and every few rankings one of them walks all the
    objects of the process (in the benchmark a sixth of a ranking's time, more in a web process
    with more objects). A collector that was off stays off."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def _rank(rows, organisations, org_sports, make, loket, total_weight) -> list[Ranked]:
    """Filters the rows of ``_candidates`` on the sport, makes the offerings and scores them.

    One pass over the rows, reading them by position: with thousands of offerings, every step
    per offering counts. Most offerings share most of their reasons: each distinct one is made
    once (a sentence translated for each of thousands of offerings would be slow)."""
    at = {name: i for i, name in enumerate(CANDIDATE_COLUMNS)}
    pk_at, owner_at, scope_at, title_at = at["id"], at["loket_id"], at["scope"], at["title"]
    kinds_at, cost_at, registration_at = (
        at["provider_kinds"],
        at["cost_cents"],
        at["required_registration"],
    )
    capacity_at, period_at, delivered_by_at = (
        at["capacity"],
        at["capacity_period"],
        at["delivered_by_id"],
    )
    themes_at, sports_at, received_at = at["themes"], at["sports"], at["received"]
    ratings_at, rating_sum_at = at["ratings"], at["rating_sum"]
    used_at = {
        CapacityPeriod.MONTH: at["in_month"],
        CapacityPeriod.QUARTER: at["in_quarter"],
        CapacityPeriod.YEAR: at["in_year"],
    }
    read_received = rows.read_received

    memo = make.memo
    kinds, scopes = memo[Criterion.PROVIDER_KIND], memo[Criterion.SCOPE]
    capacities, moneys = memo[Criterion.CAPACITY], memo[Criterion.MONEY]
    supporters, ratings = memo[Criterion.SUPPORTER], memo[Criterion.RATING]
    # The theme's and the sport's reasons by the text the database joined (or None).
    theme_of: dict[str | None, tuple] = {}
    sport_of: dict[str | None, tuple | None] = {}
    # The novelty's reason by when the organisation received the offering, as the database
    # gives it (or None).
    novelty_of: dict = {}
    scores: dict[float, tuple[int, Decimal]] = {}
    desk_id = loket
    make_offering = _maker(Offering, OFFERING_COLUMNS, rows.db)
    ranked = []
    for row in rows:
        text = row[sports_at]
        sport = sport_of.get(text, MISSING)
        if sport is MISSING:
            sport = sport_of[text] = _sport(make, org_sports, text)
        if sport is None:
            continue  # for other sports than the organisation's
        text = row[themes_at]
        theme = theme_of.get(text)
        if theme is None:
            keys = frozenset(text.split(",")) & make.request_keys if text else frozenset()
            theme = theme_of[text] = make(Criterion.THEME, keys)
        key = row[kinds_at]
        kind = kinds.get(key) or make(Criterion.PROVIDER_KIND, key)
        key = OWN if row[owner_at] == desk_id else row[scope_at]
        scope = scopes.get(key) or make(Criterion.SCOPE, key)
        pk = row[pk_at]
        capacity = row[capacity_at]
        if capacity is None:
            key = None
        else:
            key = row[period_at]
            key = (capacity, key, row[used_at[key]] or 0)
        capacity = capacities.get(key) or make(Criterion.CAPACITY, key)
        key = row[cost_at] or None
        money = moneys.get(key) or make(Criterion.MONEY, key)
        key = row[registration_at]
        supporter = supporters.get(key) or make(Criterion.SUPPORTER, key)
        key = row[ratings_at]
        key = (key, row[rating_sum_at]) if key else None
        rating = ratings.get(key) or make(Criterion.RATING, key)
        key = row[received_at]
        novelty = novelty_of.get(key)
        if novelty is None:
            day = None if key is None else timezone.localdate(read_received(key))
            novelty = novelty_of[key] = make(Criterion.NOVELTY, day)

        points = (
            theme[1]
            + kind[1]
            + sport[1]
            + scope[1]
            + capacity[1]
            + money[1]
            + supporter[1]
            + rating[1]
            + novelty[1]
        )
        score = scores.get(points)
        if score is None:
            exact = Decimal(points / total_weight * 100) if total_weight else Decimal(0)
            rounded = exact.quantize(CENT, ROUND_HALF_UP)
            score = scores[points] = (-int(rounded * 100), rounded)
        reasons = (theme[0], kind[0], sport[0], scope[0], capacity[0], money[0], supporter[0],
                   rating[0], novelty[0])  # fmt: skip
        source = (make_offering, row, organisations[row[delivered_by_at]])
        ranked.append((score[0], row[title_at], pk, Ranked(pk, score[1], reasons, source)))
    # Score high first (as negative cents), then title, then id (unique: the Ranked objects
    # themselves are never compared).
    ranked.sort()
    return [item[3] for item in ranked]


def _sport(make, org_sports, text):
    """The sport's reason (with its weighted value) for an offering's sports as the database
    joined them (None for every sport): those the organisation offers when its sports are known
    (None when it offers none of them: the offering does not rank), else all."""
    sport_ids = tuple(sorted(map(int, text.split(",")))) if text else ()
    if org_sports and sport_ids:
        sport_ids = tuple(s for s in sport_ids if s in org_sports)
        if not sport_ids:
            return None
    return make(Criterion.SPORT, sport_ids)


OWN = "own"
MISSING = object()


# --- the hard filters and what the database tells about the eligible offerings -----------------


def _eligible(db, loket_id, provider_kind, today):
    """The hard filters but the sport, in the database (``_rank`` checks the sport: the same in
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
    """The rows of ``_candidates``, the database they came from, and how to read the time an
    offering was received before (as the database gives it) as a datetime."""

    db: str
    read_received: Callable


def _candidates(help_request, organisation, *, request_keys, today) -> _Rows:
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
        rows[:] = [_converted(row, converters, connection) for row in rows]
    return rows


def _converted(row, converters, connection):
    row = list(row)
    for position, (functions, expression) in converters.items():
        value = row[position]
        for function in functions:
            value = function(value, expression, connection)
        row[position] = value
    return tuple(row)


# Stand-ins for a ranking's values while its query is compiled (none a real id), and what takes
# the place of each in the parameters.
_LOKET, _ORGANISATION, _HELP_REQUEST, _KEY = "loket", "organisation", "help_request", "key"
_STAND_INS = {-7_301_000_001: _LOKET, -7_301_000_002: _ORGANISATION, -7_301_000_003: _HELP_REQUEST}
_KEY_STAND_IN = "\x1fmatching-theme-key-"


@functools.lru_cache(maxsize=64)
def _candidates_sql(db, today, tz, provider_kind, key_count, with_organisation):
    """The query of ``_candidates`` for a shape of question, compiled once: its SQL, where each
    parameter comes from ((slot, None) for the desk, organisation or question, (_KEY, i) for
    the question's i-th theme key in sorted order, or (None, value) as is), the conversions of
    the offerings' columns by position, and the conversion of when received (or None).

    The themes, history and when received are grouped per offering in the database and joined
    to the offerings: a subquery per offering, a query each, or thousands of rows counted in
    Python take longer."""
    stand_in = {slot: value for value, slot in _STAND_INS.items()}
    loket, organisation, help_request = (
        stand_in[_LOKET],
        stand_in[_ORGANISATION],
        stand_in[_HELP_REQUEST],
    )
    eligible = _eligible(db, loket, provider_kind, today)
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
    connection = connections[db]
    compiler = offerings.query.get_compiler(db)
    sql, params = compiler.as_sql()
    converters = compiler.get_converters([column for column, _sql, _alias in compiler.select])

    themes = received = last = None  # not needed for this question
    if key_count:  # else the theme's value does not depend on the offering's themes
        keys = [f"{_KEY_STAND_IN}{i}" for i in range(key_count)]
        themes = _per_offering(
            OfferingTheme.objects.using(db).filter(key__in=keys), joined=_Joined("key")
        )
        themes = themes.query.get_compiler(db).as_sql()
    if with_organisation:
        last = _per_offering(
            DecisionOption.objects.using(db)
            .filter(chosen=True)
            .exclude(_superseded())
            .filter(decision__help_request__organisation=organisation)
            .exclude(decision__help_request=help_request),
            last=Max("decision__decided_at"),
        ).query.get_compiler(db)
        received = last.as_sql()

    quote = connection.ops.quote_name
    columns, tables = ["e.*"], [f"({sql}) e"]
    for alias, names, joined in (
        ("t", ["joined"], themes),
        ("h", HISTORY, _history_sql(db, today, tz)),
        ("r", ["last"], received),
    ):
        if joined is None:
            columns += ["NULL"] * len(names)
            continue
        columns += [f"{alias}.{quote(name)}" for name in names]
        on = f"{alias}.{quote('offering_id')} = e.{quote('id')}"
        tables.append(f"LEFT JOIN ({joined[0]}) {alias} ON {on}")
        params = (*params, *joined[1])

    slots = []
    for value in params:
        if isinstance(value, int) and not isinstance(value, bool) and value in _STAND_INS:
            slots.append((_STAND_INS[value], None))
        elif isinstance(value, str) and value.startswith(_KEY_STAND_IN):
            slots.append((_KEY, int(value.removeprefix(_KEY_STAND_IN))))
        else:
            slots.append((None, value))
    # Only SQL that Django compiled and quoted names: every value is a parameter.
    sql = f"SELECT {', '.join(columns)} FROM {' '.join(tables)}"  # noqa: S608
    return sql, tuple(slots), converters, last and _received_converters(last)


# What ``_history_sql`` counts per offering, and the columns of ``_candidates``' rows.
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


def _organisations(rows) -> dict[int, Organisation]:
    """The delivering organisations of the offerings in ``rows``, by id."""
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
    make = _maker(Organisation, ORGANISATION_COLUMNS, rows.db)
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


def _maker(model, names, db):
    """A function that makes an instance of ``model`` from a row that starts with ``names``,
    with the related objects in ``fields_cache`` (by their cache name) already set.

    Django's own instantiation takes too long for thousands of offerings in the time a page has
    (``__init__`` sets one field at a time); this fills the fields at once, with the state that
    ``Model.from_db`` gives, unless something listens to the init signals."""
    if signals.pre_init.has_listeners(model) or signals.post_init.has_listeners(model):
        width = len(names)

        def from_db(row, fields_cache=None):
            instance = model.from_db(db, names, row[:width])
            if fields_cache:
                instance._state.fields_cache.update(fields_cache)
            return instance

        return from_db
    new_instance, new_state = model.__new__, ModelState.__new__

    def make(row, fields_cache=None):
        instance = new_instance(model)
        state = new_state(ModelState)
        state.adding = False
        state.db = db
        state.fields_cache = {} if fields_cache is None else fields_cache
        values = dict(zip(names, row))  # noqa: B905 (the row goes on after the names)
        values["_state"] = state
        instance.__dict__ = values
        return instance

    return make


def period_bounds(
    today: datetime.date, tz
) -> dict[str, tuple[datetime.datetime, datetime.datetime]]:
    """The calendar month, quarter and year that contain ``today``, from and until midnight in
    the time zone ``tz``."""

    def start(year, month):
        year, month = year + (month - 1) // 12, (month - 1) % 12 + 1
        return datetime.datetime(year, month, 1, tzinfo=tz)

    quarter = (today.month - 1) // 3 * 3 + 1
    return {
        CapacityPeriod.MONTH: (start(today.year, today.month), start(today.year, today.month + 1)),
        CapacityPeriod.QUARTER: (start(today.year, quarter), start(today.year, quarter + 3)),
        CapacityPeriod.YEAR: (start(today.year, 1), start(today.year + 1, 1)),
    }


# --- each criterion's value and sentence --------------------------------------------------------


class _ReasonMaker:
    """Makes a criterion's reason for a key (all its value depends on), with its weighted value
    (weight x value), and keeps both in ``memo`` for the next offering with the same key."""

    def __init__(self, weight, *, loket, organisation, org_sports, request_themes, today):
        self.weight = weight
        self.today = today
        self.labels = {c.value: str(c.label) for c in Criterion}
        self.memo: dict[str, dict] = {c: {} for c in Criterion.values}
        self.loket = loket
        self.organisation = organisation
        self.provider_kind = PROVIDER_KIND_OF.get(organisation.kind) if organisation else None
        self.org_sports = org_sports
        self.request_themes = request_themes
        self.request_keys = frozenset(key for key, _name in request_themes)
        self._sport_names = None
        self._funds = None
        self._supporters = None
        self.build = {
            Criterion.THEME: self.theme,
            Criterion.PROVIDER_KIND: self.provider_kind_fit,
            Criterion.SPORT: self.sport,
            Criterion.SCOPE: _scope,
            Criterion.CAPACITY: _capacity,
            Criterion.MONEY: self.money,
            Criterion.SUPPORTER: self.supporter,
            Criterion.RATING: _rating,
            Criterion.NOVELTY: self.novelty,
        }

    def __call__(self, criterion: str, key) -> tuple[Reason, float]:
        known = self.memo[criterion].get(key)
        if known is None:
            value, text = self.build[criterion](key)
            reason = Reason(
                criterion=str(criterion),
                label=self.labels[criterion],
                value=float(value),
                weight=self.weight[criterion],
                text=text,
            )
            known = self.memo[criterion][key] = (reason, reason.weight * reason.value)
        return known

    def theme(self, common_keys):
        total = len(self.request_themes)
        if not total:
            return 0.5, _("The question has no themes yet.")
        if not common_keys:
            return 0.0, ngettext(
                "Serves none of the question's %(total)d theme (%(names)s).",
                "Serves none of the question's %(total)d themes (%(names)s).",
                total,
            ) % {"total": total, "names": ", ".join(name for _key, name in self.request_themes)}
        names = [name for key, name in self.request_themes if key in common_keys]
        return len(names) / total, ngettext(
            "Serves %(count)d of the question's %(total)d theme (%(names)s).",
            "Serves %(count)d of the question's %(total)d themes (%(names)s).",
            total,
        ) % {"count": len(names), "total": total, "names": ", ".join(names)}

    def provider_kind_fit(self, offering_kinds):
        if self.provider_kind is None:
            if self.organisation is None:
                return 0.5, _("Kind of provider unknown: no organisation from the register is "
                              "linked to the question.")  # fmt: skip
            return 0.5, _("Kind of provider unknown: the organisation is no sports club or "
                          "commercial sport provider.")  # fmt: skip
        if offering_kinds == ProviderKinds.ALL:
            return 0.7, _("For sports clubs and commercial sport providers alike.")
        if offering_kinds == ProviderKinds.CLUB:
            return 1.0, _("Made for sports clubs, such as this one.")
        return 1.0, _("Made for commercial sport providers, such as this one.")

    def sport(self, sport_ids):
        if not sport_ids:
            return 0.6, _("For every sport.")
        if self.org_sports:
            names = sorted(self.org_sports[s] for s in sport_ids)
            return 1.0, ngettext(
                "For a sport the organisation offers: %(sports)s.",
                "For sports the organisation offers: %(sports)s.",
                len(names),
            ) % {"sports": ", ".join(names)}
        if self._sport_names is None:  # once per ranking, and only when needed
            self._sport_names = dict(Sport.objects.values_list("pk", "name"))
        names = sorted(self._sport_names[s] for s in sport_ids)
        return 0.3, _("For specific sports (%(sports)s); the sports of the organisation are "
                      "not known.") % {"sports": ", ".join(names)}  # fmt: skip

    def money(self, cost):
        if cost is None:
            return 1.0, _("Free for the desk.")
        funds = self.paying_funds()
        numbers = {"cost": euros(cost)}
        if not funds:
            text = _("Costs %(cost)s; no fund of the desk may pay for this question.")
            return 0.0, text % numbers
        for room, fund in funds:
            if room >= cost and not fund.co_funding_required:
                numbers |= {"fund": fund.name, "available": euros(room)}
                return 1.0, _("Costs %(cost)s; the fund '%(fund)s' may pay it (%(available)s "
                              "left).") % numbers  # fmt: skip
        together = sum(room for room, _fund in funds)
        numbers["available"] = euros(together)
        if len(funds) > 1 and together >= cost:
            numbers["funds"] = ", ".join(fund.name for _room, fund in funds)
            return 0.5, _("Costs %(cost)s; only the funds that may pay together can pay it "
                          "(%(funds)s).") % numbers  # fmt: skip
        if len(funds) == 1 and together >= cost:
            numbers["fund"] = funds[0][1].name
            return 0.0, _("Costs %(cost)s; the fund '%(fund)s' pays only together with another "
                          "fund.") % numbers  # fmt: skip
        return 0.0, _("Costs %(cost)s; the funds that may pay have only %(available)s left.") % (
            numbers
        )

    def paying_funds(self) -> list:
        """See ``paying_funds``; read once per ranking, and only when an offering costs money."""
        if self._funds is None:
            kind = self.organisation.kind if self.organisation else ""
            self._funds = paying_funds(
                self.loket, theme_keys=self.request_keys, provider_kind=kind, on=self.today
            )
        return self._funds

    def supporter(self, registration):
        if not registration:
            return 1.0, _("No registration needed.")
        if self._supporters is None:  # every registration's count at once, when first needed
            from sportloket.quality.selectors import qualified_supporters_per_registration

            self._supporters = qualified_supporters_per_registration(
                loket=self.loket, registrations=[r for r in Registration.values if r], on=self.today
            )
        count = self._supporters[registration]
        numbers = {"registration": str(Registration(registration).label), "count": count}
        if count == 0:
            return 0.0, _("Needs %(registration)s; no supporter of the desk holds it.") % numbers
        return 1.0, ngettext(
            "Needs %(registration)s; %(count)d supporter of the desk holds it.",
            "Needs %(registration)s; %(count)d supporters of the desk hold it.",
            count,
        ) % numbers

    def novelty(self, last_received):
        if self.organisation is None:
            return 1.0, _("Not known to be received before: no organisation from the register "
                          "is linked to the question.")  # fmt: skip
        if last_received is None:
            return 1.0, _("The organisation has not received this before.")
        return 0.0, _("The organisation already received this on %(date)s.") % {
            "date": formats.date_format(last_received, "DATE_FORMAT", use_l10n=True)
        }


def _scope(key):
    if key == OWN:
        return 1.0, _("An offering of this desk itself.")
    if key == OfferingScope.REGION:
        return 0.8, _("A regional offering another desk shares with this desk.")
    return 0.6, _("A national offering.")


def _capacity(key):
    if key is None:
        return 1.0, _("No limit on the number of providers.")
    capacity, period, used = key
    left = max(capacity - used, 0)
    numbers = {"left": left, "capacity": capacity, "used": used}
    if left == 0:
        if period == CapacityPeriod.MONTH:
            text = _("Full this month (%(used)d of %(capacity)d places taken).")
        elif period == CapacityPeriod.QUARTER:
            text = _("Full this quarter (%(used)d of %(capacity)d places taken).")
        else:
            text = _("Full this year (%(used)d of %(capacity)d places taken).")
        return 0.0, text % numbers
    if period == CapacityPeriod.MONTH:
        text = _("%(left)d of %(capacity)d places left this month.")
    elif period == CapacityPeriod.QUARTER:
        text = _("%(left)d of %(capacity)d places left this quarter.")
    else:
        text = _("%(left)d of %(capacity)d places left this year.")
    return left / capacity, text % numbers


def _rating(key):
    if key is None:
        return 0.5, _("No ratings yet.")
    count, total = key  # of the ratings
    mean = round(int(total) / count, 2)
    return (mean - 1) / 4, ngettext(
        "Rated %(mean)s of 5 on average, after %(count)d question.",
        "Rated %(mean)s of 5 on average, after %(count)d questions.",
        count,
    ) % {"mean": formats.number_format(mean, 1, use_l10n=True), "count": count}
