"""send_reminders: each supporter gets only their own providers, planned contacts and expiring
registrations; a second run on the same day sends nothing twice (acceptance 3)."""

import datetime
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command

from sportloket.contacts.models import ReminderSent
from sportloket.contacts.tests.factories import (
    AccountHolderFactory,
    ContactMomentFactory,
    PlannedContactFactory,
)
from sportloket.core.tests.factories import MembershipFactory
from sportloket.quality.models import QualityRegistration
from sportloket.registry.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

DAY = "2026-06-15"


def send(day=DAY):
    call_command("send_reminders", "--date", day, stdout=StringIO())


def mails_to(user):
    return [m for m in mail.outbox if m.to == [user.email]]


def test_each_supporter_gets_only_their_own_providers_once_a_day(
    area_desk, utrecht, houten, supporter, other_supporter
):
    partner = MembershipFactory(loket=area_desk, partner=True).user
    OrganisationFactory(municipality=utrecht, name="Utrechtse Hockeyclub")
    overdue = OrganisationFactory(municipality=houten, name="Houtense Tennisclub")
    ContactMomentFactory(loket=area_desk, organisation=overdue, date=datetime.date(2025, 1, 2))
    fine = OrganisationFactory(municipality=houten, name="Houtense Judoclub")
    ContactMomentFactory(loket=area_desk, organisation=fine, date=datetime.date(2026, 6, 1))
    AccountHolderFactory(loket=area_desk, supporter=supporter, municipality=utrecht)
    AccountHolderFactory(loket=area_desk, supporter=other_supporter, municipality=houten)

    send()

    (mine,) = mails_to(supporter)
    (theirs,) = mails_to(other_supporter)
    assert "Utrechtse Hockeyclub" in mine.body and "Houtense" not in mine.body
    assert "Houtense Tennisclub" in theirs.body and "Utrechtse" not in theirs.body
    assert "Houtense Judoclub" not in theirs.body
    assert mails_to(partner) == []
    assert len(mail.outbox) == 2

    send()
    assert len(mail.outbox) == 2
    assert ReminderSent.objects.count() == 2

    send("2026-06-16")
    assert len(mail.outbox) == 4


def test_planned_contacts_due_and_expiring_registrations(
    area_desk, utrecht, supporter, coordinator
):
    organisation = OrganisationFactory(municipality=utrecht, name="Club met afspraak")
    ContactMomentFactory(loket=area_desk, organisation=organisation, date=datetime.date(2026, 6, 1))
    PlannedContactFactory(
        loket=area_desk, organisation=organisation, supporter=supporter,
        due_on=datetime.date(2026, 6, 15),
    )  # fmt: skip
    QualityRegistration.objects.create(
        user=coordinator, system="vog", valid_from=datetime.date(2023, 1, 1),
        valid_until=datetime.date(2026, 7, 1),
    )  # fmt: skip

    send("2026-06-14")  # the plan is not due yet, the registration expires within 60 days
    assert mails_to(supporter) == []
    (warning,) = mails_to(coordinator)
    assert "VOG" in warning.body and "Club met afspraak" not in warning.body

    send()
    (reminder,) = mails_to(supporter)
    assert "Club met afspraak" in reminder.body


def test_nothing_to_say_sends_nothing(area_desk, supporter):
    send()
    assert mail.outbox == [] and not ReminderSent.objects.exists()


def test_a_failed_mail_is_sent_on_the_next_run(area_desk, utrecht, supporter, monkeypatch):
    OrganisationFactory(municipality=utrecht)
    AccountHolderFactory(loket=area_desk, supporter=supporter, municipality=utrecht)

    def broken(*args, **kwargs):
        raise OSError("mail server down")

    monkeypatch.setattr("sportloket.contacts.reminders.send_mail", broken)
    errors = StringIO()
    call_command("send_reminders", "--date", DAY, stdout=StringIO(), stderr=errors)
    assert "could not be sent" in errors.getvalue()
    assert not ReminderSent.objects.exists()
    monkeypatch.undo()
    send()
    assert len(mails_to(supporter)) == 1
