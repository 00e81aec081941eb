"""A person's registrations: coordinators add, correct and end them with the evidence; a
supporter reads their own. The evidence is handed out only by the desk-scoped view."""

import datetime

import pytest
from django.conf import settings
from django.urls import reverse
from freezegun import freeze_time

from sportloket.core.tests.factories import MembershipFactory
from sportloket.quality.models import QualityRegistration
from sportloket.quality.tests.factories import MINIMAL_PNG, upload
from sportloket.quality.tests.factories import QualityRegistrationFactory as Reg
from sportloket.testing.queries import assert_queries_do_not_grow

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 3, 2)
ROLES = {
    "coordinator": {"coordinator": True},
    "supporter": {"supporter": True},
    "partner": {"partner": True},
    "viewer": {},
}


def english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture
def sanne(desk):
    return MembershipFactory(loket=desk, supporter=True, user__full_name="Sanne Smit")


@pytest.fixture
def registration(desk, sanne):
    return Reg.for_desk(desk, user=sanne.user, spn=True, number="SPN-777")


def person_url(desk, member):
    return reverse("quality:person", args=[desk.slug, member.pk])


def add_url(desk, member):
    return reverse("quality:registration-create", args=[desk.slug, member.pk])


def edit_url(desk, registration):
    return reverse("quality:registration-edit", args=[desk.slug, registration.pk])


def end_url(desk, registration):
    return reverse("quality:registration-end", args=[desk.slug, registration.pk])


def evidence_url(desk, registration):
    return reverse("quality:evidence", args=[desk.slug, registration.pk])


def form_data(**changes):
    data = {
        "system": "vog",
        "kind": "",
        "line": "",
        "level": "",
        "number": "VOG-123",
        "issuer": "Justis",
        "valid_from": "2026-01-05",
        "valid_until": "2029-01-04",
    }
    data.update(changes)
    return data


# The person's page


@pytest.mark.parametrize(
    ("role", "status"),
    [("coordinator", 200), ("supporter", 403), ("partner", 403), ("viewer", 403)],
)
def test_only_coordinators_read_another_persons_registrations(
    client, desk, sanne, registration, role, status
):
    client.force_login(MembershipFactory(loket=desk, **ROLES[role]).user)
    assert client.get(person_url(desk, sanne)).status_code == status


def test_a_supporter_reads_their_own_registrations_without_the_buttons_to_change_them(
    client, desk, sanne, registration
):
    client.force_login(sanne.user)
    page = client.get(person_url(desk, sanne)).text
    assert "SPN-777" in page
    assert evidence_url(desk, registration) in page
    assert edit_url(desk, registration) not in page
    assert add_url(desk, sanne) not in page


def test_the_coordinator_sees_the_links_to_change_and_the_evidence(
    coordinator_client, desk, sanne, registration
):
    page = coordinator_client.get(person_url(desk, sanne)).text
    for link in (
        add_url(desk, sanne),
        edit_url(desk, registration),
        end_url(desk, registration),
        evidence_url(desk, registration),
    ):
        assert link in page
    # Never a media address: the document is served only through the desk.
    assert settings.MEDIA_URL not in page
    assert registration.evidence.name not in page


def test_the_persons_page_needs_the_same_queries_for_many_registrations(
    coordinator_client, desk, sanne, registration
):
    def add(n):
        for number in range(n):
            Reg(user=sanne.user, kss=True, number=f"KSS-{number}")

    _, second = assert_queries_do_not_grow(
        lambda: coordinator_client.get(person_url(desk, sanne)), add, more=12
    )
    assert "KSS-11" in second.text


# Adding


@pytest.mark.parametrize(
    ("role", "status"),
    [("supporter", 403), ("partner", 403), ("viewer", 403)],
)
def test_only_coordinators_record_registrations(client, desk, sanne, role, status):
    client.force_login(MembershipFactory(loket=desk, **ROLES[role]).user)
    assert client.get(add_url(desk, sanne)).status_code == status
    assert client.post(add_url(desk, sanne), form_data()).status_code == status
    assert not QualityRegistration.objects.exists()


def test_a_supporter_cannot_record_their_own_registration(client, desk, sanne):
    client.force_login(sanne.user)
    assert client.post(add_url(desk, sanne), form_data()).status_code == 403
    assert not QualityRegistration.objects.exists()


