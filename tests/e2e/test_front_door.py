"""The front door in a real browser: a provider asks a question on a phone without an account,
the desk triages and handles it on a desktop, and the provider follows every step by the private
link and rates the help. axe checks every page of the walk."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from sportloket.core import services as core_services
from sportloket.core.tests.factories import LoketFactory, MembershipFactory
from sportloket.helprequests.constants import RequestState as S
from sportloket.helprequests.models import HelpRequest
from sportloket.testing.browser import assert_accessible
from tests.e2e.test_pages import sign_in_as

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def utrecht():
    from sportloket.core.models import Municipality
    from sportloket.registry.tests.factories import OrganisationFactory

    desk = LoketFactory(slug="utrecht", name="Sportloket Utrecht", description="Voor alle clubs.")
    utrecht = Municipality.objects.get(code="GM0344")
    desk.work_area.set([utrecht])
    core_services.themes_prefill(loket=desk, actor=None)
    OrganisationFactory(
        name="VV Domstad", kvk_number="01234567", city="Utrecht", municipality=utrecht
    )
    return desk


def ask_on_the_phone(page, question):
    """The provider's part: the public page, the form with one mistake, the offered register
    entries, the thank-you page; returns the tracking link from the confirmation e-mail."""
    page.goto("/utrecht/")
    assert_accessible(page)
    page.get_by_role("link", name="Stel je vraag").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Stel je vraag")
    assert_accessible(page)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375, f"the form scrolls sideways on a phone ({width}px)"

    page.get_by_label("Naam van je club of organisatie").fill("Domstad")
    page.get_by_label("Je naam").fill("Henk de Wit")
    page.get_by_label("Je e-mailadres").fill("henk@")
    page.get_by_label("Je vraag").fill(question)
    page.get_by_label("Verduurzaming").check()
    page.get_by_label("Ik geef toestemming dat het loket").check()
    page.get_by_role("button", name="Vraag versturen").click()

    expect(page.get_by_role("alert")).to_contain_text("Je e-mailadres")
    expect(page.get_by_label("Je vraag")).to_have_value(question)
    expect(page.get_by_label("Verduurzaming")).to_be_checked()
    assert_accessible(page)

    page.get_by_label("Je e-mailadres").fill("henk@domstad.example.nl")
    page.get_by_role("button", name="Vraag versturen").click()
    # The register knows a club like this: the provider is asked once whether it is theirs.
    expect(page.get_by_role("alert")).to_contain_text("Kies je organisatie")
    expect(page.get_by_role("group", name="Is een van deze organisaties de jouwe?")).to_be_visible()
    expect(page.get_by_label("Je vraag")).to_have_value(question)
    assert_accessible(page)
    page.get_by_label("Nee, mijn organisatie staat er niet bij").check()
    page.get_by_role("button", name="Vraag versturen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Bedankt, we hebben je vraag ontvangen"
    )
    assert_accessible(page)

    [message] = [m for m in mail.outbox if m.to == ["henk@domstad.example.nl"]]
    return re.search(r"https?://\S+/t/\S+/", message.body).group(0)


def test_a_question_from_a_phone_to_rated_help(phone_page, page, live_server, utrecht):
    question = "Onze kantine moet verduurzamen. Waar beginnen we?"
    link = ask_on_the_phone(phone_page, question)
    tracking = "/t/" + link.split("/t/")[1]
    phone_page.goto(tracking)
    expect(phone_page.get_by_text("Status: Ingediend")).to_be_visible()
    assert_accessible(phone_page)
    request = HelpRequest.objects.get()
    assert request.organisation is None  # the provider said it was not listed

    coordinator = MembershipFactory(loket=utrecht, coordinator=True)
    supporter = MembershipFactory(
        loket=utrecht, supporter=True, user__full_name="Sander Bakker", acts_for="KNVB"
    )
    sign_in_as(page, live_server, coordinator.user)
    page.goto("/utrecht/dashboard/")
    page.get_by_role("navigation", name="Loketmenu").get_by_role("link", name="Vragen").click()
    expect(page.get_by_role("cell", name="Domstad", exact=True)).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name=re.compile("Onze kantine")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Vraag van Domstad")
    assert_accessible(page)
    # The page already searched the register for the name the provider gave.
    page.get_by_role("button", name="Koppelen aan VV Domstad").click()
    expect(page.locator(".messages")).to_contain_text("De vraag is gekoppeld aan VV Domstad")
    expect(page.get_by_label("Verduurzaming")).to_be_checked()  # as the provider chose
    page.get_by_label("Financiën").check()
    page.get_by_label("Urgentie").select_option(label="Dringend")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.locator(".messages")).to_contain_text("De wijzigingen zijn opgeslagen")

    page.get_by_label("Interne notitie").fill("Eerst de energiescan van de gemeente aanbieden.")
    page.get_by_role("button", name="Notitie toevoegen").click()
    expect(page.get_by_text("Eerst de energiescan van de gemeente aanbieden.")).to_be_visible()

    for state in ("In behandeling genomen", "Ondersteuning gekozen"):
        page.get_by_label("Nieuwe status").select_option(label=state)
        page.get_by_role("button", name="Wijzigen").click()
        expect(page.get_by_text(f"Status: {state}")).to_be_visible()

    page.get_by_label("Toewijzen aan").select_option(label="Sander Bakker (Ondersteuner, KNVB)")
    page.get_by_role("button", name="Toewijzen", exact=True).click()
    expect(page.locator(".messages")).to_contain_text("Toegewezen aan Sander Bakker")
    page.get_by_role("textbox", name="Bericht aan de sportaanbieder").fill(
        "We plannen een bezoek met de KNVB."
    )
    page.get_by_role("button", name="Bericht versturen").click()
    expect(page.locator(".messages")).to_contain_text("Het bericht is naar de sportaanbieder")
    assert_accessible(page)
    page.goto("/utrecht/requests/")
    page.get_by_role("link", name="Reactietijden").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Reactietijden")
    assert_accessible(page)

    # The supporter, told by e-mail, takes it from here.
    assert any(m.to == [supporter.user.email] for m in mail.outbox)
    page.context.clear_cookies()
    sign_in_as(page, live_server, supporter.user)
    page.goto(f"/utrecht/requests/{request.pk}/")
    for state in ("In uitvoering", "Afgerond"):
        page.get_by_label("Nieuwe status").select_option(label=state)
        page.get_by_role("button", name="Wijzigen").click()
        expect(page.get_by_text(f"Status: {state}")).to_be_visible()
    assert_accessible(page)
    request.refresh_from_db()
    assert request.state == S.COMPLETED and request.organisation.name == "VV Domstad"

    # Back on the phone: every step, the message and no internal note; then the rating.
    phone_page.reload()
    expect(phone_page.get_by_text("Status: Afgerond")).to_be_visible()
    history = phone_page.get_by_role("region", name="Wat er is gebeurd")
    for step in ("In behandeling genomen", "Ondersteuning gekozen", "In uitvoering", "Afgerond"):
        expect(history.get_by_text(step, exact=True)).to_be_visible()
    expect(history.get_by_text("We plannen een bezoek met de KNVB.")).to_be_visible()
    expect(phone_page.get_by_text("energiescan")).to_have_count(0)
    assert_accessible(phone_page)
    subjects = [m.subject for m in mail.outbox if m.to == ["henk@domstad.example.nl"]]
    assert "Je vraag aan Sportloket Utrecht: Afgerond" in subjects

    phone_page.get_by_label("4 – goed").check()
    phone_page.get_by_label("Wil je ons nog iets laten weten?").fill("Snel en vriendelijk.")
    phone_page.get_by_role("button", name="Beoordeling versturen").click()
    expect(phone_page.get_by_text("Status: Beoordeeld")).to_be_visible()
    expect(phone_page.get_by_text("4 / 5")).to_be_visible()
    assert_accessible(phone_page)
