"""Reads on the catalogue: what a desk sees and manages, and its matching weights."""

from django.db.models import Prefetch, Q

from sportloket.offerings.models import MatchingWeights, Offering, OfferingTheme


def desk_weights(*, loket) -> MatchingWeights:
    """The desk's weights; the defaults until the desk sets its own (nothing is written)."""
    return MatchingWeights.objects.filter(loket=loket).first() or MatchingWeights(loket=loket)


def visible_offerings(*, loket, search: str = "", kind: str = "", status: str = "",
                      scope: str = "", theme_key: str = ""):  # fmt: skip
    """The offerings this desk sees (its own, shared with it, national), filtered in the
    database, with what a list row shows."""
    qs = Offering.objects.visible_to(loket)
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
