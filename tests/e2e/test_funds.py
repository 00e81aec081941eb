"""Bundled money in a real browser: the coordinator records a decision co-funded from two funds;
the part from the fund without a threshold is approved at once, the part above the partner
fund's threshold waits for the partner, who signs in and approves it; the ledgers and the
desk's overview show what is committed and what is left, before and after. axe checks every
page."""

import re

import pytest
from playwright.sync_api import expect

from sportloket.core import services as core_services
from sportloket.core.tests.factories import LoketFactory, MembershipFactory
from sportloket.funds.constants import FundKind
from sportloket.funds.tests.factories import FundFactory
from sportloket.helprequests.tests.factories import submit_request
from sportloket.offerings.tests.factories import OfferingFactory
from sportloket.registry.constants import OrganisationKind
from sportloket.registry.tests.factories import OrganisationFactory
from sportloket.testing.browser import assert_accessible
from tests.e2e.test_pages import sign_in_as

pytestmark = pytest.mark.django_db(transaction=True)


def figure(page, label):
    """The amount shown for a figure on a ledger or the overview (Amount, Committed, Paid,
    Available)."""
    return page.locator(".figures div").filter(has=page.locator("dt", has_text=label)).locator("dd")


def expect_figures(page, **shown):
    labels = {"amount": "Bedrag", "committed": "Vastgelegd", "paid": "Betaald",
              "available": "Beschikbaar"}  # fmt: skip
    for name, text in shown.items():
        expect(figure(page, labels[name])).to_have_text(text)


def open_ledger(page, name):
    page.goto("/oost/funds/")
    page.get_by_role("link", name=name, exact=True).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(name)


def expect_allocation(page, state):
    """The ledger's only allocation and its state."""
    expect(page.locator("article")).to_have_count(1)
    expect(page.locator("article h3 .badge")).to_have_text(state)


def test_a_co_funded_decision_waits_for_the_partner_above_the_threshold(page, live_server):
    desk = LoketFactory(slug="oost", name="Sportloket Oost")
    themes = {t.key: t for t in core_services.themes_prefill(loket=desk, actor=None)}
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
    # Before: nothing committed, on the overview and on both ledgers.
    page.goto("/oost/funds/")
    expect_figures(page, amount="€ 15.000,00", committed="€ 0,00", paid="€ 0,00",
                   available="€ 15.000,00")  # fmt: skip
    expect(page.locator("#no-approver")).to_have_count(0)  # the Rabobank has its partner
    assert_accessible(page)
    open_ledger(page, "Rabo ClubSupport")
    expect_figures(page, amount="€ 5.000,00", committed="€ 0,00", available="€ 5.000,00")
    expect(page.get_by_text("Er is nog geen geld uit dit fonds toegekend.")).to_be_visible()
    assert_accessible(page)
    open_ledger(page, "Uitvoeringsbudget")
    expect_figures(page, amount="€ 10.000,00", committed="€ 0,00", available="€ 10.000,00")
    assert_accessible(page)

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
    # Proposed money is committed too: it is reserved until the partner decides.
    expect_figures(page, amount="€ 15.000,00", committed="€ 1.500,00", paid="€ 0,00",
                   available="€ 13.500,00")  # fmt: skip
    assert_accessible(page)
    page.get_by_role("link", name="Rabo ClubSupport").first.click()
    expect_figures(page, committed="€ 500,00", available="€ 4.500,00")
    expect_allocation(page, "Voorgesteld")  # above € 250: waits for the Rabobank
    expect(page.locator("article")).to_contain_text("VV Oosterpark")
    assert_accessible(page)
    open_ledger(page, "Uitvoeringsbudget")
    expect_figures(page, committed="€ 1.000,00", available="€ 9.000,00")
    expect_allocation(page, "Goedgekeurd")  # no threshold: approved at once
    assert_accessible(page)

    page.context.clear_cookies()
    sign_in_as(page, live_server, partner.user)
    page.goto("/oost/funds/")
    page.get_by_role("link", name=re.compile("goed te keuren", re.IGNORECASE)).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Goed te keuren")
    waiting = page.locator("article").filter(has_text="€ 500,00")
    expect(waiting).to_contain_text("Rabo ClubSupport")
    expect(page.locator("article")).to_have_count(1)  # only its own fund's money waits
    assert_accessible(page)
    waiting.get_by_role("button", name=re.compile("^Goedkeuren")).click()
    expect(page.get_by_text("Er wacht niets op je goedkeuring.")).to_be_visible()
    assert_accessible(page)

    open_ledger(page, "Rabo ClubSupport")
    # Approving moves no money: it was committed when proposed.
    expect_figures(page, committed="€ 500,00", available="€ 4.500,00")
    expect_allocation(page, "Goedgekeurd")
    expect(page.locator("article").first).to_contain_text("Peter van Dijk")
    assert_accessible(page)
    # The partner sees the desk's totals, but only its own organisation's fund in detail.
    page.goto("/oost/funds/")
    expect_figures(page, amount="€ 15.000,00", committed="€ 1.500,00", paid="€ 0,00",
                   available="€ 13.500,00")  # fmt: skip
    expect(page.get_by_role("link", name="Uitvoeringsbudget")).to_have_count(0)
    expect(page.get_by_role("link", name="Rabo ClubSupport")).to_have_count(1)
    assert_accessible(page)


