import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from freezegun import freeze_time

from sportloket.core.models import Municipality
from sportloket.core.tests.factories import MembershipFactory
from sportloket.registry import selectors, services
from sportloket.registry.constants import LinkSource, OrganisationKind, ParticipationKind
from sportloket.registry.models import AreaAlignment, Federation, Organisation, OrganisationLink
from sportloket.registry.tests.factories import (
    AreaAlignmentFactory,
    IntentDeclarationFactory,
    OrganisationFactory,
    ParticipationFactory,
    pdf_upload,
)
from sportloket.testing.queries import assert_queries_do_not_grow

pytestmark = pytest.mark.django_db


def test_a_participating_party_joins_the_register_once(desk, coordinator):
    fund = OrganisationFactory(kind=OrganisationKind.FUND, name="Rabo ClubSupport")
    services.participation_add(
        loket=desk, organisation=fund, kind=ParticipationKind.FUNDING, actor=coordinator
    )
    assert OrganisationLink.objects.get(organisation=fund).source == LinkSource.PARTICIPANT
    assert fund in Organisation.objects.for_desk(desk)
    with pytest.raises(ValidationError):
        services.participation_add(
            loket=desk, organisation=fund, kind=ParticipationKind.SUPPORTING, actor=coordinator
        )


@freeze_time("2026-06-01")
def test_a_declaration_must_be_a_pdf_by_content(desk, coordinator):
    participation = ParticipationFactory(loket=desk)
    with pytest.raises(ValidationError) as error:
        services.declaration_add(
            participation=participation,
            signed_on=datetime.date(2026, 5, 1),
            signatory="J. Jansen",
            document=pdf_upload("nep.pdf", b"MZ\x90\x00 not a pdf at all"),
            actor=coordinator,
        )
    assert error.value.error_dict["document"][0].messages == ["Het bestand is geen pdf-document."]
    assert not participation.declarations.exists()


@freeze_time("2026-06-01")
def test_a_declaration_checks_size_and_dates(desk, coordinator, settings):
    participation = ParticipationFactory(loket=desk)
    big = pdf_upload(content=b"%PDF-1.4\n" + b"0" * (10 * 1024 * 1024))
    with pytest.raises(ValidationError) as error:
        services.declaration_add(
            participation=participation,
            signed_on=datetime.date(2026, 7, 1),
            valid_until=datetime.date(2026, 6, 1),
            signatory=" ",
            document=big,
            actor=coordinator,
        )
    assert set(error.value.error_dict) == {"document", "signed_on", "valid_until", "signatory"}


@freeze_time("2026-06-01")
def test_a_stored_declaration_makes_the_party_valid_until_it_expires(desk, coordinator):
    participation = ParticipationFactory(loket=desk)
    [row] = selectors.desk_participations(loket=desk)
    assert not row.has_valid_declaration
    services.declaration_add(
        participation=participation,
        signed_on=datetime.date(2026, 5, 1),
        valid_until=datetime.date(2026, 12, 31),
        signatory="J. Jansen, voorzitter",
        document=pdf_upload(),
        actor=coordinator,
    )
    [row] = selectors.desk_participations(loket=desk)
    assert row.has_valid_declaration and row.declaration_signed_on == datetime.date(2026, 5, 1)
    with freeze_time("2027-01-01"):
        [row] = selectors.desk_participations(loket=desk)
        assert not row.has_valid_declaration


def test_the_document_is_served_to_the_desk_as_pdf(coordinator_client, desk):
    declaration = IntentDeclarationFactory.for_desk(desk)
    url = reverse("registry:declaration-document", args=[desk.slug, declaration.pk])
    response = coordinator_client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    detail = coordinator_client.get(
        reverse("registry:participation-detail", args=[desk.slug, declaration.participation.pk])
    )
    assert "/media/" not in detail.text
    assert url in detail.text


def test_upload_errors_show_next_to_the_field_and_keep_the_other_input(coordinator_client, desk):
    participation = ParticipationFactory(loket=desk)
    url = reverse("registry:declaration-create", args=[desk.slug, participation.pk])
    response = coordinator_client.post(
        url,
        {
            "signed_on": "2026-01-10",
            "signatory": "Marieke Jansen",
            "document": pdf_upload("x.pdf", b"GIF89a"),
        },
    )
    assert response.status_code == 400
    assert "Het bestand is geen pdf-document." in response.text
    assert 'value="Marieke Jansen"' in response.text


