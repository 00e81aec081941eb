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

from django.db.models import (
    Aggregate,
    Avg,
    CharField,
    Count,
    Max,
    OuterRef,
    Q,
    Subquery,
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
from sportloket.offerings.models import DecisionOption, MatchingWeights, Offering, OfferingTheme
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
    from sportloket.offerings.selectors import desk_weights

    today = today or timezone.localdate()
    loket = help_request.loket
    weight = weights_as_dict(desk_weights(loket=loket) if weights is None else weights)
    organisation = help_request.organisation if help_request.organisation_id else None
    org_sports = dict(organisation.sports.values_list("pk", "name")) if organisation else {}

    eligible = _eligible(help_request, organisation, today).values("pk")
    candidates = _candidates(eligible, org_sports)
    history = _history(eligible, today)
    received = _received_before(help_request, organisation)
    make = _ReasonMaker(
        weight,
        loket=loket,
        organisation=organisation,
        org_sports=org_sports,
        request_themes=list(help_request.themes.values_list("key", "name")),
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
    # Score high first (as negative cents), then title, then id.
    ranked.sort(key=lambda item: item[:3])
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


def _candidates(eligible, org_sports) -> list[tuple[Offering, frozenset[str], tuple[int, ...]]]:
    """Each eligible offering (with its delivering organisation), its theme keys and its sport
    ids, in one query. An offering for specific sports needs one the organisation offers, when
    its sports (``org_sports``, by id) are known.

    Django's own instantiation takes too long for thousands of offerings in the time a page has
    (``__init__`` sets field by field); this fills an instance's fields at once, with the state
    ``Model.from_db`` gives it, unless something listens to the init signals. One organisation
    instance serves all its offerings."""
    names = [f.attname for f in Offering._meta.concrete_fields if f.attname not in SKIPPED]
    org_names = [f.attname for f in Organisation._meta.concrete_fields if f.attname not in SKIPPED]
    rows = (
        Offering.objects.filter(pk__in=eligible)
        .order_by()
        .annotate(
            theme_keys=_joined(OfferingTheme.objects, "key"),
            sport_ids=_joined(Offering.sports.through.objects, "sport_id"),
        )
        .values_list(
            *(f"delivered_by__{name}" for name in org_names), *names, "theme_keys", "sport_ids"
        )
    )
    db = rows.db
    if any(
        signal.has_listeners(model)
        for signal in (signals.pre_init, signals.post_init)
        for model in (Offering, Organisation)
    ):
        rows = [row for row in rows if _plays(row[-1], org_sports)]
        return _candidates_from_db(rows, names, org_names, db)
    org_width = len(org_names)
    cache_name = Offering.delivered_by.field.cache_name
    organisations: dict[int, Organisation] = {}
    candidates = []
    for row in rows:
        if not _plays(row[-1], org_sports):
            continue
        organisation = organisations.get(row[0])
        if organisation is None:
            organisation = organisations[row[0]] = Organisation.__new__(Organisation)
            organisation.__dict__.update(zip(org_names, row, strict=False))
            state = organisation._state = ModelState()
            state.adding, state.db = False, db
        offering = Offering.__new__(Offering)
        offering.__dict__.update(zip(names, row[org_width:], strict=False))
        state = offering._state = ModelState()
        state.adding, state.db = False, db
        state.fields_cache = {cache_name: organisation}
        theme_keys, sport_ids = row[-2], row[-1]
        candidates.append((
            offering,
            frozenset(theme_keys.split(",")) if theme_keys else frozenset(),
            tuple(sorted(map(int, sport_ids.split(",")))) if sport_ids else (),
        ))  # fmt: skip
    return candidates


def _plays(sport_ids: str | None, org_sports) -> bool:
    """Whether the organisation offers one of an offering's sports (joined ids), or the offering
    is for every sport, or the organisation's sports are not known."""
    return not (sport_ids and org_sports) or any(int(s) in org_sports for s in sport_ids.split(","))


def _candidates_from_db(rows, names, org_names, db):
    """As ``_candidates``, through ``Model.from_db`` (which sends the init signals)."""
    org_width = len(org_names)
    candidates = []
    for row in rows:
        organisation = Organisation.from_db(db, org_names, row[:org_width])
        offering = Offering.from_db(db, names, row[org_width:-2])
        Offering.delivered_by.field.set_cached_value(offering, organisation)
        theme_keys, sport_ids = row[-2], row[-1]
        candidates.append((
            offering,
            frozenset(theme_keys.split(",")) if theme_keys else frozenset(),
            tuple(sorted(map(int, sport_ids.split(",")))) if sport_ids else (),
        ))  # fmt: skip
    return candidates


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


def _current_choices():
    """The chosen options of current decisions: those no other decision supersedes."""
    return DecisionOption.objects.filter(chosen=True, decision__superseded_by__isnull=True)


def _history(eligible, today) -> dict[int, dict]:
    """Per offering with a history, in one query: the places taken in the month, quarter and
    year around ``today``, and the mean rating with the number of ratings (None without)."""
    bounds = _period_bounds(today)
    taken = {
        str(period): Count("pk", filter=Q(decision__decided_at__gte=start,
                                          decision__decided_at__lt=end))
        for period, (start, end) in bounds.items()
    }  # fmt: skip
    rated = Q(
        decision__help_request__state=RequestState.EVALUATED,
        decision__help_request__rating__isnull=False,
    )
    rows = (
        _current_choices()
        .filter(offering__in=eligible)
        .values("offering_id")
        .annotate(
            **taken,
            rated=Count("decision__help_request__rating", filter=rated),
            mean=Avg("decision__help_request__rating", filter=rated),
        )
        .order_by()
        .values_list("offering_id", *(str(p) for p in bounds), "rated", "mean")
    )
    history = {}
    for offering_id, month, quarter, year, rated_count, mean in rows:
        history[offering_id] = {
            CapacityPeriod.MONTH: month,
            CapacityPeriod.QUARTER: quarter,
            CapacityPeriod.YEAR: year,
            "rating": (round(float(mean), 2), rated_count) if rated_count else None,
        }
    return history


def _received_before(help_request, organisation) -> dict[int, datetime.date]:
    """When the organisation last received each offering, for another of its questions."""
    if organisation is None:
        return {}
    rows = (
        _current_choices()
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
    """Makes a criterion's reason for a key (what the value depends on), and keeps it in
    ``memo`` for the next offering with the same key."""

    def __init__(self, weight, *, loket, organisation, org_sports, request_themes):
        self.weight = weight
        self.labels = {c.value: str(c.label) for c in Criterion}
        self.memo: dict[str, dict] = {c: {} for c in Criterion.values}
        self.made: dict[tuple, Reason] = {}
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
        self.telling = {Criterion.THEME: self.common_themes, Criterion.SPORT: self.common_sports}

    def __call__(self, criterion: str, key) -> Reason:
        # Offerings with other theme keys or sports can still share the sentence: it depends on
        # the themes and sports in common with the question and its organisation.
        telling = self.telling[criterion](key) if criterion in self.telling else key
        reason = self.made.get((criterion, telling))
        if reason is None:
            value, text = self.build[criterion](telling)
            reason = self.made[criterion, telling] = Reason(
                criterion=str(criterion),
                label=self.labels[criterion],
                value=float(value),
                weight=self.weight[criterion],
                text=text,
            )
        self.memo[criterion][key] = reason
        return reason

    def common_themes(self, offering_keys) -> tuple[str, ...]:
        return tuple(name for key, name in self.request_themes if key in offering_keys)

    def common_sports(self, sport_ids) -> tuple[bool, tuple[str, ...]] | None:
        """None for every sport; else whether the organisation's sports are known, and the
        names of the sports in common (all of the offering's when they are not known)."""
        if not sport_ids:
            return None
        if self.org_sports:
            return True, tuple(
                sorted(self.org_sports[s] for s in sport_ids if s in self.org_sports)
            )
        if self._sport_names is None:  # once per ranking, and only when needed
            self._sport_names = dict(Sport.objects.values_list("pk", "name"))
        return False, tuple(sorted(self._sport_names[s] for s in sport_ids))

    def theme(self, common):
        total = len(self.request_themes)
        if not total:
            return 0.5, _("The question has no themes yet.")
        if not common:
            return 0.0, ngettext(
                "Serves none of the question's %(total)d theme (%(names)s).",
                "Serves none of the question's %(total)d themes (%(names)s).",
                total,
            ) % {"total": total, "names": ", ".join(name for _key, name in self.request_themes)}
        return len(common) / total, ngettext(
            "Serves %(count)d of the question's %(total)d theme (%(names)s).",
            "Serves %(count)d of the question's %(total)d themes (%(names)s).",
            total,
        ) % {"count": len(common), "total": total, "names": ", ".join(common)}

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

    def sport(self, common):
        if common is None:
            return 0.6, _("For every sport.")
        known, names = common
        if known:
            return 1.0, ngettext(
                "For a sport the organisation offers: %(sports)s.",
                "For sports the organisation offers: %(sports)s.",
                len(names),
            ) % {"sports": ", ".join(names)}
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
        full = {
            CapacityPeriod.MONTH: _("Full this month (%(used)d of %(capacity)d places taken)."),
            CapacityPeriod.QUARTER: _("Full this quarter (%(used)d of %(capacity)d places taken)."),
            CapacityPeriod.YEAR: _("Full this year (%(used)d of %(capacity)d places taken)."),
        }
        return 0.0, full[period] % numbers
    some_left = {
        CapacityPeriod.MONTH: _("%(left)d of %(capacity)d places left this month."),
        CapacityPeriod.QUARTER: _("%(left)d of %(capacity)d places left this quarter."),
        CapacityPeriod.YEAR: _("%(left)d of %(capacity)d places left this year."),
    }
    return left / capacity, some_left[period] % numbers


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
