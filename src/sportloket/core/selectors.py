"""Reads for desk pages: teams, figures and the audit history of a record. Each selector fixes
its own joins so that a page's query count does not grow with its rows."""

from auditlog.models import LogEntry
from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from sportloket.core.audit import history_rows
from sportloket.core.constants import Role
from sportloket.core.models import Loket, Membership


def desk_team(*, loket: Loket, role: str = "", search: str = "", include_ended: bool = False):
    qs = Membership.objects.for_desk(loket).select_related("user")
    if not include_ended:
        qs = qs.filter(ended_at__isnull=True)
    if role:
        qs = qs.filter(role=role)
    if search:
        qs = qs.filter(
            Q(user__email__icontains=search)
            | Q(user__full_name__icontains=search)
            | Q(acts_for__icontains=search)
        )
    return qs.order_by("ended_at", "user__full_name", "user__email")


def desk_role_counts(*, loket: Loket) -> dict[str, int]:
    rows = (
        Membership.objects.active()
        .for_desk(loket)
        .values("role")
        .annotate(n=Count("id"))
        .order_by()
    )
    counts = dict.fromkeys(Role.values, 0)
    counts.update({row["role"]: row["n"] for row in rows})
    return counts


def desk_work_area(*, loket: Loket):
    return loket.work_area.select_related("province").order_by("name")


def public_desks():
    return Loket.objects.active().order_by("name")


def national_desk_figures():
    """Aggregate figures per desk for the national team: counts only, no personal data."""
    active = Q(memberships__ended_at__isnull=True)
    return (
        Loket.objects.active()
        .annotate(
            municipality_count=Count("work_area", distinct=True),
            coordinator_count=Count(
                "memberships", filter=active & Q(memberships__role=Role.COORDINATOR), distinct=True
            ),
            supporter_count=Count(
                "memberships", filter=active & Q(memberships__role=Role.SUPPORTER), distinct=True
            ),
            partner_count=Count(
                "memberships", filter=active & Q(memberships__role=Role.PARTNER), distinct=True
            ),
        )
        .order_by("name")
    )


def record_history(obj, *, loket=None, limit: int = 50):
    """The audit history of one record, newest first, as readable rows (see core.audit).

    For shared records (the national register), pass the reader's desk: people who changed the
    record from another desk are then named only as "another desk".
    """
    entries = list(
        LogEntry.objects.get_for_object(obj)
        .select_related("actor", "content_type")
        .order_by("-timestamp")[:limit]
    )
    rows = history_rows(entries)
    if loket is not None:
        colleagues = set(Membership.objects.for_desk(loket).values_list("user_id", flat=True))
        for row in rows:
            if row["actor"] is not None and row["actor"].pk not in colleagues:
                row["actor"] = _("another desk")
    return rows
