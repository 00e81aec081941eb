"""The meeting as an iCalendar file (RFC 5545): local times with TZID Europe/Amsterdam and
its VTIMEZONE, a UID that stays the same for the meeting and a SEQUENCE that grows with every
change, so that a calendar replaces the event it has (METHOD REQUEST) or removes it (CANCEL)."""

from email.utils import parseaddr

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event, vCalAddress, vText

from sportloket.meetings.models import Meeting

PRODID = "-//Sportloket//Meetings//NL"


def meeting_location(meeting: Meeting) -> str:
    return ", ".join(part for part in (meeting.place, meeting.online_url) if part)


def meeting_ics(meeting: Meeting, *, url: str = "", attendee_email: str = "") -> bytes:
    """The calendar file of ``meeting``; ``url`` is the page the reader answers or reads it on."""
    zone = timezone.get_default_timezone()
    cancelled = meeting.is_cancelled
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("method", "CANCEL" if cancelled else "REQUEST")
    event = Event()
    event.add("uid", meeting.uid)
    event.add("sequence", meeting.sequence)
    event.add("dtstamp", timezone.now())
    event.add("dtstart", timezone.localtime(meeting.starts_at, zone))
    event.add("dtend", timezone.localtime(meeting.ends_at, zone))
    event.add("summary", meeting.title)
    event.add("location", meeting_location(meeting))
    description = meeting.description
    if url:
        description = f"{description}\n\n{url}".strip()
        event.add("url", url)
    if description:
        event.add("description", description)
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    organiser = meeting.loket.email or parseaddr(settings.DEFAULT_FROM_EMAIL)[1]
    if organiser:
        address = vCalAddress(f"mailto:{organiser}")
        address.params["cn"] = vText(meeting.loket.name)
        event.add("organizer", address)
    if attendee_email:
        event.add("attendee", vCalAddress(f"mailto:{attendee_email}"))
    calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()
