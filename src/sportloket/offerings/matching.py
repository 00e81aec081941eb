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
- money: 1 when the offering costs the desk nothing; otherwise from ``money_available``: 1 when
  a fund that may pay has at least the cost, 0 when it has less, 0.5 without fund information.
- supporter: 1 when no registration is needed; otherwise from ``qualified_supporters``: 1 with
  at least one qualified supporter at the desk, 0 with none, 0.5 while that is not checked.
- rating: (mean - 1) / 4 for the mean rating (1 to 5) of the evaluated questions, at any desk,
  whose current decision chose the offering; 0.5 without ratings.
- novelty: 0 when the organisation already received the offering (chosen in a current decision
  on another of its questions, at any desk), otherwise 1.

The score is sum(weight x value) / sum(weights) x 100, rounded to 0.01, with the desk's weights
(0 to 10 each). A criterion with weight 0 is listed but counts nothing; with every weight 0 each
score is 0. The ranking sorts on the score (high first), then the title, then the id: the same
input gives the same ranking. The number of queries does not depend on the number of offerings.
"""

import datetime
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db import connections
from django.db.models import (
    Aggregate,
    Case,
    CharField,
    F,
    Max,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
    signals,
)
from django.db.models.base import ModelState
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from sportloket.helprequests.constants import RequestState
from sportloket.offerings.constants import (
    CapacityPeriod,
    Criterion,
    OfferingScope,
    OfferingStatus,
    ProviderKinds,
    Registration,
)
from sportloket.offerings.models import (
    Decision,
    DecisionOption,
    MatchingWeights,
    Offering,
    OfferingTheme,
)
from sportloket.offerings.selectors import desk_weights
from sportloket.registry.constants import OrganisationKind
from sportloket.registry.models import Organisation, Sport

CENT = Decimal("0.01")
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


@dataclass(frozen=True)
class Ranked:
    """An eligible offering with its score (0.00 .. 100.00) and its reasons in Criterion order."""

    offering: Offering
    score: Decimal
    reasons: tuple[Reason, ...]

    def explanation(self) -> list[dict]:
        """The reasons as JSON, as a decision keeps them."""
        return [reason.as_dict() for reason in self.reasons]


def money_available(loket, offering) -> int | None:
    """Cents available to the desk in a fund that may pay for this offering; None when unknown.

    The funds issue fills this in. A ranking calls it once for every offering that costs money,
    so it should read the desk's funds once and answer the next calls from memory."""
    return None


def qualified_supporters(loket, registration: str) -> int | None:
    """How many of the desk's supporters hold this quality registration; None when unknown.

    The quality issue fills this in. A ranking calls it once per registration it meets."""
    return None


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
    loket = help_request.loket
    weight = weights_as_dict(desk_weights(loket=loket) if weights is None else weights)
    organisation = help_request.organisation if help_request.organisation_id else None
    org_sports = dict(organisation.sports.values_list("pk", "name")) if organisation else {}

    eligible = _eligible(help_request, organisation, today).values("pk")
    request_themes = list(help_request.themes.values_list("key", "name"))
    candidates = _candidates(eligible, {key for key, _name in request_themes}, org_sports)
    history = _history(today)
    received = _received_before(help_request, organisation)
    make = _ReasonMaker(
        weight,
        loket=loket,
        organisation=organisation,
        org_sports=org_sports,
        request_themes=request_themes,
    )

    return _rank(candidates, history, received, make, loket, sum(weight.values()))


