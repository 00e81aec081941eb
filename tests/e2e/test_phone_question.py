"""A question that came by phone, in a real browser on a 375 px phone: the coordinator records it
from the inbox ("Nieuwe vraag vastleggen"), finds the club in the register without JavaScript,
corrects a mistake, and the provider follows it by the link in the confirmation e-mail. axe
checks every page of the walk, and none scrolls sideways."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from sportloket.core import services as core_services
from sportloket.core.tests.factories import LoketFactory, MembershipFactory
from sportloket.helprequests.constants import Channel
from sportloket.helprequests.models import HelpRequest
from sportloket.testing.browser import assert_accessible
from tests.e2e.test_pages import sign_in_as

pytestmark = pytest.mark.django_db(transaction=True)

QUESTION = "De kantine moet verduurzamen. Waar beginnen we?"


@pytest.fixture
def utrecht():
    from sportloket.core.models import Municipality
    from sportloket.registry.tests.factories import OrganisationFactory

    desk = LoketFactory(slug="utrecht", name="Sportloket Utrecht")
    utrecht = Municipality.objects.get(code="GM0344")
    desk.work_area.set([utrecht])
    core_services.themes_prefill(loket=desk, actor=None)
    OrganisationFactory(
        name="VV Domstad", kvk_number="01234567", city="Utrecht", municipality=utrecht
    )
    return desk


def check(page):
    """axe finds nothing, and the page does not scroll sideways at 375 px."""
    assert_accessible(page)
    width, inner = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert width <= inner, f"{page.url} scrolls sideways ({width} > {inner} px)"


def test_a_coordinator_records_a_phone_question_and_the_provider_follows_it(
    phone_page, live_server, utrecht
):
    page = phone_page
    coordinator = MembershipFactory(loket=utrecht, coordinator=True)
    sign_in_as(page, live_server, coordinator.user)

    page.goto("/utrecht/requests/")
    page.get_by_role("link", name="Nieuwe vraag vastleggen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Nieuwe vraag vastleggen")
    check(page)

    page.get_by_label("Telefonisch").check()
    page.get_by_label("Contactpersoon").fill("Henk de Wit")
    page.get_by_label("E-mailadres").fill("henk@domstad.example.nl")
    page.get_by_label("Telefoonnummer").fill("06 12345678")
    page.get_by_label("Vraag", exact=True).fill(QUESTION)
    page.get_by_label("Verduurzaming").check()
    # The register is searched by a button of the same form: what was typed stays.
    page.get_by_label("De organisatie zoeken in het register").fill("Domstad")
    page.get_by_role("button", name="Zoek in het register").click()
    register = page.get_by_role("group", name="Organisatie in het register")
    expect(register).to_be_visible()
    expect(page.get_by_label("Vraag", exact=True)).to_have_value(QUESTION)
    expect(page.get_by_label("Verduurzaming")).to_be_checked()
    check(page)

    register.get_by_label(re.compile("VV Domstad, Utrecht")).check()
    page.get_by_role("button", name="Vraag vastleggen").click()
    # Consent was not confirmed: said beside the field, and nothing typed is lost.
    expect(page.get_by_role("alert")).to_contain_text("Zonder toestemming van de sportaanbieder")
    expect(page.get_by_label("Vraag", exact=True)).to_have_value(QUESTION)
    expect(page.get_by_label("Telefonisch")).to_be_checked()
    check(page)

    page.get_by_label("De sportaanbieder geeft toestemming dat het loket de vraag en").check()
    page.get_by_role("button", name="Vraag vastleggen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Vraag van VV Domstad")
    expect(page.locator(".messages")).to_contain_text("De vraag is vastgelegd")
    expect(page.get_by_text("Telefonisch", exact=True)).to_be_visible()
    check(page)

    question = HelpRequest.objects.get()
    assert question.channel == Channel.PHONE and question.organisation.name == "VV Domstad"
    assert question.state_changes.get().actor == coordinator.user

    # The provider: the link in the confirmation e-mail opens the tracking page.
    [confirmation] = [m for m in mail.outbox if m.to == ["henk@domstad.example.nl"]]
    link = re.search(r"https?://\S+/t/\S+/", confirmation.body).group(0)
    page.context.clear_cookies()
    page.goto("/t/" + link.split("/t/")[1])
    expect(page.get_by_text("Status: Ingediend")).to_be_visible()
    expect(page.get_by_text(QUESTION)).to_be_visible()
    check(page)
