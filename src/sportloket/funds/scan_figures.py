"""Selectors: the desk's money as the loket-scan reads it: per kind of fund, the funds that run
on a day and whether the desk decides on them, and the money awarded in a period."""

from django.db.models import Count, Q
from django.utils import timezone

from sportloket.funds.constants import AllocationState
from sportloket.funds.models import AllocationChange, Fund


def scan_figures(*, loket, since, on=None) -> dict:
    """Two queries. ``funds``: per kind, ``running`` (active and running on ``on``),
    ``deciding`` (of those, the ones where the coordinator decides at least some allocations
    alone: no threshold, or one above zero) and ``ever`` (every fund of the kind the desk had
    by then); ``awarded``: allocations approved in ``since`` to ``on``."""
    on = on or timezone.localdate()
    running = Q(is_active=True, starts_on__lte=on, ends_on__gte=on)
    deciding = Q(approval_threshold_cents__isnull=True) | Q(approval_threshold_cents__gt=0)
    funds = {
        row["kind"]: row
        for row in Fund.objects.filter(loket=loket, starts_on__lte=on)
        .order_by()
        .values("kind")
        .annotate(
            ever=Count("pk"),
            running=Count("pk", filter=running),
            deciding=Count("pk", filter=running & deciding),
        )
    }
    awarded = (
        AllocationChange.objects.filter(
            allocation__fund__loket=loket,
            to_state=AllocationState.APPROVED,
            at__date__gte=since,
            at__date__lte=on,
        )
        .order_by()
        .count()
    )
    return {"funds": funds, "awarded": awarded}
