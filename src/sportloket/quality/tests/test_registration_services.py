"""Recording, correcting and ending a person's quality registrations."""

import datetime

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation

from sportloket.core.tests.factories import MembershipFactory
from sportloket.quality import selectors, services
from sportloket.quality.constants import KssKind, QualitySystem
from sportloket.quality.models import QualityRegistration
from sportloket.quality.tests.factories import QualityRegistrationFactory as Reg
from sportloket.quality.tests.factories import upload
from sportloket.registry.tests.factories import MINIMAL_PDF

pytestmark = pytest.mark.django_db


def add(desk, user, actor, **fields):
    values = {"system": QualitySystem.VOG, "valid_from": datetime.date(2026, 1, 5)}
    return services.registration_add(loket=desk, user=user, actor=actor, **(values | fields))


def test_a_registration_is_recorded_with_its_evidence_and_audited(desk, coordinator, supporter):
    registration = add(
        desk,
        supporter,
        coordinator,
        system=QualitySystem.KSS,
        kind=KssKind.LICENCE,
        line="  trainer-coach ",
        level=3,
        number="KNVB-778",
        issuer="KNVB",
        valid_until=datetime.date(2027, 6, 30),
        evidence=upload("mijn licentie.PDF", MINIMAL_PDF, "application/pdf"),
    )
    registration.refresh_from_db()
    assert registration.recorded_by_loket == desk
    assert registration.line == "trainer-coach"
    # Stored under a name of its own, not the uploader's, outside any public address.
    assert registration.evidence.name.startswith(f"quality/{desk.pk}/")
    assert registration.evidence.name.endswith(".pdf")
    assert "licentie" not in registration.evidence.name
    assert registration.evidence.open("rb").read() == MINIMAL_PDF
    entry = LogEntry.objects.get_for_object(registration).get()
    assert entry.actor == coordinator


