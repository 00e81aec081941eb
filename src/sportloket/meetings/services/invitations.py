"""Invitations and answers: the contact people of chosen organisations who agreed to be
contacted are invited (never anyone else, never twice), answer by their private link, get a
reminder a few days before; anyone registers on a published meeting's public page."""

import secrets
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from sportloket.core.audit import audited
from sportloket.meetings.constants import ANSWERS, COMING_OR_MAYBE, Response
from sportloket.meetings.models import Invitation, Meeting, Registration
from sportloket.meetings.selectors.invitees import invitable_roles
from sportloket.meetings.services import mail


def _token() -> str:
    return secrets.token_urlsafe(32)


def _check_open(meeting: Meeting):
    if meeting.is_cancelled:
        raise ValidationError(_("This meeting is cancelled."))
    if meeting.is_past:
        raise ValidationError(_("This meeting has taken place."))


def invitations_send(*, meeting, actor, organisations) -> list[Invitation]:
    """Invites the consenting contact people of ``organisations`` (a queryset of the desk's
    register) who are not invited yet, each once, and e-mails each their invitation with the
    private answer link and the calendar file. Returns the new invitations."""
    meeting = Meeting.objects.select_related("loket").get(pk=meeting.pk)
    _check_open(meeting)
    roles = (
        invitable_roles(loket=meeting.loket, organisations=organisations)
        .exclude(person__meeting_invitations__meeting=meeting)
        .order_by("person_id", "organisation__name", "pk")
        .values_list("person_id", "organisation_id")
    )
    first_role = {}
    for person_id, organisation_id in roles:
        first_role.setdefault(person_id, organisation_id)  # one invitation per person
    now = timezone.now()
    new = [
        Invitation(
            meeting=meeting,
            person_id=person_id,
            organisation_id=organisation_id,
            token=_token(),
            invited_at=now,
        )
        for person_id, organisation_id in first_role.items()
    ]
    with transaction.atomic(), audited(actor):
        Invitation.objects.bulk_create(new, ignore_conflicts=True)
        # Re-read: a concurrent send may have invited someone first (ignore_conflicts).
        created = list(
            Invitation.objects.filter(token__in=[i.token for i in new]).select_related(
                "person", "meeting__loket"
            )
        )
        mail.mail_invitations(created)
    return created


def places_taken(meeting: Meeting, *, excluding: Invitation | None = None) -> int:
    """The people who said yes: invited ones and those who registered."""
    invited = meeting.invitations.filter(response=Response.YES)
    if excluding is not None:
        invited = invited.exclude(pk=excluding.pk)
    registered = meeting.registrations.aggregate(n=Sum("people"))["n"] or 0
    return (invited.aggregate(n=Sum("people"))["n"] or 0) + registered


def _check_capacity(meeting, people: int, *, excluding=None):
    if meeting.capacity is not None:
        left = meeting.capacity - places_taken(meeting, excluding=excluding)
        if people > left:
            message = _("The meeting is full: %(left)s places left.") % {"left": max(left, 0)}
            raise ValidationError({"response": message})


def rsvp_answer(*, token: str, response: str, people: int = 1, needs: str = "") -> Invitation:
    """The answer given through an invitation's private link: it changes that invitation only.
    Refused when the meeting is cancelled or over, and a yes when the places are taken."""
    if response not in ANSWERS:
        raise ValidationError({"response": _("Choose yes, maybe or no.")})
    if not 1 <= int(people) <= 20:
        raise ValidationError({"people": _("Come with 1 to 20 people.")})
    with transaction.atomic():
        invitation = (
            Invitation.objects.select_for_update().select_related("meeting").get(token=token)
        )
        meeting = Meeting.objects.select_for_update().get(pk=invitation.meeting_id)
        _check_open(meeting)
        if response == Response.YES:
            _check_capacity(meeting, int(people), excluding=invitation)
        invitation.response = response
        invitation.people = int(people)
        invitation.needs = needs.strip()
        invitation.responded_at = timezone.now()
        invitation.save(update_fields=["response", "people", "needs", "responded_at", "updated_at"])
    return invitation


def registration_create(*, meeting, name, email, organisation_name="", people=1, needs=""):
    """Someone registers on the public page of a published meeting (places permitting), and
    gets a receipt with the calendar file."""
    errors = {}
    if not name.strip():
        errors["name"] = _("Enter your name.")
    if not email.strip():
        errors["email"] = _("Enter an e-mail address.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        meeting = Meeting.objects.select_for_update().select_related("loket").get(pk=meeting.pk)
        if not meeting.is_public:
            raise ValidationError(_("This meeting is not open for registration."))
        _check_open(meeting)
        _check_capacity(meeting, int(people))
        registration = Registration.objects.create(
            meeting=meeting,
            name=name.strip(),
            email=email.strip(),
            organisation_name=organisation_name.strip(),
            people=people,
            needs=needs.strip(),
        )
        mail.mail_registration(registration)
    return registration


def reminders_send(*, days: int, now=None) -> int:
    """Reminds everyone who said yes or maybe to a meeting that starts within ``days`` days
    and was not reminded yet: each once (the reminder is marked in the transaction of its
    e-mail), so a second run sends nothing twice. Returns the number sent."""
    now = now or timezone.now()
    until = timezone.localtime(now).replace(hour=23, minute=59, second=59) + timedelta(days=days)
    due = Invitation.objects.filter(
        meeting__cancelled_at__isnull=True,
        meeting__starts_at__gt=now,
        meeting__starts_at__lte=until,
        response__in=COMING_OR_MAYBE,
        reminded_at__isnull=True,
    ).values_list("pk", flat=True)
    sent = 0
    for pk in list(due):
        with transaction.atomic():
            invitation = (
                Invitation.objects.select_for_update()
                .select_related("person", "meeting__loket")
                .filter(pk=pk, reminded_at__isnull=True)
                .first()
            )
            if invitation is None:
                continue
            invitation.reminded_at = now
            invitation.save(update_fields=["reminded_at", "updated_at"])
            mail.mail_reminder(invitation)
            sent += 1
    return sent
