"""Reads on help requests: which questions a member may see, the desk's inbox with its counts,
a question's history for the desk and for the provider, and the response figures; each read
chooses its own select_related, so a page's queries do not grow with its rows."""

from datetime import date, datetime, time

from django.apps import apps
from django.db.models import Case, Count, Exists, IntegerField, OuterRef, Q, When
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.translation import gettext as _

from sportloket.core.constants import Role
from sportloket.core.models import Membership, Theme
from sportloket.core.permissions import Capability
from sportloket.helprequests import inbox_selectors
from sportloket.helprequests.constants import RequestState as S
from sportloket.helprequests.models import Assignment, HelpRequest
from sportloket.helprequests.workflow import (
    CLOSED_STATES,
    DECIDABLE_STATES,
    PROVIDER_MOVES,
    TRANSITIONS,
)
from sportloket.quality import rules as quality_rules
from sportloket.quality import selectors as quality_selectors


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


def assign_refusals(*, help_request, members, on=None) -> dict[int, str]:
    """Why the desk's quality rule refuses each of these members (by membership pk) this
    question on ``on`` (today); a member who may be assigned is absent. The judgement of
    ``services.supporter_may_act`` (the desk's rule first, then a valid registration for each
    offering the current decision chose that needs one), for a whole list at once: five
    queries at most, however many members."""
    on = on or timezone.localdate()
    members = [m for m in members if m.loket_id == help_request.loket_id]
    loket = help_request.loket
    results = quality_selectors.rule_results(
        loket=loket, user_ids={m.user_id for m in members}, on=on
    )
    refusals = {m.pk: " ".join(results[m.user_id].reasons) for m in members}
    refusals = {pk: reason for pk, reason in refusals.items() if reason}
    offerings = _offerings_needing_registration(help_request)
    may_act = [m for m in members if m.pk not in refusals]
    if not offerings or not may_act:
        return refusals
    groups = quality_selectors.desk_rule(loket_id=loket.pk)
    held: dict[int, list] = {}
    for registration in quality_selectors.desk_registrations(loket=loket).filter(
        user_id__in={m.user_id for m in may_act}
    ):
        held.setdefault(registration.user_id, []).append(registration)
    for member in may_act:
        for offering in offerings:
            needed = (quality_rules.Requirement(offering.required_registration),)
            result = quality_rules.evaluate([*groups, needed], held.get(member.user_id, []), on)
            if not result.met:
                refusals[member.pk] = _("May not deliver “%(offering)s”. %(reasons)s") % {
                    "offering": offering.title,
                    "reasons": " ".join(result.reasons),
                }
                break
    return refusals


def _offerings_needing_registration(help_request) -> list:
    """The offerings chosen in the question's current decision that need a quality
    registration of whoever delivers them (one query; none without a decision)."""
    if help_request.pk is None:
        return []
    # The decisions app sits above this one: its model by its label, never by an import.
    DecisionOption = apps.get_model("decisions", "DecisionOption")
    return [
        option.offering
        for option in DecisionOption.objects.filter(
            decision__help_request=help_request, decision__superseded_by__isnull=True, chosen=True
        )
        .exclude(offering__required_registration="")
        .select_related("offering")
        .order_by("rank")
    ]


def provider_actions(*, help_request) -> dict:
    state = help_request.state
    return {
        "can_reply": state not in CLOSED_STATES,
        "can_withdraw": state not in CLOSED_STATES and S.WITHDRAWN in TRANSITIONS[state],
        "can_rate": S.EVALUATED in TRANSITIONS[state],
    }


# Besides what is assigned to them, supporters may pick up work from the triage queue.
SUPPORTER_STATES = (S.SUBMITTED, S.TRIAGE)


def shared_with_partner(membership) -> Q:
    """The questions a partner reads (read-only): where the provider consented to sharing,
    those of the organisation the partner represents and those a fund that organisation owns
    was asked to pay for (an allocation in any state: its people decide on it, or did).
    Nothing for a partner who represents no organisation.

    The funds sit beside this app (neither imports the other), and a lazy model lookup would
    only hide that import: the funded questions are reached through the models' reverse
    relations by name (question → its decisions → their allocations → the fund's owner), as
    the database joins them, within the member's desk."""
    if not membership.organisation_id:
        return Q(pk__in=[])
    funded = HelpRequest.objects.filter(
        loket_id=membership.loket_id,
        decisions__allocations__fund__owner_id=membership.organisation_id,
        decisions__allocations__fund__loket_id=membership.loket_id,
    )
    return Q(consents_to_sharing=True) & (
        Q(organisation_id=membership.organisation_id) | Q(pk__in=funded.values("pk"))
    )


def visible_requests(*, membership):
    """The requests this member may see: all of the desk for a coordinator; for a supporter
    the triage queue and what is assigned to them, and for a supporter the desk named to
    decide on support also every request that may get a decision; for a partner, read-only,
    the questions shared with them (``shared_with_partner``)."""
    qs = HelpRequest.objects.for_desk(membership.loket)
    if membership.role == Role.PARTNER:
        return qs.filter(shared_with_partner(membership))
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


