"""An open, transparent decision in a real browser: the coordinator reads the ranked offerings
with their reasons, chooses the second-ranked one (which needs a reason), and the provider and
the public see the decision, the public without any personal data. axe checks every page."""

import re

import pytest
from playwright.sync_api import expect

from sportloket.core import services as core_services
from sportloket.core.models import Municipality
from sportloket.core.tests.factories import LoketFactory, MembershipFactory
from sportloket.helprequests.models import HelpRequest
from sportloket.helprequests.tests.factories import submit_request
from sportloket.offerings.tests.factories import OfferingFactory
from sportloket.registry.tests.factories import OrganisationFactory, PersonRoleFactory
from sportloket.testing.browser import assert_accessible
from tests.e2e.test_pages import sign_in_as

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_coordinator_decides_openly_for_the_second_ranked_offering(page, live_server):
    desk = LoketFactory(slug="west", name="Sportloket West")
    themes = {t.key: t for t in core_services.themes_prefill(loket=desk, actor=None)}
    request = submit_request(
        desk, organisation_name="HC Westwijk", contact_name="Ilse Vermeulen",
        contact_email="ilse@hcwestwijk.example.nl", contact_phone="0612345678",
        question="We hebben te weinig vrijwilligers voor de jeugdtrainingen.",
        themes=[themes["volunteers"]],
    )  # fmt: skip
    # The question comes from a club in the register, in Houten: the public sees the kind and
    # the municipality, never the club's people.
    houten = Municipality.objects.get(code="GM0321")
    desk.work_area.add(houten)
    club = OrganisationFactory(name="HC Westwijk", municipality=houten)
    PersonRoleFactory(organisation=club, person__full_name="Joost de Voorzitter")
    HelpRequest.objects.filter(pk=request.pk).update(organisation=club)
    OfferingFactory(loket=desk, title="Vrijwilligersbeleid op maat", theme_keys=["volunteers"],
                    delivered_by__name="NOC*NSF Verenigingsondersteuning")  # fmt: skip
    OfferingFactory(loket=desk, title="Workshop jeugdkader", theme_keys=["training"],
                    delivered_by__name="KNHB", cost_cents=35000)  # fmt: skip
    coordinator = MembershipFactory(loket=desk, coordinator=True)
    sign_in_as(page, live_server, coordinator.user)

    page.goto(f"/west/requests/{request.pk}/")
    page.get_by_role("link", name="Aanbod rangschikken en besluiten").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Besluit over de vraag")
    ranked = page.locator(".ranking__item")
    expect(ranked.nth(0)).to_contain_text("Vrijwilligersbeleid op maat")
    expect(ranked.nth(1)).to_contain_text("Workshop jeugdkader")
    ranked.nth(0).get_by_text(re.compile("^Waarom")).click()
    expect(ranked.nth(0).get_by_role("table")).to_contain_text("Past bij")
    assert_accessible(page)

    page.get_by_label(re.compile("Workshop jeugdkader")).check()
    page.get_by_label("Toelichting", exact=True).fill(
        "De trainers willen eerst zelf beter worden; dan komen de vrijwilligers vanzelf."
    )
    page.get_by_label("Samenvatting voor het openbare register").fill(
        "Scholing van het jeugdkader helpt de club het meest."
    )
    page.get_by_role("button", name="Besluit vastleggen").click()
    expect(page.get_by_role("alert")).to_contain_text("eerst gerangschikte")
    expect(page.get_by_label(re.compile("Workshop jeugdkader"))).to_be_checked()
    assert_accessible(page)
    page.get_by_label("Waarom niet het aanbod dat als eerste staat?").fill(
        "Het bestuur vroeg zelf om scholing van het kader."
    )
    page.get_by_role("button", name="Besluit vastleggen").click()
    expect(page.locator(".messages")).to_contain_text("Het besluit is vastgelegd")
    expect(page.get_by_text("Status: Ondersteuning gekozen")).to_be_visible()
    assert_accessible(page)

    # The multi-partiality monitor shows the decision that passed over the first, with why.
    page.goto("/west/decisions/")
    page.get_by_label("Tonen").select_option(label="Niet het eerst gerangschikte aanbod")
    page.get_by_label("Zoek op ondersteuning of organisatie").fill("westwijk")
    page.get_by_role("button", name="Filteren").click()
    expect(page.get_by_text("1 besluit", exact=True)).to_be_visible()
    expect(page.get_by_role("link", name="HC Westwijk")).to_have_attribute(
        "href", f"/west/requests/{request.pk}/"
    )
    assert_accessible(page)
    page.get_by_role("link", name="Meerpartijdigheid").click()
    deviations = page.get_by_role("region", name="Niet het eerst gerangschikte aanbod")
    expect(deviations).to_contain_text("Als eerste: Vrijwilligersbeleid op maat")
    expect(deviations).to_contain_text("Gekozen: Workshop jeugdkader (plaats 2)")
    expect(deviations).to_contain_text("Het bestuur vroeg zelf om scholing van het kader.")
    expect(page.get_by_role("row", name=re.compile("KNHB"))).to_contain_text("1")
    assert_accessible(page)

    page.context.clear_cookies()
    page.goto(f"/t/{request.tracking_token}/")
    decision = page.get_by_role("region", name="Het besluit")
    expect(decision).to_contain_text("Workshop jeugdkader")
    expect(decision).to_contain_text("De trainers willen eerst zelf beter worden")
    assert_accessible(page)

    page.goto("/west/")
    page.get_by_role("link", name="Hoe het loket ondersteuning en geld verdeelt").click()
    expect(page.get_by_role("cell", name=re.compile("Workshop jeugdkader"))).to_be_visible()
    expect(page.get_by_role("cell", name=re.compile("Scholing van het jeugdkader"))).to_be_visible()
    row = page.get_by_role("row", name=re.compile("Workshop jeugdkader"))
    expect(row).to_contain_text("Sportvereniging")
    expect(row).to_contain_text("Houten")
    body = page.content()
    for personal in ("Ilse Vermeulen", "ilse@hcwestwijk.example.nl", "0612345678",
                     coordinator.user.email, coordinator.user.full_name,
                     "Joost de Voorzitter"):  # fmt: skip
        assert personal not in body
    assert_accessible(page)

    # Anyone narrows the register down and reads how the support and money are divided.
    page.get_by_label("Soort aanbieder").select_option(label="Sportvereniging")
    page.get_by_label("Gemeente", exact=True).select_option(label="Houten")
    page.get_by_role("button", name="Filteren").click()
    expect(page.get_by_text("1 besluit voldoet aan deze filters, samen € 350,00.")).to_be_visible()
    per_theme = page.get_by_role("table", name="Per thema")
    expect(per_theme.get_by_role("row", name=re.compile("Vrijwilligers"))).to_contain_text("1")
    expect(page.get_by_role("table", name="Per uitvoerende organisatie")).to_contain_text("KNHB")
    # The filters stay chosen.
    expect(page.get_by_label("Gemeente", exact=True)).to_have_value("GM0321")
    assert_accessible(page)
    page.get_by_label("Soort aanbieder").select_option(label="Ondernemende sportaanbieder")
    page.get_by_role("button", name="Filteren").click()
    expect(page.get_by_text("Geen besluit voldoet aan deze filters.")).to_be_visible()


