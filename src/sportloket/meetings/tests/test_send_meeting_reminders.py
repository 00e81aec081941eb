import pytest
from django.core import mail
from django.core.management import call_command

from sportloket.meetings.constants import Response
from sportloket.meetings.tests.factories import InvitationFactory, MeetingFactory, in_days

pytestmark = pytest.mark.django_db


def test_reminders_go_to_yes_and_maybe_of_the_coming_days_once(desk, coordinator):
    soon = MeetingFactory(loket=desk, starts_at=in_days(2))
    yes = InvitationFactory(meeting=soon, response=Response.YES)
    maybe = InvitationFactory(meeting=soon, response=Response.MAYBE)
    InvitationFactory(meeting=soon, response=Response.NO)
    InvitationFactory(meeting=soon, response=Response.NONE)
    later = MeetingFactory(loket=desk, starts_at=in_days(10))
    InvitationFactory(meeting=later, response=Response.YES)
    cancelled = MeetingFactory(loket=desk, starts_at=in_days(1), cancelled_at=in_days(-1))
    InvitationFactory(meeting=cancelled, response=Response.YES)

    call_command("send_meeting_reminders", "--days", "3")
    assert sorted(m.to[0] for m in mail.outbox) == sorted([yes.person.email, maybe.person.email])
    assert all(m.attachments[0][0].endswith(".ics") for m in mail.outbox)

    call_command("send_meeting_reminders", "--days", "3")  # a second run sends nothing twice
    assert len(mail.outbox) == 2
    yes.refresh_from_db()
    assert yes.reminded_at is not None
