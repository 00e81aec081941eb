"""Bringing providers together in a real browser: a coordinator sees a suggestion naming two
clubs that asked about the same theme, introduces them to each other, records a cooperation
with both as parties, and both clubs' timelines show it. axe-core checks every page visited."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from sportloket.cooperation.models import Cooperation, Introduction
from sportloket.cooperation.tests.factories import IntroductionConsentFactory
from sportloket.core.models import Municipality
from sportloket.core.tests.factories import LoketFactory, MembershipFactory, ThemeFactory
from sportloket.helprequests.tests.factories import HelpRequestFactory
from sportloket.registry.tests.factories import OrganisationFactory, PersonRoleFactory
from sportloket.testing.browser import assert_accessible
from tests.e2e.test_pages import sign_in_as

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_suggestion_becomes_an_introduction_and_a_cooperation(page, live_server):
    houten = Municipality.objects.get(code="GM0321")
    desk = LoketFactory(slug="houten", name="Sportloket Houten")
    desk.work_area.set([houten])
    coordinator = MembershipFactory(loket=desk, coordinator=True).user
    theme = ThemeFactory(loket=desk, name="vrijwilligersbeleid")
    clubs = []
    for name in ("Hockeyclub Houten", "Tennisvereniging Houten"):
        club = OrganisationFactory(name=name, municipality=houten)
        IntroductionConsentFactory(loket=desk, organisation=club)
        PersonRoleFactory(organisation=club, loket=desk, person__consents_to_contact=True)
        question = HelpRequestFactory(
            loket=desk,
            organisation=club,
            submitted_at=timezone.now() - datetime.timedelta(days=40),
        )
        question.themes.add(theme)
        clubs.append(club)
    shy = OrganisationFactory(name="Korfbalclub Zonder Instemming", municipality=houten)
    HelpRequestFactory(loket=desk, organisation=shy).themes.add(theme)

    sign_in_as(page, live_server, coordinator)
    page.goto(f"{live_server.url}/houten/cooperation/suggestions/")
    suggestion = page.get_by_text("2 aanbieders in Houten vroegen in de afgelopen 12 maanden")
    expect(suggestion).to_be_visible()
    expect(page.locator("main")).to_contain_text("Hockeyclub Houten, Tennisvereniging Houten")
    expect(page.locator("main")).not_to_contain_text("Korfbalclub")
    assert_accessible(page)

    page.get_by_role("link", name="Met elkaar in contact brengen").first.click()
    expect(page).to_have_url(re.compile(r"/houten/cooperation/introduce/\?"))
    assert_accessible(page)
    page.get_by_role("button", name="Kennismaking versturen").click()
    expect(page).to_have_url(re.compile(r"/houten/cooperation/introductions/\d+/$"))
    expect(page.locator("main")).to_contain_text("Tennisvereniging Houten")
    assert Introduction.objects.get().recipients == 2
    assert_accessible(page)

    page.get_by_role("link", name="Een samenwerking van deze aanbieders vastleggen").click()
    expect(page).to_have_url(re.compile(r"/houten/cooperation/new/\?"))
    assert_accessible(page)
    for club in clubs:
        expect(page.get_by_label(re.compile(club.name))).to_be_checked()
    page.locator("#id_title").fill("Samen een vrijwilligerscoördinator")
    page.locator("#id_kind").select_option("volunteer_pool")
    page.locator("#id_goal").fill("Eén coördinator voor de vrijwilligers van beide clubs.")
    page.get_by_role("button", name="Opslaan").click()
    expect(page).to_have_url(re.compile(r"/houten/cooperation/\d+/$"))
    expect(page.locator("h1")).to_contain_text("Samen een vrijwilligerscoördinator")
    assert_accessible(page)

    cooperation = Cooperation.objects.get()
    assert {p.organisation for p in cooperation.parties.all()} == set(clubs)
    for club in clubs:
        page.goto(f"{live_server.url}/houten/organisations/{club.pk}/")
        timeline = page.locator("#timeline-title").locator("xpath=ancestor::section")
        expect(timeline).to_contain_text("Samen een vrijwilligerscoördinator")
        expect(timeline).to_contain_text("Kennismaking")
        assert_accessible(page)
