import datetime

import pytest
from django.core import mail
from django.utils import timezone
from django.utils.html import escape

from sportloket.core.tests.factories import MembershipFactory, ThemeFactory
from sportloket.meetings import services
from sportloket.meetings.constants import MeetingKind, Response
from sportloket.meetings.models import Invitation, Meeting, Registration
from sportloket.meetings.tests.conftest import contact
from sportloket.meetings.tests.factories import (
    AgreedActionFactory,
    InvitationFactory,
    MeetingFactory,
)
from sportloket.registry.models import Sport
from sportloket.registry.tests.factories import OrganisationFactory
from sportloket.testing.queries import assert_queries_do_not_grow

pytestmark = pytest.mark.django_db


def test_the_list_takes_the_same_queries_for_more_meetings(client, coordinator, desk):
    client.force_login(coordinator)
    theme = ThemeFactory(loket=desk)

    def add(n):
        for _ in range(n):
            m = MeetingFactory(loket=desk)
            m.themes.add(theme)
            InvitationFactory(meeting=m, response=Response.YES)

    add(2)
    _first, second = assert_queries_do_not_grow(
        lambda: client.get(f"/{desk.slug}/meetings/"), add, more=10, max_queries=12
    )
    assert second.context["page_obj"].paginator.count == 12
    filtered = client.get(f"/{desk.slug}/meetings/?kind=workshop")
    assert filtered.context["page_obj"].paginator.count == 0
    by_theme = client.get(f"/{desk.slug}/meetings/?theme={theme.pk}")
    assert by_theme.context["page_obj"].paginator.count == 12
    past = client.get(f"/{desk.slug}/meetings/?when=past")
    assert past.context["page_obj"].paginator.count == 0


def test_the_form_shows_dutch_errors_next_to_the_field_and_keeps_the_input(
    client, coordinator, desk
):
    client.force_login(coordinator)
    response = client.post(
        f"/{desk.slug}/meetings/new/",
        {
            "title": "Sportcafé vrijwilligers",
            "kind": MeetingKind.SPORT_CAFE,
            "date": "2026-13-40",
            "start_time": "20:00",
            "end_time": "19:00",
        },
    )
    assert response.status_code == 400
    form = response.context["form"]
    assert set(form.errors) >= {"date", "place"}
    text = response.content.decode()
    assert "Voer een geldige datum in." in text
    assert "Geef een adres of een online link." in text
    assert 'value="Sportcafé vrijwilligers"' in text
    assert 'aria-invalid="true"' in text
    assert not Meeting.objects.exists()


def test_a_coordinator_plans_a_meeting_with_the_sport_platform(
    client, coordinator, area_desk, platform
):
    client.force_login(coordinator)
    day = timezone.localdate() + datetime.timedelta(days=20)
    response = client.post(
        f"/{area_desk.slug}/meetings/new/",
        {
            "title": "Netwerkbijeenkomst",
            "kind": MeetingKind.NETWORK,
            "date": day.isoformat(),
            "start_time": "19:30",
            "end_time": "21:30",
            "place": "Clubhuis",
            "co_organisers": [platform.pk],
            "series_name": "Netwerk met het sportplatform",
            "series_rhythm": "elk kwartaal",
        },
    )
    meeting = Meeting.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/{area_desk.slug}/meetings/{meeting.pk}/"
    assert list(meeting.co_organisers.all()) == [platform]
    assert meeting.series.rhythm == "elk kwartaal"
    local = timezone.localtime(meeting.starts_at)
    assert (local.date(), local.hour, local.minute) == (day, 19, 30)
    page = client.get(response["Location"])
    assert escape(platform.name) in page.content.decode()


