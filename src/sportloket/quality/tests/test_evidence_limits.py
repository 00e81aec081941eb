"""Evidence documents: refused by their size before they are read, and handed out as a
sandboxed download (a PDF or image from a person is never run in the desk's origin)."""

import pytest
from django.core.files.uploadhandler import MemoryFileUploadHandler, TemporaryFileUploadHandler
from django.urls import reverse

from sportloket.core.models import Membership
from sportloket.core.tests.factories import MembershipFactory
from sportloket.core.tests.streaming import StreamedUpload, post_measured
from sportloket.quality.constants import EVIDENCE_MAX_BYTES
from sportloket.quality.models import QualityRegistration
from sportloket.quality.tests.factories import QualityRegistrationFactory as Reg

pytestmark = pytest.mark.django_db

MB = 1024 * 1024
FIELDS = {
    "system": "vog",
    "kind": "",
    "line": "",
    "level": "",
    "number": "VOG-123",
    "issuer": "Justis",
    "valid_from": "2026-01-05",
    "valid_until": "2029-01-04",
}


@pytest.fixture
def sanne(desk) -> Membership:
    return MembershipFactory(loket=desk, supporter=True, user__full_name="Sanne Smit")


def add_url(desk, member):
    return reverse("quality:registration-create", args=[desk.slug, member.pk])


def evidence(size):
    return StreamedUpload(
        fields=FIELDS, file_field="evidence", filename="bewijs.pdf", head=b"%PDF-1.7\n", size=size
    )


def test_evidence_just_over_the_limit_is_refused_next_to_the_field(coordinator_client, desk, sanne):
    response, peak = post_measured(
        coordinator_client, add_url(desk, sanne), evidence(EVIDENCE_MAX_BYTES + 1)
    )
    assert response.status_code == 400
    assert 'id="id_evidence_error"' in response.text
    assert "Het bestand is te groot: hoogstens 10 MB." in response.text
    assert 'value="VOG-123"' in response.text
    assert peak < 6 * MB
    assert not QualityRegistration.objects.exists()


def test_evidence_far_over_the_limit_is_refused_without_being_stored(
    coordinator_client, desk, sanne, monkeypatch
):
    def refuse(self, raw_data, start):
        raise AssertionError("the oversized upload was stored")

    monkeypatch.setattr(TemporaryFileUploadHandler, "receive_data_chunk", refuse)
    monkeypatch.setattr(MemoryFileUploadHandler, "receive_data_chunk", refuse)
    response = evidence(25 * MB).post(coordinator_client, add_url(desk, sanne))
    assert response.status_code == 400
    assert "Het bestand is te groot: hoogstens 10 MB." in response.text
    assert not QualityRegistration.objects.exists()


def test_the_evidence_is_a_sandboxed_attachment(coordinator_client, desk, sanne):
    registration = Reg.for_desk(desk, user=sanne.user, spn=True, number="SPN-777")
    url = reverse("quality:evidence", args=[desk.slug, registration.pk])
    response = coordinator_client.get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert "sandbox" in response["Content-Security-Policy"].split(";")[0]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Type"] == "image/png"
