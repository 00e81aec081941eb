import io
from io import StringIO
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from sportloket.core.models import Municipality
from sportloket.core.tests.factories import MembershipFactory
from sportloket.registry import exporting, services
from sportloket.registry.constants import OrganisationKind
from sportloket.registry.models import ImportRun, Organisation, Sport
from sportloket.registry.services import organisation_import
from sportloket.registry.tests.factories import (
    OrganisationFactory,
    ParticipationFactory,
    PersonRoleFactory,
)

FILES = Path(__file__).parent / "files"
pytestmark = pytest.mark.django_db


@pytest.fixture
def utrecht_desk(desk):
    desk.work_area.set(Municipality.objects.filter(code__in=["GM0344", "GM0321", "GM0353"]))
    return desk


def test_csv_export_imports_again_with_leading_zeros_intact(utrecht_desk, other_desk):
    organisation_import(
        loket=utrecht_desk, actor=None, data=(FILES / "clubs_windows1252.csv").read_bytes()
    )
    out = StringIO()
    call_command("export_organisations", loket=utrecht_desk.slug, stdout=out)
    text = out.getvalue()
    assert text.splitlines()[0].startswith("Naam;Soort;KvK-nummer;Adres;Postcode")
    assert ";01234567;" in text and ";00456789;" in text
    Organisation.objects.all().delete()
    plan, written = organisation_import(loket=other_desk, actor=None, data=text.encode("utf-8"))
    assert written and plan.summary()["created"] == 4 and plan.summary()["refused"] == 0
    cafe = Organisation.objects.get(kvk_number="01234567")
    assert cafe.name == "Café Één Biljartclub" and cafe.member_count == 1250
    assert [s.name for s in cafe.sports.all()] == ["Biljarten"]
    assert Organisation.objects.get(kvk_number="00456789").name == "Hockeyclub 's-Hertogenbosch"


