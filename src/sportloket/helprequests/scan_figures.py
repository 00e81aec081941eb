"""Selectors: the front door as the loket-scan reads it for a desk: the questions asked in a
period, and the questions referred between it and other desks."""

import datetime

from django.db.models import Q
from django.utils import timezone

from sportloket.helprequests.models import HelpRequest, Referral


def scan_figures(*, loket, since, on=None) -> dict:
    """Two queries."""
    on = on or timezone.localdate()
    zone = timezone.get_current_timezone()
    start = datetime.datetime.combine(since, datetime.time.min, tzinfo=zone)
    end = datetime.datetime.combine(on + datetime.timedelta(days=1), datetime.time.min, tzinfo=zone)
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
