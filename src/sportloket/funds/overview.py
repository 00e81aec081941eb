"""The desk's money at a glance, computed by the database: the totals of its funds and what
was committed per theme, kind of provider, municipality and fund (the funds' overview page
and its exports)."""

from django.db.models import Count, F, Q, Sum, Value
from django.db.models.functions import Coalesce

from sportloket.core import prepared
from sportloket.funds.constants import COMMITTING_STATES, AllocationState
from sportloket.funds.models import Allocation, Fund
from sportloket.funds.selectors import _committed_expression, funds_for_user


def _spending(key, allocations, *group_by):
    return prepared.dicts(
        key,
        lambda: (
            allocations.values(*group_by)
            .annotate(
                committed_cents=Coalesce(Sum(_committed_expression()), 0),
                paid_cents=Coalesce(Sum("paid_cents", filter=Q(state=AllocationState.PAID)), 0),
                allocations=Count("pk"),
            )
            .order_by("-committed_cents", *group_by)
        ),
    )


PER_FUND_COLUMNS = (
    "pk",
    "name",
    "kind",
    "owner_name",
    "starts_on",
    "ends_on",
    "amount_cents",
    "committed_cents",
    "paid_cents",
    "available_cents",
)


def desk_overview(*, loket, period=None, user=None, membership=None, per_fund=True) -> dict:
    """The desk's money at a glance, computed by the database: the totals of its funds
    (amount, committed, paid, available) and what was committed per theme, per kind of
    provider, per municipality and per fund.

    ``period``: (first day, last day); funds whose period overlaps it count. ``user`` (and
    ``membership``, theirs, when the page has it): the per-fund rows only for the funds this
    user sees in detail (``funds_for_user``); ``per_fund=False`` leaves them out. The totals
    and the other breakdowns are aggregates of all the desk's funds, which every role with the
    overview may read. A question with several themes counts under each of them, so the rows
    per theme can add up to more than the total."""
    funds = Fund.objects.for_desk(loket)
    if period is not None:
        funds = funds.overlapping(*period)
    allocations = Allocation.objects.filter(
        fund__in=funds.values("pk"), state__in=sorted(COMMITTING_STATES)
    )
    # The totals and the breakdowns are the same SQL for every visit to this desk's overview of
    # this period: compiled once per process (``core.prepared``), then only run.
    key = ("funds.overview", loket.pk, period)
    [totals] = prepared.dicts(
        (*key, "totals"),
        # Grouped by a constant, which Django leaves out of GROUP BY: one row, as aggregate().
        lambda: (
            funds.values(dummy=Value(0))
            .annotate(
                amount_cents=Coalesce(Sum("amount_cents"), 0),
                committed_cents=Coalesce(Sum("committed_cents"), 0),
                paid_cents=Coalesce(Sum("paid_cents"), 0),
                funds=Count("pk"),
            )
            .values("amount_cents", "committed_cents", "paid_cents", "funds")
            .order_by()
        ),
    )
    totals["available_cents"] = totals["amount_cents"] - totals["committed_cents"]
    fund_rows = []
    if per_fund:
        shown = funds
        if user is not None or membership is not None:
            seen = funds_for_user(user=user, loket=loket, membership=membership)
            shown = funds.filter(pk__in=seen.values("pk"))
        fund_rows = list(
            shown.annotate(
                available_cents=F("amount_cents") - F("committed_cents"),
                owner_name=F("owner__name"),
            )
            .values(*PER_FUND_COLUMNS)
            .order_by("-starts_on", "name", "pk")
        )
    return {
        "totals": totals,
        "per_theme": _spending(
            (*key, "theme"),
            allocations,
            "decision__help_request__themes__key",
            "decision__help_request__themes__name",
        ),
        "per_provider_kind": _spending(
            (*key, "kind"), allocations, "decision__help_request__organisation__kind"
        ),
        "per_municipality": _spending(
            (*key, "municipality"),
            allocations,
            "decision__help_request__organisation__municipality__code",
            "decision__help_request__organisation__municipality__name",
        ),
        "per_fund": fund_rows,
    }