def test_a_coordinator_records_a_registration_with_its_evidence(
    coordinator_client, desk, sanne, coordinator
):
    assert coordinator_client.get(add_url(desk, sanne)).status_code == 200
    response = coordinator_client.post(add_url(desk, sanne), {**form_data(), "evidence": upload()})
    assert response.status_code == 302
    assert response["Location"] == person_url(desk, sanne)
    registration = QualityRegistration.objects.get()
    assert (registration.user, registration.recorded_by_loket) == (sanne.user, desk)
    assert registration.system == "vog" and registration.number == "VOG-123"
    assert registration.valid_until == datetime.date(2029, 1, 4)
    assert registration.evidence.name.endswith(".png")
    download = coordinator_client.get(evidence_url(desk, registration))
    assert download["Content-Type"] == "image/png"
    assert b"".join(download.streaming_content) == MINIMAL_PNG


def test_bad_dates_are_refused_next_to_the_field_and_what_was_typed_stays(
    coordinator_client, desk, sanne
):
    response = english(coordinator_client).post(
        add_url(desk, sanne), form_data(valid_until="2025-12-31", number="VOG-98765")
    )
    assert response.status_code == 400
    form = response.context["form"]
    assert form.errors["valid_until"] == ["A registration cannot expire before it is valid."]
    page = response.text
    assert 'value="VOG-98765"' in page and 'value="2025-12-31"' in page
    assert 'aria-invalid="true"' in page
    assert not QualityRegistration.objects.exists()


def test_a_kss_registration_needs_its_kind_and_a_diploma_does_not_expire(
    coordinator_client, desk, sanne
):
    english(coordinator_client)
    response = coordinator_client.post(
        add_url(desk, sanne), form_data(system="kss", line="trainer-coach", level="3")
    )
    assert response.status_code == 400
    assert response.context["form"].errors["kind"] == [
        "Say whether this is a KSS qualification or a licence."
    ]
    assert 'value="trainer-coach"' in response.text
    response = coordinator_client.post(
        add_url(desk, sanne), form_data(system="kss", kind="qualification", level="9")
    )
    assert response.context["form"].errors["level"] == ["The level runs from 1 to 5."]
    assert not QualityRegistration.objects.exists()


def test_a_file_that_is_no_pdf_or_image_is_refused(coordinator_client, desk, sanne):
    response = english(coordinator_client).post(
        add_url(desk, sanne),
        {**form_data(), "evidence": upload("vog.pdf", b"MZ\x90\x00 not a pdf", "application/pdf")},
    )
    assert response.status_code == 400
    assert response.context["form"].errors["evidence"] == [
        "The file is not a PDF document or a JPEG or PNG image."
    ]
    assert 'value="VOG-123"' in response.text
    assert not QualityRegistration.objects.exists()


def test_a_former_member_gets_no_registration_page(coordinator_client, desk):
    former = MembershipFactory(loket=desk, supporter=True, ended=True)
    assert coordinator_client.get(add_url(desk, former)).status_code == 404
    assert coordinator_client.post(add_url(desk, former), form_data()).status_code == 404


# Editing and ending


@pytest.mark.parametrize("role", ["supporter", "partner", "viewer"])
def test_only_coordinators_change_or_end_a_registration(client, desk, registration, role):
    client.force_login(MembershipFactory(loket=desk, **ROLES[role]).user)
    for address in (edit_url(desk, registration), end_url(desk, registration)):
        assert client.get(address).status_code == 403
        assert client.post(address, form_data(ended_on="2026-03-01")).status_code == 403
    registration.refresh_from_db()
    assert registration.system == "spn" and registration.ended_on is None


def test_the_owner_cannot_change_their_own_registration(client, desk, sanne, registration):
    client.force_login(sanne.user)
    assert client.post(edit_url(desk, registration), form_data()).status_code == 403


def test_a_coordinator_records_a_renewal(coordinator_client, desk, sanne, registration):
    page = coordinator_client.get(edit_url(desk, registration)).text
    assert 'value="SPN-777"' in page
    response = coordinator_client.post(
        edit_url(desk, registration),
        form_data(system="spn", number="SPN-777", valid_from="2025-01-01",
                  valid_until="2028-12-31"),
    )  # fmt: skip
    assert response.status_code == 302 and response["Location"] == person_url(desk, sanne)
    registration.refresh_from_db()
    assert registration.valid_until == datetime.date(2028, 12, 31)
    assert registration.evidence  # kept: no new file was chosen