def test_who_decides_on_a_fund_is_for_its_owners_partner(page, live_server):
    """The coordinator is warned about a fund whose owner nobody represents, and cannot raise
    the threshold of one whose owner has a partner at the desk; that partner raises it on a
    page of its own, and the coordinator reads in the fund's history who did."""
    desk = LoketFactory(slug="oost", name="Sportloket Oost")
    municipality = OrganisationFactory.for_desk(desk, name="Gemeente Oost",
                                                kind=OrganisationKind.MUNICIPALITY)  # fmt: skip
    rabo = OrganisationFactory.for_desk(desk, name="Rabobank Oost", kind=OrganisationKind.FUND)
    FundFactory(loket=desk, name="Uitvoeringsbudget", owner=municipality, amount_cents=1_000_000,
                approval_threshold_cents=50_000)  # fmt: skip
    partner_fund = FundFactory(loket=desk, name="Rabo ClubSupport", kind=FundKind.PARTNER,
                               owner=rabo, amount_cents=500_000,
                               approval_threshold_cents=25_000)  # fmt: skip
    coordinator = MembershipFactory(loket=desk, coordinator=True)
    partner = MembershipFactory(loket=desk, partner=True, organisation=rabo,
                                user__full_name="Peter van Dijk")  # fmt: skip
    threshold = "Coördinator besluit zelf tot (euro)"

    sign_in_as(page, live_server, coordinator.user)
    page.goto("/oost/funds/")
    warning = page.locator("#no-approver")
    expect(warning).to_contain_text("Gemeente Oost")
    expect(warning.get_by_role("link")).to_have_count(1)
    assert_accessible(page)
    warning.get_by_role("link", name="Uitvoeringsbudget").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Uitvoeringsbudget")
    expect(page.locator("#no-approver")).to_contain_text("€ 500,00")
    assert_accessible(page)

    page.goto(f"/oost/funds/{partner_fund.pk}/edit/")
    expect(page.locator(".notice")).to_contain_text("Rabobank Oost")
    page.get_by_label(threshold).fill("1.000")
    page.get_by_role("button", name="Opslaan").click()
    field = page.get_by_label(threshold)
    expect(field).to_have_attribute("aria-invalid", "true")
    expect(field).to_have_value("1.000")
    expect(page.locator("#form-errors")).to_contain_text("Rabobank Oost")
    assert_accessible(page)

    page.context.clear_cookies()
    sign_in_as(page, live_server, partner.user)
    page.goto(f"/oost/funds/{partner_fund.pk}/")
    expect(page.locator("#no-approver")).to_have_count(0)
    page.locator(f'a[href="/oost/funds/{partner_fund.pk}/approval/"]').click()
    field = page.get_by_label(threshold)
    expect(field).to_have_value("250")
    assert_accessible(page)
    field.fill("1.000")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Rabo ClubSupport")
    expect(page.get_by_text("tot € 1.000,00; daarboven keurt Rabobank Oost goed")).to_be_visible()
    assert_accessible(page)

    page.context.clear_cookies()
    sign_in_as(page, live_server, coordinator.user)
    page.goto(f"/oost/funds/{partner_fund.pk}/")
    history = page.locator("#history-title").locator("..")
    expect(history.locator("li").first).to_contain_text("Peter van Dijk")
    expect(history.locator("li").first).to_contain_text("€ 1.000,00")
    assert_accessible(page)
    # The coordinator may read who decides, and who approves, but finds no form there.
    page.goto(f"/oost/funds/{partner_fund.pk}/approval/")
    expect(page.locator("main dl")).to_contain_text("Peter van Dijk")
    expect(page.get_by_label(threshold)).to_have_count(0)
    assert_accessible(page)
