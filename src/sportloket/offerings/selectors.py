"""Reads on the catalogue: what a desk sees and manages, and its matching weights."""

from django.db.models import (
    Prefetch,
    Q,
)

from sportloket.offerings.models import Offering, OfferingTheme


def visible_offerings(*, loket, search: str = "", kind: str = "", status: str = "",
                      scope: str = "", theme_key: str = ""):  # fmt: skip
    """The offerings this desk sees (its own, shared with it, national), filtered in the
    database, with what a list row shows."""
    return _filtered(
        Offering.objects.visible_to(loket.pk),
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
