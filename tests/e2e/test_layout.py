"""The layout in a real browser: the history block and the money tiles never break out of their
card, the desk's menu folds up on a phone (without JavaScript), tables that scroll sideways can
be reached by keyboard, and "Inloggen" on a desk's public page leads back to that desk.

Every ``assert_accessible`` also checks that the page does not scroll sideways at 375 px."""

import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from sportloket.accounts.tests.factories import TEST_PASSWORD
from sportloket.core import services as core_services
from sportloket.core.models import Membership, Municipality
from sportloket.core.tests.factories import LoketFactory, MembershipFactory
from sportloket.funds.tests.factories import FundFactory
from sportloket.offerings.tests.factories import OfferingFactory
from sportloket.registry.tests.factories import OrganisationFactory
from sportloket.testing.browser import PHONE, assert_accessible
from tests.e2e.test_pages import sign_in_as

pytestmark = pytest.mark.django_db(transaction=True)

# The narrowest box, in em, that a piece of the history block with text may have: below it, a
# column holds a word or a few characters per line.
NARROWEST_EM = 4

_HISTORY_WIDTHS = """() => [...document.querySelectorAll(
    '.history__meta, .history__changes dt, .history__changes dd')]
  .filter(element => element.textContent.trim())
  .map(element => [element.tagName.toLowerCase() + ' ' + element.textContent.trim().slice(0, 30),
    element.getBoundingClientRect().width / parseFloat(getComputedStyle(element).fontSize)])"""


def _desk_with_long_histories():
    desk = LoketFactory(slug="zuid", name="Sportloket Zuid")
    coordinator = MembershipFactory(loket=desk, coordinator=True)
    # A change with a long label and a long list of values: the work area, 25 municipalities.
    core_services.loket_update(
        loket=desk,
        actor=coordinator.user,
        description="Het loket helpt sportclubs en ondernemende sportaanbieders op weg " * 3,
        work_area=list(Municipality.objects.order_by("code")[:25]),
    )
    fund = FundFactory(loket=desk, name="Uitvoeringsbudget", amount_cents=5_908_500,
                       max_per_allocation_cents=100_000_000)  # fmt: skip
    offering = OfferingFactory(loket=desk, title="Vrijwilligersbeleid op orde",
                               cost_cents=100_000_000)  # fmt: skip
    organisation = OrganisationFactory.for_desk(
        desk, name="Voetbalvereniging Sportclub Zuid-Oost Combinatie", website="https://"
        + "zuid-oost-combinatie.example.nl/een/heel/lang/adres/zonder/spaties/" * 2,
    )  # fmt: skip
    return (
        desk,
        coordinator.user,
        {
            "settings": "/zuid/settings/",
            "fund": f"/zuid/funds/{fund.pk}/",
            "offering": f"/zuid/offerings/{offering.pk}/",
            "organisation": f"/zuid/organisations/{organisation.pk}/",
        },
    )


def test_the_history_block_fits_a_phone(phone_page, live_server):
    _desk, coordinator, pages = _desk_with_long_histories()
    sign_in_as(phone_page, live_server, coordinator)
    for name, path in pages.items():
        phone_page.goto(path)
        expect(phone_page.get_by_role("region", name="Geschiedenis")).to_be_visible()
        narrow = [
            (text, round(width, 1))
            for text, width in phone_page.evaluate(_HISTORY_WIDTHS)
            if width < NARROWEST_EM
        ]
        assert not narrow, f"the {name} page's history has columns too narrow: {narrow}"
        assert_accessible(phone_page)


def test_the_money_tiles_hold_large_amounts(page, live_server):
    desk = LoketFactory(slug="zuid", name="Sportloket Zuid")
    coordinator = MembershipFactory(loket=desk, coordinator=True)
    large = FundFactory(loket=desk, name="Groot fonds", amount_cents=100_000_000)
    middle = FundFactory(loket=desk, name="Rabo ClubSupport", amount_cents=5_908_500)
    sign_in_as(page, live_server, coordinator.user)
    for fund, amount in ((large, "€ 1.000.000,00"), (middle, "€ 59.085,00")):
        page.goto(f"/zuid/funds/{fund.pk}/")
        tile = page.locator(".figures > div").first
        expect(tile.locator("dd")).to_have_text(amount)
        for width in (1280, 1024, 800, PHONE["width"]):
            page.set_viewport_size({"width": width, "height": 800})
            overflowing = page.evaluate(
                """() => [...document.querySelectorAll('.figures > div')]
                  .filter(tile => tile.scrollWidth > tile.clientWidth)
                  .map(tile => tile.textContent.trim().replace(/\\s+/g, ' '))"""
            )
            assert not overflowing, f"at {width} px these tiles are cut off: {overflowing}"
            wrapped = page.evaluate(
                """() => [...document.querySelectorAll('.figures dd')].filter(dd =>
                  dd.getBoundingClientRect().height > 1.5 * parseFloat(getComputedStyle(dd).lineHeight))
                  .map(dd => dd.textContent)"""
            )
            assert not wrapped, f"at {width} px these amounts break over two lines: {wrapped}"
        page.set_viewport_size({"width": 1280, "height": 720})
        assert_accessible(page)
    page.goto("/zuid/funds/")
    expect(page.locator(".figures dd").nth(1)).to_have_text("€ 1.059.085,00")
    assert_accessible(page)


