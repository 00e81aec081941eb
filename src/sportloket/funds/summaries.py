"""Reads on the desk's money for summaries on other pages (the desk's dashboard): the
allocations waiting for approval, what is left of each fund in use, and the money committed
and paid in a month. The counts and sums are querysets for the page to read with its other
figures in one query; the funds in use one query."""

from datetime import datetime

from django.db.models import Count, F, Q
from django.utils import timezone

from sportloket.core.constants import Role
from sportloket.funds.constants import AllocationState
from sportloket.funds.models import Allocation, AllocationChange, Fund
from sportloket.funds.selectors import _committed_expression, funds_for_user


def approvals_waiting(*, membership) -> dict:
    """The proposed allocations of the desk's funds, which wait for their owner's approval, as
    querysets to count: ``desk`` all of them and, for a partner who represents an organisation,
    ``mine``: those of its funds, which this member approves (as
    ``selectors.pending_approvals``; nobody else approves)."""
    waiting = Allocation.objects.filter(
        fund__loket_id=membership.loket_id, state=AllocationState.PROPOSED
    )
    found = {"desk": waiting}
    if membership.role == Role.PARTNER and membership.organisation_id:
        found["mine"] = waiting.filter(fund__owner_id=membership.organisation_id)
    return found


def funds_left(*, membership, on=None) -> list[dict]:
    """The funds in use on ``on`` (today by default) that this member sees in detail
    (``selectors.funds_for_user``), by name, each with its amount, what is committed and paid,
    what is left (``available_cents``) and how many of its allocations wait for approval
    (``waiting``). One query."""
    on = on or timezone.localdate()
    shown = (
        funds_for_user(user=None, loket=membership.loket, membership=membership)
        .on(on)
        .filter(is_active=True)
    )
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


def money_in(*, loket, since: datetime, until: datetime) -> dict:
    """The money the desk's funds committed to decisions from ``since`` until (before)
    ``until``: the allocations proposed then that still hold money, a paid one with what was
    paid (``committed_cents``); and what was paid then (``paid_cents``). Each a queryset of
    the allocations' changes with their ``cents``, to be added up (an allocation is proposed
    once and paid at most once)."""
    changes = AllocationChange.objects.filter(
        allocation__fund__loket=loket, at__gte=since, at__lt=until
    ).order_by()
    return {
        "committed_cents": changes.filter(to_state=AllocationState.PROPOSED).values(
            cents=_committed_expression("allocation__")
        ),
        "paid_cents": changes.filter(to_state=AllocationState.PAID).values(
            cents=F("allocation__paid_cents")
        ),
    }
