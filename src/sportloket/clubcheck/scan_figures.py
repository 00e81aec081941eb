"""Selectors: the local data the loket-scan reads for a desk: its latest club check, how many
providers were invited and answered, and whether its figures are public (a closed round)."""

from django.utils import timezone

from sportloket.clubcheck.selectors.rounds import desk_rounds


def scan_figures(*, loket, on=None) -> dict:
    """One query: the latest round of the desk (None without one)."""
    on = on or timezone.localdate()
    latest = desk_rounds(loket=loket).filter(opens_on__lte=on).first()
    if latest is None:
        return {"round": None}
    return {
        "round": latest.year,
        "invited": latest.invited,
        "answered": latest.answered,
        "published": latest.is_published(on),
        "closes_on": latest.closes_on,
    }
