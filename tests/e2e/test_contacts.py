"""Proactive contact in a real browser: a supporter opens the work list from the desk menu,
logs a contact moment for the most overdue provider (after a mistake), which then leaves the
list; plans a contact in one step; reads the contact moments and the coverage figures; a
coordinator sets the policy and an account holder. axe-core checks every page visited.

The pages are translated: they show in Dutch, the site's language unless a user picks English
with the language switcher. Elements are found mostly by field ids, addresses and the data
the test made, so that a change of wording does not break the test; where a text is used, it is
the Dutch one ("Loketmenu", "Opslaan")."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from sportloket.contacts.models import AccountHolder, ContactMoment, PlannedContact
from sportloket.contacts.tests.factories import AccountHolderFactory, ContactMomentFactory
from sportloket.core.models import Municipality
from sportloket.core.tests.factories import LoketFactory, MembershipFactory, ThemeFactory
from sportloket.registry.tests.factories import OrganisationFactory
from sportloket.testing.browser import assert_accessible
from tests.e2e.test_pages import sign_in_as

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def houten():
    desk = LoketFactory(slug="houten", name="Sportloket Houten")
    desk.work_area.set([Municipality.objects.get(code="GM0321")])
    ThemeFactory(loket=desk, key="volunteers", name="Vrijwilligers", position=1)
    return desk


def test_a_supporter_logs_a_contact_for_the_most_overdue_provider(page, live_server, houten):
    municipality = Municipality.objects.get(code="GM0321")
    supporter = MembershipFactory(loket=houten, supporter=True, user__full_name="Sanne de Boer")
    AccountHolderFactory(loket=houten, supporter=supporter.user, municipality=municipality)
    today = timezone.localdate()
    for name, years in [("HC Houten", 3), ("Tennisclub Houten", 2)]:
        ContactMomentFactory(
            loket=houten,
            organisation=OrganisationFactory(name=name, municipality=municipality),
            supporter=supporter.user,
            date=today - datetime.timedelta(days=365 * years),
        )
    recent = OrganisationFactory(name="Judoclub Houten", municipality=municipality)
    ContactMomentFactory(loket=houten, organisation=recent, date=today, supporter=supporter.user)
    sign_in_as(page, live_server, supporter.user)

    page.goto("/houten/dashboard/")
    page.get_by_role("navigation", name="Loketmenu").locator(
        'a[href="/houten/contacts/work-list/"]'
    ).click()
    expect(page).to_have_url(re.compile(r"/houten/contacts/work-list/$"))
    rows = page.locator("tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.first).to_contain_text("HC Houten")  # the most overdue first
    expect(page.get_by_text("Judoclub Houten")).to_have_count(0)
    assert_accessible(page)

    rows.first.locator('a[href*="/houten/contacts/new/"]').click()
    expect(page).to_have_url(re.compile(r"/houten/contacts/new/\?organisation=\d+"))
    assert_accessible(page)
    tomorrow = (today + datetime.timedelta(days=1)).isoformat()
    page.locator("#id_date").fill(tomorrow)  # a contact cannot lie in the future
    page.locator("#id_channel").select_option("visit")
    page.get_by_label("Vrijwilligers").check()
    page.locator("#id_summary").fill("Op bezoek bij het bestuur: vrijwilligersbeleid besproken.")
    page.get_by_role("button", name="Opslaan").click()

    expect(page.get_by_role("alert")).to_be_visible()
    expect(page.locator("#id_date")).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#id_summary")).to_have_value(
        "Op bezoek bij het bestuur: vrijwilligersbeleid besproken."
    )
    expect(page.get_by_label("Vrijwilligers")).to_be_checked()
    assert_accessible(page)
    page.locator("#id_date").fill(today.isoformat())
    page.get_by_role("button", name="Opslaan").click()

    expect(page).to_have_url(re.compile(r"/houten/contacts/work-list/$"))
    expect(page.get_by_role("status").first).to_be_visible()
    rows = page.locator("tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("Tennisclub Houten")
    moment = ContactMoment.objects.get(organisation__name="HC Houten", date=today)
    assert moment.channel == "visit" and moment.supporter == supporter.user
    assert_accessible(page)

    # Plan the next contact with the other provider in one step.
    planned = (today + datetime.timedelta(days=14)).isoformat()
    rows.first.locator('input[type="date"]').fill(planned)
    rows.first.get_by_role("button", name=re.compile("Tennisclub Houten")).click()
    expect(page).to_have_url(re.compile(r"/houten/contacts/work-list/$"))
    plan = PlannedContact.objects.get(organisation__name="Tennisclub Houten")
    assert plan.due_on.isoformat() == planned

    page.goto("/houten/contacts/")
    expect(page.get_by_role("cell", name="HC Houten")).to_have_count(2)
    assert_accessible(page)
    page.goto("/houten/contacts/coverage/")
    expect(page.locator("dl.figures")).to_contain_text("67%")  # 2 of 3 within the policy
    assert_accessible(page)
    page.goto(f"/houten/contacts/{moment.pk}/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("HC Houten")
    assert_accessible(page)


def test_a_coordinator_sets_the_policy_and_an_account_holder(page, live_server, houten):
    municipality = Municipality.objects.get(code="GM0321")
    coordinator = MembershipFactory(loket=houten, coordinator=True)
    supporter = MembershipFactory(loket=houten, supporter=True, user__full_name="Sanne de Boer")
    sign_in_as(page, live_server, coordinator.user)
    page.goto("/houten/contacts/policy/")
    assert_accessible(page)
    page.locator("#id_default_months").fill("0")
    page.locator("form:has(#id_default_months)").get_by_role("button").click()
    expect(page.get_by_role("alert")).to_be_visible()
    expect(page.locator("#id_default_months")).to_have_attribute("aria-invalid", "true")
    assert_accessible(page)
    page.locator("#id_default_months").fill("6")
    page.locator("#id_kind_commercial").fill("3")
    page.locator("form:has(#id_default_months)").get_by_role("button").click()
    expect(page.locator("#id_default_months")).to_have_value("6")

    page.locator("#id_supporter").select_option(str(supporter.user.pk))
    page.locator("#id_municipality").select_option(str(municipality.pk))
    page.locator("form:has(#id_supporter)").get_by_role("button").click()
    expect(page.get_by_role("cell", name="Sanne de Boer", exact=True)).to_be_visible()
    assert_accessible(page)
    assert AccountHolder.objects.get(loket=houten).supporter == supporter.user
