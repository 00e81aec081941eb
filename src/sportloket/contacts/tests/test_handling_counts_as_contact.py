"""Handling a question counts as contact with its organisation: a message to or from the
provider on its question, a decision on it, and a contact moment logged about it set the
provider's last contact on the work list and in the coverage figures (never its proactive
contact: the provider asked). Handling at another desk, or of a question not linked to the
organisation, does not count."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from sportloket.contacts import selectors, services
from sportloket.contacts.tests.conftest import TODAY
from sportloket.contacts.tests.factories import ContactMomentFactory
from sportloket.decisions.tests.factories import make_decision
from sportloket.helprequests.models import Message
from sportloket.helprequests.tests.factories import HelpRequestFactory
from sportloket.registry.tests.factories import OrganisationFactory
from sportloket.testing.html import squashed

pytestmark = pytest.mark.django_db

D = datetime.date


def at(day: datetime.date, hour: int = 12, minute: int = 0) -> datetime.datetime:
    """A moment on ``day`` in the desk's time zone (Amsterdam)."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


def question(desk, organisation, **kwargs):
    return HelpRequestFactory(
        loket=desk, organisation=organisation, organisation_name=organisation.name, **kwargs
    )


def row_of(desk, organisation):
    rows = selectors.decorate_rows(
        selectors.work_list(loket=desk, on=TODAY, everyone=True), on=TODAY
    )
    return next(row for row in rows if row.pk == organisation.pk)


def needing_contact(desk):
    return {row.name for row in selectors.work_list(loket=desk, on=TODAY)}


@pytest.fixture
def club(area_desk, utrecht):
    return OrganisationFactory(municipality=utrecht, name="VV Domstad")


def test_a_club_whose_question_was_just_decided_is_not_never_spoken(area_desk, club, coordinator):
    make_decision(
        area_desk,
        decided_by=coordinator,
        help_request=question(area_desk, club),
        decided_at=at(D(2026, 6, 10)),
    )

    row = row_of(area_desk, club)

    assert not row.never_contacted
    assert row.last_contact == D(2026, 6, 10)
    assert "VV Domstad" not in needing_contact(area_desk)


def test_the_work_list_page_no_longer_says_never_contacted(client, area_desk, club, coordinator):
    make_decision(area_desk, decided_by=coordinator, help_request=question(area_desk, club))
    client.force_login(coordinator)

    page = squashed(
        client.get(
            reverse("contacts:work-list", args=[area_desk.slug]), {"holder": "all", "show": "all"}
        ).text
    )

    assert "VV Domstad" in page
    # The badge the row would carry; the page's lead mentions "nooit gesproken" in a sentence.
    assert '<span class="badge badge--warning">nooit gesproken</span>' not in page


@pytest.mark.parametrize("from_provider", [True, False])
def test_a_message_on_its_question_counts_either_way(area_desk, club, coordinator, from_provider):
    help_request = question(area_desk, club)
    Message.objects.create(
        help_request=help_request,
        from_provider=from_provider,
        author=None if from_provider else coordinator,
        body="Wanneer hoor ik iets?",
        created_at=at(D(2026, 5, 2)),
    )
    assert row_of(area_desk, club).last_contact == D(2026, 5, 2)


def test_the_latest_of_moments_messages_and_decisions_counts(area_desk, club, coordinator):
    help_request = question(area_desk, club)
    ContactMomentFactory(loket=area_desk, organisation=club, date=D(2026, 4, 1))
    Message.objects.create(
        help_request=help_request, author=coordinator, body="Hallo", created_at=at(D(2026, 5, 1))
    )
    make_decision(
        area_desk,
        decided_by=coordinator,
        help_request=question(area_desk, club),
        decided_at=at(D(2026, 3, 1)),
    )
    assert row_of(area_desk, club).last_contact == D(2026, 5, 1)
    ContactMomentFactory(loket=area_desk, organisation=club, date=D(2026, 6, 1))
    assert row_of(area_desk, club).last_contact == D(2026, 6, 1)


def test_the_day_is_the_desks_day(area_desk, club, coordinator):
    """A message at 00:30 in Amsterdam (22:30 UTC the day before) counts on Amsterdam's day."""
    Message.objects.create(
        help_request=question(area_desk, club),
        author=coordinator,
        body="Laat nog",
        created_at=at(D(2026, 6, 10), hour=0, minute=30),
    )
    assert row_of(area_desk, club).last_contact == D(2026, 6, 10)


def test_a_contact_moment_logged_about_the_question_counts(area_desk, club, supporter):
    help_request = question(area_desk, club)
    services.contact_log(
        loket=area_desk,
        actor=supporter,
        organisation=club,
        supporter=supporter,
        date=D(2026, 6, 1),
        channel="phone",
        summary="Gebeld over de vraag.",
        help_request=help_request,
    )
    assert row_of(area_desk, club).last_contact == D(2026, 6, 1)


