"""A referral to a neighbouring desk in a real browser: the desk of Houten refers a question
to the desk of Utrecht, a coordinator there takes it on and completes it, Houten reads that
the provider was helped, and the provider's tracking page shows the whole path. axe-core checks
every page visited."""

import re

import pytest
from playwright.sync_api import expect

from sportloket.core.tests.factories import LoketFactory, MembershipFactory
from sportloket.helprequests.models import HelpRequest, Referral
from sportloket.helprequests.tests.factories import HelpRequestFactory
from sportloket.testing.browser import assert_accessible
from tests.e2e.test_pages import sign_in_as

pytestmark = pytest.mark.django_db(transaction=True)


def move(page, state_label):
    page.locator("#id_to_state").select_option(label=state_label)
    page.get_by_role("button", name="Wijzigen", exact=True).click()
    expect(page.locator("main")).to_contain_text("De status is gewijzigd")


def test_a_question_referred_to_a_neighbouring_desk_is_helped_there(page, live_server):
    houten = LoketFactory(slug="houten", name="Sportloket Houten")
    utrecht = LoketFactory(slug="utrecht", name="Sportloket Utrecht")
    houten.neighbours.add(utrecht)
    sender = MembershipFactory(loket=houten, coordinator=True).user
    receiver = MembershipFactory(loket=utrecht, coordinator=True).user
    question = HelpRequestFactory(
        loket=houten,
        in_triage=True,
        consents_to_sharing=True,
        question="Wij willen een G-team starten in Utrecht-Oost.",
    )

    sign_in_as(page, live_server, sender)
    page.goto(f"{live_server.url}/houten/requests/{question.pk}/")
    page.get_by_role("link", name="Doorverwijzen naar een ander loket of een partner").click()
    expect(page).to_have_url(re.compile(r"/houten/requests/\d+/refer/$"))
    assert_accessible(page)
    page.get_by_label("Naar het loket").select_option(label="Sportloket Utrecht")
    page.get_by_label("Waarom").fill("Het G-team komt in Utrecht; daar kent men de clubs.")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.locator("#sent-title")).to_be_visible()
    expect(page.locator("main")).to_contain_text("Wacht op antwoord")
    assert_accessible(page)

    received = Referral.objects.get().received
    page.context.clear_cookies()
    sign_in_as(page, live_server, receiver)
    page.goto(f"{live_server.url}/utrecht/requests/")
    page.locator(f'a[href="/utrecht/requests/{received.pk}/"]').first.click()
    expect(page.locator("#received-title")).to_be_visible()
    expect(page.locator("main")).to_contain_text("Doorverwezen door Sportloket Houten")
    assert_accessible(page)
    page.get_by_role("button", name="Vraag aannemen").click()
    expect(page.locator("main")).to_contain_text("Je hebt de vraag aangenomen")
    for label in ("Ondersteuning gekozen", "In uitvoering", "Afgerond"):
        move(page, label)
    assert HelpRequest.objects.get(pk=received.pk).state == "completed"

    page.context.clear_cookies()
    sign_in_as(page, live_server, sender)
    page.goto(f"{live_server.url}/houten/requests/{question.pk}/")
    expect(page.locator("main")).to_contain_text("Sportloket Utrecht")
    expect(page.locator("main")).to_contain_text("Geholpen")
    assert_accessible(page)

    page.context.clear_cookies()
    page.goto(f"{live_server.url}/t/{question.tracking_token}/")
    path = page.locator("#path-title").locator("xpath=ancestor::section")
    expect(path).to_contain_text("Sportloket Utrecht")
    expect(path).to_contain_text("Geholpen")
    expect(path).to_contain_text("Afgerond")
    expect(page.locator("main")).to_contain_text("daar kent men de clubs")  # why, from Houten
    assert_accessible(page)