def _rank(candidates, history, received, make, loket, total_weight) -> list[Ranked]:
    # Most offerings share most of their reasons: each distinct one is made once (a sentence
    # translated for each of thousands of offerings would be slow).
    memo = make.memo
    themes, kinds, sports, scopes = (memo[c] for c in Criterion.values[:4])
    capacities, moneys, supporters, ratings, novelties = (memo[c] for c in Criterion.values[4:])
    scores: dict[float, tuple[int, Decimal]] = {}
    desk_id = loket.pk
    ranked = []
    for offering, theme_keys, sport_ids in candidates:
        pk = offering.id
        past = history.get(pk, NO_HISTORY)
        theme = themes.get(theme_keys) or make(Criterion.THEME, theme_keys)
        key = offering.provider_kinds
        kind = kinds.get(key) or make(Criterion.PROVIDER_KIND, key)
        sport = sports.get(sport_ids) or make(Criterion.SPORT, sport_ids)
        key = OWN if offering.loket_id == desk_id else offering.scope
        scope = scopes.get(key) or make(Criterion.SCOPE, key)
        if offering.capacity is None:
            key = None
        else:
            key = (offering.capacity, offering.capacity_period, past[offering.capacity_period])
        capacity = capacities.get(key) or make(Criterion.CAPACITY, key)
        cost = offering.cost_cents
        key = (cost, money_available(loket, offering)) if cost else None
        money = moneys.get(key) or make(Criterion.MONEY, key)
        key = offering.required_registration
        supporter = supporters.get(key) or make(Criterion.SUPPORTER, key)
        key = past["rating"]
        rating = ratings.get(key) or make(Criterion.RATING, key)
        key = received.get(pk)
        novelty = novelties.get(key) or make(Criterion.NOVELTY, key)

        points = (
            theme.weight * theme.value
            + kind.weight * kind.value
            + sport.weight * sport.value
            + scope.weight * scope.value
            + capacity.weight * capacity.value
            + money.weight * money.value
            + supporter.weight * supporter.value
            + rating.weight * rating.value
            + novelty.weight * novelty.value
        )
        score = scores.get(points)
        if score is None:
            exact = Decimal(points / total_weight * 100) if total_weight else Decimal(0)
            rounded = exact.quantize(CENT, ROUND_HALF_UP)
            score = scores[points] = (-int(rounded * 100), rounded)
        reasons = (theme, kind, sport, scope, capacity, money, supporter, rating, novelty)
        ranked.append((score[0], offering.title, pk, Ranked(offering, score[1], reasons)))
    # Score high first (as negative cents), then title, then id (unique: the Ranked objects
    # themselves are never compared).
    ranked.sort()
    return [item[3] for item in ranked]


OWN = "own"
NO_HISTORY = {
    CapacityPeriod.MONTH: 0,
    CapacityPeriod.QUARTER: 0,
    CapacityPeriod.YEAR: 0,
    "rating": None,
}


# --- the hard filters and what the database tells about the eligible offerings -----------------


def _eligible(help_request, organisation, today):
    """The hard filters but the sport, in the database (``_candidates`` checks the sport: the
    same in a query would take longer than all of the ranking should)."""
    eligible = (
        Offering.objects.visible_to(help_request.loket_id)
        .filter(status=OfferingStatus.ACTIVE)
        .filter(Q(active_from__isnull=True) | Q(active_from__lte=today))
        .filter(Q(active_until__isnull=True) | Q(active_until__gte=today))
    )
    provider_kind = PROVIDER_KIND_OF.get(organisation.kind) if organisation else None
    if provider_kind is not None:
        eligible = eligible.filter(provider_kinds__in=[ProviderKinds.ALL, provider_kind])
    return eligible


# Left out of the loaded offerings and organisations, and read when used (as deferred fields): a
# ranking does not show them, and converting dates takes a good part of the time for thousands
# of rows.
SKIPPED = frozenset({"created_at", "updated_at", "active_from", "active_until", "founded_on"})


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


def _joined(queryset, column):
    """For each offering, ``column`` of its rows in ``queryset``, joined by commas."""
    return Subquery(
        queryset.filter(offering=OuterRef("pk"))
        .order_by()
        .values("offering")
        .annotate(joined=_Joined(column))
        .values("joined")
    )


def _candidates(eligible, request_keys, org_sports) -> list[tuple[Offering, frozenset, tuple]]:
    """Each eligible offering (with its delivering organisation), the theme keys it shares
    with the question, and its sports (ids): those the organisation offers when its sports
    (``org_sports``) are known, else all. An offering for specific sports needs one the
    organisation offers, when its sports are known. Two queries."""
    names = [f.attname for f in Offering._meta.concrete_fields if f.attname not in SKIPPED]
    rows = (
        Offering.objects.filter(pk__in=eligible)
        .order_by()
        .annotate(
            theme_keys=_joined(OfferingTheme.objects, "key"),
            sport_ids=_joined(Offering.sports.through.objects, "sport_id"),
        )
        .values_list(*names, "theme_keys", "sport_ids")
    )
    # Many offerings serve the same themes and sports: each combination is read once.
    themes: dict[str | None, frozenset[str]] = {None: frozenset()}
    sports: dict[str | None, tuple[int, ...]] = {None: ()}
    kept = []
    for row in rows:
        joined = row[-1]
        sport_ids = sports.get(joined)
        if sport_ids is None:
            sport_ids = tuple(sorted(map(int, joined.split(","))))
            if org_sports:
                sport_ids = tuple(s for s in sport_ids if s in org_sports) or None
            sports[joined] = sport_ids
        if sport_ids is None:
            continue  # for other sports than the organisation's
        joined = row[-2]
        theme_keys = themes.get(joined)
        if theme_keys is None:
            theme_keys = themes[joined] = frozenset(joined.split(",")) & request_keys
        kept.append((row, theme_keys, sport_ids))

    db = Offering.objects.db
    org_names = [f.attname for f in Organisation._meta.concrete_fields if f.attname not in SKIPPED]
    make_organisation = _maker(Organisation, org_names, db)
    delivered_by = names.index("delivered_by_id")
    organisations = {
        row[0]: make_organisation(row)
        for row in Organisation.objects.filter(pk__in={row[delivered_by] for row, *_ in kept})
        .order_by()
        .values_list(*org_names)
    }
    make_offering = _maker(Offering, names, db)
    cache_name = Offering.delivered_by.field.cache_name
    candidates = []
    for row, theme_keys, sport_ids in kept:
        offering = make_offering(row)
        # What ``delivered_by.field.set_cached_value`` does, for a fresh instance.
        offering._state.fields_cache = {cache_name: organisations[row[delivered_by]]}
        candidates.append((offering, theme_keys, sport_ids))
    return candidates


