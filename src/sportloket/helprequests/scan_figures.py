"""Selectors: the front door as the loket-scan reads it for a desk: the questions asked in a
period, and the questions referred between it and other desks; and the questions of a year for
the yearly report."""

import datetime

from django.db.models import Avg, Count, F, Q
from django.utils import timezone

from sportloket.core.dates import day_range
from sportloket.helprequests.models import HelpRequest, Referral


def scan_figures(*, loket, since, on=None) -> dict:
    """Two queries."""
    on = on or timezone.localdate()
    start, end = day_range(since, on)
    questions = HelpRequest.objects.filter(
        loket=loket, created_at__gte=start, created_at__lt=end
    ).count()
    referrals = Referral.objects.filter(
        Q(help_request__loket=loket, to_loket__isnull=False) | Q(to_loket=loket),
        created_at__gte=start,
        created_at__lt=end,
    )
    sent = received = 0
    for to_loket_id in referrals.order_by().values_list("to_loket_id", flat=True):
        if to_loket_id == loket.pk:
            received += 1
        else:
            sent += 1
    return {"questions": questions, "referrals_sent": sent, "referrals_received": received}


def year_figures(*, loket, year: int) -> dict:
    """The questions of a calendar year for the desk's yearly report: how many were asked, per
    month and per theme (a question with two themes counts for each), and the providers'
    ratings of the questions closed that year. Three queries."""
    zone = timezone.get_current_timezone()
    start = datetime.datetime(year, 1, 1, tzinfo=zone)
    end = datetime.datetime(year + 1, 1, 1, tzinfo=zone)
    asked = HelpRequest.objects.filter(loket=loket, created_at__gte=start, created_at__lt=end)
    per_month = dict.fromkeys(range(1, 13), 0)
    for created_at in asked.order_by().values_list("created_at", flat=True):
        per_month[timezone.localtime(created_at, zone).month] += 1
    per_theme = list(
        asked.filter(themes__isnull=False)
        .order_by()
        .values(name=F("themes__name"))
        .annotate(questions=Count("pk"))
        .order_by("-questions", "name")
    )
    ratings = HelpRequest.objects.filter(
        loket=loket, closed_at__gte=start, closed_at__lt=end, rating__isnull=False
    ).aggregate(rated=Count("pk"), mean=Avg("rating"))
    return {
        "questions": sum(per_month.values()),
        "per_month": per_month,
        "per_theme": per_theme,
        **ratings,
    }
