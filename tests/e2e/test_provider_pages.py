"""The provider's and the club check's pages the main flows do not pass, in a browser with axe:
a contact person of two organisations chooses one and asks a question; a coordinator reads the
providers' changes; a partner waits for an open check's figures; anyone reads the national
figures."""

import re

import pytest
from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore
from django.utils import timezone
from playwright.sync_api import expect

from sportloket.clubcheck.tests.factories import (
    CheckAnswerFactory,
    CheckInvitationFactory,
    CheckRoundFactory,
)
from sportloket.core.tests.factories import LoketFactory, MembershipFactory
from sportloket.helprequests.models import HelpRequest
from sportloket.portal.views import SESSION_EMAIL, SESSION_SINCE
from sportloket.registry.tests.factories import (
    OrganisationFactory,
    PersonRoleFactory,
    ProviderChangeFactory,
)
from sportloket.testing.browser import assert_accessible
from tests.e2e.test_pages import sign_in_as

pytestmark = pytest.mark.django_db(transaction=True)


def sign_in_provider(page, live_server, email):
    """A provider's session made on the server (the code flow has its own browser test)."""
    session = SessionStore()
    session[SESSION_EMAIL] = email
    session[SESSION_SINCE] = timezone.now().isoformat()
    session.save()
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": session.session_key,
          "url": live_server.url}]
    )  # fmt: skip


def test_a_contact_person_of_two_clubs_chooses_one_and_asks(phone_page, live_server):
    page = phone_page
    desk = LoketFactory(slug="utrecht", name="Sportloket Utrecht")
    hockey = OrganisationFactory.for_desk(desk, name="Hockeyclub Oost")
    tennis = OrganisationFactory.for_desk(desk, name="Tennisclub West")
    for club in (hockey, tennis):
        PersonRoleFactory(organisation=club, loket=desk, person__email="sanne@clubs.example.nl")
    sign_in_provider(page, live_server, "sanne@clubs.example.nl")
    page.goto("/mijn/")
    assert_accessible(page)
    page.get_by_role("link", name="Hockeyclub Oost").click()
    page.get_by_role("link", name="Nieuwe vraag stellen").click()
    assert_accessible(page)
    page.get_by_label("Je vraag").fill("Hoe vinden we een nieuwe penningmeester?")
    page.get_by_label(re.compile("verwerkt")).check()
    page.get_by_role("button", name="Vraag versturen").click()
    expect(page.locator(".messages")).to_contain_text("Je vraag is verstuurd")
    assert_accessible(page)
    assert HelpRequest.objects.get().organisation == hockey


def test_the_desks_pages_of_changes_figures_waiting_and_national(page, live_server):
    desk = LoketFactory(slug="utrecht", name="Sportloket Utrecht")
    coordinator = MembershipFactory(loket=desk, coordinator=True).user
    partner = MembershipFactory(loket=desk, partner=True).user
    ProviderChangeFactory.for_desk(desk)
    year = timezone.localdate().year
    open_round = CheckRoundFactory(loket=desk, year=year)
    closed = CheckRoundFactory(loket=desk, year=year - 1, closed=True)
    for _ in range(6):
        CheckAnswerFactory(invitation=CheckInvitationFactory(round=closed))
    CheckAnswerFactory(invitation=CheckInvitationFactory(round=open_round))

    sign_in_as(page, live_server, coordinator)
    page.goto("/utrecht/organisations/")
    page.get_by_role("link", name="Wijzigingen door de aanbieders").click()
    expect(page.locator("main")).to_contain_text("Nieuwe naam")
    assert_accessible(page)

    page.context.clear_cookies()
    sign_in_as(page, live_server, partner)
    page.goto(f"/utrecht/clubcheck/{year}/results/")
    expect(page.locator("main")).to_contain_text("zodra de monitor")
    assert_accessible(page)

    page.context.clear_cookies()
    page.goto(f"/national/clubcheck/{year - 1}/?by=kind")
    expect(page.locator("#total-title").locator("..")).to_contain_text("Aanbieders die antwoordden")
    assert_accessible(page)