def _maker(model, names, db):
    """A function that makes an instance of ``model`` from a row that starts with ``names``.

    Django's own instantiation takes too long for thousands of offerings in the time a page has
    (``__init__`` sets one field at a time); this fills the fields at once, with the state that
    ``Model.from_db`` gives, unless something listens to the init signals."""
    if signals.pre_init.has_listeners(model) or signals.post_init.has_listeners(model):
        width = len(names)
        return lambda row: model.from_db(db, names, row[:width])
    new = model.__new__

    def make(row):
        instance = new(model)
        instance.__dict__.update(zip(names, row, strict=False))
        state = instance._state = ModelState()
        state.adding, state.db = False, db
        return instance

    return make


def _period_bounds(today: datetime.date) -> dict[str, tuple[datetime.datetime, datetime.datetime]]:
    """The calendar month, quarter and year that contain ``today``, from and until midnight."""
    tz = timezone.get_current_timezone()

    def start(year, month):
        year, month = year + (month - 1) // 12, (month - 1) % 12 + 1
        return datetime.datetime(year, month, 1, tzinfo=tz)

    quarter = (today.month - 1) // 3 * 3 + 1
    return {
        CapacityPeriod.MONTH: (start(today.year, today.month), start(today.year, today.month + 1)),
        CapacityPeriod.QUARTER: (start(today.year, quarter), start(today.year, quarter + 3)),
        CapacityPeriod.YEAR: (start(today.year, 1), start(today.year + 1, 1)),
    }


def _history(today) -> dict[int, dict]:
    """Per offering with a history: the places taken in the month, quarter and year around
    ``today``, and the mean rating with the number of ratings (None without).

    Two plain reads, counted in Python: the chosen options, and the current decisions of this
    year or with a rating, at every desk. Counting per offering in the database has it visit
    every option of the offerings, the chosen one and the ten alternatives a decision keeps."""
    (month, month_end), (quarter, quarter_end), (year, year_end) = _period_bounds(today).values()
    # The periods (month, quarter, year, each inside the next) a decision falls in: 3 for all.
    periods = Case(
        When(decided_at__gte=month, decided_at__lt=month_end, then=Value(3)),
        When(decided_at__gte=quarter, decided_at__lt=quarter_end, then=Value(2)),
        When(decided_at__gte=year, decided_at__lt=year_end, then=Value(1)),
        default=Value(0),
    )
    rated = Q(help_request__state=RequestState.EVALUATED, help_request__rating__isnull=False)
    decisions = {
        decision_id: (in_periods, rating)
        for decision_id, in_periods, rating in _fetch(
            Decision.objects.filter(superseded_by__isnull=True)
            .filter(Q(decided_at__gte=year, decided_at__lt=year_end) | rated)
            .annotate(periods=periods, given=Case(When(rated, then=F("help_request__rating"))))
            .order_by(),
            "id",
            "periods",
            "given",
        )
    }
    chosen = _fetch(
        DecisionOption.objects.filter(chosen=True).order_by(), "decision_id", "offering_id"
    )
    counts: dict[int, list[int]] = {}
    for decision_id, offering_id in chosen:
        decision = decisions.get(decision_id)
        if decision is None:
            continue  # superseded, or of another year and without a rating
        in_periods, rating = decision
        count = counts.get(offering_id)
        if count is None:
            count = counts[offering_id] = [0, 0, 0, 0, 0]  # month, quarter, year, ratings, sum
        if in_periods:
            count[2] += 1
            count[1] += in_periods >= 2
            count[0] += in_periods == 3
        if rating is not None:
            count[3] += 1
            count[4] += rating
    return {
        offering_id: {
            CapacityPeriod.MONTH: count[0],
            CapacityPeriod.QUARTER: count[1],
            CapacityPeriod.YEAR: count[2],
            "rating": (round(count[4] / count[3], 2), count[3]) if count[3] else None,
        }
        for offering_id, count in counts.items()
    }