def test_partners_and_viewers_read_but_do_not_change_participation(client, desk):
    participation = ParticipationFactory(loket=desk)
    partner = MembershipFactory(loket=desk, partner=True)
    client.force_login(partner.user)
    url = reverse("registry:participation-detail", args=[desk.slug, participation.pk])
    page = client.get(url)
    assert page.status_code == 200 and "Verklaring opslaan" not in page.text
    assert client.post(url, {"kind": "funding"}).status_code == 403
    upload = reverse("registry:declaration-create", args=[desk.slug, participation.pk])
    assert client.post(upload, {}).status_code == 403


def test_alignment_rules(desk, coordinator):
    houten = Municipality.objects.get(code="GM0321")
    desk.work_area.set([houten])
    with pytest.raises(ValidationError):
        services.alignment_save(loket=desk, actor=coordinator, municipality=houten)
    with pytest.raises(ValidationError) as error:
        services.alignment_save(
            loket=desk,
            actor=coordinator,
            federation=Federation.objects.get(abbreviation="KNVB"),
            agreed=True,
        )
    assert "agreed_on" in error.value.error_dict
    knvb = Federation.objects.get(abbreviation="KNVB")
    services.alignment_save(loket=desk, actor=coordinator, federation=knvb)
    services.alignment_save(
        loket=desk,
        actor=coordinator,
        federation=knvb,
        agreed=True,
        agreed_on=datetime.date(2026, 3, 1),
        agreed_with="Regiomanager West",
    )
    alignment = AreaAlignment.objects.get(loket=desk)
    assert alignment.agreed and alignment.agreed_with == "Regiomanager West"


def test_editing_an_alignment_keeps_its_federation(coordinator_client, desk):
    alignment = AreaAlignmentFactory(loket=desk)
    url = reverse("registry:alignment-edit", args=[desk.slug, alignment.pk])
    other = Federation.objects.get(abbreviation="KNHB")
    response = coordinator_client.post(
        url,
        {"federation": other.pk, "agreed": "on", "agreed_on": "2026-02-02", "agreed_with": "X"},
    )
    assert response.status_code == 302
    assert AreaAlignment.objects.get().federation.abbreviation == "KNVB"
    assert AreaAlignment.objects.get().agreed


def test_network_overview_counts_and_flags_missing_declarations(coordinator_client, desk):
    houten = Municipality.objects.get(code="GM0321")
    desk.work_area.set([houten])
    OrganisationFactory.create_batch(3, municipality=houten)
    OrganisationFactory(municipality=houten, commercial=True)
    OrganisationFactory(municipality=houten, status="dissolved")
    knvb = OrganisationFactory(kind=OrganisationKind.FEDERATION, name="KNVB")
    platform = OrganisationFactory(kind=OrganisationKind.SPORT_PLATFORM, name="Sportraad Houten")
    signed = ParticipationFactory(loket=desk, organisation=knvb)
    IntentDeclarationFactory(participation=signed)
    ParticipationFactory(loket=desk, organisation=platform, kind=ParticipationKind.REPRESENTING)

    response = coordinator_client.get(reverse("registry:network", args=[desk.slug]))
    ctx = response.context
    assert ctx["providers_per_municipality"] == [
        {"name": "Houten", "code": "GM0321", "providers": 4}
    ]
    kinds = {value: count for value, _label, count in ctx["kinds"]}
    assert kinds["club"] == 4 and kinds["commercial"] == 1 and kinds["federation"] == 1
    assert [p.organisation.name for p in ctx["without_declaration"]] == ["Sportraad Houten"]
    assert [p.organisation.name for p in ctx["platforms"]] == ["Sportraad Houten"]


def test_network_overview_query_count_does_not_grow(coordinator_client, desk):
    municipalities = iter(Municipality.objects.order_by("code"))

    def grow(n):
        for _ in range(n):
            municipality = next(municipalities)
            desk.work_area.add(municipality)
            OrganisationFactory(municipality=municipality)
            ParticipationFactory(loket=desk)

    grow(1)
    _, last = assert_queries_do_not_grow(
        lambda: coordinator_client.get(reverse("registry:network", args=[desk.slug])),
        grow,
        more=10,
        max_queries=14,
    )
    assert last.context["participation_count"] == 11


def test_participation_list_query_count_does_not_grow(coordinator_client, desk):
    def grow(n):
        for participation in ParticipationFactory.create_batch(n, loket=desk):
            IntentDeclarationFactory(participation=participation)

    grow(1)
    _, last = assert_queries_do_not_grow(
        lambda: coordinator_client.get(reverse("registry:participation-list", args=[desk.slug])),
        grow,
        more=10,
        max_queries=10,
    )
    assert last.text.count("ondertekend") >= 11
