"""A network meeting in a real browser: a coordinator plans one co-organised with the sport
platform, invites all football clubs of one municipality, a contact person answers yes through
the private link on a phone, the coordinator ticks attendance on a phone and records a question
raised there; the organisation's page shows the invitation, the attendance and the question.
axe-core checks every page visited.

The pages show in Dutch (the site's language); elements are found by field ids, addresses and
the data the test made where possible."""

import re

import pytest
from django.utils import timezone
from django.utils.html import escape
from playwright.sync_api import expect

from sportloket.contacts.constants import Channel
from sportloket.contacts.models import ContactMoment
from sportloket.core.models import Municipality
from sportloket.core.tests.factories import LoketFactory, MembershipFactory
from sportloket.helprequests.models import HelpRequest
from sportloket.meetings.models import Invitation, Meeting
from sportloket.registry.constants import OrganisationKind
from sportloket.registry.models import Sport
from sportloket.registry.tests.factories import OrganisationFactory, PersonRoleFactory
from sportloket.testing.browser import assert_accessible
from tests.e2e.test_pages import sign_in_as

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def network():
    houten = Municipality.objects.get(code="GM0321")
    utrecht = Municipality.objects.get(code="GM0344")
    desk = LoketFactory(slug="houten", name="Sportloket Houten")
    desk.work_area.set([houten, utrecht])
    coordinator = MembershipFactory(loket=desk, coordinator=True, user__full_name="Carla Coord")
    football = Sport.objects.order_by("name").first()
    platform = OrganisationFactory(
        name="Sportplatform Houten", kind=OrganisationKind.SPORT_PLATFORM, municipality=houten
    )
    club = OrganisationFactory(name="VV Houten", municipality=houten)
    club.sports.add(football)
    other_town = OrganisationFactory(name="VV Utrecht", municipality=utrecht)
    other_town.sports.add(football)
    secretary = PersonRoleFactory(
        organisation=club,
        loket=desk,
        person__full_name="Sanne Secretaris",
        person__consents_to_contact=True,
    ).person
    PersonRoleFactory(
        organisation=club,
        loket=desk,
        person__full_name="Nienke Nee",
        person__consents_to_contact=False,
    )
    PersonRoleFactory(
        organisation=other_town, loket=desk, person__consents_to_contact=True
    )  # another municipality: not invited
    return {
        "desk": desk,
        "coordinator": coordinator.user,
        "platform": platform,
        "club": club,
        "secretary": secretary,
        "football": football,
        "houten": houten,
    }


def plan_meeting(page, network):
    page.goto("/houten/meetings/")
    assert_accessible(page)
    page.locator('a[href="/houten/meetings/new/"]').first.click()
    expect(page).to_have_url(re.compile(r"/houten/meetings/new/$"))
    assert_accessible(page)
    page.locator("#id_title").fill("Netwerkbijeenkomst voetbal")
    page.locator("#id_kind").select_option("network")
    page.locator("#id_date").fill(timezone.localdate().isoformat())
    # The whole day: the meeting is on (ticking works) but not over (answers are taken).
    page.locator("#id_start_time").fill("00:01")
    page.locator("#id_end_time").fill("23:59")
    page.locator("#id_place").fill("Clubhuis VV Houten, Sportpark De Wetering")
    page.get_by_label("Sportplatform Houten").check()
    page.locator("#id_series_name").fill("Netwerk met het sportplatform")
    page.locator("#id_series_rhythm").fill("elk kwartaal")
    page.get_by_role("button", name="Opslaan").click()
    expect(page).to_have_url(re.compile(r"/houten/meetings/\d+/$"))
    meeting = Meeting.objects.get()
    expect(page.locator("main")).to_contain_text("Sportplatform Houten")
    assert_accessible(page)
    return meeting