def test_handling_at_another_desk_does_not_count(area_desk, other_desk, club, coordinator):
    other_desk.work_area.set(area_desk.work_area.all())
    elsewhere = question(other_desk, club)
    Message.objects.create(help_request=elsewhere, author=coordinator, body="Hallo")
    make_decision(other_desk, decided_by=coordinator, help_request=elsewhere)

    assert row_of(area_desk, club).never_contacted
    assert not row_of(other_desk, club).never_contacted


def test_a_question_not_linked_to_the_organisation_does_not_count(area_desk, club, coordinator):
    loose = HelpRequestFactory(loket=area_desk, organisation_name="VV Domstad")
    Message.objects.create(help_request=loose, author=coordinator, body="Hallo")
    make_decision(area_desk, decided_by=coordinator, help_request=loose)
    assert row_of(area_desk, club).never_contacted


def test_the_coverage_counts_handling_but_not_as_proactive(area_desk, club, coordinator):
    services.policy_save(loket=area_desk, actor=None, default_months=12)
    make_decision(
        area_desk,
        decided_by=coordinator,
        help_request=question(area_desk, club),
        decided_at=at(D(2026, 6, 1)),
    )

    figures = selectors.coverage(loket=area_desk, on=TODAY)

    assert (figures["total"].providers, figures["total"].covered) == (1, 1)
    assert figures["total"].proactive == 0
    june = figures["per_month"][0]
    assert june["month"] == D(2026, 6, 1)
    assert (june["contacted"], june["proactive"]) == (1, 0)


def test_a_provider_is_counted_once_a_month_whatever_the_ways_of_contact(
    area_desk, club, coordinator, houten
):
    other = OrganisationFactory(municipality=houten, name="HC Houten")
    help_request = question(area_desk, club)
    ContactMomentFactory(loket=area_desk, organisation=club, date=D(2026, 6, 2))
    Message.objects.create(
        help_request=help_request, author=coordinator, body="Hallo", created_at=at(D(2026, 6, 3))
    )
    make_decision(
        area_desk, decided_by=coordinator, help_request=help_request, decided_at=at(D(2026, 6, 4))
    )
    Message.objects.create(
        help_request=question(area_desk, other),
        from_provider=True,
        body="Vraag",
        created_at=at(D(2026, 5, 30)),
    )

    per_month = selectors.coverage(loket=area_desk, on=TODAY)["per_month"]

    june, may = per_month[0], per_month[1]
    assert (june["moments"], june["contacted"]) == (1, 1)
    assert (may["moments"], may["contacted"]) == (0, 1)


def test_handling_counts_in_each_month_it_happened_by_the_desks_day(
    area_desk, club, coordinator, utrecht
):
    help_request = question(area_desk, club)
    # 00:30 on 1 June in Amsterdam is still 31 May in UTC: it counts in June.
    Message.objects.create(
        help_request=help_request,
        author=coordinator,
        body="Hallo",
        created_at=at(D(2026, 6, 1), hour=0, minute=30),
    )
    make_decision(
        area_desk, decided_by=coordinator, help_request=help_request, decided_at=at(D(2026, 4, 30))
    )
    # Not a provider of the work area: a municipality's question counts nowhere.
    municipality = OrganisationFactory(municipality=utrecht, kind="municipality")
    Message.objects.create(
        help_request=question(area_desk, municipality),
        author=coordinator,
        body="Hallo",
        created_at=at(D(2026, 5, 2)),
    )

    per_month = {
        row["month"]: row["contacted"]
        for row in selectors.contacted_per_month(loket=area_desk, on=TODAY, months=3)
    }

    assert per_month == {D(2026, 6, 1): 1, D(2026, 5, 1): 0, D(2026, 4, 1): 1}


def test_among_all_providers_the_last_contact_is_the_latest_whatever_was_read_for_the_list(
    area_desk, club, coordinator, utrecht
):
    """The work list skips reading the questions of a provider a recent contact moment already
    covers; shown among all providers, its last contact is still the latest handling."""
    ContactMomentFactory(loket=area_desk, organisation=club, date=D(2026, 5, 1))
    make_decision(
        area_desk,
        decided_by=coordinator,
        help_request=question(area_desk, club),
        decided_at=at(D(2026, 6, 10)),
    )
    lapsed = OrganisationFactory(municipality=utrecht, name="Lang geleden")
    ContactMomentFactory(loket=area_desk, organisation=lapsed, date=D(2024, 1, 1))
    make_decision(
        area_desk,
        decided_by=coordinator,
        help_request=question(area_desk, lapsed),
        decided_at=at(D(2026, 6, 12)),
    )

    assert needing_contact(area_desk) == set()
    assert selectors.work_list_counts(loket=area_desk, user=coordinator, on=TODAY)["all"] == 0
    everyone = selectors.work_list_page(loket=area_desk, on=TODAY, everyone=True).object_list
    assert {row.name: row.last_contact for row in everyone} == {
        "VV Domstad": D(2026, 6, 10),
        "Lang geleden": D(2026, 6, 12),
    }
