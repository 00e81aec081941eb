"""The desk's public page names under "Wie doen er mee" only the parties whose intent
declaration is valid today: a missing or an expired one is no commitment."""

import datetime

import pytest
from django.urls import reverse
from freezegun import freeze_time

from sportloket.registry import selectors
from sportloket.registry.tests.factories import IntentDeclarationFactory, ParticipationFactory
from sportloket.testing.html import squashed
from sportloket.testing.queries import assert_queries_do_not_grow

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 12, 6)


def _parties(desk):
    valid = ParticipationFactory(loket=desk, organisation__name="KNVB Geldig")
    IntentDeclarationFactory(participation=valid, valid_until=TODAY)
    open_ended = ParticipationFactory(loket=desk, organisation__name="Gemeente Zonder Einde")
    IntentDeclarationFactory(participation=open_ended, valid_until=None)
    expired = ParticipationFactory(loket=desk, organisation__name="Bond Verlopen")
    IntentDeclarationFactory(participation=expired, valid_until=TODAY - datetime.timedelta(1))
    ParticipationFactory(loket=desk, organisation__name="Fonds Ontbreekt")
    not_yet = ParticipationFactory(loket=desk, organisation__name="Platform Nog Niet")
    IntentDeclarationFactory(participation=not_yet, signed_on=TODAY + datetime.timedelta(1))
    # A renewed declaration counts, even after an expired one.
    renewed = ParticipationFactory(loket=desk, organisation__name="Sportbedrijf Vernieuwd")
    IntentDeclarationFactory(participation=renewed, valid_until=datetime.date(2026, 2, 1))
    IntentDeclarationFactory(participation=renewed, signed_on=datetime.date(2026, 3, 1))


@freeze_time(TODAY)
def test_only_parties_with_a_valid_declaration_are_named_as_taking_part(desk):
    _parties(desk)
    names = [p.organisation.name for p in selectors.desk_public_participants(loket=desk)]
    assert names == ["Gemeente Zonder Einde", "KNVB Geldig", "Sportbedrijf Vernieuwd"]


@freeze_time(TODAY)
def test_the_public_page_leaves_out_a_missing_or_expired_declaration(client, desk, other_desk):
    _parties(desk)
    other = ParticipationFactory(loket=other_desk, organisation__name="Ander Loket Partij")
    IntentDeclarationFactory(participation=other)
    page = squashed(client.get(reverse("core:desk-public", args=[desk.slug])).text)
    assert "Wie doen er mee" in page
    for name in ("KNVB Geldig", "Gemeente Zonder Einde", "Sportbedrijf Vernieuwd"):
        assert name in page
    for name in ("Bond Verlopen", "Fonds Ontbreekt", "Platform Nog Niet", "Ander Loket Partij"):
        assert name not in page


@freeze_time(TODAY)
def test_without_valid_declarations_the_page_says_the_parties_are_being_gathered(client, desk):
    ParticipationFactory(loket=desk, organisation__name="Fonds Ontbreekt")
    page = squashed(client.get(reverse("core:desk-public", args=[desk.slug])).text)
    assert "Fonds Ontbreekt" not in page
    assert "De partijen achter het loket worden nog verzameld." in page


@freeze_time(TODAY)
def test_the_public_page_query_count_does_not_grow_with_the_parties(client, desk):
    def add(n):
        for i in range(n):
            party = ParticipationFactory(loket=desk, organisation__name=f"Partij {i}")
            IntentDeclarationFactory(participation=party)

    _, last = assert_queries_do_not_grow(
        lambda: client.get(reverse("core:desk-public", args=[desk.slug])), add, more=10
    )
    assert all(f"Partij {i}" in last.text for i in range(10))
