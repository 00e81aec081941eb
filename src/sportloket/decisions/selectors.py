"""Reads on decisions: a question's decisions, the desk's list, the public register, the
multi-partiality monitor, an offering's use and the desk's matching weights."""

import datetime
from collections import defaultdict
from collections.abc import Iterator
from typing import NamedTuple

from django.db.models import (
    Avg,
    Count,
    Exists,
    F,
    Max,
    Min,
    OuterRef,
    Prefetch,
    Q,
    Sum,
    Value,
)
from django.utils import timezone

from sportloket.core.models import Theme
from sportloket.core.permissions import Capability
from sportloket.decisions.counting import RATED, period_bounds
from sportloket.decisions.models import Decision, DecisionOption, MatchingWeights, superseded
from sportloket.funds import selectors as fund_selectors
from sportloket.helprequests.models import HelpRequest
from sportloket.helprequests.selectors import visible_requests
from sportloket.offerings.models import Offering


def desk_weights(*, loket_id) -> MatchingWeights:
    """The desk's weights; the defaults until the desk sets its own (nothing is written)."""
    return MatchingWeights.objects.filter(loket_id=loket_id).first() or MatchingWeights(
        loket_id=loket_id
    )


def current_decision(*, help_request):
    """The decision that holds for a request (the one no other decision superseded), with its
    chosen offerings (``chosen_options``, by rank); None before any decision."""
    chosen = DecisionOption.objects.filter(chosen=True).select_related("offering__delivered_by")
    return (
        Decision.objects.filter(help_request=help_request)
        .holding()
        .prefetch_related(Prefetch("options", chosen.order_by("rank"), to_attr="chosen_options"))
        .order_by("-decided_at", "-pk")
        .first()
    )


def request_decisions(*, help_request):
    """Every decision on a request, newest first, each with its chosen options (as
    ``options``) and ``is_superseded`` (see ``superseded``: a join of the reverse one-to-one
    reads every decision of every desk on SQLite too)."""
    return (
        Decision.objects.filter(help_request=help_request)
        .annotate(is_superseded=superseded())
        .select_related("decided_by", "supersedes")
        .prefetch_related(_chosen_options())
        .order_by("-decided_at", "-pk")
    )


def readable_requests(*, membership):
    """The questions this member opens on the shared page (``visible_requests``: for a
    partner those shared with them), newest first, each with its organisation, municipality
    and themes: a fixed number of queries per page."""
    return (
        visible_requests(membership=membership)
        .select_related("organisation__municipality")
        .prefetch_related(Prefetch("themes", queryset=Theme.objects.order_by("position", "pk")))
        .order_by("-submitted_at", "-pk")
    )


def shared_decisions(*, help_request) -> list[dict]:
    """Every decision on a question, newest first, as the shared page shows it: the decision
    with its options as they were ranked, the chosen ones, and whether a newer decision
    superseded it. Three queries."""
    decisions = (
        Decision.objects.filter(help_request=help_request)
        .select_related("superseded_by")
        .prefetch_related(_options())
        .order_by("-decided_at", "-pk")
    )
    rows = []
    for decision in decisions:
        options = list(decision.options.all())
        rows.append(
            {
                "decision": decision,
                "options": options,
                "chosen": [option for option in options if option.chosen],
                "superseded": getattr(decision, "superseded_by", None) is not None,
                "prefix": f"decision-{decision.pk}",
            }
        )
    return rows


def _options():
    return Prefetch(
        "options",
        queryset=DecisionOption.objects.select_related("offering__delivered_by").order_by("rank"),
    )


def _chosen_options():
    """``options`` as the lists of decisions show them (``_decisions.html``): the chosen ones,
    by rank; a decision ranks a dozen offerings, its list shows one or two."""
    chosen = (
        DecisionOption.objects.filter(chosen=True)
        .select_related("offering__delivered_by")
        .only(
            "decision_id",
            "rank",
            "score",
            "chosen",
            "offering__title",
            "offering__delivered_by__name",
        )
    )
    return Prefetch("options", queryset=chosen.order_by("rank"))


def decision_years(*, loket) -> list[int]:
    """The years (in the current time zone) from the desk's last decision back to its first,
    newest first; none without decisions. Read from the first and the last moment only: a
    year per decision would take a conversion per row."""
    span = Decision.objects.filter(loket=loket).aggregate(
        first=Min("decided_at"), last=Max("decided_at")
    )
    return years_between(span["first"], span["last"])


def years_between(first, last) -> list[int]:
    """The years (in the current time zone) from the moment ``last`` back to ``first``, newest
    first; none without them."""
    if first is None:
        return []
    first, last = (timezone.localtime(moment).year for moment in (first, last))
    return list(range(last, first - 1, -1))


