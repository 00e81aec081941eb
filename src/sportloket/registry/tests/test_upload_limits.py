"""Uploads are refused by their size before they are read: a 500 MB organisation file once took
a worker to 588 MB. A file over its limit gets the Dutch error next to its field, and the server
never holds it in memory (measured) nor, beyond the largest upload, stores it at all."""

from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.files.uploadhandler import MemoryFileUploadHandler, TemporaryFileUploadHandler
from django.urls import reverse

from sportloket.core.models import Municipality
from sportloket.core.tests.streaming import StreamedUpload, post_measured
from sportloket.registry.constants import DECLARATION_MAX_BYTES
from sportloket.registry.models import ImportRun, IntentDeclaration, Organisation
from sportloket.registry.services import IMPORT_MAX_BYTES
from sportloket.registry.tests.factories import ParticipationFactory

pytestmark = pytest.mark.django_db
FILES = Path(__file__).parent / "files"

MB = 1024 * 1024
# Far below the files posted (20 MB and more); a page render and its queries stay well under it.
MEMORY_CEILING = 6 * MB


@pytest.fixture
def never_stored(monkeypatch):
    """Fails the request if any part of the uploaded file reaches memory or a temporary file."""

    def refuse(self, raw_data, start):
        raise AssertionError("the oversized upload was stored")

    monkeypatch.setattr(TemporaryFileUploadHandler, "receive_data_chunk", refuse)
    monkeypatch.setattr(MemoryFileUploadHandler, "receive_data_chunk", refuse)


def import_upload(desk, size):
    return StreamedUpload(
        fields={}, file_field="file", filename="leden.csv", head=b"Naam;Plaats\r\n", size=size
    )


def declaration_upload(size):
    return StreamedUpload(
        fields={"signed_on": "2026-01-10", "signatory": "Marieke Jansen"},
        file_field="document",
        filename="verklaring.pdf",
        head=b"%PDF-1.4\n",
        size=size,
    )


def test_an_import_file_just_over_the_limit_is_refused_without_being_read(coordinator_client, desk):
    url = reverse("registry:import-upload", args=[desk.slug])
    upload = import_upload(desk, IMPORT_MAX_BYTES + 1)
    response, peak = post_measured(coordinator_client, url, upload)
    assert response.status_code == 400
    assert 'id="id_file_error"' in response.text
    assert "Het bestand is te groot: hoogstens 20 MB." in response.text
    assert upload.bytes_read == upload.length
    assert peak < MEMORY_CEILING, f"peak {peak / MB:.1f} MB for a {upload.size / MB:.0f} MB file"
    assert not ImportRun.objects.exists()


def test_an_import_far_over_the_limit_is_refused_without_being_stored(
    coordinator_client, desk, never_stored
):
    url = reverse("registry:import-upload", args=[desk.slug])
    upload = import_upload(desk, 25 * MB)
    response, peak = post_measured(coordinator_client, url, upload)
    assert response.status_code == 400
    assert 'id="id_file_error"' in response.text
    assert "Het bestand is te groot: hoogstens 20 MB." in response.text
    assert peak < MEMORY_CEILING, f"peak {peak / MB:.1f} MB for a {upload.size / MB:.0f} MB file"
    assert not ImportRun.objects.exists()


def test_a_declaration_just_over_the_limit_is_refused_next_to_the_field(coordinator_client, desk):
    participation = ParticipationFactory(loket=desk)
    url = reverse("registry:declaration-create", args=[desk.slug, participation.pk])
    upload = declaration_upload(DECLARATION_MAX_BYTES + 1)
    response, peak = post_measured(coordinator_client, url, upload)
    assert response.status_code == 400
    assert 'id="id_document_error"' in response.text
    assert "Het bestand is te groot: hoogstens 10 MB." in response.text
    assert 'value="Marieke Jansen"' in response.text
    assert peak < MEMORY_CEILING
    assert not IntentDeclaration.objects.exists()


def test_a_declaration_far_over_the_limit_is_refused_without_being_stored(
    coordinator_client, desk, never_stored
):
    participation = ParticipationFactory(loket=desk)
    url = reverse("registry:declaration-create", args=[desk.slug, participation.pk])
    response = declaration_upload(25 * MB).post(coordinator_client, url)
    assert response.status_code == 400
    assert "Het bestand is te groot: hoogstens 10 MB." in response.text
    assert not IntentDeclaration.objects.exists()


def test_a_declaration_of_exactly_the_limit_is_stored(coordinator_client, desk):
    participation = ParticipationFactory(loket=desk)
    url = reverse("registry:declaration-create", args=[desk.slug, participation.pk])
    response = declaration_upload(DECLARATION_MAX_BYTES).post(coordinator_client, url)
    assert response.status_code == 302
    declaration = IntentDeclaration.objects.get()
    assert declaration.document.size == DECLARATION_MAX_BYTES


def test_a_large_import_file_goes_through_a_temporary_file_and_is_kept_whole(
    coordinator_client, desk
):
    lines = [f"Sportvereniging Café De Zwaluwen {n:05};Utrecht;3511 AB" for n in range(20_000)]
    data = ("Naam;Plaats;Postcode\r\n" + "\r\n".join(lines) + "\r\n").encode("cp1252")
    assert len(data) > settings.FILE_UPLOAD_MAX_MEMORY_SIZE  # so it streams to a temporary file
    url = reverse("registry:import-upload", args=[desk.slug])
    response = coordinator_client.post(url, {"file": SimpleUploadedFile("leden.csv", data)})
    assert response.status_code == 302
    run = ImportRun.objects.get()
    assert run.summary["created"] == 20_000
    with run.file.open("rb") as stored:
        assert stored.read() == data
    assert coordinator_client.get(response["Location"]).status_code == 200


def test_an_xlsx_upload_is_previewed_and_written_from_the_stored_file(coordinator_client, desk):
    desk.work_area.set(Municipality.objects.filter(code__in=["GM0344", "GM0321", "GM0353"]))
    url = reverse("registry:import-upload", args=[desk.slug])
    with (FILES / "clubs.xlsx").open("rb") as handle:
        response = coordinator_client.post(url, {"file": handle})
    assert response.status_code == 302
    assert coordinator_client.get(response["Location"]).status_code == 200
    done = coordinator_client.post(response["Location"], {"skip_invalid": "on"})
    assert done.status_code == 302
    assert ImportRun.objects.get().status == ImportRun.Status.APPLIED
    assert Organisation.objects.exists()
