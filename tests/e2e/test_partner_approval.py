"""A partner decides on money with the question in view, in a real browser (issue 17).

The coordinator records a decision on a club's question: the offering costs € 1.500 and the
Rabobank's fund is to pay € 500. The form refuses the split until it says who pays the other
€ 1.000 (the amount is what the funds pay plus what is paid outside them). The money from the
Rabobank's fund is above the coordinator's threshold: the Rabobank's partner gets an e-mail,
follows its link, and on the approvals page reads the question (the club consented to
sharing), the chosen offering, the ranking and the rationale, never the contact person.
"Afwijzen" asks for a reason and looks different from "Goedkeuren"; the partner approves, and
opens the question read-only. axe checks every page, and none scrolls sideways at 375 px."""

import re
from urllib.parse import urlsplit

import pytest
from django.core import mail
from playwright.sync_api import expect

from sportloket.core import services as core_services
from sportloket.core.tests.factories import LoketFactory, MembershipFactory
from sportloket.funds.constants import FundKind
from sportloket.funds.tests.factories import FundFactory
from sportloket.helprequests.models import HelpRequest
from sportloket.helprequests.tests.factories import submit_request
from sportloket.offerings.tests.factories import OfferingFactory
from sportloket.registry.constants import OrganisationKind
from sportloket.registry.tests.factories import OrganisationFactory
from sportloket.testing.browser import assert_accessible
from tests.e2e.test_pages import sign_in_as

pytestmark = pytest.mark.django_db(transaction=True)

QUESTION = "Onze kantine draait met te weinig vrijwilligers."
RATIONALE = "Het traject helpt de club om vrijwilligers te werven en te houden."


def assert_no_sideways_scrolling(page):
    """At a phone's 375 px the page is no wider than the screen."""
    before = page.viewport_size
    page.set_viewport_size({"width": 375, "height": 740})
    try:
        page.evaluate(
            "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))"
        )
        width, inner = page.evaluate(
            "() => [document.documentElement.scrollWidth, window.innerWidth]"
        )
        assert width <= inner, f"{page.url} is {width} px wide at {inner} px"
    finally:
        page.set_viewport_size(before)


def check(page):
    assert_accessible(page)
    assert_no_sideways_scrolling(page)