def test_the_desk_menu_folds_up_on_a_phone(phone_page, live_server):
    desk = LoketFactory(slug="zuid", name="Sportloket Zuid")
    coordinator = MembershipFactory(loket=desk, coordinator=True)
    sign_in_as(phone_page, live_server, coordinator.user)
    phone_page.goto("/zuid/requests/")
    menu = phone_page.get_by_role("navigation", name="Loketmenu")
    summary = menu.locator("summary")
    expect(summary).to_have_text("Menu · Vragen")
    expect(menu.get_by_role("link", name="Team")).to_be_hidden()
    # The header with the folded menu takes less than a third of the first screen.
    bottom = menu.bounding_box()["y"] + menu.bounding_box()["height"]
    height = phone_page.viewport_size["height"]
    assert bottom < height / 3, f"the header and menu take {bottom:.0f} of {height} px"
    assert_accessible(phone_page)

    summary.click()
    expect(menu.get_by_role("link", name="Vragen")).to_have_attribute("aria-current", "page")
    assert_accessible(phone_page)
    menu.get_by_role("link", name="Team").click()
    expect(phone_page).to_have_url(re.compile(r"/zuid/team/$"))
    expect(summary).to_have_text("Menu · Team")
    expect(menu.get_by_role("link", name="Overzicht")).to_be_hidden()


def test_the_desk_menu_works_without_javascript(browser, live_server):
    desk = LoketFactory(slug="zuid", name="Sportloket Zuid")
    coordinator = MembershipFactory(loket=desk, coordinator=True)
    context = browser.new_context(
        base_url=live_server.url, locale="nl-NL", java_script_enabled=False, viewport=PHONE
    )
    try:
        page = context.new_page()
        sign_in_as(page, live_server, coordinator.user)
        page.goto("/zuid/team/")
        menu = page.get_by_role("navigation", name="Loketmenu")
        expect(menu.get_by_role("link", name="Fondsen")).to_be_hidden()
        menu.locator("summary").click()
        menu.get_by_role("link", name="Fondsen").click()
        expect(page).to_have_url(re.compile(r"/zuid/funds/$"))
        expect(menu.locator("summary")).to_have_text("Menu · Fondsen")
    finally:
        context.close()


def test_on_a_wide_screen_the_desk_menu_is_always_open(page, live_server):
    desk = LoketFactory(slug="zuid", name="Sportloket Zuid")
    coordinator = MembershipFactory(loket=desk, coordinator=True)
    sign_in_as(page, live_server, coordinator.user)
    page.goto("/zuid/team/")
    menu = page.get_by_role("navigation", name="Loketmenu")
    expect(menu.locator("summary")).to_be_hidden()
    expect(menu.get_by_role("link", name="Team")).to_have_attribute("aria-current", "page")
    menu.get_by_role("link", name="Vragen").click()
    expect(page).to_have_url(re.compile(r"/zuid/requests/$"))


def test_tables_that_scroll_sideways_can_be_reached_by_keyboard(phone_page, live_server, settings):
    """On a phone, the wide tables of the response figures, the monitor, the contact coverage
    and the alignment scroll in their box: axe's scrollable-region-focusable asks that a
    keyboard can reach (and so scroll) them."""
    settings.MFA_REQUIRED_FOR_STAFF = False  # the demo's accounts have no second factor
    call_command("seed_demo", quiet=True)
    coordinator = Membership.objects.get(
        loket__slug="demo", user__email="coordinator@sportloket-demo.nl"
    ).user
    sign_in_as(phone_page, live_server, coordinator)
    for path in (
        "/demo/requests/figures/",
        "/demo/decisions/monitor/",
        "/demo/contacts/coverage/",
        "/demo/alignment/",
    ):
        phone_page.goto(path)
        scrolling = phone_page.evaluate(
            """() => [...document.querySelectorAll('.table-wrap')]
              .filter(box => box.scrollWidth > box.clientWidth)
              .map(box => [box.tabIndex, box.getAttribute('role'),
                           box.getAttribute('aria-label') || box.getAttribute('aria-labelledby')])"""
        )
        assert scrolling, f"no table scrolls sideways on {path}: the test would prove nothing"
        for tab_index, role, label in scrolling:
            assert (tab_index, role) == (0, "region") and label, path
        assert_accessible(phone_page)


def test_signing_in_from_a_desks_public_page_leads_to_that_desk(page, live_server, settings):
    settings.MFA_REQUIRED_FOR_STAFF = False
    north = LoketFactory(slug="noord", name="Sportloket Noord")
    south = LoketFactory(slug="zuid", name="Sportloket Zuid")
    member = MembershipFactory(loket=north, coordinator=True, with_totp=False)
    MembershipFactory(loket=south, user=member.user, supporter=True, with_totp=False)

    page.goto("/zuid/")
    assert_accessible(page)
    page.get_by_role("link", name="Inloggen").click()
    page.get_by_label("E-mailadres").fill(member.user.email)
    page.get_by_label("Wachtwoord").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    expect(page).to_have_url(re.compile(r"/zuid/dashboard/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Sportloket Zuid")
    assert_accessible(page)
