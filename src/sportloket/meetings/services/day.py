"""On the day and after: who came (each organisation present is one contact moment with it,
logged through the contacts' service), what was agreed and by whom, and the questions raised
there (each a question for the desk, channel "meeting")."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from sportloket.contacts import services as contact_services
from sportloket.contacts.constants import Channel as ContactChannel
from sportloket.core.audit import audited
from sportloket.core.constants import Role
from sportloket.core.models import Membership
from sportloket.helprequests import services as request_services
from sportloket.helprequests.constants import Channel as RequestChannel
from sportloket.meetings.models import AgreedAction, Attendance, Meeting, RaisedQuestion
from sportloket.registry.models import Organisation, PersonRole


def _in_register(meeting, organisation) -> bool:
    return (
        organisation is not None
        and Organisation.objects.for_desk(meeting.loket)
        .filter(pk=organisation.pk, merged_into__isnull=True)
        .exists()
    )


def _check_day(meeting):
    if meeting.is_cancelled:
        raise ValidationError(_("This meeting is cancelled."))
    if timezone.localdate(meeting.starts_at) > timezone.localdate():
        raise ValidationError(_("Attendance is recorded from the day of the meeting."))


def _moment_summary(meeting) -> str:
    with translation.override(settings.LANGUAGE_CODE):
        return _("Present at the meeting “%(title)s” (%(kind)s).") % {
            "title": meeting.title,
            "kind": meeting.get_kind_display(),
        }


def _organisation_moment(meeting, organisation, actor, person):
    """The contact moment of ``organisation``'s presence: the one its other attendees share,
    or a new one, dated on the meeting's day."""
    present = meeting.attendances.filter(organisation=organisation).first()
    if present is not None:
        moment = present.contact_moment
        if person is not None and not moment.people.filter(pk=person.pk).exists():
            contact_services.contact_person_add(moment=moment, person=person, actor=actor)
        return moment
    return contact_services.contact_log(
        loket=meeting.loket,
        actor=actor,
        organisation=organisation,
        people=[person] if person is not None else [],
        topics=list(meeting.themes.all()),
        date=timezone.localdate(meeting.starts_at),
        channel=ContactChannel.MEETING,
        summary=_moment_summary(meeting),
        proactive=True,
    )


def attendance_mark(*, meeting, actor, organisation, person=None, walk_in_name="") -> Attendance:
    """Ticks someone who came: an invited or known person of ``organisation`` (a role there),
    or someone who walked in (a name) linked to an organisation of the desk's register. The
    first attendee of an organisation logs the contact moment with it; ticking again changes
    nothing."""
    _check_day(meeting)
    walk_in_name = walk_in_name.strip()
    errors = {}
    if not _in_register(meeting, organisation):
        errors["organisation"] = _("Choose an organisation from the register of this desk.")
    if person is None and not walk_in_name:
        errors["walk_in_name"] = _("Enter the name of who walked in.")
    if (
        person is not None
        and organisation is not None
        and not PersonRole.objects.filter(person=person, organisation=organisation).exists()
    ):
        errors["person"] = _("Choose someone with a role at this organisation.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic(), audited(actor):
        Meeting.objects.select_for_update().get(pk=meeting.pk)  # one moment per organisation
        existing = meeting.attendances.filter(
            organisation=organisation, person=person, walk_in_name="" if person else walk_in_name
        ).first()
        if existing is not None:
            return existing
        moment = _organisation_moment(meeting, organisation, actor, person)
        return Attendance.objects.create(
            meeting=meeting,
            organisation=organisation,
            person=person,
            walk_in_name="" if person else walk_in_name,
            contact_moment=moment,
            created_by=actor,
        )


def attendance_unmark(*, attendance, actor) -> None:
    """Unticks someone. When nobody of their organisation is left, the organisation was not
    there after all: its contact moment of this meeting goes too (ticking again logs one)."""
    with transaction.atomic(), audited(actor):
        Meeting.objects.select_for_update().get(pk=attendance.meeting_id)
        moment = attendance.contact_moment
        attendance.delete()
        if not moment.meeting_attendances.exists():
            contact_services.contact_withdraw(moment=moment, actor=actor)
        elif attendance.person_id:
            contact_services.contact_person_remove(
                moment=moment, person_id=attendance.person_id, actor=actor
            )


def _desk_staff(loket, user) -> bool:
    return (
        user is not None
        and Membership.objects.active()
        .filter(loket=loket, user=user, role__in=(Role.COORDINATOR, Role.SUPPORTER))
        .exists()
    )


def agreed_action_add(*, meeting, actor, description, owner, due_on) -> AgreedAction:
    """Records what was agreed, for a coordinator or supporter of the desk, by a day."""
    errors = {}
    if not (description or "").strip():
        errors["description"] = _("Describe what was agreed.")
    if not _desk_staff(meeting.loket, owner):
        errors["owner"] = _("Choose a coordinator or supporter of this desk.")
    if due_on is None:
        errors["due_on"] = _("Give the day it is due.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic(), audited(actor):
        return AgreedAction.objects.create(
            meeting=meeting,
            description=description.strip(),
            owner=owner,
            due_on=due_on,
            created_by=actor,
        )


def agreed_action_done(*, action, actor, done=True) -> AgreedAction:
    with transaction.atomic(), audited(actor):
        action.done_at = timezone.now() if done else None
        action.save(update_fields=["done_at", "updated_at"])
    return action


def question_from_meeting(*, meeting, actor, organisation, question, contact_name="", **extra):
    """A question an organisation raised at the meeting, recorded for the desk in one step
    (channel "meeting", by a coordinator) and kept with the meeting."""
    errors = {}
    if not _in_register(meeting, organisation):
        errors["organisation"] = _("Choose an organisation from the register of this desk.")
    if not (question or "").strip():
        errors["question"] = _("Write down the question.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic(), audited(actor):
        help_request = request_services.request_submit(
            loket=meeting.loket,
            organisation=organisation,
            channel=RequestChannel.MEETING,
            actor=actor,
            themes=list(meeting.themes.all()),
            organisation_name=organisation.name,
            contact_name=contact_name.strip() or organisation.name,
            question=question.strip(),
            **extra,
        )
        RaisedQuestion.objects.create(meeting=meeting, help_request=help_request)
    return help_request
