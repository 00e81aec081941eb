"""Reads on help requests: which questions a member may see, the desk's inbox with its counts,
a question's history for the desk and for the provider, and the response figures; each read
chooses its own select_related, so a page's queries do not grow with its rows."""

from datetime import date, datetime, time
from typing import NamedTuple

from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    Value,
    When,
)
from django.db.models.functions import TruncMonth
from django.utils import timezone

from sportloket.core import prepared
from sportloket.core import selectors as core_selectors
from sportloket.core.constants import PartnerKind, Role
from sportloket.core.models import Membership, Theme
from sportloket.core.permissions import Capability
from sportloket.helprequests import inbox_selectors
from sportloket.helprequests.constants import RequestState as S
from sportloket.helprequests.models import Assignment, HelpRequest
from sportloket.helprequests.request_selectors import assign_refusals as assign_refusals
from sportloket.helprequests.request_selectors import current_assignment as current_assignment
from sportloket.helprequests.request_selectors import request_themes as request_themes
from sportloket.helprequests.request_selectors import staff_timeline as staff_timeline
from sportloket.helprequests.request_selectors import (
    with_current_assignment as with_current_assignment,
)
from sportloket.helprequests.request_selectors import (
    with_registration_need as with_registration_need,
)
from sportloket.helprequests.workflow import (
    CLOSED_STATES,
    DECIDABLE_STATES,
    OPEN_STATES,
    PROVIDER_MOVES,
    TRANSITIONS,
)


def provider_timeline(*, help_request):
    """What the provider sees: the moves with their dates, only the notes written for the
    provider (the reason for a rejection, referral or pause), and the messages with the
    articles they carried (their snapshot, read with them)."""
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
         "from_provider": m.from_provider, "articles": m.sent_articles}
        for m in help_request.messages.order_by("created_at", "pk")
    ]  # fmt: skip
    return sorted(rows, key=lambda row: row["at"])


def assignable_members(*, loket):
    """The desk's active coordinators and supporters: who may handle a question."""
    return (
        Membership.objects.active()
        .for_desk(loket)
        .filter(role__in=(Role.COORDINATOR, Role.SUPPORTER))
        .select_related("user")
        .order_by("user__full_name", "user__email")
    )


class ThemeChoice(NamedTuple):
    pk: int
    name: str
    is_active: bool


class Member(NamedTuple):
    """A member who may handle a question, as the filters and the bulk actions offer them."""

    pk: int  # the membership's
    user_id: int
    name: str  # as the user is named (``str(user)``)


def inbox_filter_choices(*, loket) -> tuple[list[ThemeChoice], list[tuple], list[Member]]:
    """The desk's themes, work area and members who may handle a question, as the filters
    offer them: read on every visit to the inbox, so their queries are compiled once per desk
    (``core.prepared``) and read as plain values."""
    themes = prepared.rows(
        ("inbox.themes", loket.pk),
        lambda: (
            Theme.objects.filter(loket=loket)
            .order_by("position", "name")
            .values_list("pk", "name", "is_active")
        ),
    )
    municipalities = prepared.rows(
        ("inbox.municipalities", loket.pk),
        lambda: core_selectors.desk_work_area(loket=loket).values_list("pk", "name"),
    )
    members = prepared.rows(
        ("inbox.members", loket.pk),
        lambda: assignable_members(loket=loket).values_list(
            "pk", "user_id", "user__full_name", "user__email"
        ),
    )
    return (
        [ThemeChoice(*theme) for theme in themes],
        list(municipalities),
        [Member(pk, user_id, full_name or email) for pk, user_id, full_name, email in members],
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
    shared = Q(organisation_id=membership.organisation_id) | Q(pk__in=funded.values("pk"))
    if membership.partner_kind == PartnerKind.FEDERATION:
        # A federation's partner: also its member clubs' questions (the federation's own
        # record in the register names the organisation the partner acts for).
        members = HelpRequest.objects.filter(
            loket_id=membership.loket_id,
            organisation__federations__organisation_id=membership.organisation_id,
        )
        shared |= Q(pk__in=members.values("pk"))
    return Q(consents_to_sharing=True) & shared


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
        # COUNT(*), not COUNT(id): PostgreSQL then counts from the index on (desk, state)
        # alone, without reading the rows (a desk's 10,000 questions: 34 ms to 3.5 ms).
        .annotate(n=Count("*"))
        .values_list("state", "n")
    )
    return [(value, label, counts.get(value, 0)) for value, label in S.choices]


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


