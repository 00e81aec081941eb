"""Reads on the catalogue: what a desk sees and manages, and its matching weights."""

import datetime

from django.db.models import Avg, Count, Exists, F, OuterRef, Prefetch, Q, Sum
from django.utils import timezone

from sportloket.offerings.models import (
    Decision,
    DecisionOption,
    MatchingWeights,
    Offering,
    OfferingTheme,
)


def desk_weights(*, loket) -> MatchingWeights:
    """The desk's weights; the defaults until the desk sets its own (nothing is written)."""
    desk_id = getattr(loket, "pk", loket)  # a desk or its id
    return MatchingWeights.objects.filter(loket_id=desk_id).first() or MatchingWeights(
        loket_id=desk_id
    )


def visible_offerings(*, loket, search: str = "", kind: str = "", status: str = "",
                      scope: str = "", theme_key: str = ""):  # fmt: skip
    """The offerings this desk sees (its own, shared with it, national), filtered in the
    database, with what a list row shows."""
    return _filtered(
        Offering.objects.visible_to(loket),
        search=search,
        kind=kind,
        status=status,
        scope=scope,
        theme_key=theme_key,
    )


def national_offerings(*, search: str = "", kind: str = "", status: str = "",
                       scope: str = "", theme_key: str = ""):  # fmt: skip
    """The national offerings (every desk sees them; the national team manages them), filtered
    like the catalogue. ``scope`` is accepted for the same filter form and can only narrow."""
    return _filtered(
        Offering.objects.filter(loket__isnull=True),
        search=search,
        kind=kind,
        status=status,
        scope=scope,
        theme_key=theme_key,
    )


def _filtered(qs, *, search, kind, status, scope, theme_key):
    if search:
        qs = qs.filter(Q(title__icontains=search) | Q(delivered_by__name__icontains=search))
    if kind:
        qs = qs.filter(kind=kind)
    if status:
        qs = qs.filter(status=status)
    if scope:
        qs = qs.filter(scope=scope)
    if theme_key:
        qs = qs.filter(themes__key=theme_key)
    return qs.select_related("delivered_by", "loket").prefetch_related(
        Prefetch("themes", queryset=OfferingTheme.objects.order_by("key"))
    )


def managed_by(*, offering, loket) -> bool:
    """Whether this desk manages the offering (national offerings: the national team)."""
    return loket is not None and offering.loket_id == loket.pk


def current_decision(*, help_request):
    """The decision that holds for a request (the one no other decision superseded), with its
    chosen offerings; None before any decision."""
    return (
        Decision.objects.filter(help_request=help_request, superseded_by__isnull=True)
        .select_related("decided_by")
        .prefetch_related(_options())
        .order_by("-decided_at", "-pk")
        .first()
    )


def request_decisions(*, help_request):
    """Every decision on a request, newest first, each with its ranked options."""
    return (
        Decision.objects.filter(help_request=help_request)
        .select_related("decided_by", "supersedes", "superseded_by")
        .prefetch_related(_options())
        .order_by("-decided_at", "-pk")
    )


def _options():
    return Prefetch(
        "options",
        queryset=DecisionOption.objects.select_related("offering__delivered_by").order_by("rank"),
    )


def decision_years(*, loket) -> list[int]:
    """The years (in the desk's time zone) in which the desk decided, newest first."""
    return [
        moment.year
        for moment in Decision.objects.filter(loket=loket)
        .order_by()
        .datetimes("decided_at", "year", order="DESC")
    ]


def _in_year(year: int) -> Q:
    """Decided in this calendar year (from and until midnight in the current time zone)."""
    zone = timezone.get_current_timezone()
    return Q(
        decided_at__gte=datetime.datetime(year, 1, 1, tzinfo=zone),
        decided_at__lt=datetime.datetime(year + 1, 1, 1, tzinfo=zone),
    )


def _passed_over() -> Q:
    """A decision with options whose top-ranked one was not chosen."""
    top_chosen = DecisionOption.objects.filter(decision=OuterRef("pk"), rank=1, chosen=True)
    return ~Exists(top_chosen) & Exists(DecisionOption.objects.filter(decision=OuterRef("pk")))


def _chosen_matching(search: str) -> Exists:
    """A chosen offering whose title or delivering organisation contains ``search``."""
    return Exists(
        DecisionOption.objects.filter(decision=OuterRef("pk"), chosen=True).filter(
            Q(offering__title__icontains=search) | Q(offering__delivered_by__name__icontains=search)
        )
    )


