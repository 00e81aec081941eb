"""Reads on a desk's meetings: the list (upcoming or past, by kind, theme and period) with
its answer and attendance counts, one meeting's page, who an invitation would reach, and the
panels of other pages (an organisation's meetings, the public list, a member's actions)."""

from django.db.models import Count, IntegerField, OuterRef, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from sportloket.contacts.selectors.last_contact import latest_contact
from sportloket.core.models import Theme
from sportloket.meetings.constants import Response
from sportloket.meetings.models import (
    AgreedAction,
    Attendance,
    Invitation,
    Meeting,
    RaisedQuestion,
    Registration,
)
from sportloket.registry import selectors as registry_selectors
from sportloket.registry.models import Organisation, Tag

UPCOMING, PAST = "upcoming", "past"


def _count(queryset, field="pk", how=Count):
    """A correlated count (or sum) per meeting: one index probe each, no join fan-out."""
    return Coalesce(
        Subquery(
            queryset.filter(meeting=OuterRef("pk"))
            .order_by()
            .values("meeting")
            .annotate(n=how(field))
            .values("n"),
            output_field=IntegerField(),
        ),
        0,
    )


def with_counts(meetings):
    return meetings.annotate(
        invited=_count(Invitation.objects.all()),
        said_yes=_count(Invitation.objects.filter(response=Response.YES)),
        registered=_count(Registration.objects.all()),
        attended=_count(Attendance.objects.all()),
    )


def desk_meetings(*, loket, when: str = UPCOMING, kind="", theme=None, since=None, until=None):
    """The desk's meetings: upcoming (soonest first) or past (latest first), with counts."""
    now = timezone.now()
    meetings = Meeting.objects.for_desk(loket)
    if when == PAST:
        meetings = meetings.past(now).order_by("-starts_at", "-pk")
    else:
        meetings = meetings.upcoming(now).order_by("starts_at", "pk")
    if kind:
        meetings = meetings.filter(kind=kind)
    if theme is not None:
        meetings = meetings.filter(
            pk__in=Meeting.themes.through.objects.filter(theme=theme).values("meeting_id")
        )
    if since is not None:
        meetings = meetings.filter(starts_at__date__gte=since)
    if until is not None:
        meetings = meetings.filter(starts_at__date__lte=until)
    return with_counts(meetings).select_related("series")


def desk_themes(*, loket):
    return Theme.objects.for_desk(loket).filter(is_active=True).order_by("position", "name")


def meeting_page(*, meeting) -> dict:
    """Everything a meeting's page shows, in a fixed number of queries."""
    invitations = list(
        meeting.invitations.select_related("person", "organisation").order_by(
            "organisation__name", "person__full_name"
        )
    )
    counts = dict.fromkeys(Response.values, 0)
    for invitation in invitations:
        counts[invitation.response] += 1
    said_yes = sum(i.people for i in invitations if i.response == Response.YES)
    registrations = list(meeting.registrations.all())
    return {
        "invitations": invitations,
        "response_counts": [(Response(v).label, counts[v]) for v in Response.values],
        "places_taken": said_yes + sum(r.people for r in registrations),
        "registrations": registrations,
        "attendances": list(
            meeting.attendances.select_related("person", "organisation").order_by(
                "organisation__name", "pk"
            )
        ),
        "actions": list(meeting.actions.select_related("owner").order_by("due_on", "pk")),
        "questions": list(
            RaisedQuestion.objects.filter(meeting=meeting)
            .select_related("help_request")
            .order_by("help_request__submitted_at")
        ),
        "co_organisers": list(meeting.co_organisers.order_by("name")),
        "themes": list(meeting.themes.order_by("position", "name")),
    }


def attendance_rows(*, meeting) -> list[dict]:
    """The attendance list: every invited person (who said no last), with whether they are
    ticked, then those who walked in. Two queries."""
    ticked = {
        (a.organisation_id, a.person_id): a
        for a in meeting.attendances.select_related("organisation", "person")
    }
    order = {Response.YES: 0, Response.MAYBE: 1, Response.NONE: 2, Response.NO: 3}
    invitations = sorted(
        meeting.invitations.select_related("person", "organisation"),
        key=lambda i: (order[i.response], i.organisation.name, i.person.full_name),
    )
    rows = []
    for invitation in invitations:
        attendance = ticked.pop((invitation.organisation_id, invitation.person_id), None)
        rows.append(
            {
                "name": invitation.person.full_name,
                "organisation": invitation.organisation,
                "person": invitation.person,
                "response": invitation.get_response_display(),
                "attendance": attendance,
            }
        )
    for attendance in ticked.values():
        rows.append(
            {
                "name": attendance.name,
                "organisation": attendance.organisation,
                "person": attendance.person,
                "response": "",
                "attendance": attendance,
            }
        )
    return rows


