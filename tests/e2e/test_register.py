"""The register in a real browser: search and filter, add an organisation after a mistake."""

import re

import pytest
from playwright.sync_api import expect

from sportloket.core.models import Municipality
from sportloket.core.tests.factories import LoketFactory, MembershipFactory
from sportloket.registry.models import Sport
from sportloket.registry.tests.factories import OrganisationFactory
from sportloket.testing.browser import assert_accessible
from tests.e2e.test_pages import sign_in_as

pytestmark = pytest.mark.django_db(transaction=True)


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

    page.get_by_role("link", name="Wijzigen").click()
    expect(page.get_by_label("Naam", exact=True)).to_have_value("Fitland Houten")
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


def test_participation_with_a_declaration_and_the_network_overview(page, live_server, tmp_path):
    from sportloket.registry.constants import OrganisationKind
    from sportloket.registry.tests.factories import MINIMAL_PDF

    desk = LoketFactory(slug="netwerk", name="Sportloket Netwerk")
    desk.work_area.set([Municipality.objects.get(code="GM0321")])
    OrganisationFactory(
        name="Sportraad Houten",
        kind=OrganisationKind.SPORT_PLATFORM,
        municipality=Municipality.objects.get(code="GM0321"),
    )
    coordinator = MembershipFactory(loket=desk, coordinator=True)
    sign_in_as(page, live_server, coordinator.user)

    page.goto("/netwerk/organisations/")
    page.get_by_role("link", name="Sportraad Houten").click()
    page.get_by_role("link", name="Laten deelnemen aan het loket").click()
    assert_accessible(page)
    page.get_by_label("Neemt deel als").select_option("representing")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("Er is nog geen intentieverklaring ondertekend.")).to_be_visible()
    assert_accessible(page)

    not_a_pdf = tmp_path / "verklaring.pdf"
    not_a_pdf.write_bytes(b"GIF89a not a pdf")
    page.get_by_label("Ondertekend op").fill("2026-01-10")
    page.get_by_label("Ondertekend door").fill("Piet de Boer, voorzitter")
    page.get_by_label("Document (pdf, hoogstens 10 MB)").set_input_files(str(not_a_pdf))
    page.get_by_role("button", name="Verklaring opslaan").click()
    expect(page.get_by_role("alert")).to_contain_text("geen pdf-document")
    expect(page.get_by_label("Ondertekend door")).to_have_value("Piet de Boer, voorzitter")

    real = tmp_path / "echt.pdf"
    real.write_bytes(MINIMAL_PDF)
    page.get_by_label("Document (pdf, hoogstens 10 MB)").set_input_files(str(real))
    page.get_by_role("button", name="Verklaring opslaan").click()
    expect(page.get_by_role("link", name=re.compile("Ondertekend op 10 jan. 2026"))).to_be_visible()

    page.get_by_role("navigation", name="Loketmenu").get_by_role("link", name="Netwerk").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Het netwerk van het loket")
    expect(
        page.get_by_text("Elke deelnemende partij heeft een geldige intentieverklaring.")
    ).to_be_visible()
    assert_accessible(page)

    page.goto("/netwerk/participants/")
    expect(page.get_by_role("cell", name="Sportraad Houten")).to_be_visible()
    assert_accessible(page)

    page.goto("/netwerk/alignment/new/")
    assert_accessible(page)
    page.get_by_label("Sportbond").select_option(label="KNVB")
    page.get_by_label("Het werkgebied is afgestemd").check()
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("alert")).to_contain_text("wanneer")
    page.get_by_label("Afgestemd op").fill("2026-02-01")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("cell", name="1 feb. 2026")).to_be_visible()
    assert_accessible(page)


def test_upload_an_import_with_errors_then_import_the_valid_rows(
    page, live_server, desk_with_clubs
):
    from pathlib import Path

    files = Path(__file__).resolve().parents[2] / "src/sportloket/registry/tests/files"
    coordinator = MembershipFactory(loket=desk_with_clubs, coordinator=True)
    sign_in_as(page, live_server, coordinator.user)
    page.goto("/houten/organisations/")
    page.get_by_role("link", name="Bestand importeren").click()
    assert_accessible(page)
    page.get_by_label("Bestand (CSV of Excel, hoogstens 20 MB)").set_input_files(
        str(files / "bad_rows.csv")
    )
    page.get_by_role("button", name="Bestand controleren").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Import van bad_rows.csv")
    report = page.get_by_role("table")
    expect(report).to_contain_text("Vul een Nederlandse postcode in")
    expect(report).to_contain_text("KvK-nummer 33333333 staat ook op rij 8")
    assert_accessible(page)

    page.get_by_role("button", name="Importeren").click()
    expect(page.get_by_role("alert")).to_contain_text("Er is niets vastgelegd")
    page.get_by_label("De geldige rijen importeren en de geweigerde rijen weglaten").check()
    page.get_by_role("button", name="Importeren").click()
    # The worker writes it (in the tests at once); the job's page shows the counts.
    expect(page.get_by_role("heading", level=2)).to_have_text("Status: klaar")
    expect(page.locator(".figures")).to_contain_text("Nieuw 2")
    assert_accessible(page)
    page.get_by_role("link", name="Naar het register").click()
    expect(page.get_by_role("cell", name="Goede Club")).to_be_visible()


def test_merge_two_duplicates(page, live_server, desk_with_clubs):
    houten = Municipality.objects.get(code="GM0321")
    OrganisationFactory(
        name="H.C. Houten", municipality=houten, city="Houten", kvk_number="01234567"
    )
    supporter = MembershipFactory(loket=desk_with_clubs, supporter=True)
    sign_in_as(page, live_server, supporter.user)
    page.goto("/houten/organisations/?q=houten")
    page.get_by_role("link", name="HC Houten", exact=True).click()
    page.get_by_role("link", name="Dubbele samenvoegen").click()
    assert_accessible(page)
    page.get_by_label(re.compile("H.C. Houten")).check()
    page.get_by_role("button", name="Samenvoegen").click()
    expect(page.locator(".messages")).to_contain_text("H.C. Houten is samengevoegd met HC Houten")
    expect(page.get_by_role("heading", level=1)).to_have_text("HC Houten")
    assert_accessible(page)
    page.goto("/houten/organisations/?q=houten")
    expect(page.get_by_role("cell", name="H.C. Houten")).to_have_count(0)


def test_add_a_person_to_an_organisation(page, live_server, desk_with_clubs):
    supporter = MembershipFactory(loket=desk_with_clubs, supporter=True)
    sign_in_as(page, live_server, supporter.user)
    page.goto("/houten/organisations/?q=schalkwijk")
    page.get_by_role("link", name="TC Schalkwijk").click()
    page.get_by_role("link", name="Persoon toevoegen").click()
    assert_accessible(page)
    page.get_by_label("Volledige naam").fill("Els de Wit")
    page.get_by_label("Functie").select_option("secretary")
    page.get_by_label("Telefoonnummer").fill("12")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("alert")).to_contain_text("telefoonnummer")
    expect(page.get_by_label("Volledige naam")).to_have_value("Els de Wit")
    page.get_by_label("Telefoonnummer").fill("06 12345678")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("cell", name="Els de Wit", exact=True)).to_be_visible()
    assert_accessible(page)
