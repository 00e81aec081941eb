import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from icalendar import Calendar

from sportloket.meetings import selectors, services
from sportloket.meetings.models import Invitation
from sportloket.meetings.tests.conftest import contact
from sportloket.meetings.tests.factories import MeetingFactory
from sportloket.registry.models import Organisation
from sportloket.registry.tests.factories import OrganisationFactory, PersonRoleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def clubs(area_desk, utrecht, other_desk):
    """Two clubs in Utrecht: contact people who agreed, who did not, without an e-mail, with a
    past role, and one recorded by another desk (without agreeing to sharing)."""
    first = OrganisationFactory(name="VV Utrecht", municipality=utrecht)
    second = OrganisationFactory(name="HC Utrecht", municipality=utrecht)
    people = {
        "yes_first": contact(first, area_desk, full_name="Anna Agreed"),
        "yes_second": contact(second, area_desk, full_name="Bram Agreed"),
        "no": contact(first, area_desk, consents=False, full_name="Cees Notagreed"),
        "no_email": contact(second, area_desk, full_name="Dirk Nomail", email=""),
        "other_desk": contact(first, other_desk, full_name="Eva Otherdesk"),
    }
    PersonRoleFactory(
        organisation=first,
        loket=area_desk,
        person__consents_to_contact=True,
        person__full_name="Frits Former",
        end_on=datetime.date(2020, 1, 1),
    )
    # Someone with roles at both clubs is invited once.
    PersonRoleFactory(organisation=second, loket=area_desk, person=people["yes_first"])
    return first, second, people


def test_only_consenting_contact_people_are_invited_each_once(area_desk, coordinator, clubs):
    first, second, people = clubs
    meeting = MeetingFactory(loket=area_desk)
    organisations = Organisation.objects.filter(pk__in=[first.pk, second.pk])

    sent = services.invitations_send(
        meeting=meeting, actor=coordinator, organisations=organisations
    )

    invited = {i.person.full_name for i in Invitation.objects.filter(meeting=meeting)}
    assert invited == {"Anna Agreed", "Bram Agreed"}
    assert len(sent) == 2
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [people["yes_first"].email, people["yes_second"].email]
    )


def test_sending_again_invites_nobody_twice(area_desk, coordinator, clubs):
    first, second, people = clubs
    meeting = MeetingFactory(loket=area_desk)
    services.invitations_send(
        meeting=meeting, actor=coordinator, organisations=Organisation.objects.filter(pk=first.pk)
    )
    mail.outbox.clear()

    sent = services.invitations_send(
        meeting=meeting,
        actor=coordinator,
        organisations=Organisation.objects.filter(pk__in=[first.pk, second.pk]),
    )

    assert [i.person for i in sent] == [people["yes_second"]]
    assert [m.to for m in mail.outbox] == [[people["yes_second"].email]]
    assert Invitation.objects.filter(meeting=meeting).count() == 2


def test_the_preview_counts_who_is_invited_and_who_is_skipped(area_desk, clubs):
    first, second, _people = clubs
    meeting = MeetingFactory(loket=area_desk)
    preview = selectors.invite_preview(
        meeting=meeting, organisations=Organisation.objects.filter(pk__in=[first.pk, second.pk])
    )
    assert preview["organisations"] == 2
    assert preview["to_invite"] == 2
    assert preview["skipped"] == 2  # no agreement, no e-mail address
    assert [r.person.full_name for r in preview["preview"]] == ["Anna Agreed", "Bram Agreed"]


def test_the_invitation_carries_the_private_link_and_the_calendar_file(
    area_desk, coordinator, clubs
):
    first, _second, _people = clubs
    meeting = MeetingFactory(loket=area_desk, title="Sportcafé bestuurders")
    [invitation] = services.invitations_send(
        meeting=meeting, actor=coordinator, organisations=Organisation.objects.filter(pk=first.pk)
    )
    [message] = mail.outbox
    assert f"/m/{invitation.token}/" in message.body
    [(name, content, mimetype)] = message.attachments
    assert name.endswith(".ics")
    assert "method=REQUEST" in mimetype
    event = Calendar.from_ical(content).walk("VEVENT")[0]
    assert str(event["SUMMARY"]) == "Sportcafé bestuurders"


def test_invitations_follow_the_registers_filters(area_desk, utrecht, houten):
    hockey_utrecht = OrganisationFactory(name="HC Utrecht", municipality=utrecht)
    OrganisationFactory(name="HC Houten", municipality=houten)
    found = selectors.invite_candidates(loket=area_desk, municipality=utrecht)
    assert list(found) == [hockey_utrecht]


def test_never_contacted_leaves_out_those_the_desk_spoke_to(area_desk, utrecht, coordinator):
    from sportloket.contacts.tests.factories import ContactMomentFactory

    spoken = OrganisationFactory(name="Gesproken", municipality=utrecht)
    silent = OrganisationFactory(name="Nooit gesproken", municipality=utrecht)
    ContactMomentFactory(loket=area_desk, organisation=spoken)
    found = selectors.invite_candidates(loket=area_desk, municipality=utrecht, never_contacted=True)
    assert list(found) == [silent]


def test_a_cancelled_meeting_invites_nobody(area_desk, coordinator, clubs):
    first, _second, _people = clubs
    meeting = MeetingFactory(loket=area_desk)
    services.meeting_cancel(meeting=meeting, actor=coordinator)
    with pytest.raises(ValidationError):
        services.invitations_send(
            meeting=meeting,
            actor=coordinator,
            organisations=Organisation.objects.filter(pk=first.pk),
        )
    assert not Invitation.objects.exists()
