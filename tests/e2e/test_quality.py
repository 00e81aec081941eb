"""Quality in a real browser: a coordinator sets the desk's rule, adds a registration with an
expiry date for a supporter (after a mistake the form shows again with what was typed), and
sees the quality figures change; axe-core passes on every page visited.

The quality pages are translated: they show in Dutch, the site's language unless a user picks
English with the language switcher, with Dutch month names in dates. Elements are found mostly
by their ids and addresses and by the data the test made, so that a change of wording does not
break the test; where a text is used, it is the Dutch one ("Loketmenu", "Opslaan")."""

import datetime
import re

import pytest
from django.utils import formats, timezone, translation
from playwright.sync_api import expect

from sportloket.core.tests.factories import LoketFactory, MembershipFactory
from sportloket.quality import services
from sportloket.quality.models import QualityRegistration
from sportloket.quality.tests.factories import MINIMAL_PNG
from sportloket.quality.tests.factories import QualityRegistrationFactory as Reg
from sportloket.testing.browser import assert_accessible
from tests.e2e.test_pages import sign_in_as

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_coordinator_adds_a_registration_and_sees_the_figures_change(page, live_server, tmp_path):
    desk = LoketFactory(slug="houten", name="Sportloket Houten")
    coordinator = MembershipFactory(loket=desk, coordinator=True, user__full_name="Carla Kok")
    sanne = MembershipFactory(loket=desk, supporter=True, user__full_name="Sanne Smit")
    services.rule_save(
        loket=desk, groups=[[("vog", None, "")], [("spn", None, "")]], actor=coordinator.user
    )
    Reg(user=coordinator.user)
    Reg(user=coordinator.user, spn=True)
    Reg(user=sanne.user)  # a VOG, but no SPN yet
    today = timezone.localdate()
    expires = today + datetime.timedelta(days=30)
    sign_in_as(page, live_server, coordinator.user)

    page.goto("/houten/dashboard/")
    page.get_by_role("navigation", name="Loketmenu").locator('a[href="/houten/quality/"]').click()
    expect(page).to_have_url(re.compile(r"/houten/quality/$"))
    expect(page.locator("#figure-share")).to_have_text("50%")
    expect(page.locator("#figure-meeting")).to_have_text("1")
    expect(page.locator("#figure-expiring")).to_have_text("0")
    expect(page.get_by_role("row", name=re.compile("Sanne Smit"))).to_contain_text("SPN")
    assert_accessible(page)

    page.locator('a[href="/houten/quality/rule/"]').click()
    expect(page.locator('[name="group-1-0-system"]')).to_have_value("spn")
    assert_accessible(page)
    page.locator('main a[href="/houten/quality/"]').click()

    page.locator(f'a[href="/houten/quality/people/{sanne.pk}/"]').click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sanne Smit")
    assert_accessible(page)

    page.locator(f'a[href="/houten/quality/people/{sanne.pk}/registrations/new/"]').click()
    assert_accessible(page)
    page.locator("#id_system").select_option("spn")
    page.locator("#id_number").fill("SPN-4711")
    page.locator("#id_valid_from").fill(today.isoformat())
    page.locator("#id_valid_until").fill((today - datetime.timedelta(days=1)).isoformat())
    page.get_by_role("button", name="Opslaan").click()

    expect(page.get_by_role("alert")).to_be_visible()
    expect(page.locator("#id_valid_until")).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#id_number")).to_have_value("SPN-4711")
    expect(page.locator("#id_system")).to_have_value("spn")
    assert_accessible(page)
    assert not QualityRegistration.objects.filter(system="spn", user=sanne.user).exists()

    page.locator("#id_valid_until").fill(expires.isoformat())
    evidence = tmp_path / "spn.png"
    evidence.write_bytes(MINIMAL_PNG)
    page.locator("#id_evidence").set_input_files(str(evidence))
    page.get_by_role("button", name="Opslaan").click()
    expect(page).to_have_url(re.compile(rf"/houten/quality/people/{sanne.pk}/$"))
    expect(page.get_by_role("status").first).to_be_visible()
    expect(page.locator("main table")).to_contain_text("SPN-4711")
    assert_accessible(page)
    registration = QualityRegistration.objects.get(system="spn", user=sanne.user)
    assert registration.valid_until == expires and registration.evidence

    page.locator('main a[href="/houten/quality/"]').click()
    expect(page.locator("#figure-share")).to_have_text("100%")
    expect(page.locator("#figure-meeting")).to_have_text("2")
    expect(page.locator("#figure-expiring")).to_have_text("1")
    with translation.override("nl"):
        shown = formats.date_format(expires, "j N Y")
    expiring = page.locator('section[aria-labelledby="expiring-title"]')
    expect(expiring.get_by_role("row", name=re.compile("Sanne Smit"))).to_contain_text(shown)
    assert_accessible(page)