def _in_year(year: int) -> Q:
    """Decided in this calendar year (from and until midnight in the current time zone)."""
    zone = timezone.get_current_timezone()
    return Q(
        decided_at__gte=datetime.datetime(year, 1, 1, tzinfo=zone),
        decided_at__lt=datetime.datetime(year + 1, 1, 1, tzinfo=zone),
    )


def _passed_over() -> Exists:
    """A decision whose top-ranked option was not chosen (a decision keeps the option ranked
    first whenever it has options: one lookup in the index of decision and rank)."""
    return Exists(DecisionOption.objects.filter(decision=OuterRef("pk"), rank=1, chosen=False))


def _chosen_matching(search: str) -> Q:
    """A chosen offering whose title or delivering organisation contains ``search``: the few
    offerings that match first, then their chosen options by the index on them."""
    offerings = Offering.objects.filter(
        Q(title__icontains=search) | Q(delivered_by__name__icontains=search)
    ).values("pk")
    return Q(
        pk__in=DecisionOption.objects.filter(offering__in=offerings, chosen=True).values("decision")
    )


def _public_base(*, loket, year=None, theme=None, municipality=None, kind="", search=""):
    """The desk's decisions that hold, filtered in the database; no joins that repeat a row."""
    decisions = Decision.objects.filter(loket=loket).holding()
    if year:
        decisions = decisions.filter(_in_year(year))
    if theme:
        themed = HelpRequest.themes.through.objects.filter(
            helprequest=OuterRef("help_request"), theme=theme
        )
        decisions = decisions.filter(Exists(themed))
    if municipality:
        decisions = decisions.filter(help_request__organisation__municipality__code=municipality)
    if kind:
        decisions = decisions.filter(help_request__organisation__kind=kind)
    if search:
        decisions = decisions.filter(_chosen_matching(search))
    return decisions


def public_decisions(*, loket, **filters):
    """The desk's decisions that hold, for the public register: what was decided and why,
    about which theme, kind of provider and municipality; never the provider's or a person's
    name, e-mail or phone. Filtered as ``public_distribution`` (year, theme, municipality, kind
    of provider, a search in the chosen offerings). Each with how its amount is paid: what is
    paid outside the funds (``outside_cents``) and what the funds awarded (``awarded_cents``);
    the rest (``open_cents``) is not awarded yet. Newest first; the register's page and CSV
    read them as plain rows (``public_register_values``, ``public_decision_rows``)."""
    return (
        _public_base(loket=loket, **filters)
        .annotate(awarded_cents=fund_selectors.awarded_to(OuterRef("pk")))
        .annotate(open_cents=F("amount_cents") - F("outside_cents") - F("awarded_cents"))
        .order_by("-decided_at", "-pk")
    )


class PublicRow(NamedTuple):
    """A decision of the public register as plain values (see ``public_rows``)."""

    pk: int
    decided_at: datetime.datetime
    themes: list[str]
    kind: str | None  # of the question's organisation; None without one from the register
    municipality: str | None
    chosen: list[tuple[str, str]]  # (offering, delivering organisation), by rank
    amount_cents: int
    public_summary: str
    outside_cents: int  # paid outside the funds
    awarded_cents: int  # awarded by the funds; the rest of the amount is not awarded yet

    @property
    def open_cents(self) -> int:
        return max(self.amount_cents - self.outside_cents - self.awarded_cents, 0)


# What a row of the register shows of a decision itself, in ``public_rows``' order.
_ROW_VALUES = (
    "pk",
    "decided_at",
    "help_request_id",
    "help_request__organisation__kind",
    "help_request__organisation__municipality__name",
    "amount_cents",
    "public_summary",
    "outside_cents",
    "awarded_cents",
)


def _row_values(decisions):
    return decisions.annotate(awarded_cents=fund_selectors.awarded_to(OuterRef("pk"))).values_list(
        *_ROW_VALUES
    )


def public_register_values(*, loket, **filters):
    """The decisions of ``public_decisions`` (the same filters and order) as the values of
    their rows, to paginate: ``public_rows`` turns a page of them into rows."""
    return _row_values(_public_base(loket=loket, **filters)).order_by("-decided_at", "-pk")


