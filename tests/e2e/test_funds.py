"""Bundled money in a real browser: the coordinator records a decision co-funded from two funds;
the part above the partner fund's threshold waits for the partner, who signs in and approves
it; the ledgers show what is left. axe checks every page."""

import re

import pytest
from playwright.sync_api import expect

from sportloket.core.tests.factories import LoketFactory, MembershipFactory
from sportloket.funds.constants import FundKind
from sportloket.funds.tests.factories import FundFactory
from sportloket.helprequests import services as request_services
from sportloket.helprequests.tests.factories import submit_request
from sportloket.offerings.tests.factories import OfferingFactory
from sportloket.registry.constants import OrganisationKind
from sportloket.registry.tests.factories import OrganisationFactory
from sportloket.testing.browser import assert_accessible
from tests.e2e.test_pages import sign_in_as

pytestmark = pytest.mark.django_db(transaction=True)


def figure(page, label):
    """The amount shown for a figure on a ledger (Amount, Committed, Paid, Available)."""
    return page.locator(".figures div").filter(has=page.locator("dt", has_text=label)).locator("dd")


def test_a_co_funded_decision_waits_for_the_partner_above_the_threshold(page, live_server):
    desk = LoketFactory(slug="oost", name="Sportloket Oost")
    themes = {t.key: t for t in request_services.themes_prefill(loket=desk, actor=None)}
    request = submit_request(
        desk, organisation_name="VV Oosterpark", contact_name="Kees Jansen",
        contact_email="kees@vvoosterpark.example.nl",
        question="Onze kantine draait met te weinig vrijwilligers.",
        themes=[themes["volunteers"]],
    )  # fmt: skip
    OfferingFactory(loket=desk, title="Vrijwilligerstraject", theme_keys=["volunteers"],
                    cost_cents=150_000, delivered_by__name="Sportservice Oost")  # fmt: skip
    municipality = OrganisationFactory.for_desk(desk, name="Gemeente Oost",
                                                kind=OrganisationKind.MUNICIPALITY)  # fmt: skip
    rabo = OrganisationFactory.for_desk(desk, name="Rabobank Oost", kind=OrganisationKind.FUND)
    FundFactory(loket=desk, name="Uitvoeringsbudget", owner=municipality, amount_cents=1_000_000)
    FundFactory(loket=desk, name="Rabo ClubSupport", kind=FundKind.PARTNER, owner=rabo,
                amount_cents=500_000, approval_threshold_cents=25_000)  # fmt: skip
    coordinator = MembershipFactory(loket=desk, coordinator=True)
    partner = MembershipFactory(loket=desk, partner=True, organisation=rabo,
                                user__full_name="Peter van Dijk")  # fmt: skip

    sign_in_as(page, live_server, coordinator.user)
    page.goto(f"/oost/requests/{request.pk}/decide/")
    page.get_by_label(re.compile("Vrijwilligerstraject")).check()
    page.get_by_label("Toelichting", exact=True).fill("Het traject past bij de vraag.")
    page.get_by_label("Samenvatting voor het openbare register").fill(
        "Een vrijwilligerstraject voor de kantine."
    )
    funding = page.get_by_role("group", name="Geld uit de fondsen")
    funding.get_by_label("Uitvoeringsbudget").fill("1.000")
    funding.get_by_label("Rabo ClubSupport").fill("500")
    assert_accessible(page)
    page.get_by_role("button", name="Besluit vastleggen").click()
    expect(page.locator(".messages")).to_contain_text("Het besluit is vastgelegd")

    page.get_by_role("navigation", name="Loketmenu").get_by_role("link", name="Fondsen").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Fondsen")
    assert_accessible(page)
    page.get_by_role("link", name="Rabo ClubSupport").first.click()
    expect(figure(page, "Beschikbaar")).to_have_text("€ 4.500,00")
    expect(page.locator(".badge--warning")).to_contain_text("Voorgesteld")
    assert_accessible(page)
    page.go_back()
    page.get_by_role("link", name="Uitvoeringsbudget").first.click()
    expect(figure(page, "Beschikbaar")).to_have_text("€ 9.000,00")

    page.context.clear_cookies()
    sign_in_as(page, live_server, partner.user)
    page.goto("/oost/funds/")
    page.get_by_role("link", name=re.compile("goed te keuren", re.IGNORECASE)).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Goed te keuren")
    waiting = page.locator("article").filter(has_text="€ 500,00")
    expect(waiting).to_contain_text("Rabo ClubSupport")
    assert_accessible(page)
    waiting.get_by_role("button", name=re.compile("^Goedkeuren")).click()
    expect(page.get_by_text("Er wacht niets op je goedkeuring.")).to_be_visible()
    assert_accessible(page)

    page.goto("/oost/funds/")
    page.get_by_role("link", name="Rabo ClubSupport").first.click()
    expect(figure(page, "Beschikbaar")).to_have_text("€ 4.500,00")
    expect(page.locator("article").first).to_contain_text("Goedgekeurd")
    expect(page.locator("article").first).to_contain_text("Peter van Dijk")
    # The partner sees only its own organisation's fund in detail.
    page.goto("/oost/funds/")
    expect(page.get_by_role("link", name="Uitvoeringsbudget")).to_have_count(0)
    assert_accessible(page)
