import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from sportloket.contacts.constants import Channel
from sportloket.contacts.models import ContactMoment
from sportloket.meetings import services
from sportloket.meetings.models import Attendance
from sportloket.meetings.tests.conftest import contact
from sportloket.meetings.tests.factories import InvitationFactory, MeetingFactory
from sportloket.registry.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting(area_desk):
    return MeetingFactory(loket=area_desk, today=True, title="Sportcafé")


def test_attendance_is_one_contact_moment_per_organisation(meeting, coordinator, utrecht):
    club = OrganisationFactory(name="VV Utrecht", municipality=utrecht)
    anna, bram = contact(club, meeting.loket), contact(club, meeting.loket)

    services.attendance_mark(meeting=meeting, actor=coordinator, organisation=club, person=anna)
    services.attendance_mark(meeting=meeting, actor=coordinator, organisation=club, person=bram)
    # Ticking the same person again changes nothing.
    services.attendance_mark(meeting=meeting, actor=coordinator, organisation=club, person=anna)

    [moment] = ContactMoment.objects.filter(organisation=club)
    assert (moment.channel, moment.loket, moment.date) == (
        Channel.MEETING,
        meeting.loket,
        timezone.localdate(meeting.starts_at),
    )
    assert "Sportcafé" in moment.summary
    assert set(moment.people.all()) == {anna, bram}
    assert Attendance.objects.filter(meeting=meeting).count() == 2


def test_unticking_and_ticking_again_keeps_one_moment(meeting, coordinator, utrecht):
    club = OrganisationFactory(municipality=utrecht)
    anna, bram = contact(club, meeting.loket), contact(club, meeting.loket)
    first = services.attendance_mark(
        meeting=meeting, actor=coordinator, organisation=club, person=anna
    )
    services.attendance_mark(meeting=meeting, actor=coordinator, organisation=club, person=bram)

    services.attendance_unmark(attendance=first, actor=coordinator)
    assert ContactMoment.objects.filter(organisation=club).count() == 1  # Bram is still there
    services.attendance_mark(meeting=meeting, actor=coordinator, organisation=club, person=anna)
    assert ContactMoment.objects.filter(organisation=club).count() == 1

    for attendance in Attendance.objects.filter(meeting=meeting):
        services.attendance_unmark(attendance=attendance, actor=coordinator)
    assert not ContactMoment.objects.filter(organisation=club).exists()  # nobody came after all
    services.attendance_mark(meeting=meeting, actor=coordinator, organisation=club, person=anna)
    assert ContactMoment.objects.filter(organisation=club).count() == 1


def test_a_walk_in_is_linked_to_an_organisation_of_the_register(
    meeting, coordinator, utrecht, other_desk
):
    club = OrganisationFactory(municipality=utrecht)
    services.attendance_mark(
        meeting=meeting, actor=coordinator, organisation=club, walk_in_name="Kees Binnenloper"
    )
    assert ContactMoment.objects.filter(organisation=club).count() == 1

    elsewhere = OrganisationFactory.for_desk(other_desk)
    with pytest.raises(ValidationError) as refused:
        services.attendance_mark(
            meeting=meeting, actor=coordinator, organisation=elsewhere, walk_in_name="Iemand"
        )
    assert "organisation" in refused.value.message_dict
    with pytest.raises(ValidationError) as refused:
        services.attendance_mark(meeting=meeting, actor=coordinator, organisation=club)
    assert "walk_in_name" in refused.value.message_dict


def test_attendance_waits_for_the_day(area_desk, coordinator):
    invitation = InvitationFactory(meeting=MeetingFactory(loket=area_desk))
    with pytest.raises(ValidationError):
        services.attendance_mark(
            meeting=invitation.meeting,
            actor=coordinator,
            organisation=invitation.organisation,
            person=invitation.person,
        )
    assert not ContactMoment.objects.exists()


def test_the_attendance_page_ticks_without_javascript(client, coordinator, meeting):
    invitation = InvitationFactory(meeting=meeting)
    client.force_login(coordinator)
    url = f"/{meeting.loket.slug}/meetings/{meeting.pk}/attendance/"
    page = client.get(url)
    assert page.status_code == 200
    assert "Afvinken als aanwezig" in page.content.decode()

    response = client.post(
        url,
        {
            "action": "tick",
            "organisation": invitation.organisation_id,
            "person": invitation.person_id,
        },
    )
    assert response.status_code == 302
    attendance = Attendance.objects.get(meeting=meeting)
    assert ContactMoment.objects.filter(organisation=invitation.organisation).count() == 1

    response = client.post(url, {"action": "untick", "attendance": attendance.pk})
    assert response.status_code == 302
    assert not Attendance.objects.exists()

    refused = client.post(url, {"action": "walk_in", "walk_in_name": ""})
    assert refused.status_code == 400
    assert "Dit veld is verplicht." in refused.content.decode()


def test_a_question_raised_at_the_meeting_is_a_question_for_the_desk(meeting, coordinator, utrecht):
    from sportloket.helprequests.constants import Channel as RequestChannel

    club = OrganisationFactory(municipality=utrecht, name="VV Utrecht")
    question = services.question_from_meeting(
        meeting=meeting,
        actor=coordinator,
        organisation=club,
        question="Hoe vinden we een nieuwe penningmeester?",
        contact_name="Anna",
        consents_to_processing=True,
    )
    assert question.channel == RequestChannel.MEETING
    assert (question.loket, question.organisation) == (meeting.loket, club)
    assert list(meeting.questions.values_list("help_request", flat=True)) == [question.pk]


def test_only_a_coordinator_records_a_question(meeting, supporter, utrecht):
    club = OrganisationFactory(municipality=utrecht)
    with pytest.raises(ValidationError):
        services.question_from_meeting(
            meeting=meeting,
            actor=supporter,
            organisation=club,
            question="Vraag",
            consents_to_processing=True,
        )
    assert not meeting.questions.exists()
