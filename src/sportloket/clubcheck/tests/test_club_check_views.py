"""The club check's pages: the private answer page (filled in again, errors next to the field
with nothing lost, closed after the round), the round page's signals (queries bounded), and what
a partner sees (the figures, never one provider's answers)."""

from datetime import timedelta

import pytest
from django.urls import reverse
from freezegun import freeze_time

from sportloket.clubcheck.models import CheckAnswer
from sportloket.clubcheck.tests.factories import (
    CheckAnswerFactory,
    CheckInvitationFactory,
    CheckRoundFactory,
    ExtraQuestionFactory,
)
from sportloket.core.tests.factories import MembershipFactory
from sportloket.testing.queries import assert_queries_do_not_grow

pytestmark = pytest.mark.django_db

ANSWERS = {
    "by_name": "Sanne", "members_youth": "10", "members_adult": "20", "members_senior": "3",
    "volunteers": "4", "board_vacancies": "0", "finances": "healthy", "facilities": "own",
}  # fmt: skip


def test_the_private_page_keeps_what_was_typed_and_fills_in_the_answer(client, desk):
    invitation = CheckInvitationFactory(round=CheckRoundFactory(loket=desk))
    question = ExtraQuestionFactory(round=invitation.round)
    url = reverse("clubcheck:answer-form", args=[invitation.token])
    refused = client.post(url, {**ANSWERS, "members_youth": "-3", f"extra_{question.pk}": "yes"})
    assert refused.status_code == 400
    form = refused.context["form"]
    assert form["members_youth"].value() == "-3" and form["by_name"].value() == "Sanne"
    assert "members_youth" in form.errors
    assert not CheckAnswer.objects.exists()
    done = client.post(url, {**ANSWERS, f"extra_{question.pk}": "yes", "topics": ["members"]})
    assert done.status_code == 302
    again = client.get(url)
    assert again.context["form"].initial["members_adult"] == 20
    assert again.context["form"].initial[f"extra_{question.pk}"] == "yes"
    assert again.context["form"].initial["topics"] == ["members"]
    assert again["X-Robots-Tag"] == "noindex, nofollow"


def test_the_private_page_is_closed_after_the_round(client, desk):
    invitation = CheckInvitationFactory(round=CheckRoundFactory(loket=desk))
    url = reverse("clubcheck:answer-form", args=[invitation.token])
    with freeze_time(invitation.round.closes_on + timedelta(days=1)):
        page = client.get(url)
        assert page.context["is_open"] is False
        assert "Antwoorden versturen" not in page.content.decode()
        refused = client.post(url, ANSWERS)
    assert refused.status_code == 400
    assert not CheckAnswer.objects.exists()
    assert client.get(reverse("clubcheck:answer-form", args=["onbekend"])).status_code == 404


def test_the_round_page_lists_the_signals_without_a_query_each(coordinator_client, desk):
    round = CheckRoundFactory(loket=desk)
    url = reverse("clubcheck:round", args=[desk.slug, round.year])

    def add(n):
        for _ in range(n):
            answer = CheckAnswerFactory(invitation=CheckInvitationFactory(round=round),
                                        board_vacancies=1)  # fmt: skip
            answer.topics.create(topic="members")

    add(1)
    _first, second = assert_queries_do_not_grow(
        lambda: coordinator_client.get(url), add, more=10, max_queries=12
    )
    assert second.context["signals"].paginator.count == 11


def test_a_partner_sees_the_figures_but_no_answers(client, desk):
    partner = MembershipFactory(loket=desk, partner=True).user
    answer = CheckAnswerFactory.for_desk(desk)
    year = answer.round.year
    client.force_login(partner)
    assert client.get(reverse("clubcheck:results", args=[desk.slug, year])).status_code == 200
    round_page = client.get(reverse("clubcheck:round", args=[desk.slug, year]))
    assert round_page.status_code == 200 and "signals" not in round_page.context
    detail = reverse("clubcheck:answer", args=[desk.slug, year, answer.pk])
    assert client.get(detail).status_code == 403
    assert (
        client.post(reverse("clubcheck:list", args=[desk.slug]), {"year": 2030}).status_code == 403
    )


def test_the_public_page_shows_the_headline_figures_within_its_queries(client, desk):
    round = CheckRoundFactory(loket=desk, closed=True)
    url = reverse("core:desk-public", args=[desk.slug])

    def add(n):
        for _ in range(n):
            CheckAnswerFactory(invitation=CheckInvitationFactory(round=round))

    add(5)
    _first, second = assert_queries_do_not_grow(lambda: client.get(url), add, more=10,
                                                max_queries=12)  # fmt: skip
    text = second.content.decode()
    assert "15 van de 15 aanbieders antwoordden" in text
    assert 'role="img"' in text  # the chart, with the same numbers in the table beside it
    assert reverse("clubcheck:open-data", args=[desk.slug, round.year, "csv"]) in text


def test_an_open_rounds_figures_are_not_published(client, desk):
    """While answers come in, one day's figures minus the next would give a provider away:
    the public page, the open data and a partner see them once the check has closed."""
    round = CheckRoundFactory(loket=desk)
    for _ in range(6):
        CheckAnswerFactory(invitation=CheckInvitationFactory(round=round))
    public = client.get(reverse("core:desk-public", args=[desk.slug])).content.decode()
    assert "club-check-figures-title" not in public
    for fmt in ("csv", "json"):
        url = reverse("clubcheck:open-data", args=[desk.slug, round.year, fmt])
        assert client.get(url).status_code == 404
    partner = MembershipFactory(loket=desk, partner=True).user
    client.force_login(partner)
    waiting = client.get(reverse("clubcheck:results", args=[desk.slug, round.year]))
    assert waiting.templates[0].name == "clubcheck/results_waiting.html"
    assert "groups" not in waiting.context
    round.closes_on = round.opens_on  # closed since
    round.save()
    shown = client.get(reverse("clubcheck:results", args=[desk.slug, round.year]))
    assert shown.context["total"].answered == 6


def test_the_list_of_rounds_does_not_grow_in_queries(coordinator_client, desk):
    url = reverse("clubcheck:list", args=[desk.slug])
    years = iter(range(2030, 2060))

    def add(n):
        for _ in range(n):
            round = CheckRoundFactory(loket=desk, year=next(years))
            CheckAnswerFactory(invitation=CheckInvitationFactory(round=round))
            CheckInvitationFactory(round=round)

    add(1)
    _first, second = assert_queries_do_not_grow(
        lambda: coordinator_client.get(url), add, more=5, max_queries=12
    )
    rounds = list(second.context["rounds"])
    assert len(rounds) == 6 and all((r.invited, r.answered) == (2, 1) for r in rounds)
