import datetime

import pytest
from django.core import mail
from django.utils import timezone
from icalendar import Calendar

from sportloket.meetings import services
from sportloket.meetings.constants import MeetingKind, Response
from sportloket.meetings.ics import meeting_ics
from sportloket.meetings.tests.factories import (
    InvitationFactory,
    MeetingFactory,
    RegistrationFactory,
)

pytestmark = pytest.mark.django_db


def answered(meeting, *responses):
    return [InvitationFactory(meeting=meeting, response=r) for r in responses]


def test_a_new_time_sends_one_update_to_every_yes(desk, coordinator):
    meeting = MeetingFactory(loket=desk)
    yes_1, yes_2, _maybe, _no, _none = answered(
        meeting, Response.YES, Response.YES, Response.MAYBE, Response.NO, Response.NONE
    )
    later = meeting.starts_at + datetime.timedelta(hours=1)

    services.meeting_update(
        meeting=meeting,
        actor=coordinator,
        starts_at=later,
        ends_at=later + datetime.timedelta(hours=2),
    )

    assert sorted(m.to[0] for m in mail.outbox) == sorted([yes_1.person.email, yes_2.person.email])
    meeting.refresh_from_db()
    assert meeting.sequence == 1
    for message in mail.outbox:
        [(_name, content, _mimetype)] = message.attachments
        event = Calendar.from_ical(content).walk("VEVENT")[0]
        assert event["SEQUENCE"] == 1
        assert event.decoded("DTSTART") == later


def test_a_change_of_title_only_sends_nothing(desk, coordinator):
    meeting = MeetingFactory(loket=desk)
    answered(meeting, Response.YES)
    services.meeting_update(meeting=meeting, actor=coordinator, title="Nieuwe titel")
    assert mail.outbox == []
    meeting.refresh_from_db()
    assert (meeting.title, meeting.sequence) == ("Nieuwe titel", 0)


def test_a_public_registration_hears_of_a_new_place_too(desk, coordinator):
    meeting = MeetingFactory(loket=desk, is_public=True)
    registration = RegistrationFactory(meeting=meeting)
    services.meeting_update(meeting=meeting, actor=coordinator, place="Clubhuis VV Utrecht")
    assert [m.to for m in mail.outbox] == [[registration.email]]


def test_cancelling_tells_yes_and_maybe_with_a_cancellation(desk, coordinator):
    meeting = MeetingFactory(loket=desk)
    yes, maybe, _no = answered(meeting, Response.YES, Response.MAYBE, Response.NO)
    services.meeting_cancel(meeting=meeting, actor=coordinator)
    assert sorted(m.to[0] for m in mail.outbox) == sorted([yes.person.email, maybe.person.email])
    calendar = Calendar.from_ical(mail.outbox[0].attachments[0][1])
    assert str(calendar["METHOD"]) == "CANCEL"
    assert str(calendar.walk("VEVENT")[0]["STATUS"]) == "CANCELLED"


def test_a_meeting_ends_after_it_starts(desk, coordinator):
    starts = timezone.now() + datetime.timedelta(days=3)
    with pytest.raises(Exception) as refused:
        services.meeting_create(
            loket=desk,
            actor=coordinator,
            title="Sportcafé",
            kind=MeetingKind.SPORT_CAFE,
            starts_at=starts,
            ends_at=starts,
            place="",
            online_url="",
        )
    assert set(refused.value.message_dict) == {"ends_at", "place"}


def test_the_calendar_file_has_the_amsterdam_time_zone_and_local_time(desk):
    # 19:30 in Amsterdam on a summer day is 17:30 UTC.
    starts = datetime.datetime(2026, 7, 2, 17, 30, tzinfo=datetime.UTC)
    meeting = MeetingFactory(
        loket=desk, starts_at=starts, ends_at=starts + datetime.timedelta(hours=2)
    )
    content = meeting_ics(meeting)

    calendar = Calendar.from_ical(content)
    [zone] = calendar.walk("VTIMEZONE")
    assert str(zone["TZID"]) == "Europe/Amsterdam"
    event = calendar.walk("VEVENT")[0]
    assert event["DTSTART"].params["TZID"] == "Europe/Amsterdam"
    assert b"DTSTART;TZID=Europe/Amsterdam:20260702T193000" in content
    start = event.decoded("DTSTART")
    assert (start.hour, start.minute) == (19, 30)
    assert start.utcoffset() == datetime.timedelta(hours=2)
    assert start == starts
    assert str(event["UID"]) == meeting.uid
    assert str(calendar["METHOD"]) == "REQUEST"


def test_the_uid_stays_the_same_for_the_meeting(desk):
    meeting = MeetingFactory(loket=desk)
    first = Calendar.from_ical(meeting_ics(meeting)).walk("VEVENT")[0]["UID"]
    meeting.title = "Anders"
    second = Calendar.from_ical(meeting_ics(meeting)).walk("VEVENT")[0]["UID"]
    assert first == second
    assert (
        first
        != Calendar.from_ical(meeting_ics(MeetingFactory(loket=desk))).walk("VEVENT")[0]["UID"]
    )
