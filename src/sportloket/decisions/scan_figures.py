"""Selectors: the decisions the loket-scan reads for a desk: those made in a period that still
hold, how many passed over the top-ranked offering, and how many of those without a reason."""

from django.db.models import Count, Q
from django.utils import timezone

from sportloket.core.dates import day_range
from sportloket.decisions.models import Decision
from sportloket.decisions.selectors import _passed_over


def scan_figures(*, loket, since, on=None) -> dict:
    """One query."""
    on = on or timezone.localdate()
    start, end = day_range(since, on)
    return (
        Decision.objects.filter(loket=loket, decided_at__gte=start, decided_at__lt=end)
        .holding()
        .annotate(passed=_passed_over())
        .order_by()
        .aggregate(
            decisions=Count("pk"),
            passed_over=Count("pk", filter=Q(passed=True)),
            unexplained=Count("pk", filter=Q(passed=True, deviation_reason="")),
        )
    )
