import pytest
from django.core.management import call_command

from sportloket.contacts import selectors
from sportloket.contacts.models import AccountHolder, ContactMoment, ContactPolicy
from sportloket.core.models import Loket
from sportloket.demo.contacts import load_demo_contacts
from sportloket.meetings.models import Attendance

pytestmark = pytest.mark.django_db


def test_the_demo_contacts_load_once(settings):
    call_command("seed_demo", "--quiet")
    desk = Loket.objects.get(slug="demo")
    load_demo_contacts(desk, actor=None)
    # The demo meetings' attendance is logged as contact moments too (demo/meetings.py).
    moments = ContactMoment.objects.filter(loket=desk, meeting_attendances__isnull=True).count()
    holders = AccountHolder.objects.filter(loket=desk).count()
    assert moments == 100 and holders >= 4
    assert ContactPolicy.objects.get(loket=desk).default_months == 12
    # Some providers are overdue or never contacted: the work list has something to show.
    assert selectors.work_list(loket=desk).exists()

    load_demo_contacts(desk, actor=None)
    assert (
        ContactMoment.objects.filter(loket=desk).count()
        == moments
        + Attendance.objects.filter(meeting__loket=desk).values("contact_moment").distinct().count()
    )
    assert AccountHolder.objects.filter(loket=desk).count() == holders