@pytest.mark.parametrize(
    ("content", "extension"),
    [(MINIMAL_PDF, ".pdf"), (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00", ".jpg"), (None, ".png")],
)
def test_evidence_may_be_a_pdf_jpeg_or_png_by_content(desk, coordinator, supporter, content,
                                                       extension):  # fmt: skip
    evidence = upload("bewijs.txt", content) if content else upload("bewijs.txt")
    registration = add(desk, supporter, coordinator, evidence=evidence)
    assert registration.evidence.name.endswith(extension)


def test_evidence_that_is_no_document_is_refused(desk, coordinator, supporter):
    with translation.override("en"), pytest.raises(ValidationError) as error:
        add(desk, supporter, coordinator, evidence=upload("vog.pdf", b"MZ\x90\x00 not a pdf"))
    assert error.value.message_dict == {
        "evidence": ["The file is not a PDF document or a JPEG or PNG image."]
    }
    assert not QualityRegistration.objects.exists()


def test_evidence_over_10_mb_is_refused(desk, coordinator, supporter):
    big = upload("vog.pdf", b"%PDF-1.4\n" + b"0" * (10 * 1024 * 1024))
    with pytest.raises(ValidationError) as error:
        add(desk, supporter, coordinator, evidence=big)
    assert list(error.value.message_dict) == ["evidence"]


def test_dates_level_and_kind_are_checked(desk, coordinator, supporter):
    with pytest.raises(ValidationError) as error:
        add(
            desk,
            supporter,
            coordinator,
            system=QualitySystem.KSS,
            level=6,
            valid_from=datetime.date(2026, 5, 1),
            valid_until=datetime.date(2026, 4, 30),
        )
    assert set(error.value.message_dict) == {"kind", "level", "valid_until"}
    with pytest.raises(ValidationError) as error:
        add(
            desk,
            supporter,
            coordinator,
            system=QualitySystem.KSS,
            kind=KssKind.QUALIFICATION,
            valid_until=datetime.date(2030, 1, 1),
        )
    assert set(error.value.message_dict) == {"valid_until"}
    with pytest.raises(ValidationError) as error:
        add(desk, supporter, coordinator, system=QualitySystem.OTHER)
    assert set(error.value.message_dict) == {"line"}


def test_the_database_holds_the_invariants(supporter):
    for fields in (
        {"valid_until": datetime.date(2024, 12, 31)},  # before valid_from
        {"level": 0},
        {"system": QualitySystem.KSS},  # without kind
        {"kind": KssKind.LICENCE},  # kind on a VOG
        {
            "system": QualitySystem.KSS,
            "kind": KssKind.QUALIFICATION,
            "valid_until": datetime.date(2030, 1, 1),
        },
    ):
        with pytest.raises(IntegrityError), transaction.atomic():
            QualityRegistration.objects.create(
                user=supporter, valid_from=datetime.date(2025, 1, 1), **fields
            )


def test_only_members_of_the_desk_get_registrations_there(desk, other_desk, coordinator):
    outsider = MembershipFactory(loket=other_desk, supporter=True).user
    with pytest.raises(ValidationError) as error:
        add(desk, outsider, coordinator)
    assert list(error.value.message_dict) == ["user"]


def test_a_desk_sees_and_changes_only_registrations_of_its_active_members(
    desk, other_desk, coordinator
):
    both = MembershipFactory(loket=desk, supporter=True).user
    MembershipFactory(loket=other_desk, user=both, supporter=True)
    outsider = MembershipFactory(loket=other_desk, supporter=True).user
    left = MembershipFactory(loket=desk, supporter=True, ended=True).user
    shared = Reg(user=both, recorded_by_loket=other_desk)
    foreign = Reg(user=outsider, recorded_by_loket=other_desk)
    Reg(user=left, recorded_by_loket=desk)
    assert list(selectors.desk_registrations(loket=desk)) == [shared]
    with pytest.raises(ValidationError):
        services.registration_update(
            loket=desk, registration=foreign, issuer="x", actor=coordinator
        )
    with pytest.raises(ValidationError):
        services.registration_end(loket=desk, registration=foreign, actor=coordinator)
    services.registration_update(
        loket=desk, registration=shared, issuer="Justis", actor=coordinator
    )
    shared.refresh_from_db()
    assert shared.issuer == "Justis"


def test_a_renewal_moves_the_end_and_new_evidence_replaces_the_old(
    desk, coordinator, supporter, django_capture_on_commit_callbacks
):
    registration = add(
        desk, supporter, coordinator, valid_until=datetime.date(2026, 6, 30), evidence=upload()
    )
    old = registration.evidence.name
    storage = registration.evidence.storage
    with django_capture_on_commit_callbacks(execute=True):
        services.registration_update(
            loket=desk,
            registration=registration,
            valid_until=datetime.date(2029, 6, 30),
            evidence=upload("nieuw.pdf", MINIMAL_PDF),
            actor=coordinator,
        )
    registration.refresh_from_db()
    assert registration.valid_until == datetime.date(2029, 6, 30)
    assert registration.evidence.name != old
    assert registration.evidence.name.endswith(".pdf")
    assert not storage.exists(old)
    with pytest.raises(ValueError):
        services.registration_update(
            loket=desk, registration=registration, user=coordinator, actor=coordinator
        )


def test_an_ended_registration_stays_ended(desk, coordinator, supporter):
    registration = add(desk, supporter, coordinator)
    services.registration_end(
        loket=desk, registration=registration, on=datetime.date(2026, 2, 1), actor=coordinator
    )
    registration.refresh_from_db()
    assert registration.ended_on == datetime.date(2026, 2, 1)
    with pytest.raises(ValidationError):
        services.registration_end(loket=desk, registration=registration, actor=coordinator)
    with pytest.raises(ValidationError):
        services.registration_update(
            loket=desk, registration=registration, issuer="x", actor=coordinator
        )
