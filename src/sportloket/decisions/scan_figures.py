"""Selectors: the decisions the loket-scan reads for a desk: those made in a period that still
hold, how many passed over the top-ranked offering, and how many of those without a reason."""

import datetime

from django.db.models import Count, Q
from django.utils import timezone

from sportloket.decisions.models import Decision
from sportloket.decisions.selectors import _passed_over


def scan_figures(*, loket, since, on=None) -> dict:
    """One query."""
    on = on or timezone.localdate()
    zone = timezone.get_current_timezone()
    start = datetime.datetime.combine(since, datetime.time.min, tzinfo=zone)
    end = datetime.datetime.combine(on + datetime.timedelta(days=1), datetime.time.min, tzinfo=zone)
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