def _fetch(queryset, *names) -> list[tuple]:
    """The rows of ``queryset`` with the columns ``names``, straight from the cursor: plain
    numbers need none of the ORM's conversions, which take a good part of the time for thousands
    of rows."""
    sql, params = queryset.values_list(*names).query.sql_with_params()
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(sql, params)
        columns = [column[0] for column in cursor.description]
        rows = cursor.fetchall()
    if columns == list(names):
        return rows
    order = [columns.index(name) for name in names]
    return [tuple(row[i] for i in order) for row in rows]


def _received_before(help_request, organisation) -> dict[int, datetime.date]:
    """When the organisation last received each offering, for another of its questions."""
    if organisation is None:
        return {}
    rows = (
        DecisionOption.objects.filter(chosen=True, decision__superseded_by__isnull=True)
        .filter(decision__help_request__organisation=organisation)
        .exclude(decision__help_request=help_request.pk)
        .values("offering_id")
        .annotate(last=Max("decision__decided_at"))
        .order_by()
        .values_list("offering_id", "last")
    )
    return {offering_id: timezone.localdate(last) for offering_id, last in rows}


# --- each criterion's value and sentence --------------------------------------------------------


class _ReasonMaker:
    """Makes a criterion's reason for a key (all its value depends on), and keeps it in
    ``memo`` for the next offering with the same key."""

    def __init__(self, weight, *, loket, organisation, org_sports, request_themes):
        self.weight = weight
        self.labels = {c.value: str(c.label) for c in Criterion}
        self.memo: dict[str, dict] = {c: {} for c in Criterion.values}
        self.loket = loket
        self.organisation = organisation
        self.provider_kind = PROVIDER_KIND_OF.get(organisation.kind) if organisation else None
        self.org_sports = org_sports
        self.request_themes = request_themes
        self._sport_names = None
        self.build = {
            Criterion.THEME: self.theme,
            Criterion.PROVIDER_KIND: self.provider_kind_fit,
            Criterion.SPORT: self.sport,
            Criterion.SCOPE: _scope,
            Criterion.CAPACITY: _capacity,
            Criterion.MONEY: _money,
            Criterion.SUPPORTER: self.supporter,
            Criterion.RATING: _rating,
            Criterion.NOVELTY: self.novelty,
        }

    def __call__(self, criterion: str, key) -> Reason:
        value, text = self.build[criterion](key)
        self.memo[criterion][key] = reason = Reason(
            criterion=str(criterion),
            label=self.labels[criterion],
            value=float(value),
            weight=self.weight[criterion],
            text=text,
        )
        return reason

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

    def supporter(self, registration):
        if not registration:
            return 1.0, _("No registration needed.")
        count = qualified_supporters(self.loket, registration)
        numbers = {"registration": str(Registration(registration).label), "count": count}
        if count is None:
            return 0.5, _("Needs %(registration)s; not checked yet.") % numbers
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


def _euros(cents: int) -> str:
    amount = formats.number_format(Decimal(cents) / 100, 2, use_l10n=True, force_grouping=True)
    return f"€ {amount}"


def _money(key):
    if key is None:
        return 1.0, _("Free for the desk.")
    cost, available = key
    if available is None:
        return 0.5, _("Costs %(cost)s; no fund information yet.") % {"cost": _euros(cost)}
    numbers = {"cost": _euros(cost), "available": _euros(available)}
    if available >= cost:
        return 1.0, _("Costs %(cost)s; a fund that may pay has %(available)s.") % numbers
    return 0.0, _("Costs %(cost)s; a fund that may pay has only %(available)s.") % numbers


def _rating(key):
    if key is None:
        return 0.5, _("No ratings yet.")
    mean, count = key
    return (mean - 1) / 4, ngettext(
        "Rated %(mean)s of 5 on average, after %(count)d question.",
        "Rated %(mean)s of 5 on average, after %(count)d questions.",
        count,
    ) % {"mean": formats.number_format(mean, 1, use_l10n=True), "count": count}
