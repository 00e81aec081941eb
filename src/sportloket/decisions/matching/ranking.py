"""The ranking: the eligible offerings for a question, each with its score and its reasons, best
first. Reads the candidates (``candidates``), makes each criterion's reason (``criteria``),
adds up the weighted values into a score, sorts, and makes each offering (a model instance)
only when it is read."""

from decimal import ROUND_HALF_UP, Decimal

from django.utils import timezone

from sportloket.decisions.constants import Criterion
from sportloket.decisions.matching.candidates import (
    CANDIDATE_COLUMNS,
    OFFERING_COLUMNS,
    candidates,
    delivering_organisations,
)
from sportloket.decisions.matching.criteria import OWN, ReasonMaker, weights_as_dict
from sportloket.decisions.matching.instances import collector_paused, maker
from sportloket.decisions.selectors import desk_weights
from sportloket.offerings.constants import CapacityPeriod
from sportloket.offerings.models import Offering

CENT = Decimal("0.01")
MISSING = object()
# Where each column is in a row of ``candidates``.
AT = {name: i for i, name in enumerate(CANDIDATE_COLUMNS)}
_DELIVERED_BY_CACHE = Offering.delivered_by.field.cache_name


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


def rank_offerings(*, help_request, today=None, weights=None) -> list[Ranked]:
    """The eligible offerings for a help request, best first, each with its score and reasons.

    ``weights``: a MatchingWeights or a mapping by criterion; the desk's weights by default. The
    offerings come with their delivering organisation; timestamps and the active period (a
    ranking does not show them) load when read, as deferred fields do."""
    today = today or timezone.localdate()
    # The desk by its id: every read below filters on it, and loading the desk takes a query.
    loket_id = help_request.loket_id
    weight = weights_as_dict(desk_weights(loket_id=loket_id) if weights is None else weights)
    organisation = help_request.organisation if help_request.organisation_id else None
    org_sports = dict(organisation.sports.values_list("pk", "name")) if organisation else {}
    request_themes = list(help_request.themes.values_list("key", "name"))

    with collector_paused():
        return _ranking(
            help_request,
            today=today,
            loket_id=loket_id,
            weight=weight,
            organisation=organisation,
            org_sports=org_sports,
            request_themes=request_themes,
        )


def _ranking(help_request, *, today, loket_id, weight, organisation, org_sports, request_themes):
    rows = candidates(
        help_request,
        organisation,
        request_keys={key for key, _name in request_themes},
        today=today,
    )
    organisations = delivering_organisations(rows)
    make = ReasonMaker(
        weight,
        loket_id=loket_id,
        organisation=organisation,
        org_sports=org_sports,
        request_themes=request_themes,
        today=today,
    )
    return _rank(rows, organisations, org_sports, make, loket_id, sum(weight.values()))


def _rank(rows, organisations, org_sports, make, loket_id, total_weight) -> list[Ranked]:
    """Filters the rows of ``candidates`` on the sport, scores them and sorts them.

    One pass over the rows, reading them by position: with thousands of offerings, every step
    per offering counts. Most offerings share most of their reasons: each distinct one is made
    once (a sentence translated for each of thousands of offerings would be slow), and so is
    each distinct score."""
    fit_of = _fit(make, org_sports)
    standing_of = _standing(make, loket_id, rows.read_received)
    score_of = _scores(total_weight)
    make_offering = maker(Offering, OFFERING_COLUMNS, rows.db)
    pk_at, title_at, delivered_by_at = AT["id"], AT["title"], AT["delivered_by_id"]
    ranked = []
    for row in rows:
        fit = fit_of(row)
        if fit is None:
            continue  # for other sports than the organisation's
        theme, kind, sport = fit
        scope, capacity, money, supporter, rating, novelty = standing_of(row)
        order, score = score_of(
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
        reasons = (theme[0], kind[0], sport[0], scope[0], capacity[0], money[0], supporter[0],
                   rating[0], novelty[0])  # fmt: skip
        pk = row[pk_at]
        source = (make_offering, row, organisations[row[delivered_by_at]])
        ranked.append((order, row[title_at], pk, Ranked(pk, score, reasons, source)))
    # Score high first (as negative cents), then title, then id (unique: the Ranked objects
    # themselves are never compared).
    ranked.sort()
    return [item[3] for item in ranked]


def _fit(make, org_sports):
    """A function that gives the reasons (each with its weighted value) for how a row's
    offering fits the question: its theme, kind of provider and sport; None when it is for
    other sports than the organisation's (it does not rank)."""
    themes_at, kinds_at, sports_at = AT["themes"], AT["provider_kinds"], AT["sports"]
    request_keys = make.request_keys
    kinds = make.memo[Criterion.PROVIDER_KIND]
    # The theme's and the sport's reasons by the text the database joined (or None).
    theme_of: dict[str | None, tuple] = {}
    sport_of: dict[str | None, tuple | None] = {}

    def fit(row):
        text = row[sports_at]
        sport = sport_of.get(text, MISSING)
        if sport is MISSING:
            sport = sport_of[text] = _sport(make, org_sports, text)
        if sport is None:
            return None
        text = row[themes_at]
        theme = theme_of.get(text)
        if theme is None:
            keys = frozenset(text.split(",")) & request_keys if text else frozenset()
            theme = theme_of[text] = make(Criterion.THEME, keys)
        key = row[kinds_at]
        kind = kinds.get(key) or make(Criterion.PROVIDER_KIND, key)
        return theme, kind, sport

    return fit


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


def _standing(make, loket_id, read_received):
    """A function that gives the reasons (each with its weighted value) for a row's offering
    itself and its history: scope, capacity, money, supporter, rating and novelty."""
    owner_at, scope_at, cost_at = AT["loket_id"], AT["scope"], AT["cost_cents"]
    capacity_at, period_at, registration_at = (
        AT["capacity"],
        AT["capacity_period"],
        AT["required_registration"],
    )
    ratings_at, rating_sum_at, received_at = AT["ratings"], AT["rating_sum"], AT["received"]
    used_at = {
        CapacityPeriod.MONTH: AT["in_month"],
        CapacityPeriod.QUARTER: AT["in_quarter"],
        CapacityPeriod.YEAR: AT["in_year"],
    }
    memo = make.memo
    scopes, capacities, moneys = (
        memo[Criterion.SCOPE],
        memo[Criterion.CAPACITY],
        memo[Criterion.MONEY],
    )
    supporters, ratings = memo[Criterion.SUPPORTER], memo[Criterion.RATING]
    # The novelty's reason by when the organisation received the offering, as the database
    # gives it (or None).
    novelty_of: dict = {}

    def standing(row):
        key = OWN if row[owner_at] == loket_id else row[scope_at]
        scope = scopes.get(key) or make(Criterion.SCOPE, key)
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
        return scope, capacity, money, supporter, rating, novelty

    return standing


def _scores(total_weight):
    """A function from the sum of an offering's weighted values to its place in the order
    (minus the score in cents) and its score: the weighted mean x 100, rounded to 0.01 (0 when
    every weight is 0); each distinct sum is worked out once."""
    scores: dict[float, tuple[int, Decimal]] = {}

    def score_of(points):
        score = scores.get(points)
        if score is None:
            exact = Decimal(points / total_weight * 100) if total_weight else Decimal(0)
            rounded = exact.quantize(CENT, ROUND_HALF_UP)
            score = scores[points] = (-int(rounded * 100), rounded)
        return score

    return score_of
