"""The demo desk's meetings: a quarterly network meeting with the Sportraad Utrecht (one held
two months ago, with answers, attendance, notes, an agreed action and a question raised; the
next one in a month, with its invitations sent), and a public sport café in three weeks where
anyone can register. Dates are relative to the day the demo is loaded. Made through the
services (the past meeting's invitations excepted: the service invites only for meetings to
come). Idempotent: nothing is added when the series exists.
"""

import datetime
import secrets

from django.utils import timezone

from sportloket.core.models import Theme
from sportloket.meetings import services
from sportloket.meetings.constants import MeetingKind, Response
from sportloket.meetings.models import Invitation, MeetingSeries
from sportloket.meetings.selectors import invitable_roles
from sportloket.registry.constants import OrganisationKind
from sportloket.registry.models import Organisation

SERIES = "Netwerkbijeenkomst met de Sportraad"
ANSWERS = [Response.YES, Response.YES, Response.MAYBE, Response.NO]


def _at(days: int, hour: int) -> datetime.datetime:
    day = timezone.localdate() + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def _meeting(loket, actor, *, days, title, kind, series=None, public=False, partners=()):
    return services.meeting_create(
        loket=loket,
        actor=actor,
        title=title,
        kind=kind,
        starts_at=_at(days, 19),
        ends_at=_at(days, 21),
        place="Sportcentrum Galgenwaard, Herculeslaan 1, Utrecht",
        online_url="",
        capacity=60,
        description="Ontmoeten, kennis delen en samen agenderen wat clubs nodig hebben.",
        is_public=public,
        series=series,
        co_organisers=partners,
        themes=Theme.objects.for_desk(loket).filter(key__in=["volunteers", "governance"]),
    )


def _past_meeting(loket, actor, series, platform, clubs):
    meeting = _meeting(
        loket,
        actor,
        days=-60,
        title="Netwerkbijeenkomst: vrijwilligers vinden en houden",
        kind=MeetingKind.NETWORK,
        series=series,
        partners=[platform],
    )
    roles = list(invitable_roles(loket=loket, organisations=clubs).select_related("person"))
    seen = set()
    for n, role in enumerate(roles):
        if role.person_id in seen:
            continue
        seen.add(role.person_id)
        invitation = Invitation.objects.create(
            meeting=meeting,
            organisation_id=role.organisation_id,
            person_id=role.person_id,
            token=secrets.token_urlsafe(32),
            response=ANSWERS[n % len(ANSWERS)],
            invited_at=meeting.starts_at - datetime.timedelta(days=30),
        )
        if invitation.response == Response.YES:
            services.attendance_mark(
                meeting=meeting,
                actor=actor,
                organisation=role.organisation,
                person=role.person,
            )
    if clubs:
        services.attendance_mark(
            meeting=meeting, actor=actor, organisation=clubs[0], walk_in_name="Henk Binnenloper"
        )
        services.question_from_meeting(
            meeting=meeting,
            actor=actor,
            organisation=clubs[0],
            question="Kan het loket helpen met een cursus voor nieuwe bestuursleden?",
            contact_name="Henk Binnenloper",
            contact_email="henk@example.nl",  # the demo never mails a real person
            consents_to_processing=True,
        )
    services.meeting_notes_save(
        meeting=meeting,
        actor=actor,
        notes="Clubs zoeken vooral vrijwilligers voor korte klussen. De Sportraad zet een "
        "vrijwilligersbank op; het loket verzorgt een workshop.",
    )
    services.agreed_action_add(
        meeting=meeting,
        actor=actor,
        description="Workshop vrijwilligersbeleid plannen met de Sportraad",
        owner=actor,
        due_on=timezone.localdate() + datetime.timedelta(days=14),
    )


def load_demo_meetings(loket, *, actor) -> None:
    if MeetingSeries.objects.filter(loket=loket, name=SERIES).exists():
        return
    platform = (
        Organisation.objects.for_desk(loket)
        .filter(kind=OrganisationKind.SPORT_PLATFORM, merged_into__isnull=True)
        .order_by("name")
        .first()
    )
    clubs = list(
        Organisation.objects.for_desk(loket)
        .filter(kind=OrganisationKind.CLUB, merged_into__isnull=True)
        .order_by("name")[:12]
    )
    partners = [platform] if platform else []
    series = services.series_create(loket=loket, actor=actor, name=SERIES, rhythm="elk kwartaal")
    _past_meeting(loket, actor, series, platform, clubs)
    upcoming = _meeting(
        loket,
        actor,
        days=30,
        title="Netwerkbijeenkomst: samen sterker in de wijk",
        kind=MeetingKind.NETWORK,
        series=series,
        partners=partners,
    )
    services.invitations_send(
        meeting=upcoming,
        actor=actor,
        organisations=Organisation.objects.filter(pk__in=[c.pk for c in clubs]),
    )
    _meeting(
        loket,
        actor,
        days=21,
        title="Sportcafé: de club van de toekomst",
        kind=MeetingKind.SPORT_CAFE,
        public=True,
        partners=partners,
    )
