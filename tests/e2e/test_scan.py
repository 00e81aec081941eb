"""The loket-scan in a real browser: a coordinator reads the desk's scan (every item with its
verdict, evidence and rule), sets a threshold and sees the verdict follow, and opens the yearly
report; the national team
opens the national picture with two desks' verdicts and the coverage of the municipalities.
axe-core checks every page, and none scrolls sideways on a phone."""

import pytest
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect

from sportloket.accounts.tests.factories import UserFactory
from sportloket.core.tests.factories import LoketFactory, MembershipFactory
from sportloket.scan.tests.conftest import UTRECHT, ZEIST, network
from sportloket.testing.browser import assert_accessible, assert_fits_a_phone
from tests.e2e.test_pages import sign_in_as

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_coordinator_reads_the_scan_and_sets_a_threshold(page, live_server):
    desk = LoketFactory(slug="utrecht", name="Sportloket Utrecht")
    network(desk, UTRECHT)
    coordinator = MembershipFactory(loket=desk, coordinator=True).user
    call_command("snapshot_scan")

    sign_in_as(page, live_server, coordinator)
    page.goto(f"{live_server.url}/utrecht/scan/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Loketscan")
    sharing = page.locator("#item-when\\.sharing").locator("..")
    expect(sharing).to_contain_text("Deels")
    expect(page.locator("main")).to_contain_text("Regel:")
    assert_accessible(page)
    assert_fits_a_phone(page)

    page.get_by_role("link", name="Drempels van de scan").click()
    page.get_by_label("Partijen die kennis bijdragen, voor 'voldaan'").fill("50")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.locator(".messages")).to_contain_text("De drempels van de loketscan zijn")
    expect(page.locator("#item-when\\.sharing").locator("..")).to_contain_text("Voldaan")
    assert_accessible(page)

    # The yearly report, which prints well and comes as a PDF too.
    year = timezone.localdate().year
    page.get_by_role("link", name=f"Jaarverslag {year}").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Jaarverslag {year}")
    expect(page.get_by_role("link", name="Downloaden als pdf")).to_be_visible()
    assert_accessible(page)
    assert_fits_a_phone(page)


def test_the_national_team_sees_every_desk_and_the_coverage(page, live_server):
    call_command("seed_demo", quiet=True)  # the demo desk and a second one, with their history
    second = LoketFactory(slug="zeist", name="Sportloket Zeist")
    network(second, ZEIST)
    call_command("snapshot_scan")

    sign_in_as(page, live_server, UserFactory(national=True))
    page.goto(f"{live_server.url}/national/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Landelijk beeld")
    desks = page.locator("#desks-title").locator("..")
    for name in ("Sportloket Demo", "Sportloket Heuvelrug", "Sportloket Zeist"):
        expect(desks.get_by_role("row", name=name)).to_be_visible()
    expect(
        desks.get_by_role("row", name="Sportloket Demo").locator(".verdict").first
    ).to_be_visible()
    coverage = page.locator("#coverage-title").locator("..")
    expect(coverage).to_contain_text("van de 342 gemeenten")
    expect(coverage.get_by_role("row", name="Utrecht")).to_contain_text("26")
    assert_accessible(page)
    assert_fits_a_phone(page)


def test_the_national_team_starts_a_desk_and_its_coordinator_sees_the_first_steps(
    page, live_server
):
    from sportloket.accounts.tests.factories import add_totp
    from sportloket.core.models import Membership

    sign_in_as(page, live_server, UserFactory(national=True))
    page.goto(f"{live_server.url}/national/")
    page.get_by_role("link", name="Een loket starten").click()
    assert_accessible(page)
    page.get_by_label("Naam van het loket").fill("Sportloket Zeist")
    page.get_by_label("Korte naam in webadressen").fill("zeist")
    page.locator("summary", has_text="Utrecht").first.click()  # the province's municipalities
    page.get_by_label("Zeist", exact=True).check()
    page.get_by_label("E-mailadres van de eerste coördinator").fill("anna@zeist.example.nl")
    page.get_by_label("Naam van de eerste coördinator").fill("Anna de Wit")
    page.get_by_label("Uitvoeringsbudget").check()
    page.get_by_role("button", name="Het loket starten").click()
    expect(page.locator(".messages")).to_contain_text("Sportloket Zeist is gestart")
    expect(page.locator("#desks-title").locator("..")).to_contain_text("Sportloket Zeist")

    coordinator = Membership.objects.get(loket__slug="zeist").user
    add_totp(coordinator)
    page.context.clear_cookies()
    sign_in_as(page, live_server, coordinator)
    page.goto(f"{live_server.url}/zeist/dashboard/")
    steps = page.locator("#first-steps-title").locator("..")
    expect(steps).to_contain_text("Nodig de partijen uit om deel te nemen")
    expect(steps).to_contain_text("Richt het uitvoeringsbudget in")
    assert_accessible(page)
    assert_fits_a_phone(page)
