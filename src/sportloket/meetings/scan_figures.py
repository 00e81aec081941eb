"""Selectors: the network meetings the loket-scan reads for a desk: those held in a period,
those a sport platform organised with the desk or attended, and the organisations present."""

from django.db.models import Count, Q
from django.utils import timezone

from sportloket.core.dates import day_range
from sportloket.meetings.constants import MeetingKind
from sportloket.meetings.models import Attendance, Meeting
from sportloket.registry.constants import OrganisationKind

# What brings the local sport network together (a workshop or a course is support instead).
NETWORK_KINDS = (MeetingKind.NETWORK, MeetingKind.SPORT_CAFE)


def scan_figures(*, loket, since, on=None) -> dict:
    """Three queries. A network meeting or sport café counts as held when it was not cancelled
    and started in ``since`` to ``on``."""
    on = on or timezone.localdate()
    start, end = day_range(since, on)
    held = Meeting.objects.filter(
        loket=loket,
        kind__in=NETWORK_KINDS,
        cancelled_at__isnull=True,
        starts_at__gte=start,
        starts_at__lt=end,
    )
    platform = OrganisationKind.SPORT_PLATFORM
    counts = held.order_by().aggregate(
        held=Count("pk", distinct=True),
        with_platform=Count(
            "pk",
            distinct=True,
            filter=Q(co_organisers__kind=platform) | Q(attendances__organisation__kind=platform),
        ),
    )
    present = set(
        Attendance.objects.filter(meeting__in=held, organisation__isnull=False)
        .order_by()
        .values_list("organisation_id", flat=True)
        .distinct()
    ) | set(
        held.filter(co_organisers__isnull=False)
        .order_by()
        .values_list("co_organisers", flat=True)
        .distinct()
    )
    return {**counts, "organisations": present}
