import pytest
from django.core.exceptions import ValidationError
from django.utils.html import escape

from sportloket.meetings import services
from sportloket.meetings.constants import Response
from sportloket.meetings.tests.factories import InvitationFactory, MeetingFactory

pytestmark = pytest.mark.django_db


def test_a_token_answers_its_own_invitation_only(desk):
    meeting = MeetingFactory(loket=desk)
    mine = InvitationFactory(meeting=meeting)
    colleague = InvitationFactory(meeting=meeting)
    elsewhere = InvitationFactory(meeting=MeetingFactory(loket=desk), person=mine.person)

    services.rsvp_answer(token=mine.token, response=Response.YES, people=2, needs="Rolstoel")

    for invitation in (mine, colleague, elsewhere):
        invitation.refresh_from_db()
    assert (mine.response, mine.people, mine.needs) == (Response.YES, 2, "Rolstoel")
    assert colleague.response == Response.NONE
    assert elsewhere.response == Response.NONE  # the same person, another meeting


def test_the_answer_page_takes_no_other_invitation(client, desk):
    mine = InvitationFactory(meeting=MeetingFactory(loket=desk))
    other = InvitationFactory(meeting=MeetingFactory(loket=desk))
    # The page knows the invitation by its token only: whatever else is sent is ignored.
    response = client.post(
        f"/m/{mine.token}/",
        {"response": "no", "people": 1, "invitation": other.pk, "meeting": other.meeting_id},
    )
    assert response.status_code == 302
    other.refresh_from_db()
    mine.refresh_from_db()
    assert (mine.response, other.response) == (Response.NO, Response.NONE)
    assert client.get("/m/not-a-token/").status_code == 404
    assert client.post(f"/m/{mine.token}x/", {"response": "yes", "people": 1}).status_code == 404


def test_a_cancelled_or_past_meeting_takes_no_answer(desk, coordinator):
    cancelled = InvitationFactory(meeting=MeetingFactory(loket=desk))
    services.meeting_cancel(meeting=cancelled.meeting, actor=coordinator)
    past = InvitationFactory(meeting=MeetingFactory(loket=desk, past=True))
    for invitation in (cancelled, past):
        with pytest.raises(ValidationError):
            services.rsvp_answer(token=invitation.token, response=Response.YES)
        invitation.refresh_from_db()
        assert invitation.response == Response.NONE


def test_a_yes_needs_a_free_place(desk):
    meeting = MeetingFactory(loket=desk, capacity=3)
    first, second = InvitationFactory(meeting=meeting), InvitationFactory(meeting=meeting)
    services.rsvp_answer(token=first.token, response=Response.YES, people=2)
    with pytest.raises(ValidationError):
        services.rsvp_answer(token=second.token, response=Response.YES, people=2)
    services.rsvp_answer(token=second.token, response=Response.YES, people=1)
    # Changing one's own answer does not count one's own places twice.
    services.rsvp_answer(token=first.token, response=Response.YES, people=2)


def test_the_answer_page_shows_the_meeting_and_errors_in_dutch(client, desk):
    invitation = InvitationFactory(meeting=MeetingFactory(loket=desk, title="Sportcafé"))
    page = client.get(f"/m/{invitation.token}/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "Sportcafé" in text
    assert escape(invitation.person.full_name) in text
    assert f"/m/{invitation.token}/agenda.ics" in text
    assert page["X-Robots-Tag"] == "noindex, nofollow"

    refused = client.post(f"/m/{invitation.token}/", {"people": "0"})
    assert refused.status_code == 400
    form = refused.context["form"]
    assert "response" in form.errors and "people" in form.errors
    assert "Dit veld is verplicht." in refused.content.decode()

    ics = client.get(f"/m/{invitation.token}/agenda.ics")
    assert ics["Content-Type"].startswith("text/calendar")
    assert b"BEGIN:VCALENDAR" in ics.content
