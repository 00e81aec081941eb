import pytest
from django.core.management import call_command

from sportloket.core.models import Loket
from sportloket.demo.meetings import load_demo_meetings
from sportloket.meetings import selectors
from sportloket.meetings.models import Attendance, Invitation, Meeting

pytestmark = pytest.mark.django_db


def test_the_demo_meetings_load_once():
    call_command("seed_demo", "--quiet")
    desk = Loket.objects.get(slug="demo")
    meetings = Meeting.objects.filter(loket=desk)
    assert meetings.count() == 3
    assert meetings.filter(is_public=True).count() == 1
    assert Attendance.objects.filter(meeting__loket=desk).exists()
    assert Invitation.objects.filter(meeting__loket=desk).exists()
    assert len(selectors.public_upcoming(loket=desk)) == 1
    assert len(selectors.platform_meetings(loket=desk, year=meetings.first().starts_at.year)) >= 1

    load_demo_meetings(desk, actor=None)
    assert meetings.count() == 3
