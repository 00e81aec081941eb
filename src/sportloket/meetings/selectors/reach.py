"""The reach of the desk's meetings: per meeting and for a period, who was invited, who
registered (said yes, or registered on the public page) and who came, by kind of organisation
and municipality; the share of the work area's providers reached by any meeting in the last
twelve months; the meetings co-organised with the sport platform this year. A fixed number of
queries whatever the number of meetings or invitations."""

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.utils import timezone

from sportloket.contacts.dates import add_months
from sportloket.contacts.selectors import work_area_providers
from sportloket.contacts.selectors.last_contact import aware_day
from sportloket.meetings.constants import Response
from sportloket.meetings.models import Attendance, Invitation, Meeting, Registration
from sportloket.meetings.selectors.meetings import with_counts
from sportloket.registry.constants import OrganisationKind
from sportloket.registry.models import Organisation


@dataclass
class ReachRow:
    label: str
    invited: int = 0
    registered: int = 0
    attended: int = 0


def _bounds(since, until) -> dict:
    """The period as times in the desk's time zone, so the index on the start time is used."""
    return {
        "starts_at__gte": aware_day(since),
        "starts_at__lt": aware_day(until + datetime.timedelta(days=1)),
    }


def _period_meetings(loket, since, until):
    return Meeting.objects.for_desk(loket).filter(
        cancelled_at__isnull=True, **_bounds(since, until)
    )


def _of_meetings(model, loket, since, until):
    """Rows of ``model`` whose meeting is one of the period's (a join the index leads)."""
    bounds = {f"meeting__{name}": value for name, value in _bounds(since, until).items()}
    return model.objects.filter(
        meeting__loket=loket, meeting__cancelled_at__isnull=True, **bounds
    ).order_by()


def _totals(loket, since, until) -> ReachRow:
    """People invited, registered and present at the period's meetings. Three queries."""
    invited = _of_meetings(Invitation, loket, since, until).aggregate(
        invited=Count("pk"), yes=Count("pk", filter=Q(response=Response.YES))
    )
    registered = _of_meetings(Registration, loket, since, until).count()
    attended = _of_meetings(Attendance, loket, since, until).count()
    return ReachRow(
        label="",
        invited=invited["invited"],
        registered=invited["yes"] + registered,
        attended=attended,
    )


def _by_organisation(loket, since, until) -> dict:
    """Organisations invited, registered (someone said yes) and present, per kind and per
    municipality, each organisation counted once. Three queries: the invitations and the
    attendance grouped by organisation alone (no join per invitation: a year of 40,000
    invitations took 66 ms grouped after joining their organisations), then the kind and
    municipality of the organisations found."""
    found = {}
    invited = (
        _of_meetings(Invitation, loket, since, until)
        .values("organisation_id")
        .annotate(yes=Count("pk", filter=Q(response=Response.YES)))
        .values_list("organisation_id", "yes")
    )
    for pk, yes in invited:
        found[pk] = [True, yes > 0, False]
    present = _of_meetings(Attendance, loket, since, until).values_list("organisation_id")
    for (pk,) in present.distinct():
        found.setdefault(pk, [False, False, False])[2] = True
    # By their ids, which a desk's register bounds (a desk invites the providers it knows).
    where = Organisation.objects.filter(pk__in=sorted(found)).values_list(
        "pk", "kind", "municipality__name"
    )
    places = {pk: (kind, municipality) for pk, kind, municipality in where}
    per_kind, per_municipality = {}, defaultdict(lambda: ReachRow(label=""))
    for pk, (was_invited, said_yes, came) in found.items():
        kind, municipality = places[pk]
        for row in (
            per_kind.setdefault(kind, ReachRow(label=str(OrganisationKind(kind).label))),
            per_municipality[municipality or ""],
        ):
            row.invited += was_invited
            row.registered += said_yes
            row.attended += came
    municipalities = []
    for name in sorted(per_municipality):
        per_municipality[name].label = name
        municipalities.append(per_municipality[name])
    kinds = [per_kind[k] for k in OrganisationKind.values if k in per_kind]
    return {"per_kind": kinds, "per_municipality": municipalities}


def providers_reached(*, loket, on: datetime.date) -> dict:
    """The work area's providers (as the contact figures count them) present at any meeting of
    the desk in the twelve months up to ``on``, and their share. One query."""
    since = add_months(on, -12)
    # The organisations present, as one list the database makes once (not a lookup per
    # provider), over the period's meetings found by the index on their start.
    came = Attendance.objects.filter(
        meeting__loket=loket,
        **{
            f"meeting__{name}": value
            for name, value in _bounds(since + datetime.timedelta(days=1), on).items()
        },
    ).values("organisation_id")
    figures = work_area_providers(loket=loket).aggregate(
        providers=Count("pk"), reached=Count("pk", filter=Q(pk__in=came))
    )
    total = figures["providers"]
    return {**figures, "share": figures["reached"] / total if total else None, "since": since}


def platform_meetings(*, loket, year: int):
    """The meetings of ``year`` co-organised with a sport platform (not cancelled). One query."""
    return list(
        Meeting.objects.for_desk(loket)
        .filter(
            cancelled_at__isnull=True,
            starts_at__year=year,
            pk__in=Meeting.co_organisers.through.objects.filter(
                organisation__kind=OrganisationKind.SPORT_PLATFORM
            ).values("meeting_id"),
        )
        .order_by("starts_at", "pk")
    )


def reach(*, loket, since=None, until=None, on=None, page=None, per_page: int = 25) -> dict:
    """The reach page's figures for meetings that start from ``since`` up to ``until`` (the
    last twelve months by default). Ten queries."""
    on = on or timezone.localdate()
    until = until or on
    since = since or add_months(until, -12) + datetime.timedelta(days=1)
    meetings = _period_meetings(loket, since, until)
    page_obj = Paginator(with_counts(meetings).order_by("-starts_at", "-pk"), per_page).get_page(
        page
    )
    return {
        "since": since,
        "until": until,
        "page_obj": page_obj,
        "totals": _totals(loket, since, until),
        **_by_organisation(loket, since, until),
        "providers": providers_reached(loket=loket, on=on),
        "platform_meetings": platform_meetings(loket=loket, year=on.year),
        "year": on.year,
    }
