"""E-mails about meetings, each with the meeting's calendar file: the invitation with the
private answer link, a reminder, a change of time or place, a cancellation, and the receipt of
a public registration. Queued in the transaction of the change (sportloket.jobs.mail): a rolled
back change sends nothing, a mail server that is down undoes nothing."""

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from sportloket.meetings.ics import meeting_ics
from sportloket.meetings.models import Invitation, Meeting, Registration

ICS_NAME = "bijeenkomst.ics"


def rsvp_url(invitation: Invitation) -> str:
    return settings.SITE_URL + reverse("meetings:rsvp", args=[invitation.token])


def public_url(meeting: Meeting) -> str:
    return settings.SITE_URL + reverse(
        "meetings:public-meeting", args=[meeting.loket.slug, meeting.pk]
    )


def _message(template: str, context: dict, *, to: str, meeting: Meeting, url: str):
    """Renders ``meetings/email/<template>_subject.txt`` and ``_message.txt`` in the site's
    language, with the calendar file attached."""
    context = {"meeting": meeting, "desk": meeting.loket, "url": url, **context}
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string(f"meetings/email/{template}_subject.txt", context)
        body = render_to_string(f"meetings/email/{template}_message.txt", context)
    message = EmailMessage(" ".join(subject.split()), body, None, [to])
    method = "CANCEL" if meeting.is_cancelled else "REQUEST"
    message.attach(
        ICS_NAME,
        meeting_ics(meeting, url=url, attendee_email=to),
        f"text/calendar; charset=utf-8; method={method}",
    )
    return message


def _send(messages: list) -> int:
    """One batch: the queue stores them all with one delivery task."""
    return get_connection().send_messages(messages) if messages else 0


def invitation_message(invitation: Invitation, template: str = "invitation"):
    return _message(
        template,
        {"invitation": invitation},
        to=invitation.person.email,
        meeting=invitation.meeting,
        url=rsvp_url(invitation),
    )


def registration_message(registration: Registration, template: str = "registered"):
    return _message(
        template,
        {"registration": registration},
        to=registration.email,
        meeting=registration.meeting,
        url=public_url(registration.meeting),
    )


def mail_invitations(invitations) -> int:
    return _send([invitation_message(invitation) for invitation in invitations])


def mail_reminder(invitation: Invitation) -> int:
    return _send([invitation_message(invitation, "reminder")])


def mail_registration(registration: Registration) -> int:
    return _send([registration_message(registration)])


def mail_everyone(meeting: Meeting, template: str, *, responses) -> int:
    """The e-mail ``template`` to every invited person whose answer is in ``responses`` and to
    everyone who registered on the public page (they said yes): one each."""
    invitations = meeting.invitations.filter(response__in=responses).select_related(
        "person", "meeting__loket"
    )
    registrations = meeting.registrations.select_related("meeting__loket")
    messages = [invitation_message(invitation, template) for invitation in invitations]
    messages += [registration_message(registration, template) for registration in registrations]
    return _send(messages)
