"""The cooperation pages the two main flows do not pass, in a real browser with axe-core: the
list, changing a cooperation and its links, recording a provider's agreement, a club's
advisers outside the desk, and a federation partner's view across desks."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from sportloket.cooperation.tests.factories import CooperationFactory
from sportloket.core.tests.factories import LoketFactory, MembershipFactory
from sportloket.helprequests.tests.factories import HelpRequestFactory
from sportloket.registry.constants import OrganisationKind
from sportloket.registry.models import Federation
from sportloket.registry.tests.factories import OrganisationFactory
from sportloket.testing.browser import assert_accessible
from tests.e2e.test_pages import sign_in_as

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_other_cooperation_pages_work_and_are_accessible(page, live_server):
    desk = LoketFactory(slug="houten", name="Sportloket Houten")
    coordinator = MembershipFactory(loket=desk, coordinator=True).user
    cooperation = CooperationFactory.for_desk(desk, title="Sporthal delen")
    club = cooperation.parties.first().organisation
    sign_in_as(page, live_server, coordinator)

    page.goto(f"{live_server.url}/houten/cooperation/")
    expect(page.locator("main")).to_contain_text("Sporthal delen")
    assert_accessible(page)
    page.goto(f"{live_server.url}/houten/cooperation/{cooperation.pk}/edit/")
    page.locator("#id_goal").fill("De hal ook op zaterdag delen.")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.locator("main")).to_contain_text("De hal ook op zaterdag delen.")
    page.goto(f"{live_server.url}/houten/cooperation/{cooperation.pk}/edit/")
    assert_accessible(page)
    page.goto(f"{live_server.url}/houten/cooperation/{cooperation.pk}/links/")
    assert_accessible(page)

    page.goto(f"{live_server.url}/houten/cooperation/agreement/{club.pk}/")
    assert_accessible(page)
    page.get_by_label("Hoe de aanbieder instemde").fill("telefonisch met de voorzitter")
    page.get_by_role("button", name="Opslaan").click()
    expect(page).to_have_url(re.compile(rf"/houten/organisations/{club.pk}/$"))
    expect(page.locator("#cooperation-title").locator("xpath=ancestor::section")).to_contain_text(
        "telefonisch met de voorzitter"
    )

    page.goto(f"{live_server.url}/houten/organisations/{club.pk}/advisers/")
    page.get_by_label("Soort adviseur").select_option("federation")
    page.get_by_label("Adviseur", exact=True).fill("Jan Jansen")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.locator("main")).to_contain_text("Jan Jansen")
    assert_accessible(page)


def test_the_federation_partners_pages_are_accessible(page, live_server):
    desk = LoketFactory(slug="houten", name="Sportloket Houten")
    bond = OrganisationFactory.for_desk(desk, kind=OrganisationKind.FEDERATION, name="KNHB")
    federation = Federation.objects.create(abbreviation="KNHB-E", name="KNHB", organisation=bond)
    partner = MembershipFactory(
        loket=desk, role="partner", partner_kind="federation", organisation=bond
    ).user
    club = OrganisationFactory.for_desk(desk, name="MHC Houten")
    club.federations.add(federation)
    question = HelpRequestFactory(
        loket=desk, organisation=club, consents_to_sharing=True, question="Wij zoeken trainers."
    )
    cooperation = CooperationFactory(loket=desk, title="Trainerspool")
    cooperation.parties.create(organisation=club)
    sign_in_as(page, live_server, partner)

    page.goto(live_server.url + reverse("dashboard:desk", args=["houten"]))
    page.get_by_role("link", name="De lidverenigingen van je bond bij de loketten").click()
    expect(page.locator("main")).to_contain_text(question.organisation_name)
    expect(page.locator("main")).to_contain_text("Trainerspool")
    assert_accessible(page)
    page.goto(f"{live_server.url}/federation/questions/{question.pk}/")
    expect(page.locator("main")).to_contain_text("Wij zoeken trainers.")
    assert_accessible(page)
    page.goto(f"{live_server.url}/federation/cooperations/{cooperation.pk}/")
    expect(page.locator("h1")).to_contain_text("Trainerspool")
    assert_accessible(page)