def test_a_partner_approves_with_the_question_and_the_rationale_in_view(page, live_server):
    desk = LoketFactory(slug="oost", name="Sportloket Oost")
    themes = {t.key: t for t in core_services.themes_prefill(loket=desk, actor=None)}
    club = OrganisationFactory.for_desk(desk, name="VV Oosterpark", kind=OrganisationKind.CLUB)
    question = submit_request(
        desk, organisation_name="VV Oosterpark", contact_name="Kees Jansen",
        contact_email="kees@vvoosterpark.example.nl", contact_phone="0612345678",
        question=QUESTION, themes=[themes["volunteers"]], consents_to_sharing=True,
    )  # fmt: skip
    HelpRequest.objects.filter(pk=question.pk).update(organisation=club)
    OfferingFactory(loket=desk, title="Vrijwilligerstraject", theme_keys=["volunteers"],
                    cost_cents=150_000, delivered_by__name="Sportservice Oost")  # fmt: skip
    OfferingFactory(loket=desk, title="Vrijwilligersavond", theme_keys=["volunteers"],
                    cost_cents=0, delivered_by__name="Sportbond Oost")  # fmt: skip
    rabo = OrganisationFactory.for_desk(desk, name="Rabobank Oost", kind=OrganisationKind.FUND)
    FundFactory(loket=desk, name="Rabo ClubSupport", kind=FundKind.PARTNER, owner=rabo,
                amount_cents=500_000, approval_threshold_cents=25_000)  # fmt: skip
    coordinator = MembershipFactory(loket=desk, coordinator=True)
    partner = MembershipFactory(loket=desk, partner=True, organisation=rabo,
                                user__full_name="Peter van Dijk",
                                user__email="peter@rabobank.example.nl")  # fmt: skip

    # The coordinator decides: € 500 from the fund for an offering of € 1.500 does not add up.
    sign_in_as(page, live_server, coordinator.user)
    page.goto(f"/oost/requests/{question.pk}/decide/")
    page.get_by_label(re.compile("Vrijwilligerstraject")).check()
    page.get_by_label("Toelichting", exact=True).fill(RATIONALE)
    page.get_by_label("Samenvatting voor het openbare register").fill(
        "Een vrijwilligerstraject voor de kantine."
    )
    page.get_by_label("Waarom niet het aanbod dat als eerste staat?").fill(
        "Het traject gaat verder dan een avond."
    )
    page.get_by_role("group", name="Geld uit de fondsen").get_by_label("Rabo ClubSupport").fill(
        "500"
    )
    page.get_by_role("button", name="Besluit vastleggen").click()
    expect(page.locator("#funding-errors")).to_contain_text(
        "Uit de fondsen € 500,00 + buiten de fondsen betaald € 0,00 = € 500,00"
    )
    outside = page.get_by_label("Buiten de fondsen betaald (euro)")
    expect(outside).to_be_visible()
    check(page)
    outside.fill("1.000")
    page.get_by_role("button", name="Besluit vastleggen").click()
    expect(page.locator(".messages")).to_contain_text("Het besluit is vastgelegd")

    # The e-mail to the Rabobank's partner links to the approvals page.
    [approval_mail] = [m for m in mail.outbox if m.to == ["peter@rabobank.example.nl"]]
    link = re.search(r"https?://\S+/oost/funds/approvals/", approval_mail.body).group(0)
    assert "Kees Jansen" not in approval_mail.body

    page.context.clear_cookies()
    sign_in_as(page, live_server, partner.user)
    page.goto(urlsplit(link).path)
    expect(page.get_by_role("heading", level=1)).to_have_text("Goed te keuren")
    waiting = page.locator("article").filter(has_text="€ 500,00")
    expect(waiting).to_have_count(1)
    expect(waiting).to_contain_text(QUESTION)
    expect(waiting).to_contain_text("Vrijwilligerstraject (Sportservice Oost)")
    expect(waiting).to_contain_text(RATIONALE)
    expect(waiting).to_contain_text("€ 1.000,00 buiten de fondsen betaald")
    ranking = waiting.locator("ol.ranking-summary li")
    expect(ranking).to_have_count(2)
    expect(ranking.filter(has_text="gekozen")).to_contain_text("Vrijwilligerstraject")
    expect(page.get_by_text("Kees Jansen")).to_have_count(0)
    expect(page.get_by_text("0612345678")).to_have_count(0)
    approve = waiting.get_by_role("button", name=re.compile("^Goedkeuren"))
    reject = waiting.get_by_role("button", name=re.compile("^Afwijzen"))
    expect(reject).to_have_class(re.compile("button--danger"))
    expect(approve).not_to_have_class(re.compile("button--danger"))
    assert approve.evaluate("b => getComputedStyle(b).backgroundColor") != reject.evaluate(
        "b => getComputedStyle(b).backgroundColor"
    )
    check(page)

    # Rejecting without a reason is refused next to the field; nothing changes.
    reject.click()
    reason = page.locator("article").filter(has_text="€ 500,00").get_by_label("Reden voor afwijzen")
    expect(reason).to_have_attribute("aria-invalid", "true")
    expect(page.get_by_text("Geef een reden; de coördinator leest die.").first).to_be_visible()
    check(page)

    page.locator("article").filter(has_text="€ 500,00").get_by_role(
        "button", name=re.compile("^Goedkeuren")
    ).click()
    expect(page.get_by_text("Er wacht niets op je goedkeuring.")).to_be_visible()
    check(page)

    # The question itself, read-only, from the list of questions shared with the partner.
    page.get_by_role("link", name="De vragen die met je gedeeld zijn").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Gedeelde vragen")
    check(page)
    page.get_by_role("link", name="VV Oosterpark").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Vraag van VV Oosterpark")
    expect(page.locator("main")).to_contain_text(QUESTION)
    expect(page.locator("main")).to_contain_text(RATIONALE)
    expect(page.locator("main form")).to_have_count(0)
    expect(page.get_by_text("Kees Jansen")).to_have_count(0)
    check(page)