def invite_football_clubs(page, network, meeting):
    page.locator(f'a[href="/houten/meetings/{meeting.pk}/invite/"]').click()
    assert_accessible(page)
    page.locator("#id_sport").select_option(str(network["football"].pk))
    page.locator("#id_municipality").select_option(str(network["houten"].pk))
    page.get_by_role("button", name="Toon wie uitgenodigd wordt").click()
    expect(page.locator("#invite-count")).to_have_text("1")
    expect(page.locator("#skipped-count")).to_have_text("1")  # Nienke did not agree
    assert_accessible(page)
    page.get_by_role("button", name="1 uitnodiging versturen").click()
    expect(page).to_have_url(re.compile(rf"/houten/meetings/{meeting.pk}/$"))
    [invitation] = Invitation.objects.filter(meeting=meeting)
    assert invitation.person == network["secretary"]
    return invitation


def test_a_network_meeting_from_invitation_to_timeline(page, phone_page, live_server, network):
    sign_in_as(page, live_server, network["coordinator"])
    meeting = plan_meeting(page, network)
    invitation = invite_football_clubs(page, network, meeting)

    # The contact person answers on a phone, without an account.
    phone_page.goto(f"/m/{invitation.token}/")
    expect(phone_page.locator("h1")).to_have_text("Netwerkbijeenkomst voetbal")
    assert_accessible(phone_page)
    phone_page.get_by_label("Ja, ik kom").check()
    phone_page.locator("#id_people").fill("2")
    phone_page.locator("#id_needs").fill("Vegetarisch")
    phone_page.get_by_role("button", name="Opslaan").click()
    expect(phone_page.get_by_text("Je antwoordde: Ja, ik kom")).to_be_visible()
    assert_accessible(phone_page)
    invitation.refresh_from_db()
    assert (invitation.response, invitation.people) == ("yes", 2)

    # The coordinator ticks attendance on a phone.
    phone_page.context.clear_cookies()
    sign_in_as(phone_page, live_server, network["coordinator"])
    phone_page.goto(f"/houten/meetings/{meeting.pk}/attendance/")
    assert_accessible(phone_page)
    phone_page.get_by_role("button", name=re.compile("Afvinken als aanwezig")).click()
    expect(phone_page.get_by_role("button", name=re.compile("Aanwezig"))).to_have_attribute(
        "aria-pressed", "true"
    )
    assert_accessible(phone_page)
    [moment] = ContactMoment.objects.filter(organisation=network["club"])
    assert moment.channel == Channel.MEETING

    # ... and records a question raised at the meeting.
    phone_page.goto(f"/houten/meetings/{meeting.pk}/")
    phone_page.locator(f'a[href="/houten/meetings/{meeting.pk}/question/"]').click()
    assert_accessible(phone_page)
    phone_page.locator("#id_organisation").select_option(str(network["club"].pk))
    phone_page.locator("#id_contact_name").fill("Sanne Secretaris")
    phone_page.locator("#id_question").fill("Hoe vinden wij een nieuwe penningmeester?")
    phone_page.locator("#id_consents_to_processing").check()
    phone_page.get_by_role("button", name="Opslaan").click()
    expect(phone_page).to_have_url(re.compile(rf"/houten/meetings/{meeting.pk}/$"))
    expect(phone_page.locator("main")).to_contain_text("nieuwe penningmeester")
    assert_accessible(phone_page)
    assert HelpRequest.objects.get().channel == "meeting"

    # The organisation's page: the invitation, the attendance and the question.
    page.goto(f"/houten/organisations/{network['club'].pk}/")
    main = page.locator("main")
    expect(main).to_contain_text("Netwerkbijeenkomst voetbal")
    expect(main).to_contain_text("Ja, ik kom")
    assert escape("Sanne Secretaris") in page.content()
    expect(page.locator("#org-meetings-title")).to_be_visible()
    expect(main).to_contain_text("Aanwezig bij de bijeenkomst")  # the contact moment
    expect(main).to_contain_text("nieuwe penningmeester")  # the question
    assert_accessible(page)