def public_rows(values) -> list[PublicRow]:
    """Decisions as ``public_register_values`` reads them, in their order, as plain rows with
    their chosen offerings and the themes of their questions: two queries, and no model
    instances (a page of them renders without a lookup per row)."""
    values = list(values)
    chosen = defaultdict(list)
    for decision, title, by in (
        DecisionOption.objects.filter(decision__in=[row[0] for row in values], chosen=True)
        .order_by("decision_id", "rank")
        .values_list("decision_id", "offering__title", "offering__delivered_by__name")
    ):
        chosen[decision].append((title, by))
    themes = defaultdict(list)
    for help_request_id, name in (
        HelpRequest.themes.through.objects.filter(helprequest__in={row[2] for row in values})
        .order_by("theme__position", "theme__pk")
        .values_list("helprequest_id", "theme__name")
    ):
        themes[help_request_id].append(name)
    return [
        PublicRow(pk, at, themes[question], kind, place, chosen[pk], *money)
        for pk, at, question, kind, place, *money in values
    ]


EXPORT_CHUNK = 500


def public_decision_rows(*, loket, **filters) -> Iterator[PublicRow]:
    """The decisions of ``public_decisions`` (the same filters and order) as plain rows, for an
    export of tens of thousands: three queries per 500 decisions, and no model instances."""
    ids = list(
        _public_base(loket=loket, **filters)
        .order_by("-decided_at", "-pk")
        .values_list("pk", flat=True)
    )
    for start in range(0, len(ids), EXPORT_CHUNK):
        chunk = ids[start : start + EXPORT_CHUNK]
        values = {row[0]: row for row in _row_values(Decision.objects.filter(pk__in=chunk))}
        yield from public_rows(values[pk] for pk in chunk)


def public_distribution(*, loket, **filters) -> dict:
    """How the decisions of ``public_decisions`` (with the same filters) divide support and
    money: their number and amount in all, per theme and per municipality (a decision on a
    question with two themes counts for each), and per delivering organisation the number of
    decisions that chose one of its offerings; and how the amount in all is paid: what the
    funds awarded, what is paid outside the funds, and what is not awarded yet (the three add
    up to the amount). Three queries, whatever the number of decisions, each group with its
    name; the totals are the sums of the groups per municipality (every decision has one
    municipality, or none)."""
    base = _public_base(loket=loket, **filters).order_by()
    amounts = {"decisions": Count("pk"), "amount": Sum("amount_cents")}
    per_municipality = _by_size(
        base.annotate(awarded_cents=fund_selectors.awarded_to(OuterRef("pk")))
        .values(
            group=F("help_request__organisation__municipality"),
            name=F("help_request__organisation__municipality__name"),
        )
        .annotate(**amounts, outside=Sum("outside_cents"), awarded=Sum("awarded_cents"))
    )
    per_theme = _by_size(
        base.values(group=F("help_request__themes"), name=F("help_request__themes__name")).annotate(
            **amounts
        )
    )
    per_organisation = _by_size(
        base.filter(options__chosen=True)
        .values(
            group=F("options__offering__delivered_by"),
            name=F("options__offering__delivered_by__name"),
        )
        .annotate(decisions=Count("pk", distinct=True))
    )
    totals = {
        key: sum(row.get(key) or 0 for row in per_municipality)
        for key in ("decisions", "amount", "outside", "awarded")
    }
    for row in per_municipality:
        del row["outside"], row["awarded"]
    totals["open"] = max(totals["amount"] - totals["outside"] - totals["awarded"], 0)
    return {
        "totals": totals,
        "per_theme": per_theme,
        "per_municipality": per_municipality,
        "per_organisation": per_organisation,
    }


def _by_size(groups) -> list[dict]:
    """The rows of ``groups`` (grouped by the id in "group", with its "name", or None), most
    decisions first, then most money, then by name."""
    rows = list(groups.order_by())
    for row in rows:
        del row["group"]
        if "amount" in row:
            row["amount"] = row["amount"] or 0  # a sum over no amounts
    rows.sort(key=lambda row: (-row["decisions"], -row.get("amount", 0), row["name"] or ""))
    return rows


def decision_municipalities(*, loket):
    """The municipalities the public register filters on: the desk's work area (the totals per
    municipality also show a municipality outside it)."""
    return loket.work_area.order_by("name")


