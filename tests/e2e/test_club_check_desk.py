"""The desk's side of the club check in a real browser: a coordinator sets up this year's
check, adds a question of the desk's own, invites the work area's providers, reads the results
per kind of provider, opens a signal and makes a question of it; a name change a club asked for
is approved on its page; the public page shows the headline figures with a chart and a table.
axe-core checks every page visited."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from sportloket.clubcheck import services
from sportloket.clubcheck.constants import Finances
from sportloket.clubcheck.models import CheckInvitation, CheckRound
from sportloket.core.tests.factories import LoketFactory, MembershipFactory
from sportloket.helprequests.models import HelpRequest
from sportloket.registry.tests.factories import OrganisationFactory, ProviderChangeFactory
from sportloket.testing.browser import assert_accessible
from tests.e2e.test_pages import sign_in_as

pytestmark = pytest.mark.django_db(transaction=True)


def answer_all(year_round):
    for number, invitation in enumerate(CheckInvitation.objects.filter(round=year_round)):
        services.answer_submit(
            invitation=invitation,
            by_name=f"Secretaris {number}",
            core={
                "members_youth": 50 + number, "members_adult": 100, "members_senior": 10,
                "volunteers": 20, "board_vacancies": 1 if number == 0 else 0,
                "finances": Finances.HEALTHY, "facilities": "rented",
            },
        )  # fmt: skip


def test_a_coordinator_runs_the_club_check(page, live_server):
    desk = LoketFactory(slug="utrecht", name="Sportloket Utrecht")
    coordinator = MembershipFactory(loket=desk, coordinator=True).user
    for number in range(6):
        OrganisationFactory.for_desk(desk, name=f"Club {number}")
    year = timezone.localdate().year

    sign_in_as(page, live_server, coordinator)
    page.goto("/utrecht/clubcheck/")
    assert_accessible(page)
    page.get_by_role("button", name="Opzetten").click()
    expect(page).to_have_url(re.compile(rf"/utrecht/clubcheck/{year}/$"))
    page.get_by_label("Vraag", exact=True).fill("Heeft jullie club een vertrouwenscontactpersoon?")
    page.get_by_label("Soort antwoord").select_option(label="Ja of nee")
    page.get_by_role("button", name="Vraag toevoegen").click()
    expect(page.locator("main")).to_contain_text("vertrouwenscontactpersoon")
    page.get_by_role("button", name="Alle aanbieders uitnodigen").click()
    expect(page.locator(".messages")).to_contain_text("6 aanbieders uitgenodigd")
    assert_accessible(page)

    answer_all(CheckInvitation.objects.first().round)
    page.goto(f"/utrecht/clubcheck/{year}/results/?by=kind")
    expect(page.locator("#total-title").locator("..")).to_contain_text(
        "315"
    )  # members under 18: 50 + 51 + … + 55
    assert_accessible(page)
    page.goto(f"/utrecht/clubcheck/{year}/")
    page.get_by_role("link", name="Club 0").click()
    assert_accessible(page)
    page.get_by_role("button", name="Maak er een vraag van").click()
    expect(page.locator(".messages")).to_contain_text("Van het antwoord is een vraag gemaakt")
    assert HelpRequest.objects.get().organisation.name == "Club 0"

    change = ProviderChangeFactory.for_desk(desk)
    page.goto(f"/utrecht/organisations/{change.organisation_id}/")
    expect(page.locator("#provider-changes-title")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Goedkeuren en doorvoeren").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Nieuwe naam")

    # Once the check has closed, its figures go on the public page.
    CheckRound.objects.filter(loket=desk).update(
        opens_on=timezone.localdate() - timedelta(days=30),
        closes_on=timezone.localdate() - timedelta(days=1),
    )
    page.goto("/utrecht/")
    headline = page.locator("#club-check-figures-title").locator("..")
    expect(headline).to_contain_text("6 van de 6 aanbieders antwoordden")
    expect(headline.locator("svg[role=img]")).to_have_count(1)
    assert_accessible(page)