def invite_candidates(*, loket, never_contacted=False, tag=None, organisations=None, **filters):
    """The organisations an invitation reaches: the register's own filters
    (``registry.selectors.desk_organisations``), a tag, never contacted by the desk, or a
    hand-picked list."""
    candidates = registry_selectors.desk_organisations(loket=loket, **filters)
    if organisations:
        candidates = candidates.filter(pk__in=[o.pk for o in organisations])
    if tag is not None:
        candidates = candidates.filter(
            pk__in=Tag.organisations.through.objects.filter(tag=tag).values("organisation_id")
        )
    if never_contacted:
        candidates = candidates.alias(last_contact=latest_contact(loket)).filter(
            last_contact__isnull=True
        )
    return candidates


def desk_tags():
    return Tag.objects.order_by("name")


def organisation_meetings(*, loket, organisation, limit: int = 40) -> dict:
    """An organisation's invitations to and attendance at the desk's meetings, the newest
    ``limit`` of both together: one query (a UNION), so that the organisation's page stays
    within its budget of queries (issue 19)."""
    invited = (
        Invitation.objects.filter(meeting__loket=loket, organisation=organisation)
        .order_by()
        .values_list(
            Value(_INVITED), "meeting_id", "meeting__title", "meeting__starts_at",
            "person__full_name", "response",
        )
    )  # fmt: skip
    present = (
        Attendance.objects.filter(meeting__loket=loket, organisation=organisation)
        .order_by()
        .values_list(
            Value(_PRESENT), "meeting_id", "meeting__title", "meeting__starts_at",
            Coalesce("person__full_name", "walk_in_name"), Value(""),
        )
    )  # fmt: skip
    rows = invited.union(present, all=True).order_by("-meeting__starts_at", "person__full_name")
    found = {"invitations": [], "attendances": []}
    for kind, meeting_id, title, starts_at, name, response in rows[:limit]:
        row = {"meeting_id": meeting_id, "title": title, "starts_at": starts_at, "name": name}
        if kind == _INVITED:
            row["response"] = Response(response).label
            found["invitations"].append(row)
        else:
            found["attendances"].append(row)
    return found


_INVITED, _PRESENT = 0, 1


def public_upcoming(*, loket, limit: int = 10):
    """The published meetings to come that are not cancelled. One query."""
    return list(
        Meeting.objects.for_desk(loket)
        .upcoming()
        .not_cancelled()
        .filter(is_public=True)
        .order_by("starts_at", "pk")[:limit]
    )


def public_meeting(*, loket_slug: str, pk: int):
    return (
        Meeting.objects.filter(loket__slug=loket_slug, loket__is_active=True, is_public=True)
        .select_related("loket")
        .filter(pk=pk)
        .first()
    )


def open_actions(*, loket, user, limit: int = 10):
    """The agreed actions of meetings that ``user`` still has to do at the desk, earliest due
    first. One query."""
    return list(
        AgreedAction.objects.filter(meeting__loket=loket, owner=user, done_at__isnull=True)
        .select_related("meeting")
        .order_by("due_on", "pk")[:limit]
    )


def rsvp_invitation(*, token: str):
    return (
        Invitation.objects.select_related("meeting__loket", "person", "organisation")
        .filter(token=token)
        .first()
    )


def meeting_register_choices(*, loket):
    """The register's organisations a walk-in or a question can be linked to."""
    return (
        Organisation.objects.for_desk(loket)
        .filter(merged_into__isnull=True)
        .only("pk", "name")
        .order_by("name", "pk")
    )


def with_places(meeting) -> int:
    invited = meeting.invitations.filter(response=Response.YES).aggregate(n=Sum("people"))["n"]
    registered = meeting.registrations.aggregate(n=Sum("people"))["n"]
    return (invited or 0) + (registered or 0)