def inbox(*, membership, **filters):
    """The requests this member may see, searched, filtered and sorted as the inbox's query
    parameters say (``inbox_selectors.inbox_requests``)."""
    return inbox_selectors.inbox_requests(
        visible_requests(membership=membership), membership=membership, **filters
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


def dashboard_counts(*, membership, today=None) -> dict[str, int]:
    """What waits among the open questions this member may see, counted in one query, each as
    the inbox filters it (so that a count and the list it links to agree): ``new`` submitted
    and not assigned (``state=submitted&assignee=none``), ``mine`` assigned to the member
    (``assignee=me``), ``mine_overdue`` the overdue ones of those (``overdue=on``), ``overdue``
    every one past its first response's or decision's deadline, and ``waiting_decision`` those
    that may get a decision and have none (``waiting=decision``)."""
    today = today or timezone.localdate()
    current = Assignment.objects.filter(help_request=OuterRef("pk"), ended_at__isnull=True)
    # The member's questions once as a list (a few hundred at most), not a lookup per row.
    mine = Q(
        pk__in=Assignment.objects.filter(
            supporter=membership.user_id, ended_at__isnull=True
        ).values("help_request")
    )
    overdue = HelpRequest.objects.overdue_condition(today)
    return (
        visible_requests(membership=membership)
        .open()
        .aggregate(
            new=Count("pk", filter=Q(state=S.SUBMITTED) & ~Q(Exists(current))),
            mine=Count("pk", filter=mine),
            mine_overdue=Count("pk", filter=mine & overdue),
            overdue=Count("pk", filter=overdue),
            waiting_decision=Count(
                "pk", filter=Q(state__in=DECIDABLE_STATES, decided_at__isnull=True)
            ),
        )
    )


def month_starts(*, months: int, today=None) -> list[date]:
    """The first days of the last ``months`` months up to ``today``'s, oldest first."""
    today = today or timezone.localdate()
    starts = []
    for back in range(months - 1, -1, -1):
        year, month = divmod(today.year * 12 + today.month - 1 - back, 12)
        starts.append(date(year, month + 1, 1))
    return starts


def _month_bounds(starts: list[date]) -> list[datetime]:
    """The first moments (in the desk's time zone) of the months beginning on ``starts`` and of
    the month after the last."""
    last = starts[-1]
    days = [*starts, date(last.year + last.month // 12, last.month % 12 + 1, 1)]
    return [timezone.make_aware(datetime.combine(day, time.min)) for day in days]


def questions_per_month(*, loket, starts: list[date]) -> list[dict]:
    """Per month beginning on the days ``starts`` (oldest first, consecutive; see
    ``month_starts``), in the desk's time zone: the questions that came in, and those the desk
    decided on (support chosen, referred or rejected: ``decided_at``). One query."""
    bounds = _month_bounds(starts)
    counts = {}
    for n in range(len(starts)):
        start, end = bounds[n], bounds[n + 1]
        counts[f"in_{n}"] = Count("pk", filter=Q(submitted_at__gte=start, submitted_at__lt=end))
        counts[f"decided_{n}"] = Count("pk", filter=Q(decided_at__gte=start, decided_at__lt=end))
    figures = (
        HelpRequest.objects.for_desk(loket)
        .filter(Q(submitted_at__gte=bounds[0]) | Q(decided_at__gte=bounds[0]))
        .aggregate(**counts)
    )
    return [
        {"month": start, "in": figures[f"in_{n}"], "decided": figures[f"decided_{n}"]}
        for n, start in enumerate(starts)
    ]


def response_medians(*, loket, starts: list[date]) -> list[dict]:
    """Per month beginning on the days ``starts`` (oldest first, consecutive): how many first
    responses and decisions fell in it and the median working days they took, as
    ``response_figures`` counts them (without the percentiles): ``{"month", "response":
    {"count", "median"} or None, "decision": …}``. Two queries, each answering a row per month
    and number of days, never a row per question."""
    bounds = _month_bounds(starts)
    figures = [{"month": start, "response": None, "decision": None} for start in starts]
    for field, days_field, key in (
        ("first_response_at", "first_response_days", "response"),
        ("decided_at", "decision_days", "decision"),
    ):
        month = Case(
            *(
                When(**{f"{field}__gte": bounds[n], f"{field}__lt": bounds[n + 1]}, then=n)
                for n in range(len(starts))
            ),
            output_field=IntegerField(),
        )
        rows = (
            HelpRequest.objects.for_desk(loket)
            .filter(**{f"{field}__gte": bounds[0], f"{field}__lt": bounds[-1]})
            .filter(**{f"{days_field}__isnull": False})
            .annotate(month_index=month)
            .order_by()
            .values("month_index", days_field)
            .annotate(n=Count("pk"))
            .values_list("month_index", days_field, "n")
        )
        values: dict[int, list[int]] = {}
        for index, days, n in rows:
            values.setdefault(index, []).extend([days] * n)
        for index, found in values.items():
            found.sort()
            figures[index][key] = {"count": len(found), "median": _percentile(found, 0.5)}
    return figures