def partiality_monitor(*, loket, year=None):
    """Per delivering organisation: how often one of its offerings was ranked first and how
    often chosen in the desk's decisions that hold, and the providers' mean rating of it;
    and the decisions that passed over the top-ranked offering, with the reason given (newest
    first; paginate them), how many there are and how many of those give no reason.
    ``year``: only the decisions of that calendar year."""
    holding = Decision.objects.filter(loket=loket).holding()
    if year:
        holding = holding.filter(_in_year(year))
    current = Q(decision__in=holding.values("pk"))
    # Only the options ranked first or chosen count: the others are most of the rows.
    per_organisation = (
        DecisionOption.objects.filter(current)
        .filter(Q(rank=1) | Q(chosen=True))
        .values("offering__delivered_by", "offering__delivered_by__name")
        .annotate(
            ranked_first=Count("pk", filter=Q(rank=1)),
            chosen=Count("pk", filter=Q(chosen=True)),
        )
        .order_by()
    )
    ratings = {
        row["offering__delivered_by"]: row
        for row in DecisionOption.objects.filter(current, RATED, chosen=True)
        .values("offering__delivered_by")
        .annotate(rated=Count("pk"), rating=Avg("decision__help_request__rating"))
        .order_by()
    }
    passed_over = holding.filter(_passed_over())
    deviations = (
        passed_over.select_related("decided_by")
        .prefetch_related(_options())
        .order_by("-decided_at", "-pk")
    )
    organisations = sorted(
        (
            row | {"rated": 0, "rating": None} | ratings.get(row["offering__delivered_by"], {})
            for row in per_organisation
            if row["ranked_first"] or row["chosen"]
        ),
        key=lambda row: (-row["chosen"], -row["ranked_first"], row["offering__delivered_by__name"]),
    )
    counts = passed_over.order_by().aggregate(
        passed_over=Count("pk"), unexplained=Count("pk", filter=Q(deviation_reason=""))
    )
    return {"organisations": organisations, "deviations": deviations, **counts}


class DecisionShow:
    """Which of the desk's decisions its list shows."""

    ALL = ""
    CURRENT = "current"  # those that hold: no later decision superseded them
    PASSED_OVER = "passed_over"  # those that hold and did not choose the top-ranked offering


def _readable(reader) -> Exists | Value:
    """Whether ``reader`` (a membership, or None) may open a decision's question: only then
    does a list show the name the provider typed (it may be a person's) and link to it."""
    if reader is None or not reader.can(Capability.VIEW_REQUESTS):
        return Value(False)
    return Exists(visible_requests(membership=reader).filter(pk=OuterRef("help_request")))


def desk_decisions(*, loket, reader=None, year=None, search: str = "",
                   show: str = DecisionShow.ALL):  # fmt: skip
    """The desk's decisions, newest first, with the request, its organisation and the chosen
    options (as ``options``), each with ``is_superseded`` (as ``request_decisions``) and
    ``readable``: whether ``reader`` (a membership) may open its question. ``search`` looks in
    the chosen offerings' titles and delivering organisations, the name of the question's
    organisation in the register, and the name the provider typed where readable."""
    decisions = Decision.objects.filter(loket=loket).annotate(readable=_readable(reader))
    if year:
        decisions = decisions.filter(_in_year(year))
    if search:
        decisions = decisions.filter(
            _chosen_matching(search)
            | Q(help_request__organisation__name__icontains=search)
            | Q(help_request__organisation_name__icontains=search, readable=True)
        )
    if show in (DecisionShow.CURRENT, DecisionShow.PASSED_OVER):
        decisions = decisions.holding()
    if show == DecisionShow.PASSED_OVER:
        decisions = decisions.filter(_passed_over())
    return (
        decisions.annotate(is_superseded=superseded())
        .select_related("decided_by", "help_request__organisation")
        .prefetch_related(_chosen_options())
        .order_by("-decided_at", "-pk")
    )


def offering_use(*, offering, loket, reader=None, today=None) -> dict:
    """How an offering is used, counted as matching counts it (chosen options of the decisions
    that hold): how often it was chosen at this desk and at every desk, the places taken in
    the capacity period that contains ``today`` (at every desk: the places are shared), and
    the mean rating of the evaluated questions that chose it; and this desk's five latest
    decisions that chose it (each with ``readable``, as ``desk_decisions``). Two queries."""
    today = today or timezone.localdate()
    start, end = period_bounds(today, timezone.get_current_timezone())[offering.capacity_period]
    in_period = Q(decision__decided_at__gte=start, decision__decided_at__lt=end)
    use = (
        DecisionOption.objects.filter(offering=offering, chosen=True)
        .exclude(superseded("decision"))
        .aggregate(
            everywhere=Count("pk"),
            here=Count("pk", filter=Q(decision__loket=loket)),
            in_period=Count("pk", filter=in_period),
            rated=Count("pk", filter=RATED),
            rating=Avg("decision__help_request__rating", filter=RATED),
        )
    )
    if offering.capacity is not None:
        use["left"] = max(offering.capacity - use["in_period"], 0)
    use["latest"] = list(
        Decision.objects.filter(loket=loket, options__offering=offering, options__chosen=True)
        .holding()
        .annotate(readable=_readable(reader))
        .select_related("help_request__organisation")
        .order_by("-decided_at", "-pk")[:5]
    )
    return use
