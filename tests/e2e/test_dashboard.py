"""The desk's dashboard in a real browser: a coordinator and a supporter each see what waits for
them (and, for the coordinator, for the desk) with the real counts, and every tile opens the
list that shows exactly those rows; the month's charts come with their tables. axe-core checks
every page visited (and that it does not scroll sideways on a phone).

Elements are found by the tiles' labels (Dutch, the site's language) and by the data the test
made, so that a change of layout does not break the test."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from sportloket.contacts.tests.factories import AccountHolderFactory, ContactMomentFactory
from sportloket.core.models import Municipality
from sportloket.core.tests.factories import LoketFactory, MembershipFactory
from sportloket.decisions.tests.factories import make_decision
from sportloket.helprequests.constants import RequestState
from sportloket.helprequests.models import Assignment
from sportloket.helprequests.tests.factories import HelpRequestFactory
from sportloket.quality.tests.factories import QualityRegistrationFactory
from sportloket.registry.tests.factories import OrganisationFactory
from sportloket.testing.browser import assert_accessible
from tests.e2e.test_pages import sign_in_as

pytestmark = pytest.mark.django_db(transaction=True)


def question(desk, name, state, *, assignee=None, by=None, **fields):
    today = timezone.localdate()
    help_request = HelpRequestFactory(
        loket=desk,
        state=state,
        organisation_name=name,
        respond_by=fields.pop("respond_by", today + datetime.timedelta(days=5)),
        decide_by=fields.pop("decide_by", today + datetime.timedelta(days=30)),
        **fields,
    )
    if assignee is not None:
        Assignment.objects.create(help_request=help_request, supporter=assignee, assigned_by=by)
    return help_request


@pytest.fixture
def houten():
    """A desk with two new questions (one overdue), one overdue question of the coordinator's,
    one of the supporter's (decided: its club counts as contacted), three providers of which
    one needs contact, and a supporter's registration expiring within 60 days."""
    desk = LoketFactory(slug="houten", name="Sportloket Houten")
    municipality = Municipality.objects.get(code="GM0321")
    desk.work_area.set([municipality])
    coordinator = MembershipFactory(loket=desk, coordinator=True, user__full_name="Carla Kok")
    supporter = MembershipFactory(loket=desk, supporter=True, user__full_name="Sanne Smit")
    today = timezone.localdate()
    past = today - datetime.timedelta(days=3)
    question(desk, "Nieuw en te laat", RequestState.SUBMITTED, respond_by=past)
    question(desk, "Nieuw op tijd", RequestState.SUBMITTED)
    question(
        desk,
        "Van Carla, te laat",
        RequestState.TRIAGE,
        assignee=coordinator.user,
        by=coordinator.user,
        first_response_at=timezone.now(),
        first_response_days=1,
        decide_by=past,
    )
    handled = OrganisationFactory(name="Hockeyclub Houten", municipality=municipality)
    decided = question(
        desk,
        handled.name,
        RequestState.IN_PROGRESS,
        organisation=handled,
        assignee=supporter.user,
        by=coordinator.user,
        first_response_at=timezone.now(),
        first_response_days=2,
        decided_at=timezone.now(),
        decision_days=4,
    )
    make_decision(desk, decided_by=coordinator.user, help_request=decided)
    OrganisationFactory(name="Korfbal Houten", municipality=municipality)  # never contacted
    ContactMomentFactory(
        loket=desk,
        organisation=OrganisationFactory(name="Tennisclub Houten", municipality=municipality),
        date=today,
    )
    AccountHolderFactory(loket=desk, supporter=supporter.user, municipality=municipality)
    QualityRegistrationFactory(
        user=supporter.user, recorded_by_loket=desk, valid_until=today + datetime.timedelta(30)
    )
    return desk, coordinator, supporter


def tile(page, label):
    return page.locator("a.tile").filter(has=page.get_by_text(label, exact=True))


def open_tile(page, label, count, url):
    """Checks the tile's count and address, opens it, and comes back to the dashboard."""
    link = tile(page, label)
    expect(link.locator(".tile__count")).to_have_text(str(count))
    link.click()
    expect(page).to_have_url(re.compile(re.escape(url) + "$"))
    assert_accessible(page)


def test_a_coordinator_opens_what_waits_from_the_dashboard(page, live_server, houten):
    _desk, coordinator, _supporter = houten
    sign_in_as(page, live_server, coordinator.user)

    page.goto("/houten/dashboard/")
    expect(page.get_by_role("heading", name="Wacht op jou")).to_be_visible()
    expect(page.get_by_role("heading", name="Wacht op het loket")).to_be_visible()
    expect(page.get_by_role("img", name=re.compile("^Vragen binnen en besloten"))).to_be_visible()
    assert_accessible(page)

    open_tile(
        page,
        "Nieuwe vragen, nog niet opgepakt",
        2,
        "/houten/requests/?state=submitted&assignee=none",
    )
    main = page.locator("main")
    expect(main).to_contain_text("Nieuw en te laat")
    expect(main).to_contain_text("Nieuw op tijd")
    expect(main).not_to_contain_text("Van Carla, te laat")
    page.go_back()

    open_tile(page, "Te late vragen", 2, "/houten/requests/?overdue=on")
    expect(main).to_contain_text("Nieuw en te laat")
    expect(main).to_contain_text("Van Carla, te laat")
    expect(main).not_to_contain_text("Nieuw op tijd")
    page.go_back()

    open_tile(page, "Mijn te late vragen", 1, "/houten/requests/?assignee=me&overdue=on")
    expect(main).to_contain_text("Van Carla, te laat")
    expect(main).not_to_contain_text("Nieuw en te laat")
    page.go_back()

    open_tile(page, "Vragen die wachten op een besluit", 3, "/houten/requests/?waiting=decision")
    expect(main).not_to_contain_text("Hockeyclub Houten")
    page.go_back()

    # The club whose question was decided counts as contacted; the one never spoken to waits.
    open_tile(
        page, "Aanbieders die contact nodig hebben", 1, "/houten/contacts/work-list/?holder=all"
    )
    rows = page.locator("tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("Korfbal Houten")


def test_a_supporter_sees_their_own_work_on_the_dashboard(page, live_server, houten):
    _desk, _coordinator, supporter = houten
    sign_in_as(page, live_server, supporter.user)

    page.goto("/houten/dashboard/")
    expect(page.get_by_role("heading", name="Wacht op het loket")).to_have_count(0)
    expect(tile(page, "Nieuwe vragen, nog niet opgepakt")).to_have_count(0)
    expect(page.locator("a.tile")).to_have_count(4)
    assert_accessible(page)

    open_tile(page, "Mijn open vragen", 1, "/houten/requests/?assignee=me")
    main = page.locator("main")
    expect(main).to_contain_text("Hockeyclub Houten")
    expect(main).not_to_contain_text("Nieuw op tijd")
    page.go_back()

    open_tile(page, "Mijn te late vragen", 0, "/houten/requests/?assignee=me&overdue=on")
    expect(main).not_to_contain_text("Hockeyclub Houten")
    page.go_back()

    open_tile(
        page,
        "Aanbieders aan de beurt op mijn werklijst",
        1,
        "/houten/contacts/work-list/?holder=mine",
    )
    rows = page.locator("tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("Korfbal Houten")
    page.go_back()

    open_tile(
        page,
        "Mijn registraties die binnen 60 dagen verlopen",
        1,
        f"/houten/quality/people/{supporter.pk}/",
    )
    expect(page.get_by_role("heading", level=1)).to_have_text("Sanne Smit")
    expect(main.locator("tbody tr")).to_have_count(1)
