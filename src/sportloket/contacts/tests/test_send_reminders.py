"""send_reminders: each supporter gets only their own providers, planned contacts and expiring
registrations; a second run on the same day sends nothing twice (acceptance 3)."""

import datetime
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command

from sportloket.contacts import reminders
from sportloket.contacts.models import RegistrationWarningSent, ReminderSent
from sportloket.contacts.tests.factories import (
    AccountHolderFactory,
    ContactMomentFactory,
    PlannedContactFactory,
)
from sportloket.core.models import Municipality
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


@pytest.fixture
def amsterdam_desk(other_desk):
    other_desk.work_area.set([Municipality.objects.get(code="GM0363")])
    return other_desk


def expiring_vog(user):
    return QualityRegistration.objects.create(
        user=user, system="vog", valid_from=datetime.date(2023, 1, 1),
        valid_until=datetime.date(2026, 7, 1),
    )  # fmt: skip


@pytest.fixture
def at_two_desks(area_desk, amsterdam_desk, utrecht, supporter):
    """The supporter holds providers at both desks and has a VOG that expires soon; the two
    desks in the order of their number."""

    amsterdam = Municipality.objects.get(code="GM0363")
    MembershipFactory(loket=amsterdam_desk, user=supporter, supporter=True)
    OrganisationFactory(municipality=utrecht, name="Utrechtse Hockeyclub")
    OrganisationFactory(municipality=amsterdam, name="Amsterdamse Roeiclub")
    AccountHolderFactory(loket=area_desk, supporter=supporter, municipality=utrecht)
    AccountHolderFactory(loket=amsterdam_desk, supporter=supporter, municipality=amsterdam)
    expiring_vog(supporter)
    return sorted([area_desk, amsterdam_desk], key=lambda desk: desk.pk)


def test_someone_at_two_desks_is_warned_of_an_expiring_registration_once_a_day(
    area_desk, amsterdam_desk, supporter, at_two_desks
):
    """Registrations are the person's: of the two digests, only the first desk's (by its
    number) warns of the VOG; both still name that desk's own providers."""

    first, second = at_two_desks

    for day in (DAY, DAY, "2026-06-16"):  # the second run of a day sends nothing
        send(day)
    mails = mails_to(supporter)
    assert len(mails) == 4
    for today in mails[:2], mails[2:]:
        by_desk = {desk: [m for m in today if desk.name in m.subject] for desk in (first, second)}
        ((warned,), (plain,)) = by_desk[first], by_desk[second]
        assert "VOG" in warned.body and "VOG" not in plain.body
        assert "Utrechtse Hockeyclub" in by_desk[area_desk][0].body
        assert "Amsterdamse Roeiclub" in by_desk[amsterdam_desk][0].body
    warnings = RegistrationWarningSent.objects.order_by("day")
    assert [(w.day.isoformat(), w.loket) for w in warnings] == [
        (DAY, first),
        ("2026-06-16", first),
    ]


def test_a_digest_with_only_an_expiring_registration_goes_to_one_desk(
    area_desk, amsterdam_desk, coordinator
):
    MembershipFactory(loket=amsterdam_desk, user=coordinator, coordinator=True)
    expiring_vog(coordinator)
    send()
    send()
    (warning,) = mails_to(coordinator)
    assert "VOG" in warning.body
    assert ReminderSent.objects.count() == 1  # the other desk had nothing left to say


def test_when_the_first_digest_fails_the_next_one_carries_the_warning(
    supporter, at_two_desks, monkeypatch
):
    first, second = at_two_desks
    real_send_mail = reminders.send_mail

    def down_for_the_first_desk(subject, *args, **kwargs):
        if first.name in subject:
            raise OSError("mail server down")
        return real_send_mail(subject, *args, **kwargs)

    monkeypatch.setattr(reminders, "send_mail", down_for_the_first_desk)
    send()
    (carried,) = mails_to(supporter)
    assert second.name in carried.subject and "VOG" in carried.body
    monkeypatch.undo()
    send()
    assert len(mails_to(supporter)) == 2
    late = mails_to(supporter)[1]
    assert first.name in late.subject and "VOG" not in late.body
