"""The provider's page on a 375 px phone: a club's secretary signs in with an e-mailed code,
sees the club's questions at two desks, updates the number of members, answers the yearly club
check, and the desk's work list shows the club with "bestuursvacature" as the reason. axe-core
checks every page visited."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from sportloket.clubcheck.tests.factories import CheckInvitationFactory, CheckRoundFactory
from sportloket.core.tests.factories import LoketFactory, MembershipFactory
from sportloket.helprequests.tests.factories import HelpRequestFactory
from sportloket.registry.models import Organisation, OrganisationLink
from sportloket.registry.tests.factories import OrganisationFactory, PersonRoleFactory
from sportloket.testing.browser import assert_accessible
from tests.e2e.test_pages import sign_in_as

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_secretary_keeps_the_club_up_to_date_and_answers_the_club_check(phone_page, live_server):
    page = phone_page
    utrecht = LoketFactory(slug="utrecht", name="Sportloket Utrecht")
    houten = LoketFactory(slug="houten", name="Sportloket Houten")
    coordinator = MembershipFactory(loket=utrecht, coordinator=True).user
    club = OrganisationFactory.for_desk(utrecht, name="Voetbalvereniging Domstad Oost")
    OrganisationLink.objects.create(loket=houten, organisation=club, source="manual")
    PersonRoleFactory(
        organisation=club, loket=utrecht, person__full_name="Sanne Kuipers",
        person__email="secretaris@domstad.example.nl",
    )  # fmt: skip
    HelpRequestFactory(loket=utrecht, organisation=club, question="Wij zoeken een penningmeester.")
    HelpRequestFactory(loket=houten, organisation=club, question="Kunnen we het veld delen?")
    CheckInvitationFactory(round=CheckRoundFactory(loket=utrecht), organisation=club)

    page.goto("/mijn/")
    expect(page).to_have_url(re.compile(r"/mijn/inloggen/"))
    assert_accessible(page)
    page.get_by_label("Je e-mailadres").fill("secretaris@domstad.example.nl")
    page.get_by_role("button", name="Stuur mij een code").click()
    expect(page.get_by_role("heading", name="Vul je code in")).to_be_visible()
    assert_accessible(page)
    [message] = [m for m in mail.outbox if m.to == ["secretaris@domstad.example.nl"]]
    code = re.search(r"\b(\d{8})\b", message.body).group(1)
    page.get_by_role("textbox", name="Code uit de e-mail").fill(code)
    page.get_by_role("button", name="Inloggen").click()

    expect(page.get_by_role("heading", name="Voetbalvereniging Domstad Oost")).to_be_visible()
    questions = page.locator("#questions-title").locator("..")
    expect(questions).to_contain_text("Wij zoeken een penningmeester.")
    expect(questions).to_contain_text("Kunnen we het veld delen?")
    expect(questions).to_contain_text("Sportloket Utrecht")
    expect(questions).to_contain_text("Sportloket Houten")
    assert_accessible(page)

    page.get_by_role("link", name="Gegevens bijwerken").click()
    assert_accessible(page)
    page.get_by_label("Aantal leden").fill("312")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.locator(".messages")).to_contain_text("Het loket ziet wat je hebt gewijzigd")
    expect(page.locator("main")).to_contain_text("312")
    assert Organisation.objects.get(pk=club.pk).member_count == 312

    page.get_by_role(
        "link", name=re.compile("Verenigingsmonitor .* van Sportloket Utrecht")
    ).click()
    assert_accessible(page)
    page.get_by_label("Leden jonger dan 18").fill("140")
    page.get_by_label("Leden van 18 tot en met 64").fill("160")
    page.get_by_label("Leden van 65 en ouder").fill("12")
    page.get_by_label("Vrijwilligers", exact=True).fill("45")
    page.get_by_label("Openstaande bestuursfuncties").fill("1")
    page.get_by_label("Enige zorgen").check()
    page.get_by_label("Gehuurd").check()
    page.get_by_label("Vrijwilligers en bestuur").check()
    page.get_by_label("Je naam").fill("Sanne Kuipers")
    page.get_by_role("button", name="Antwoorden versturen").click()
    expect(page.locator(".messages")).to_contain_text("je antwoorden zijn opgeslagen")
    assert_accessible(page)

    page.context.clear_cookies()
    sign_in_as(page, live_server, coordinator)
    page.goto("/utrecht/contacts/work-list/")
    row = page.locator("tr", has_text="Voetbalvereniging Domstad Oost")
    expect(row).to_contain_text("bestuursvacature")
    assert_accessible(page)