def test_xlsx_export_keeps_kvk_as_text_and_imports_again(utrecht_desk, tmp_path):
    organisation_import(loket=utrecht_desk, actor=None, data=(FILES / "clubs.xlsx").read_bytes())
    target = tmp_path / "export.xlsx"
    call_command("export_organisations", loket=utrecht_desk.slug, format="xlsx", output=target)
    sheet = load_workbook(target).active
    kvks = [row[2] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert sorted(kvks) == ["01234567", "02345678"]
    plan, _ = organisation_import(loket=utrecht_desk, actor=None, data=target.read_bytes())
    assert plan.summary()["created"] == 0 and plan.summary()["refused"] == 0


def test_export_from_the_list_follows_the_filters(coordinator_client, utrecht_desk):
    houten = Municipality.objects.get(code="GM0321")
    OrganisationFactory(name="HC Houten", municipality=houten)
    OrganisationFactory(name="Fitland", municipality=houten, commercial=True)
    url = reverse("registry:organisation-export", args=[utrecht_desk.slug])
    response = coordinator_client.get(url, {"format": "csv", "kind": "commercial"})
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeffNaam;")  # Excel reads UTF-8 with this mark
    assert "Fitland" in text and "HC Houten" not in text
    assert "attachment" in response["Content-Disposition"]
    xlsx = coordinator_client.get(url, {"format": "xlsx"})
    rows = list(load_workbook(io.BytesIO(xlsx.content)).active.iter_rows(values_only=True))
    assert len(rows) == 3


def test_upload_preview_then_confirm(coordinator_client, utrecht_desk):
    upload = reverse("registry:import-upload", args=[utrecht_desk.slug])
    with (FILES / "bad_rows.csv").open("rb") as handle:
        response = coordinator_client.post(upload, {"file": handle})
    assert response.status_code == 302
    run = ImportRun.objects.get()
    preview = coordinator_client.get(response["Location"])
    assert "Rij" in preview.text and "Vul een Nederlandse postcode in" in preview.text
    assert not Organisation.objects.exists()
    refused = coordinator_client.post(response["Location"], {})
    assert refused.status_code == 400
    assert "Er is niets vastgelegd" in refused.text
    assert not Organisation.objects.exists()
    done = coordinator_client.post(response["Location"], {"skip_invalid": "on"})
    assert done.status_code == 302
    run.refresh_from_db()
    assert run.status == ImportRun.Status.APPLIED
    assert Organisation.objects.count() == 2
    again = coordinator_client.post(response["Location"], {"skip_invalid": "on"})
    assert again.status_code == 400 and Organisation.objects.count() == 2


def test_an_unreadable_upload_is_refused_next_to_the_field(coordinator_client, utrecht_desk):
    upload = reverse("registry:import-upload", args=[utrecht_desk.slug])
    response = coordinator_client.post(
        upload, {"file": SimpleUploadedFile("x.csv", b"Plaats;Postcode\nUtrecht;3511AB\n")}
    )
    assert response.status_code == 400
    assert 'id="id_file_error"' in response.text
    assert "geen kolom met de naam" in response.text


def test_merge_moves_everything_and_keeps_the_duplicate_as_history(utrecht_desk, coordinator):
    hockey, tennis = Sport.objects.get(slug="hockey"), Sport.objects.get(slug="tennis")
    keep = OrganisationFactory.for_desk(utrecht_desk, name="HC Houten", kvk_number=None, email="")
    keep.sports.add(hockey)
    duplicate = OrganisationFactory.for_desk(
        utrecht_desk, name="H.C. Houten", kvk_number="01234567", email="hc@x.nl"
    )
    duplicate.sports.add(tennis)
    role = PersonRoleFactory(organisation=duplicate, loket=utrecht_desk)
    participation = ParticipationFactory(loket=utrecht_desk, organisation=duplicate)
    services.organisation_merge(
        keep=keep, duplicate=duplicate, loket=utrecht_desk, actor=coordinator
    )
    keep.refresh_from_db()
    duplicate.refresh_from_db()
    assert keep.kvk_number == "01234567" and keep.email == "hc@x.nl"
    assert set(keep.sports.all()) == {hockey, tennis}
    role.refresh_from_db()
    participation.refresh_from_db()
    assert role.organisation == keep and participation.organisation == keep
    assert duplicate.merged_into == keep and duplicate.kvk_number is None
    assert keep in Organisation.objects.for_desk(utrecht_desk)


def test_merge_refuses_the_same_and_already_merged(utrecht_desk, coordinator):
    a, b, c = (OrganisationFactory.for_desk(utrecht_desk) for _ in range(3))
    with pytest.raises(ValidationError):
        services.organisation_merge(keep=a, duplicate=a, loket=utrecht_desk, actor=coordinator)
    services.organisation_merge(keep=a, duplicate=b, loket=utrecht_desk, actor=coordinator)
    with pytest.raises(ValidationError):
        services.organisation_merge(keep=c, duplicate=b, loket=utrecht_desk, actor=coordinator)


def test_merge_page_finds_same_name_duplicates_and_redirects_the_old_page(
    coordinator_client, utrecht_desk
):
    houten = Municipality.objects.get(code="GM0321")
    keep = OrganisationFactory(name="HC Houten", municipality=houten, kind=OrganisationKind.CLUB)
    duplicate = OrganisationFactory(name="H.C. Houten", municipality=houten)
    url = reverse("registry:organisation-merge", args=[utrecht_desk.slug, keep.pk])
    page = coordinator_client.get(url)
    assert "H.C. Houten" in page.text
    response = coordinator_client.post(url, {"duplicate": duplicate.pk})
    assert response.status_code == 302
    old = reverse("registry:organisation-detail", args=[utrecht_desk.slug, duplicate.pk])
    assert coordinator_client.get(old)["Location"].endswith(f"/organisations/{keep.pk}/")
    listing = coordinator_client.get(
        reverse("registry:organisation-list", args=[utrecht_desk.slug])
    )
    assert [o["name"] for o in listing.context["page_obj"]] == ["HC Houten"]


def test_merge_cannot_reach_another_desks_organisation(
    coordinator_client, utrecht_desk, other_desk
):
    keep = OrganisationFactory(municipality=Municipality.objects.get(code="GM0321"))
    theirs = OrganisationFactory.for_desk(other_desk)
    url = reverse("registry:organisation-merge", args=[utrecht_desk.slug, keep.pk])
    response = coordinator_client.post(url, {"duplicate": theirs.pk})
    assert response.status_code == 400
    theirs.refresh_from_db()
    assert theirs.merged_into is None


def test_merge_refuses_organisations_another_desk_works_with(utrecht_desk, other_desk, coordinator):
    keep = OrganisationFactory.for_desk(utrecht_desk)
    duplicate = OrganisationFactory.for_desk(utrecht_desk)
    ParticipationFactory(loket=other_desk, organisation=duplicate)
    with pytest.raises(ValidationError):
        services.organisation_merge(
            keep=keep, duplicate=duplicate, loket=utrecht_desk, actor=coordinator
        )
    outside = OrganisationFactory.for_desk(other_desk)
    with pytest.raises(ValidationError):
        services.organisation_merge(
            keep=keep, duplicate=outside, loket=utrecht_desk, actor=coordinator
        )


def test_export_guards_formulas_and_is_dutch_whatever_the_language(utrecht_desk):
    OrganisationFactory.for_desk(utrecht_desk, name="=HYPERLINK(1)", commercial=True)
    with translation.override("en"):
        text = exporting.to_csv(Organisation.objects.for_desk(utrecht_desk))
    assert "'=HYPERLINK(1);Ondernemende sportaanbieder;" in text
    Organisation.objects.all().delete()
    plan, _ = organisation_import(loket=utrecht_desk, actor=None, data=text.encode())
    assert plan.summary()["refused"] == 0
    assert Organisation.objects.get().name == "=HYPERLINK(1)"


@pytest.mark.parametrize("name", ["Club\x1b[1m Vet", "Club\x00 Nul", "=Club\x07"])
def test_control_characters_stored_before_never_break_the_xlsx(
    coordinator_client, utrecht_desk, other_desk, name
):
    if "\x00" in name and connection.vendor == "postgresql":
        pytest.skip("PostgreSQL cannot store a NUL in text")
    OrganisationFactory(name=name, municipality=Municipality.objects.get(code="GM0344"))
    other_desk.work_area.set(utrecht_desk.work_area.all())
    for desk in (utrecht_desk, other_desk):
        coordinator_client.force_login(MembershipFactory(loket=desk, coordinator=True).user)
        url = reverse("registry:organisation-export", args=[desk.slug])
        response = coordinator_client.get(url, {"format": "xlsx"})
        assert response.status_code == 200
        rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
        clean = name.replace("\x1b", "").replace("\x00", "").replace("\x07", "")
        assert rows[1][0] == ("'" + clean if clean.startswith("=") else clean)
