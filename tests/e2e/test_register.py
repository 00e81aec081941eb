"""The register in a real browser: search and filter, add an organisation after a mistake."""

import re

import pytest
from playwright.sync_api import expect

from sportloket.core.tests.factories import LoketFactory, MembershipFactory
from sportloket.registry.models import Municipality, Sport
from sportloket.registry.tests.factories import OrganisationFactory
from sportloket.testing.browser import assert_accessible
from tests.e2e.test_pages import sign_in_as

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def desk_with_clubs():
    desk = LoketFactory(slug="houten", name="Sportloket Houten")
    houten = Municipality.objects.get(code="GM0321")
    desk.work_area.set([houten])
    hockey = Sport.objects.get(slug="hockey")
    club = OrganisationFactory(name="HC Houten", municipality=houten, city="Houten")
    club.sports.add(hockey)
    OrganisationFactory(name="Fitland Houten", municipality=houten, city="Houten", commercial=True)
    OrganisationFactory(name="TC Schalkwijk", municipality=houten, city="Schalkwijk")
    return desk


def test_search_and_filter_the_register(page, live_server, desk_with_clubs):
    supporter = MembershipFactory(loket=desk_with_clubs, supporter=True)
    sign_in_as(page, live_server, supporter.user)
    page.goto("/houten/organisations/")
    expect(page.get_by_text("3 organisaties")).to_be_visible()
    assert_accessible(page)

    page.get_by_label("Zoek op naam, KvK-nummer of plaats").fill("schalkwijk")
    page.get_by_role("button", name="Filteren").click()
    expect(page.get_by_role("cell", name="TC Schalkwijk")).to_be_visible()
    expect(page.get_by_role("cell", name="HC Houten")).to_have_count(0)

    page.get_by_label("Zoek op naam, KvK-nummer of plaats").fill("")
    page.get_by_label("Soort").select_option("commercial")
    page.get_by_role("button", name="Filteren").click()
    expect(page.get_by_role("cell", name="Fitland Houten")).to_be_visible()
    expect(page.get_by_role("cell", name="TC Schalkwijk")).to_have_count(0)
    assert_accessible(page)

    page.get_by_role("link", name="Fitland Houten").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Fitland Houten")
    assert_accessible(page)


def test_add_an_organisation_after_a_validation_error(page, live_server, desk_with_clubs):
    supporter = MembershipFactory(loket=desk_with_clubs, supporter=True)
    sign_in_as(page, live_server, supporter.user)
    page.goto("/houten/organisations/")
    page.get_by_role("link", name="Organisatie toevoegen").click()
    assert_accessible(page)

    page.get_by_label("Soort", exact=True).select_option("club")
    page.get_by_label("Naam", exact=True).fill("Café Één Biljart")
    page.get_by_label("KvK-nummer").fill("0123456A")
    page.get_by_label("Postcode").fill("3991ab")
    page.get_by_label("Biljarten").check()
    page.get_by_role("button", name="Opslaan").click()

    expect(page.get_by_role("alert")).to_contain_text("KvK-nummer")
    expect(page.get_by_label("Naam", exact=True)).to_have_value("Café Één Biljart")
    expect(page.get_by_label("Biljarten")).to_be_checked()
    assert_accessible(page)

    page.get_by_label("KvK-nummer").fill("01234567")
    page.get_by_role("button", name="Opslaan").click()
    expect(page).to_have_url(re.compile(r"/houten/organisations/\d+/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Café Één Biljart")
    expect(page.get_by_text("3991 AB")).to_be_visible()
    expect(page.get_by_text("01234567")).to_be_visible()
