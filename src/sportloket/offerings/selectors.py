"""Reads on the catalogue: what a desk sees and manages, and its matching weights."""

from django.db.models import Avg, Count, Exists, OuterRef, Prefetch, Q

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


def public_decisions(*, loket):
    """The desk's decisions that hold, for the public register: what was decided and why,
    about which theme, kind of provider and municipality; never the provider's or a person's
    name, e-mail or phone. Newest first; paginate or stream it."""
    from sportloket.helprequests.models import Theme

    return (
        Decision.objects.filter(loket=loket, superseded_by__isnull=True)
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


def partiality_monitor(*, loket):
    """Per delivering organisation: how often one of its offerings was ranked first and how
    often chosen in the desk's decisions that hold, and the providers' mean rating of it;
    and the decisions that passed over the top-ranked offering, with the reason given (newest
    first; paginate them), and how many of those give no reason."""
    current = Q(decision__loket=loket, decision__superseded_by__isnull=True)
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
    top_chosen = DecisionOption.objects.filter(decision=OuterRef("pk"), rank=1, chosen=True)
    deviations = (
        Decision.objects.filter(loket=loket, superseded_by__isnull=True)
        .exclude(Exists(top_chosen))
        .filter(Exists(DecisionOption.objects.filter(decision=OuterRef("pk"))))
        .select_related("decided_by")
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
    unexplained = (
        Decision.objects.filter(loket=loket, superseded_by__isnull=True, deviation_reason="")
        .exclude(Exists(top_chosen))
        .filter(Exists(DecisionOption.objects.filter(decision=OuterRef("pk"))))
        .count()
    )
    return {"organisations": organisations, "deviations": deviations, "unexplained": unexplained}


def desk_decisions(*, loket):
    """All decisions of the desk, newest first, with the request and its options."""
    return (
        Decision.objects.filter(loket=loket)
        .select_related("decided_by", "help_request", "superseded_by")
        .prefetch_related(_options())
        .order_by("-decided_at", "-pk")
    )
