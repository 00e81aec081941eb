"""The front door in a real browser, on a phone: ask a question without an account, follow it
by the private link, and rate the help."""

import re
import time

import pytest
from django.core import mail
from playwright.sync_api import expect

from sportloket.core.tests.factories import LoketFactory, MembershipFactory
from sportloket.helprequests import services
from sportloket.helprequests.constants import RequestState as S
from sportloket.helprequests.forms import MIN_FILL_SECONDS
from sportloket.helprequests.models import HelpRequest
from sportloket.testing.browser import assert_accessible

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_provider_asks_on_a_phone_follows_the_question_and_rates_the_help(phone_page):
    page = phone_page
    desk = LoketFactory(slug="houten", name="Sportloket Houten", description="Voor alle clubs.")
    services.themes_prefill(loket=desk, actor=None)
    coordinator = MembershipFactory(loket=desk, coordinator=True).user

    page.goto("/houten/")
    assert_accessible(page)
    page.get_by_role("link", name="Stel je vraag").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Stel je vraag")
    assert_accessible(page)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375, f"the form scrolls sideways on a phone ({width}px)"

    page.get_by_label("Naam van je club of organisatie").fill("Voetbalvereniging 't Goy")
    page.get_by_label("Je naam").fill("Sanne Kuipers")
    page.get_by_label("Je e-mailadres").fill("sanne@")
    page.get_by_label("Je vraag").fill("Wij zoeken een nieuwe penningmeester. Wie helpt ons?")
    page.get_by_label("Vrijwilligers").check()
    page.get_by_label("Ik geef toestemming dat het loket").check()
    time.sleep(MIN_FILL_SECONDS)  # a person takes a moment; the form refuses instant answers
    page.get_by_role("button", name="Vraag versturen").click()

    expect(page.get_by_role("alert")).to_contain_text("Je e-mailadres")
    expect(page.get_by_label("Je vraag")).to_have_value(
        "Wij zoeken een nieuwe penningmeester. Wie helpt ons?"
    )
    expect(page.get_by_label("Vrijwilligers")).to_be_checked()
    assert_accessible(page)

    page.get_by_label("Je e-mailadres").fill("sanne@tgoy.nl")
    page.get_by_role("button", name="Vraag versturen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Bedankt, we hebben je vraag ontvangen"
    )
    assert_accessible(page)

    request = HelpRequest.objects.get()
    [message] = [m for m in mail.outbox if m.to == ["sanne@tgoy.nl"]]
    link = re.search(r"https?://\S+/t/\S+/", message.body).group(0)
    page.goto(link.replace("http://127.0.0.1:8000", ""))
    expect(page.get_by_text("Status: Ingediend")).to_be_visible()
    assert_accessible(page)

    for state in (S.TRIAGE, S.MATCHED, S.IN_PROGRESS, S.COMPLETED):
        request = services.request_move(request=request, to_state=state, actor=coordinator)
    page.reload()
    expect(page.get_by_text("Status: Afgerond")).to_be_visible()
    page.get_by_label("4 – goed").check()
    page.get_by_label("Wil je ons nog iets laten weten?").fill("Snel en vriendelijk geholpen.")
    page.get_by_role("button", name="Beoordeling versturen").click()
    expect(page.get_by_text("Status: Beoordeeld")).to_be_visible()
    expect(page.get_by_text("4 / 5")).to_be_visible()
    assert_accessible(page)


def test_the_desk_triages_and_handles_a_question(page, live_server):
    from sportloket.registry.models import Municipality
    from sportloket.registry.tests.factories import OrganisationFactory
    from tests.e2e.test_pages import sign_in_as

    desk = LoketFactory(slug="utrecht", name="Sportloket Utrecht")
    desk.work_area.set([Municipality.objects.get(code="GM0344")])
    services.themes_prefill(loket=desk, actor=None)
    OrganisationFactory(
        name="VV Domstad",
        kvk_number="01234567",
        municipality=Municipality.objects.get(code="GM0344"),
    )
    request = services.request_submit(
        loket=desk,
        organisation_name="Domstad",
        contact_name="Henk",
        contact_email="henk@domstad.nl",
        question="Onze kantine moet verduurzamen. Waar beginnen we?",
        consents_to_processing=True,
    )
    coordinator = MembershipFactory(loket=desk, coordinator=True)
    sign_in_as(page, live_server, coordinator.user)

    page.goto("/utrecht/dashboard/")
    page.get_by_role("navigation", name="Loketmenu").get_by_role("link", name="Vragen").click()
    expect(page.get_by_role("cell", name="Domstad")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name=re.compile("Onze kantine")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Vraag van Domstad")
    assert_accessible(page)

    # The page already searched the register for the name the provider gave.
    page.get_by_role("button", name="Koppelen aan VV Domstad").click()
    expect(page.locator(".messages")).to_contain_text("De vraag is gekoppeld aan VV Domstad")
    expect(page.get_by_role("link", name="VV Domstad").first).to_be_visible()
    page.get_by_label("Verduurzaming").check()
    page.get_by_role("button", name="Opslaan").click()
    expect(page.locator(".messages")).to_contain_text("De wijzigingen zijn opgeslagen")

    page.get_by_label("Interne notitie").fill("Eerst de energiescan van de gemeente aanbieden.")
    page.get_by_role("button", name="Notitie toevoegen").click()
    expect(page.get_by_text("Eerst de energiescan van de gemeente aanbieden.")).to_be_visible()

    for state in ("In behandeling genomen", "Ondersteuning gekozen"):
        page.get_by_label("Nieuwe status").select_option(label=state)
        page.get_by_role("button", name="Wijzigen").click()
        expect(page.get_by_text(f"Status: {state}")).to_be_visible()

    supporter = MembershipFactory(
        loket=desk, supporter=True, user__full_name="Sander Bakker", acts_for="KNVB"
    )
    page.reload()
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
    expect(page.get_by_role("cell", name="1", exact=True).first).to_be_visible()
    assert_accessible(page)

    # The supporter takes it from here.
    page.context.clear_cookies()
    sign_in_as(page, live_server, supporter.user)
    page.goto(f"/utrecht/requests/{request.pk}/")
    for state in ("In uitvoering", "Afgerond"):
        page.get_by_label("Nieuwe status").select_option(label=state)
        page.get_by_role("button", name="Wijzigen").click()
        expect(page.get_by_text(f"Status: {state}")).to_be_visible()
    assert_accessible(page)

    request.refresh_from_db()
    assert request.state == S.COMPLETED
    page.context.clear_cookies()
    page.goto(f"/t/{request.tracking_token}/")
    expect(page.get_by_text("Status: Afgerond")).to_be_visible()
    expect(page.get_by_text("We plannen een bezoek met de KNVB.")).to_be_visible()
    expect(page.get_by_text("energiescan")).to_have_count(0)
    history = page.get_by_role("region", name="Wat er is gebeurd")
    for step in ("In behandeling genomen", "Ondersteuning gekozen", "In uitvoering", "Afgerond"):
        expect(history.get_by_text(step, exact=True)).to_be_visible()
    # Each step reached the provider by e-mail as well.
    subjects = [m.subject for m in mail.outbox if m.to == ["henk@domstad.nl"]]
    assert "Je vraag aan Sportloket Utrecht: Afgerond" in subjects
    page.get_by_label("5 – heel goed").check()
    page.get_by_role("button", name="Beoordeling versturen").click()
    expect(page.get_by_text("Status: Beoordeeld")).to_be_visible()
    assert_accessible(page)
