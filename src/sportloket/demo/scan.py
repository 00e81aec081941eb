"""The loket-scan's history for the demo: the monthly snapshot of every demo desk for the last
six months, each the scan as the desk's own data stood at the end of that month (the current
month's as it stands today), and the country's coverage. Idempotent: ``snapshot_take``
renews a month's snapshot."""

import datetime

from django.utils import timezone

from sportloket.scan import services

MONTHS = 6


def month_ends(today: datetime.date, months: int) -> list[datetime.date]:
    """The last day of each of the ``months - 1`` months before ``today``'s, oldest first,
    and ``today``."""
    ends = [today]
    first = today.replace(day=1)
    for _step in range(months - 1):
        end = first - datetime.timedelta(days=1)
        ends.append(end)
        first = end.replace(day=1)
    return list(reversed(ends))


def load_demo_scan(*desks) -> None:
    for on in month_ends(timezone.localdate(), MONTHS):
        for loket in desks:
            services.snapshot_take(loket=loket, on=on)
        services.coverage_snapshot_take(on=on)