def test_the_invite_page_previews_then_sends(client, coordinator, area_desk, utrecht, houten):
    client.force_login(coordinator)
    football = Sport.objects.order_by("name").first()
    club = OrganisationFactory(name="VV Utrecht", municipality=utrecht)
    club.sports.add(football)
    elsewhere = OrganisationFactory(name="VV Houten", municipality=houten)
    elsewhere.sports.add(football)
    agreed = contact(club, area_desk)
    contact(club, area_desk, consents=False)
    contact(elsewhere, area_desk)
    meeting = MeetingFactory(loket=area_desk)
    url = f"/{area_desk.slug}/meetings/{meeting.pk}/invite/"

    assert client.get(url).context["preview"] is None  # nothing chosen, nothing previewed
    query = {"sport": football.pk, "municipality": utrecht.pk}
    page = client.get(url, query)
    assert page.context["preview"]["to_invite"] == 1
    assert page.context["preview"]["skipped"] == 1
    assert escape(agreed.full_name) in page.content.decode()

    response = client.post(url, query)
    assert response.status_code == 302
    assert [i.person for i in Invitation.objects.filter(meeting=meeting)] == [agreed]
    assert [m.to for m in mail.outbox] == [[agreed.email]]


def test_a_published_meeting_takes_registrations_rate_limited(client, desk, other_desk):
    meeting = MeetingFactory(loket=desk, is_public=True, title="Open sportcafé")
    url = f"/{desk.slug}/bijeenkomsten/{meeting.pk}/"
    assert "Open sportcafé" in client.get(url).content.decode()
    response = client.post(
        url, {"name": "Piet", "email": "piet@example.org", "people": 2, "needs": "Vegetarisch"}
    )
    assert response.status_code == 302
    assert Registration.objects.get().people == 2
    assert [m.to for m in mail.outbox] == [["piet@example.org"]]
    assert mail.outbox[0].attachments[0][0].endswith(".ics")

    for n in range(4):
        client.post(url, {"name": f"Bot {n}", "email": f"bot{n}@example.org", "people": 1})
    refused = client.post(url, {"name": "Bot", "email": "bot@example.org", "people": 1})
    assert refused.status_code == 429
    assert Registration.objects.count() == 5


def test_only_published_meetings_of_the_desk_are_public(client, desk, other_desk):
    hidden = MeetingFactory(loket=desk)
    theirs = MeetingFactory(loket=other_desk, is_public=True)
    assert client.get(f"/{desk.slug}/bijeenkomsten/{hidden.pk}/").status_code == 404
    assert client.get(f"/{desk.slug}/bijeenkomsten/{theirs.pk}/").status_code == 404
    assert client.get(f"/{other_desk.slug}/bijeenkomsten/{theirs.pk}/").status_code == 200


def test_the_public_page_lists_upcoming_public_meetings(client, desk):
    shown = MeetingFactory(loket=desk, is_public=True, title="Open clinic")
    MeetingFactory(loket=desk, title="Besloten overleg")
    MeetingFactory(loket=desk, is_public=True, past=True, title="Vorige maand")
    text = client.get(f"/{desk.slug}/").content.decode()
    assert "Open clinic" in text
    assert f"/{desk.slug}/bijeenkomsten/{shown.pk}/" in text
    assert "Besloten overleg" not in text
    assert "Vorige maand" not in text


def test_agreed_actions_show_on_the_owners_dashboard_and_work_list(client, desk):
    owner = MembershipFactory(loket=desk, supporter=True).user
    other = MembershipFactory(loket=desk, supporter=True).user
    action = AgreedActionFactory(
        meeting=MeetingFactory(loket=desk), owner=owner, description="Bel de KNVB"
    )
    client.force_login(owner)
    assert "Bel de KNVB" in client.get(f"/{desk.slug}/dashboard/").content.decode()
    assert "Bel de KNVB" in client.get(f"/{desk.slug}/contacts/work-list/").content.decode()

    response = client.post(
        f"/{desk.slug}/meetings/actions/{action.pk}/done/", {"next": f"/{desk.slug}/dashboard/"}
    )
    assert response["Location"] == f"/{desk.slug}/dashboard/"
    assert "Bel de KNVB" not in client.get(f"/{desk.slug}/dashboard/").content.decode()
    client.force_login(other)
    assert "Bel de KNVB" not in client.get(f"/{desk.slug}/dashboard/").content.decode()