def test_a_new_file_replaces_the_evidence(coordinator_client, desk, registration):
    old = registration.evidence.name
    pdf = upload("nieuw.pdf", b"%PDF-1.4 new evidence", "application/pdf")
    coordinator_client.post(
        edit_url(desk, registration),
        {**form_data(system="spn", valid_from="2025-01-01"), "evidence": pdf},
    )
    registration.refresh_from_db()
    assert registration.evidence.name != old and registration.evidence.name.endswith(".pdf")
    download = coordinator_client.get(evidence_url(desk, registration))
    assert download["Content-Type"] == "application/pdf"


def test_a_refused_change_keeps_what_was_typed_and_changes_nothing(
    coordinator_client, desk, registration
):
    response = english(coordinator_client).post(
        edit_url(desk, registration),
        form_data(system="other", line="", number="NIEUW-1", valid_from="2025-01-01"),
    )
    assert response.status_code == 400
    assert response.context["form"].errors["line"] == ["Say what kind of registration this is."]
    assert 'value="NIEUW-1"' in response.text
    registration.refresh_from_db()
    assert (registration.system, registration.number) == ("spn", "SPN-777")


@freeze_time(TODAY)
def test_a_coordinator_ends_a_registration(coordinator_client, desk, sanne, registration):
    page = coordinator_client.get(end_url(desk, registration)).text
    assert 'value="2026-03-02"' in page  # today, by default
    response = coordinator_client.post(end_url(desk, registration), {"ended_on": "2026-02-20"})
    assert response.status_code == 302 and response["Location"] == person_url(desk, sanne)
    registration.refresh_from_db()
    assert registration.ended_on == datetime.date(2026, 2, 20)
    # Ended: no longer changed, and it says so.
    english(coordinator_client)
    assert "no longer counts" in coordinator_client.get(edit_url(desk, registration)).text
    response = coordinator_client.post(end_url(desk, registration), {"ended_on": "2026-03-01"})
    assert response.status_code == 400
    response = coordinator_client.post(edit_url(desk, registration), form_data(system="spn"))
    assert response.status_code == 400
    assert "record a new one" in response.text


def test_ending_needs_a_date(coordinator_client, desk, registration):
    response = coordinator_client.post(end_url(desk, registration), {"ended_on": "gisteren"})
    assert response.status_code == 400 and "ended_on" in response.context["form"].errors
    registration.refresh_from_db()
    assert registration.ended_on is None


# The evidence


@pytest.mark.parametrize(
    ("role", "status"),
    [("coordinator", 200), ("supporter", 403), ("partner", 403), ("viewer", 403)],
)
def test_the_evidence_opens_for_coordinators_only(client, desk, registration, role, status):
    client.force_login(MembershipFactory(loket=desk, **ROLES[role]).user)
    assert client.get(evidence_url(desk, registration)).status_code == status


def test_the_evidence_opens_for_the_person_it_belongs_to(client, desk, sanne, registration):
    client.force_login(sanne.user)
    response = client.get(evidence_url(desk, registration))
    assert response.status_code == 200
    assert "private" in response["Cache-Control"] or "no-cache" in response["Cache-Control"]
    assert 'filename="bewijs-spn-sanne-smit.png"' in response["Content-Disposition"]


def test_a_registration_without_evidence_has_no_document(coordinator_client, desk, sanne):
    registration = Reg(user=sanne.user)
    assert coordinator_client.get(evidence_url(desk, registration)).status_code == 404


def test_the_evidence_of_a_former_member_is_not_served(coordinator_client, desk, registration):
    from sportloket.core.models import Membership

    Membership.objects.filter(user=registration.user, loket=desk).update(
        ended_at=datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)
    )
    assert coordinator_client.get(evidence_url(desk, registration)).status_code == 404


def test_media_addresses_are_not_served(client, desk, registration):
    client.force_login(registration.user)
    assert client.get(settings.MEDIA_URL + registration.evidence.name).status_code == 404
