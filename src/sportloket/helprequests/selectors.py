"""Reads on help requests: which questions a member may see, the desk's inbox with its counts,
a question's history for the desk and for the provider, and the response figures; each read
chooses its own select_related, so a page's queries do not grow with its rows."""

from datetime import date, datetime, time

from django.db.models import Count, Exists, OuterRef, Prefetch, Q
from django.db.models.functions import TruncMonth
from django.utils import timezone

from sportloket.core.constants import Role
from sportloket.core.models import Membership, Theme
from sportloket.core.permissions import Capability
from sportloket.helprequests.constants import RequestState as S
from sportloket.helprequests.models import Assignment, HelpRequest
from sportloket.helprequests.workflow import (
    CLOSED_STATES,
    DECIDABLE_STATES,
    PROVIDER_MOVES,
    TRANSITIONS,
)


def provider_timeline(*, help_request):
    """What the provider sees: the moves with their dates, only the notes written for the
    provider (the reason for a rejection, referral or pause), and the messages."""
    rows = [
        {
            "state": S(change.to_state).label,
            "at": change.at,
            "note": change.note if change.note_for_provider else "",
        }
        for change in help_request.state_changes.order_by("at", "pk")
    ]
    rows += [
        {"state": "", "at": m.created_at, "note": m.body, "message": True,
         "from_provider": m.from_provider}
        for m in help_request.messages.order_by("created_at", "pk")
    ]  # fmt: skip
    return sorted(rows, key=lambda row: row["at"])


def current_assignment(*, help_request):
    return (
        help_request.assignments.filter(ended_at__isnull=True).select_related("supporter").first()
    )


def assignable_members(*, loket):
    """The desk's active coordinators and supporters: who may handle a question."""
    return (
        Membership.objects.active()
        .for_desk(loket)
        .filter(role__in=(Role.COORDINATOR, Role.SUPPORTER))
        .select_related("user")
        .order_by("user__full_name", "user__email")
    )


def provider_actions(*, help_request) -> dict:
    state = help_request.state
    return {
        "can_reply": state not in CLOSED_STATES,
        "can_withdraw": state not in CLOSED_STATES and S.WITHDRAWN in TRANSITIONS[state],
        "can_rate": S.EVALUATED in TRANSITIONS[state],
    }


# Besides what is assigned to them, supporters may pick up work from the triage queue.
SUPPORTER_STATES = (S.SUBMITTED, S.TRIAGE)


def visible_requests(*, membership):
    """The requests this member may see: all of the desk for a coordinator; for a supporter
    the triage queue and what is assigned to them, and for a supporter the desk named to
    decide on support also every request that may get a decision."""
    qs = HelpRequest.objects.for_desk(membership.loket)
    if membership.role != Role.COORDINATOR:
        assigned = Exists(
            Assignment.objects.filter(
                help_request=OuterRef("pk"), supporter=membership.user_id, ended_at__isnull=True
            )
        )
        if membership.can(Capability.DECIDE_SUPPORT):
            qs = qs.filter(Q(state__in=DECIDABLE_STATES) | assigned)
        elif membership.loket.supporters_see_triage:
            qs = qs.filter(Q(state__in=SUPPORTER_STATES) | assigned)
        else:
            qs = qs.filter(assigned)
    return qs


def inbox(
    *,
    membership,
    state: str = "",
    theme=None,
    municipality=None,
    kind: str = "",
    assignee=None,
    overdue: bool = False,
    newest_first: bool = False,
):
    """The desk's requests, filtered in the database; by default the longest waiting first."""
    qs = visible_requests(membership=membership)
    if state == "open":
        qs = qs.open()
    elif state:
        qs = qs.filter(state=state)
    if theme is not None:
        qs = qs.filter(themes=theme)
    if municipality is not None:
        qs = qs.filter(organisation__municipality=municipality)
    if kind:
        qs = qs.filter(organisation__kind=kind)
    if assignee is not None:
        qs = qs.filter(
            Exists(
                Assignment.objects.filter(
                    help_request=OuterRef("pk"), supporter=assignee.user_id, ended_at__isnull=True
                )
            )
        )
    if overdue:
        qs = qs.overdue()
    return (
        qs.with_overdue()
        .select_related("organisation__municipality")
        .prefetch_related(Prefetch("themes", queryset=Theme.objects.order_by("position")))
        .order_by("-submitted_at" if newest_first else "submitted_at", "pk")
    )


