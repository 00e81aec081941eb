"""The inbox in a real browser, as a helpdesk uses it: search, sort, tick questions and assign
them at once, export the filtered list, keep the filters as a personal view; and on a phone
the question's link in reach without scrolling sideways. axe checks every page of the walk."""

import csv
import io
from pathlib import Path

import pytest
from freezegun import freeze_time
from playwright.sync_api import expect

from sportloket.core.models import Municipality
from sportloket.core.tests.factories import LoketFactory, MembershipFactory
from sportloket.helprequests.models import HelpRequest
from sportloket.helprequests.tests.factories import submit_request
from sportloket.registry.tests.factories import OrganisationFactory
from sportloket.testing.browser import assert_accessible
from tests.e2e.test_pages import sign_in_as

pytestmark = pytest.mark.django_db(transaction=True)

QUESTIONS = [
    ("2026-11-02", "HC Houten", "Wij zoeken een penningmeester voor de hockeyclub"),
    ("2026-11-09", "Zwemclub De Dolfijn", "Hoe vinden we meer vrijwilligers voor de zwemlessen?"),
    ("2026-11-16", "Tennisclub Schalkwijk", "Kunnen we subsidie krijgen voor ledverlichting op de banen?"),
]  # fmt: skip


@pytest.fixture
def houten():
    desk = LoketFactory(slug="houten", name="Sportloket Houten")
    houten = Municipality.objects.get(code="GM0321")
    desk.work_area.set([houten])
    for day, name, question in QUESTIONS:
        club = OrganisationFactory.for_desk(desk, name=name)
        with freeze_time(day):
            submit_request(desk, organisation=club, organisation_name=name, question=question)
    return desk


def questions_listed(page) -> list[str]:
    return page.locator(".inbox-table__question a").all_inner_texts()


def assert_no_sideways_scrolling(page):
    width, inner = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert width <= inner, f"the inbox scrolls sideways ({width}px in {inner}px)"


def test_search_sort_assign_in_bulk_export_and_keep_a_view(page, live_server, houten):
    coordinator = MembershipFactory(loket=houten, coordinator=True)
    MembershipFactory(loket=houten, supporter=True, user__full_name="Sanne de Vries")
    sign_in_as(page, live_server, coordinator.user)
    page.goto("/houten/requests/")
    expect(page.get_by_text("3 vragen")).to_be_visible()
    assert questions_listed(page) == [q for _day, _name, q in QUESTIONS]  # longest waiting first
    assert_accessible(page)

    # Search: a word of the question, then the organisation's name.
    page.get_by_label("Zoeken", exact=True).fill("penningmeester")
    page.get_by_role("button", name="Filteren").click()
    expect(page.get_by_text("1 vraag", exact=True)).to_be_visible()
    assert questions_listed(page) == [QUESTIONS[0][2]]
    page.get_by_label("Zoeken", exact=True).fill("dolfijn")
    page.get_by_role("button", name="Filteren").click()
    expect(page.locator(".inbox-table__question a")).to_have_text([QUESTIONS[1][2]])
    assert_accessible(page)

    # Sort: newest first, then by the column header "Organisatie".
    page.get_by_label("Zoeken", exact=True).fill("")
    page.get_by_label("Sorteren op").select_option("newest")
    page.get_by_role("button", name="Filteren").click()
    expect(page.locator(".inbox-table__question a")).to_have_text(
        [q for _day, _name, q in reversed(QUESTIONS)]
    )
    page.get_by_role("link", name="Organisatie", exact=True).click()
    expect(page.locator(".inbox-table__question a")).to_have_text(
        [QUESTIONS[0][2], QUESTIONS[2][2], QUESTIONS[1][2]]
    )
    assert_accessible(page)

    # Bulk assign: tick two questions, choose Sanne, assign.
    page.get_by_label("Vraag aanvinken van HC Houten").check()
    page.get_by_label("Vraag aanvinken van Tennisclub Schalkwijk").check()
    page.get_by_text("Met de aangevinkte vragen").click()  # the actions, folded away
    page.get_by_label("Toewijzen aan").select_option(label="Sanne de Vries")
    page.get_by_role("button", name="Toewijzen", exact=True).click()
    expect(page.get_by_text("2 vragen toegewezen aan Sanne de Vries.")).to_be_visible()
    expect(page.get_by_role("cell", name="Sanne de Vries")).to_have_count(2)
    assert_accessible(page)
    assigned = HelpRequest.objects.filter(assignments__supporter__full_name="Sanne de Vries")
    assert sorted(assigned.values_list("organisation_name", flat=True)) == [
        "HC Houten",
        "Tennisclub Schalkwijk",
    ]

    # Export the filtered list: not assigned, so only the third question.
    page.get_by_label("Toegewezen aan", exact=True).select_option("none")
    page.get_by_role("button", name="Filteren").click()
    expect(page.get_by_text("1 vraag", exact=True)).to_be_visible()
    with page.expect_download() as download:
        page.get_by_role("link", name="CSV").click()
    body = Path(download.value.path()).read_text(encoding="utf-8-sig")
    rows = list(csv.reader(io.StringIO(body), delimiter=";"))
    assert rows[0][:3] == ["Vraagnummer", "Ontvangen", "Status"]
    assert [row[4] for row in rows[1:]] == ["Zwemclub De Dolfijn"]

    # Keep these filters as a personal view, and find it back as a link.
    # (after the filter's htmx swap has settled: it replaces the fold-out, closed)
    page.wait_for_load_state("networkidle")
    page.get_by_text("Deze weergave bewaren", exact=True).click()
    expect(page.get_by_label("Deze weergave bewaren als")).to_be_visible()
    page.get_by_label("Deze weergave bewaren als").fill("Nog niet toegewezen")
    page.get_by_role("button", name="Weergave bewaren").click()
    expect(page.get_by_text("De weergave “Nog niet toegewezen” is bewaard.")).to_be_visible()
    page.goto("/houten/requests/")
    views = page.get_by_role("navigation", name="Mijn weergaven")
    views.get_by_role("link", name="Nog niet toegewezen").click()
    expect(page.locator(".inbox-table__question a")).to_have_text([QUESTIONS[1][2]])
    assert_accessible(page)


def test_on_a_phone_the_question_is_a_card_with_its_link_first(phone_page, live_server, houten):
    coordinator = MembershipFactory(loket=houten, coordinator=True)
    sign_in_as(phone_page, live_server, coordinator.user)
    phone_page.goto("/houten/requests/")
    link = phone_page.get_by_role("link", name=QUESTIONS[0][2])
    expect(link).to_be_visible()
    box = link.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 375
    card = phone_page.locator(".inbox-table tbody tr").first
    assert card.evaluate("row => getComputedStyle(row).display") == "flex"
    assert_no_sideways_scrolling(phone_page)
    assert_accessible(phone_page)

    phone_page.get_by_text("Met de aangevinkte vragen").click()
    phone_page.get_by_role("button", name="Toewijzen", exact=True).click()  # nothing ticked
    expect(phone_page.get_by_role("alert")).to_contain_text("Vink eerst de vragen aan")
    assert_no_sideways_scrolling(phone_page)
    assert_accessible(phone_page)