def _waiting_conditions(membership, today) -> dict[str, Q]:
    """The conditions of ``dashboard_counts`` on the questions the member may see, each open
    ones only by itself (in the states the index on (desk, state) is read for)."""
    current = Assignment.objects.filter(help_request=OuterRef("pk"), ended_at__isnull=True)
    # The member's questions once as a list (a few hundred at most), not a lookup per row.
    mine = Q(
        pk__in=Assignment.objects.filter(
            supporter=membership.user_id, ended_at__isnull=True
        ).values("help_request")
    )
    overdue = HelpRequest.objects.overdue_condition(today)
    return {
        "new": Q(state=S.SUBMITTED) & ~Q(Exists(current)),
        "mine": Q(state__in=sorted(OPEN_STATES)) & mine,
        "mine_overdue": mine & overdue,
        "overdue": overdue,
        "waiting_decision": Q(state__in=sorted(DECIDABLE_STATES), decided_at__isnull=True),
    }


def dashboard_counts(*, membership, today=None) -> dict[str, int]:
    """What waits among the open questions this member may see, counted in one query, each as
    the inbox filters it (so that a count and the list it links to agree): ``new`` submitted
    and not assigned (``state=submitted&assignee=none``), ``mine`` assigned to the member
    (``assignee=me``), ``mine_overdue`` the overdue ones of those (``overdue=on``), ``overdue``
    every one past its first response's or decision's deadline, and ``waiting_decision`` those
    that may get a decision and have none (``waiting=decision``)."""
    today = today or timezone.localdate()
    conditions = _waiting_conditions(membership, today)
    return (
        visible_requests(membership=membership)
        .open()
        .aggregate(**{key: Count("pk", filter=found) for key, found in conditions.items()})
    )


def waiting_requests(*, membership, today=None) -> dict:
    """The questions ``dashboard_counts`` counts, by the same names, as querysets to count in
    a query that counts several figures at once (the dashboard's): each counted apart, the
    database takes for each the index that serves it (the member's few assigned questions by
    their ids, the others by their states) instead of one pass over all open questions."""
    today = today or timezone.localdate()
    questions = visible_requests(membership=membership)
    return {
        key: questions.filter(found)
        for key, found in _waiting_conditions(membership, today).items()
    }


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


def _month_rows(kind: int, questions, field: str, bounds: list[datetime], days):
    """The questions whose ``field`` falls between the first and last of ``bounds``, counted
    per month (its number among the bounds) and ``days`` (an expression, or None), each row
    tagged with ``kind``."""
    month = Case(
        *(
            When(**{f"{field}__gte": bounds[n], f"{field}__lt": bounds[n + 1]}, then=n)
            for n in range(len(bounds) - 1)
        ),
        output_field=IntegerField(),
    )
    return (
        questions.filter(**{f"{field}__gte": bounds[0], f"{field}__lt": bounds[-1]})
        .order_by()
        .values(kind=Value(kind), month_index=month, days=days)
        .annotate(n=Count("pk"))
        .values_list("kind", "month_index", "days", "n")
    )


# The rows of ``month_figures``: questions in, decided (with the decision's working days) and
# first responses (with their working days).
_IN, _DECIDED, _RESPONSE = range(3)


def month_figures(*, loket, starts: list[date], read=None) -> list[dict]:
    """Per month beginning on the days ``starts`` (oldest first, consecutive; see
    ``month_starts``), in the desk's time zone: ``in`` the questions that came in, ``decided``
    those the desk decided on (support chosen, referred or rejected: ``decided_at``), and
    ``response`` and ``decision``: how many first responses and decisions with their working
    days fell in it and the median of those days, as ``response_figures`` counts them (without
    the percentiles): ``{"count", "median"}`` or None.

    One query (three grouped reads joined by UNION ALL), answering a row per month and number
    of days, never a row per question: the dashboard reads its current month live with it.
    ``read(key, query)``: how its rows are read, if not by evaluating the queryset ``query()``
    makes; that queryset depends on nothing but ``key`` (hashable) and the time zone in use,
    so a caller may keep its SQL compiled per key."""

    def query():
        bounds = _month_bounds(starts)
        questions = HelpRequest.objects.for_desk(loket)
        arrived = _month_rows(
            _IN, questions, "submitted_at", bounds, Value(None, output_field=IntegerField())
        )
        decided = _month_rows(_DECIDED, questions, "decided_at", bounds, F("decision_days"))
        responded = _month_rows(
            _RESPONSE,
            questions.filter(first_response_days__isnull=False),
            "first_response_at",
            bounds,
            F("first_response_days"),
        )
        return arrived.union(decided, responded, all=True)

    if read is None:
        rows = query()
    else:
        rows = read(("helprequests.month_figures", loket.pk, tuple(starts)), query)
    figures = [{"month": start, "in": 0, "decided": 0} for start in starts]
    days_found = [{"response": [], "decision": []} for _start in starts]
    for kind, index, days, n in rows:
        if kind == _IN:
            figures[index]["in"] += n
        elif kind == _DECIDED:
            figures[index]["decided"] += n
        if days is not None:
            days_found[index]["response" if kind == _RESPONSE else "decision"] += [days] * n
    for row, found in zip(figures, days_found, strict=True):
        for key, values in found.items():
            values.sort()
            row[key] = (
                {"count": len(values), "median": _percentile(values, 0.5)} if values else None
            )
    return figures