def _public_base(*, loket, year=None, theme=None, municipality=None, kind="", search=""):
    """The desk's decisions that hold, filtered in the database; no joins that repeat a row."""
    from sportloket.helprequests.models import HelpRequest

    decisions = Decision.objects.filter(loket=loket, superseded_by__isnull=True)
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
    of provider, a search in the chosen offerings). Newest first; paginate or stream it."""
    from sportloket.helprequests.models import Theme

    return (
        _public_base(loket=loket, **filters)
        .select_related("help_request__organisation__municipality")
        .only(
            "pk",
            "decided_at",
            "amount_cents",
            "public_summary",
            "help_request__id",
            "help_request__organisation__kind",
            "help_request__organisation__municipality__name",
        )
        .prefetch_related(
            Prefetch(
                "options",
                queryset=DecisionOption.objects.filter(chosen=True)
                .select_related("offering__delivered_by")
                .only("pk", "decision_id", "offering__title", "offering__delivered_by__name")
                .order_by("rank"),
                to_attr="chosen_options",
            ),
            Prefetch(
                "help_request__themes",
                queryset=Theme.objects.order_by("position").only("pk", "name"),
            ),
        )
        .order_by("-decided_at", "-pk")
    )


def public_distribution(*, loket, **filters) -> dict:
    """How the decisions of ``public_decisions`` (with the same filters) divide support and
    money: their number and amount in all, per theme and per municipality (a decision on a
    question with two themes counts for each), and per delivering organisation the number of
    decisions that chose one of its offerings. Four queries, whatever the number of decisions."""
    base = _public_base(loket=loket, **filters).order_by()
    totals = base.aggregate(decisions=Count("pk"), amount=Sum("amount_cents"))
    totals["amount"] = totals["amount"] or 0
    per_theme = list(
        base.values(name=F("help_request__themes__name"))
        .annotate(decisions=Count("pk"), amount=Sum("amount_cents"))
        .order_by("-decisions", "-amount", "name")
    )
    per_municipality = list(
        base.values(name=F("help_request__organisation__municipality__name"))
        .annotate(decisions=Count("pk"), amount=Sum("amount_cents"))
        .order_by("-decisions", "-amount", "name")
    )
    per_organisation = list(
        DecisionOption.objects.filter(chosen=True, decision__in=base.values("pk"))
        .values(name=F("offering__delivered_by__name"))
        .annotate(decisions=Count("decision", distinct=True))
        .order_by("-decisions", "name")
    )
    return {
        "totals": totals,
        "per_theme": per_theme,
        "per_municipality": per_municipality,
        "per_organisation": per_organisation,
    }


def decision_municipalities(*, loket):
    """The municipalities of the organisations that got a decision of the desk that holds."""
    from sportloket.registry.models import Municipality

    return Municipality.objects.filter(
        pk__in=Decision.objects.filter(loket=loket, superseded_by__isnull=True).values(
            "help_request__organisation__municipality"
        )
    ).order_by("name")


def partiality_monitor(*, loket, year=None):
    """Per delivering organisation: how often one of its offerings was ranked first and how
    often chosen in the desk's decisions that hold, and the providers' mean rating of it;
    and the decisions that passed over the top-ranked offering, with the reason given (newest
    first; paginate them), and how many of those give no reason. ``year``: only the decisions
    of that calendar year."""
    holding = Decision.objects.filter(loket=loket, superseded_by__isnull=True)
    current = Q(decision__in=holding.values("pk"))
    if year:
        holding = holding.filter(_in_year(year))
        current = Q(decision__in=holding.values("pk"))
    per_organisation = (
        DecisionOption.objects.filter(current)
        .values("offering__delivered_by", "offering__delivered_by__name")
        .annotate(
            ranked_first=Count("pk", filter=Q(rank=1)),
            chosen=Count("pk", filter=Q(chosen=True)),
        )
        .order_by()
    )
    ratings = {
        row["offering__delivered_by"]: row
        for row in DecisionOption.objects.filter(
            current, chosen=True, decision__help_request__rating__isnull=False
        )
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
    unexplained = passed_over.filter(deviation_reason="").count()
    return {"organisations": organisations, "deviations": deviations, "unexplained": unexplained}


class DecisionShow:
    """Which of the desk's decisions its list shows."""

    ALL = ""
    CURRENT = "current"  # those that hold: no later decision superseded them
    PASSED_OVER = "passed_over"  # those that hold and did not choose the top-ranked offering


def desk_decisions(*, loket, year=None, search: str = "", show: str = DecisionShow.ALL):
    """The desk's decisions, newest first, with the request, its organisation and the options.
    ``search`` looks in the chosen offerings' titles and delivering organisations and in the
    name of the question's organisation (as typed or in the register)."""
    decisions = Decision.objects.filter(loket=loket)
    if year:
        decisions = decisions.filter(_in_year(year))
    if search:
        decisions = decisions.filter(
            _chosen_matching(search)
            | Q(help_request__organisation_name__icontains=search)
            | Q(help_request__organisation__name__icontains=search)
        )
    if show in (DecisionShow.CURRENT, DecisionShow.PASSED_OVER):
        decisions = decisions.filter(superseded_by__isnull=True)
    if show == DecisionShow.PASSED_OVER:
        decisions = decisions.filter(_passed_over())
    return (
        decisions.select_related("decided_by", "help_request__organisation", "superseded_by")
        .prefetch_related(_options())
        .order_by("-decided_at", "-pk")
    )


def offering_use(*, offering, loket, today=None) -> dict:
    """How an offering is used, counted as matching counts it (chosen options of the decisions
    that hold): how often it was chosen at this desk and at every desk, the places taken in
    the capacity period that contains ``today`` (at every desk: the places are shared), and
    the mean rating of the evaluated questions that chose it; and this desk's five latest
    decisions that chose it. Two queries."""
    from sportloket.helprequests.constants import RequestState
    from sportloket.offerings.matching import period_bounds

    today = today or timezone.localdate()
    start, end = period_bounds(today, timezone.get_current_timezone())[offering.capacity_period]
    rated = Q(
        decision__help_request__state=RequestState.EVALUATED,
        decision__help_request__rating__isnull=False,
    )
    use = DecisionOption.objects.filter(
        offering=offering, chosen=True, decision__superseded_by__isnull=True
    ).aggregate(
        everywhere=Count("pk"),
        here=Count("pk", filter=Q(decision__loket=loket)),
        in_period=Count("pk", filter=Q(decision__decided_at__gte=start,
                                       decision__decided_at__lt=end)),
        rated=Count("pk", filter=rated),
        rating=Avg("decision__help_request__rating", filter=rated),
    )  # fmt: skip
    if offering.capacity is not None:
        use["left"] = max(offering.capacity - use["in_period"], 0)
    use["latest"] = list(
        Decision.objects.filter(
            loket=loket,
            superseded_by__isnull=True,
            options__offering=offering,
            options__chosen=True,
        )
        .select_related("help_request__organisation")
        .order_by("-decided_at", "-pk")[:5]
    )
    return use
