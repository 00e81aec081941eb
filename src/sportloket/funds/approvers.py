"""Who approves a fund's spending above the coordinator's threshold (the partners who
represent its owner), and the funds whose allocations above it nobody can approve; for the
funds' pages and the decide page (through ``selectors``)."""

from django.db.models import BooleanField, Case, Exists, OuterRef, Q, Value, When

from sportloket.core.constants import Role
from sportloket.core.models import Membership
from sportloket.funds.constants import AllocationState
from sportloket.funds.models import Allocation


def fund_approvers(*, fund):
    """Who approves the fund's spending above the coordinator's threshold: the desk's active
    partners who represent the fund's owner."""
    return (
        Membership.objects.active()
        .filter(loket_id=fund.loket_id, role=Role.PARTNER, organisation_id=fund.owner_id)
        .select_related("user")
        .order_by("user__full_name", "user__email")
    )


def may_approve(*, user, fund) -> bool:
    """Whether this user may approve (or reject) the fund's proposed allocations."""
    if user is None or not user.is_authenticated:
        return False
    return fund_approvers(fund=fund).filter(user=user).exists()


def member_approves(membership, fund) -> bool:
    """Whether the member (an active membership, as a desk page has it) approves the fund's
    proposed allocations: ``may_approve`` for the membership's user, without a query (a
    user has one active membership per desk)."""
    return (
        membership is not None
        and membership.is_active
        and membership.loket_id == fund.loket_id
        and membership.role == Role.PARTNER
        and membership.organisation_id is not None
        and membership.organisation_id == fund.owner_id
    )


def represented():
    """``fund_approvers`` of the fund of the outer query (``OuterRef``)."""
    return Membership.objects.active().filter(
        loket_id=OuterRef("loket_id"), role=Role.PARTNER, organisation_id=OuterRef("owner_id")
    )


def _without_approvers() -> Q:
    """A fund whose allocations above the threshold nobody can approve (it has a threshold,
    but its owner has no active representative at the desk): in use, or with allocations
    still waiting."""
    waiting = Allocation.objects.filter(fund=OuterRef("pk"), state=AllocationState.PROPOSED)
    return (
        Q(approval_threshold_cents__isnull=False)
        & ~Exists(represented())
        & (Q(is_active=True) | Exists(waiting))
    )


def funds_without_approvers(*, funds):
    """Of these funds (a queryset), those whose allocations above the threshold nobody can
    approve (see ``_without_approvers``): in use, or with allocations still waiting. One
    query."""
    return funds.filter(_without_approvers())


def with_lacks_approver(funds):
    """``funds`` (a queryset) each with ``lacks_approver``: whether it is one of
    ``funds_without_approvers`` (a page that lists the funds reads both at once)."""
    return funds.annotate(
        lacks_approver=Case(
            When(_without_approvers(), then=Value(True)),
            default=Value(False),
            output_field=BooleanField(),
        )
    )