def test_the_coordinator_names_a_supporter_who_then_decides(page, live_server):
    desk = LoketFactory(slug="oost", name="Sportloket Oost")
    themes = {t.key: t for t in core_services.themes_prefill(loket=desk, actor=None)}
    request = submit_request(desk, organisation_name="VV Oosterpark",
                             themes=[themes["volunteers"]])  # fmt: skip
    OfferingFactory(loket=desk, title="Vrijwilligersbeleid op maat", theme_keys=["volunteers"])
    coordinator = MembershipFactory(loket=desk, coordinator=True)
    supporter = MembershipFactory(loket=desk, supporter=True, user__full_name="Sanne de Boer")
    sign_in_as(page, live_server, coordinator.user)

    page.goto("/oost/team/")
    page.get_by_role("link", name="Sanne de Boer").click()
    page.get_by_label("Besluit over ondersteuning").check()
    page.get_by_role("button", name="Opslaan").click()
    expect(page.locator(".messages")).to_contain_text("De rol is gewijzigd")
    expect(page.locator(".facts")).to_contain_text("ja")
    assert_accessible(page)

    page.context.clear_cookies()
    sign_in_as(page, live_server, supporter.user)
    page.goto(f"/oost/requests/{request.pk}/")
    page.get_by_role("link", name="Aanbod rangschikken en besluiten").click()
    page.get_by_label(re.compile("Vrijwilligersbeleid op maat")).check()
    page.get_by_label("Toelichting", exact=True).fill("Past precies bij de vraag van de club.")
    page.get_by_label("Samenvatting voor het openbare register").fill("Hulp bij vrijwilligers.")
    assert_accessible(page)
    page.get_by_role("button", name="Besluit vastleggen").click()
    expect(page.locator(".messages")).to_contain_text("Het besluit is vastgelegd")
    expect(page.get_by_text("Status: Ondersteuning gekozen")).to_be_visible()
    assert_accessible(page)