def test_the_organisation_page_shows_invitations_and_attendance(
    client, coordinator, area_desk, utrecht
):
    club = OrganisationFactory(municipality=utrecht)
    meeting = MeetingFactory(loket=area_desk, title="Sportcafé Utrecht")
    invitation = InvitationFactory(meeting=meeting, organisation=club, response=Response.YES)
    client.force_login(coordinator)
    text = client.get(f"/{area_desk.slug}/organisations/{club.pk}/").content.decode()
    assert "Sportcafé Utrecht" in text
    assert escape(invitation.person.full_name) in text


def test_the_meeting_page_and_attendance_list_take_the_same_queries_for_more_people(
    client, coordinator, desk
):
    client.force_login(coordinator)
    meeting = MeetingFactory(loket=desk, today=True)

    def add(n):
        for _ in range(n):
            invitation = InvitationFactory(meeting=meeting, response=Response.YES)
            AgreedActionFactory(meeting=meeting, owner=coordinator)
            services_mark(meeting, coordinator, invitation)

    add(1)
    for path in (
        f"/{desk.slug}/meetings/{meeting.pk}/",
        f"/{desk.slug}/meetings/{meeting.pk}/attendance/",
    ):
        _first, second = assert_queries_do_not_grow(
            lambda p=path: client.get(p), add, more=5, max_queries=16
        )
        assert second.status_code == 200


def services_mark(meeting, actor, invitation):
    services.attendance_mark(
        meeting=meeting, actor=actor, organisation=invitation.organisation, person=invitation.person
    )


def test_a_meeting_planned_from_a_suggestion_invites_its_providers(
    client, coordinator, area_desk, other_desk
):
    a, b = OrganisationFactory.for_desk(area_desk), OrganisationFactory.for_desk(area_desk)
    elsewhere = OrganisationFactory.for_desk(other_desk)  # not in the register: never invited
    people = [contact(a, area_desk), contact(b, area_desk), contact(elsewhere, other_desk)]
    client.force_login(coordinator)
    url = f"/{area_desk.slug}/meetings/new/"
    form = client.get(url, {"invite": [a.pk, b.pk, elsewhere.pk], "title": "Kennismaking"})
    assert form.context["form"].initial["title"] == "Kennismaking"
    assert form.context["to_invite"] == sorted([a, b], key=lambda o: o.name)
    day = timezone.localdate() + datetime.timedelta(days=20)
    client.post(
        url,
        {"title": "Kennismaking", "kind": MeetingKind.NETWORK, "date": day.isoformat(),
         "start_time": "19:30", "end_time": "21:00", "place": "Clubhuis",
         "invite": [a.pk, b.pk, elsewhere.pk]},
    )  # fmt: skip
    meeting = Meeting.objects.get()
    invited = set(Invitation.objects.filter(meeting=meeting).values_list("person", flat=True))
    assert invited == {people[0].pk, people[1].pk}


def test_a_past_meeting_with_providers_to_invite_is_not_planned_at_all(
    client, coordinator, area_desk
):
    club = OrganisationFactory.for_desk(area_desk)
    contact(club, area_desk)
    client.force_login(coordinator)
    day = timezone.localdate() - datetime.timedelta(days=3)
    response = client.post(
        f"/{area_desk.slug}/meetings/new/",
        {"title": "Terugblik", "kind": MeetingKind.NETWORK, "date": day.isoformat(),
         "start_time": "19:30", "end_time": "21:00", "place": "Clubhuis", "invite": [club.pk]},
    )  # fmt: skip
    assert response.status_code == 400
    assert not Meeting.objects.exists()  # no meeting left behind without its invitations
