"""The catalogue in a real browser: a coordinator opens the support offerings, adds one after a
mistake, finds it in the list and on its page, and sets the desk's matching weights.

The pages' own texts are not translated yet, so elements are found by their field ids and
addresses, and by the data the test made, rather than by Dutch labels."""

import re

import pytest
from playwright.sync_api import expect

from sportloket.core.models import Municipality
from sportloket.core.tests.factories import LoketFactory, MembershipFactory, ThemeFactory
from sportloket.decisions.models import MatchingWeights
from sportloket.offerings.models import Offering
from sportloket.offerings.tests.factories import OfferingFactory
from sportloket.registry.constants import OrganisationKind
from sportloket.registry.tests.factories import OrganisationFactory
from sportloket.testing.browser import assert_accessible
from tests.e2e.test_pages import sign_in_as

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def houten():
    desk = LoketFactory(slug="houten", name="Sportloket Houten")
    desk.work_area.set([Municipality.objects.get(code="GM0321")])
    ThemeFactory(loket=desk, key="volunteers", name="Vrijwilligers", position=1)
    ThemeFactory(loket=desk, key="finances", name="Geld en subsidies", position=2)
    return desk


def test_a_coordinator_adds_an_offering_and_sets_the_weights(page, live_server, houten):
    federation = OrganisationFactory(
        name="KNVB District West",
        kind=OrganisationKind.FEDERATION,
        municipality=Municipality.objects.get(code="GM0321"),
    )
    OfferingFactory(national=True, title="Landelijk dienstenmenu: clubkadercursus")
    coordinator = MembershipFactory(loket=houten, coordinator=True)
    sign_in_as(page, live_server, coordinator.user)

    page.goto("/houten/dashboard/")
    page.get_by_role("navigation", name="Loketmenu").locator('a[href="/houten/offerings/"]').click()
    expect(page).to_have_url(re.compile(r"/houten/offerings/$"))
    expect(page.get_by_role("link", name="Landelijk dienstenmenu: clubkadercursus")).to_be_visible()
    assert_accessible(page)

    page.locator('a[href="/houten/offerings/new/"]').click()
    assert_accessible(page)
    page.locator("#id_title").fill("Vrijwilligersbeleid op orde")
    page.locator("#id_description").fill("Drie avonden met het bestuur: werven en behouden.")
    page.locator("#id_delivered_by").select_option(str(federation.pk))
    page.locator("#id_kind").select_option("coaching")
    page.get_by_label("Vrijwilligers").check()
    page.get_by_label("Hockey", exact=True).check()
    page.locator("#id_cost_cents").fill("1.250,505")  # one decimal too many
    page.locator("#id_duration").fill("6 weken")
    page.get_by_role("button", name="Opslaan").click()

    expect(page.get_by_role("alert")).to_be_visible()
    expect(page.locator("#id_cost_cents")).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#id_title")).to_have_value("Vrijwilligersbeleid op orde")
    expect(page.locator("#id_cost_cents")).to_have_value("1.250,505")
    expect(page.get_by_label("Vrijwilligers")).to_be_checked()
    expect(page.get_by_label("Hockey", exact=True)).to_be_checked()
    assert_accessible(page)
    assert not Offering.objects.filter(loket=houten).exists()

    page.locator("#id_cost_cents").fill("1.250,50")
    page.get_by_role("button", name="Opslaan").click()
    expect(page).to_have_url(re.compile(r"/houten/offerings/\d+/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Vrijwilligersbeleid op orde")
    facts = page.get_by_role("region", name="Gegevens").locator("dl.facts")
    expect(facts).to_contain_text("€\u00a01.250,50")
    expect(facts).to_contain_text("KNVB District West")
    expect(page.locator(".tag-list").first).to_contain_text("Vrijwilligers")
    use = page.get_by_role("region", name="In gebruik")
    expect(use).to_contain_text("Gekozen door dit loket 0 keer")  # new: not chosen yet
    assert_accessible(page)

    page.locator('main a[href="/houten/offerings/"]').click()  # back to the list
    expect(page).to_have_url(re.compile(r"/houten/offerings/$"))
    row = page.get_by_role("row", name=re.compile("Vrijwilligersbeleid op orde"))
    expect(row).to_contain_text("KNVB District West")
    expect(row).to_contain_text("1.250,50")

    page.locator('a[href="/houten/offerings/weights/"]').click()
    expect(page.locator("#id_theme")).to_have_value("10")
    assert_accessible(page)
    page.locator("#id_theme").fill("8")
    page.locator("#id_novelty").fill("0")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.locator("#id_theme")).to_have_value("8")
    expect(page.get_by_role("status").first).to_be_visible()
    assert_accessible(page)
    weights = MatchingWeights.objects.get(loket=houten)
    assert (weights.theme, weights.novelty) == (8, 0)


def test_the_catalogue_filter_works_with_and_without_javascript(
    browser, live_server, transactional_db, houten
):
    OfferingFactory(loket=houten, title="Penningmeestercursus", theme_keys=["finances"])
    OfferingFactory(loket=houten, title="Vrijwilligersadvies", theme_keys=["volunteers"])
    supporter = MembershipFactory(loket=houten, supporter=True)
    for javascript in (True, False):
        context = browser.new_context(base_url=live_server.url, java_script_enabled=javascript)
        page = context.new_page()
        sign_in_as(page, live_server, supporter.user)
        page.goto("/houten/offerings/")
        page.locator("#id_theme").select_option("finances")
        page.get_by_role("button", name="Filteren").click()
        expect(page.get_by_role("link", name="Penningmeestercursus")).to_be_visible()
        expect(page.get_by_role("link", name="Vrijwilligersadvies")).to_have_count(0)
        if javascript:
            assert_accessible(page)
        context.close()


def test_the_national_team_adds_an_offering_every_desk_sees(page, live_server, houten):
    from sportloket.accounts.tests.factories import UserFactory

    body = OrganisationFactory(name="Sportkader Nederland", kind=OrganisationKind.SUPPORT)
    national = UserFactory(national=True)
    sign_in_as(page, live_server, national)

    page.goto("/national/offerings/")
    assert_accessible(page)
    page.locator('a[href="/national/offerings/new/"]').click()
    expect(page.locator("#id_scope")).to_have_count(0)
    assert_accessible(page)
    page.locator("#id_title").fill("Menukaart: clubkadercursus")
    page.locator("#id_description").fill("Uit het landelijke dienstenmenu.")
    page.locator("#id_delivered_by").select_option(str(body.pk))
    page.locator("#id_kind").select_option("services_menu")
    page.get_by_role("button", name="Opslaan").click()  # no theme chosen yet

    expect(page.get_by_role("alert")).to_be_visible()
    expect(page.locator("#id_title")).to_have_value("Menukaart: clubkadercursus")
    assert_accessible(page)
    page.get_by_label("Vrijwilligers").check()
    page.get_by_role("button", name="Opslaan").click()
    expect(page).to_have_url(re.compile(r"/national/offerings/$"))
    expect(page.get_by_role("link", name="Menukaart: clubkadercursus")).to_be_visible()
    offering = Offering.objects.get(title="Menukaart: clubkadercursus")
    assert offering.loket is None

    supporter = MembershipFactory(loket=houten, supporter=True)
    page.context.clear_cookies()
    sign_in_as(page, live_server, supporter.user)
    page.goto("/houten/offerings/")
    expect(page.get_by_role("link", name="Menukaart: clubkadercursus")).to_be_visible()
