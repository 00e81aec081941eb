"""Reads on the desk's money for summaries on other pages (the desk's dashboard): the
allocations waiting for approval, what is left of each fund in use, and the money committed
and paid per month; each in one query (and the member's lookup of ``funds_for_user``)."""

from datetime import date, datetime, time

from django.db.models import Count, F, Q, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from sportloket.core.constants import Role
from sportloket.funds.constants import AllocationState
from sportloket.funds.models import Allocation, AllocationChange, Fund
from sportloket.funds.selectors import _committed_expression, funds_for_user


def approvals_waiting(*, membership) -> dict[str, int]:
    """The proposed allocations of the desk's funds, which wait for their owner's approval:
    ``desk`` all of them, ``mine`` those this member approves (a partner: those of the funds of
    the organisation they represent, as ``selectors.pending_approvals``; nobody else approves).
    One query."""
    waiting = Allocation.objects.filter(
        fund__loket_id=membership.loket_id, state=AllocationState.PROPOSED
    )
    if membership.role == Role.PARTNER and membership.organisation_id:
        return waiting.aggregate(
            desk=Count("pk"), mine=Count("pk", filter=Q(fund__owner_id=membership.organisation_id))
        )
    return {"desk": waiting.count(), "mine": 0}


def funds_left(*, user, loket, on=None) -> list[dict]:
    """The funds in use on ``on`` (today by default) that this user sees in detail
    (``selectors.funds_for_user``), by name, each with its amount, what is committed and paid,
    what is left (``available_cents``) and how many of its allocations wait for approval
    (``waiting``)."""
    on = on or timezone.localdate()
    shown = funds_for_user(user=user, loket=loket).on(on).filter(is_active=True)
    return list(
        Fund.objects.filter(pk__in=shown.values("pk"))
        .annotate(
            available_cents=F("amount_cents") - F("committed_cents"),
            waiting=Count("allocations", filter=Q(allocations__state=AllocationState.PROPOSED)),
        )
        .values(
            "pk",
            "name",
            "ends_on",
            "amount_cents",
            "committed_cents",
            "paid_cents",
            "available_cents",
            "waiting",
        )
        .order_by("name", "pk")
    )


def money_per_month(*, loket, starts: list[date]) -> list[dict]:
    """Per month beginning on the days ``starts`` (oldest first, consecutive): the money the
    desk's funds committed to decisions that month (the allocations made that month that still
    hold money, a paid one with what was paid) and what was paid that month. One query, over
    the allocations' histories (an allocation is proposed once and paid at most once)."""
    last = starts[-1]
    bounds = [*starts, date(last.year + last.month // 12, last.month % 12 + 1, 1)]
    moments = [timezone.make_aware(datetime.combine(day, time.min)) for day in bounds]
    sums = {}
    for n in range(len(starts)):
        month = Q(at__gte=moments[n], at__lt=moments[n + 1])
        sums[f"committed_{n}"] = Coalesce(
            Sum(
                _committed_expression("allocation__"),
                filter=month & Q(to_state=AllocationState.PROPOSED),
            ),
            0,
        )
        sums[f"paid_{n}"] = Coalesce(
            Sum("allocation__paid_cents", filter=month & Q(to_state=AllocationState.PAID)), 0
        )
    figures = AllocationChange.objects.filter(
        allocation__fund__loket=loket,
        to_state__in=(AllocationState.PROPOSED, AllocationState.PAID),
        at__gte=moments[0],
        at__lt=moments[-1],
    ).aggregate(**sums)
    return [
        {
            "month": start,
            "committed_cents": figures[f"committed_{n}"],
            "paid_cents": figures[f"paid_{n}"],
        }
        for n, start in enumerate(starts)
    ]