def inbox_counts(*, membership) -> list[tuple[str, str, int]]:
    """Requests per state (one query), for the counts above the inbox."""
    counts = dict(
        visible_requests(membership=membership)
        .order_by()
        .values_list("state")
        .annotate(n=Count("pk"))
        .values_list("state", "n")
    )
    return [(value, label, counts.get(value, 0)) for value, label in S.choices]


def staff_timeline(*, help_request):
    """Every move with its actor and note, and the internal notes, oldest first."""
    changes = help_request.state_changes.select_related("actor").order_by("at", "pk")
    notes = help_request.internal_notes.select_related("author").order_by("created_at", "pk")
    messages = help_request.messages.select_related("author").order_by("created_at", "pk")
    rows = [
        {"at": c.at, "who": c.actor, "by_provider": c.by_provider, "state": S(c.to_state).label,
         "note": c.note, "internal": False, "for_provider": c.note_for_provider}
        for c in changes
    ] + [
        {"at": n.created_at, "who": n.author, "by_provider": False, "state": "", "note": n.body,
         "internal": True}
        for n in notes
    ] + [
        {"at": m.created_at, "who": m.author, "by_provider": m.from_provider, "state": "",
         "note": m.body, "internal": False, "message": True}
        for m in messages
    ]  # fmt: skip
    return sorted(rows, key=lambda row: row["at"])


def next_states(*, help_request):
    """The states the desk may move this question to."""
    allowed = TRANSITIONS[help_request.state] - (PROVIDER_MOVES - {S.WITHDRAWN})
    return [(value, label) for value, label in S.choices if value in allowed]


def _percentile(sorted_values: list[int], share: float) -> float:
    """The value below which ``share`` of the values lie (linear between neighbours, as
    PostgreSQL's percentile_cont), so a median of 2 and 3 is 2.5."""
    position = (len(sorted_values) - 1) * share
    low = int(position)
    high = min(low + 1, len(sorted_values) - 1)
    return sorted_values[low] + (sorted_values[high] - sorted_values[low]) * (position - low)


def response_figures(*, loket, months: int = 12, today=None) -> list[dict]:
    """Per month (newest first), how many working days the first response and the decision
    took: count, median and 90th percentile, and how many met the desk's target. A request
    counts in the month the response or decision fell in. Two queries, whatever the volume:
    the working days were stored when the desk answered."""
    today = today or timezone.localdate()
    year, month = divmod(today.year * 12 + today.month - 1 - (months - 1), 12)
    first_month = date(year, month + 1, 1)
    since = timezone.make_aware(datetime.combine(first_month, time.min))
    buckets: dict[date, dict[str, list[int]]] = {}
    for field, days_field, key in (
        ("first_response_at", "first_response_days", "response"),
        ("decided_at", "decision_days", "decision"),
    ):
        rows = (
            HelpRequest.objects.for_desk(loket)
            .filter(**{f"{field}__gte": since, f"{days_field}__isnull": False})
            .annotate(month=TruncMonth(field))
            .values_list("month", days_field)
        )
        for month, days in rows:
            month = month.date() if isinstance(month, datetime) else month
            buckets.setdefault(month, {"response": [], "decision": []})[key].append(days)
    targets = {"response": loket.first_response_days, "decision": loket.resolution_days}
    figures = []
    for month in sorted(buckets, reverse=True):
        row = {"month": month}
        for key, values in buckets[month].items():
            values.sort()
            row[key] = (
                {
                    "count": len(values),
                    "median": _percentile(values, 0.5),
                    "p90": _percentile(values, 0.9),
                    "on_time": sum(1 for v in values if v <= targets[key]),
                }
                if values
                else None
            )
        figures.append(row)
    return figures


def themes_with_counts(*, loket):
    """The desk's themes with how many questions carry each (one query)."""
    return (
        Theme.objects.filter(loket=loket)
        .annotate(requests=Count("help_requests"))
        .order_by("-is_active", "position", "name")
    )
