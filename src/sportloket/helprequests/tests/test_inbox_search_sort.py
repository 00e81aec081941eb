"""The inbox's query parameters (a contract other pages link to): free-text search, the
assignee, waiting for a decision, and the orders a desk sorts by, all in the database."""

from datetime import date

import pytest
from django.urls import reverse
from django.utils.http import urlencode
from freezegun import freeze_time

from sportloket.core import services as core_services
from sportloket.core.tests.factories import MembershipFactory
from sportloket.helprequests import services
from sportloket.helprequests.constants import RequestState as S
from sportloket.helprequests.tests.factories import submit_request as submit
from sportloket.registry.tests.factories import OrganisationFactory
from sportloket.testing.html import squashed
from sportloket.testing.queries import assert_queries_do_not_grow

pytestmark = pytest.mark.django_db


def listed(client, desk, **params) -> list[str]:
    url = reverse("helprequests:inbox", args=[desk.slug])
    response = client.get(f"{url}?{urlencode(params)}" if params else url)
    assert response.status_code == 200
    return [r["question"] for r in response.context["page_obj"]]


def test_search_finds_question_text_organisation_contact_and_e_mail(coordinator_client, desk):
    club = OrganisationFactory.for_desk(desk, name="Hockeyclub De Kraaien")
    submit(desk, question="Wij zoeken een penningmeester", organisation_name="VV Oost")
    submit(desk, question="Ledenwerving", organisation=club, organisation_name="HC Kraai")
    submit(desk, question="Subsidie", contact_name="Pieter Jansma")
    submit(desk, question="Accommodatie", contact_email="bestuur@zwemclub-dolfijn.example.nl")

    assert listed(coordinator_client, desk, q="PENNINGMEESTER") == ["Wij zoeken een penningmeester"]
    assert listed(coordinator_client, desk, q="vv oost") == ["Wij zoeken een penningmeester"]
    assert listed(coordinator_client, desk, q="kraaien") == ["Ledenwerving"]  # as linked
    assert listed(coordinator_client, desk, q="jansma") == ["Subsidie"]
    assert listed(coordinator_client, desk, q="dolfijn") == ["Accommodatie"]
    assert listed(coordinator_client, desk, q="penningmeester jansma") == []  # every word


def test_search_finds_a_question_by_its_number_and_by_its_tracking_link(coordinator_client, desk):
    wanted = submit(desk, question="Gezocht")
    submit(desk, question="Iets anders")
    assert listed(coordinator_client, desk, q=str(wanted.pk)) == ["Gezocht"]
    assert listed(coordinator_client, desk, q=f"#{wanted.pk}") == ["Gezocht"]
    link = "https://loket.example.nl" + reverse("helprequests:track", args=[wanted.tracking_token])
    assert listed(coordinator_client, desk, q=link) == ["Gezocht"]
    assert listed(coordinator_client, desk, q=wanted.tracking_token) == ["Gezocht"]
    assert listed(coordinator_client, desk, q=wanted.tracking_token[:-1] + "!") == []


def test_search_stays_within_what_the_member_may_see(client, desk, other_desk):
    submit(other_desk, question="Vraag van een ander loket")
    submit(desk, question="Vraag in behandeling elders")
    waiting = submit(desk, question="Vraag in de wachtrij")
    busy = submit(desk, question="Vraag in uitvoering")
    busy.state = S.IN_PROGRESS
    busy.save()
    supporter = MembershipFactory(loket=desk, supporter=True)
    client.force_login(supporter.user)
    assert listed(client, desk, q="vraag", state="all") == [
        "Vraag in behandeling elders",
        waiting.question,
    ]


def test_assignee_me_none_or_a_member(client, desk, coordinator):
    me = MembershipFactory(loket=desk, supporter=True)
    colleague = MembershipFactory(loket=desk, supporter=True)
    mine, theirs, nobodys = (
        submit(desk, question="Mijn"),
        submit(desk, question="Van collega"),
        (submit(desk, question="Van niemand")),
    )
    services.request_assign(help_request=mine, membership=me, actor=coordinator)
    services.request_assign(help_request=theirs, membership=colleague, actor=coordinator)
    client.force_login(me.user)
    assert listed(client, desk, assignee="me") == ["Mijn"]
    assert listed(client, desk, assignee="none") == ["Van niemand"]
    assert listed(client, desk, assignee=colleague.pk) == ["Van collega"]
    assert listed(client, desk, state="submitted", assignee="none") == [nobodys.question]


def test_the_assignee_column_names_the_current_assignee(coordinator_client, desk, coordinator):
    question = submit(desk)
    first = MembershipFactory(loket=desk, supporter=True, user__full_name="Anna Eerst")
    then = MembershipFactory(loket=desk, supporter=True, user__full_name="Bram Daarna")
    services.request_assign(help_request=question, membership=first, actor=coordinator)
    services.request_assign(help_request=question, membership=then, actor=coordinator)
    page = squashed(coordinator_client.get(reverse("helprequests:inbox", args=[desk.slug])).text)
    assert 'data-label="Toegewezen aan">Bram Daarna</td>' in page
    assert "Anna Eerst</td>" not in page


def test_waiting_for_a_decision_lists_decidable_questions_without_one(coordinator_client, desk):
    open_question = submit(desk, question="Wacht op besluit")
    decided = submit(desk, question="Al besloten")
    services.request_move(help_request=decided, to_state=S.TRIAGE)
    services.request_move(help_request=decided, to_state=S.MATCHED)
    paused = submit(desk, question="In de wacht")
    services.request_move(help_request=paused, to_state=S.TRIAGE)
    services.request_move(help_request=paused, to_state=S.ON_HOLD, note="Even wachten")
    assert decided.__class__.objects.get(pk=decided.pk).decided_at is not None
    assert listed(coordinator_client, desk, waiting="decision") == [open_question.question]


def test_the_sorts_a_desk_uses(coordinator_client, desk):
    with freeze_time("2026-11-02"):
        oldest = submit(desk, question="Oudste", organisation_name="zwemclub")
    with freeze_time("2026-11-09"):
        answered = submit(desk, question="Beantwoord", organisation_name="Atletiek")
    with freeze_time("2026-11-10"):
        services.request_move(help_request=answered, to_state=S.TRIAGE)  # first response given
    with freeze_time("2026-11-16"):
        newest = submit(desk, question="Nieuwste", organisation_name="Biljart")
    answered.refresh_from_db()
    assert oldest.respond_by == date(2026, 11, 5) and newest.respond_by == date(2026, 11, 19)
    assert answered.decide_by > newest.respond_by  # the decision's deadline counts now

    assert listed(coordinator_client, desk) == ["Oudste", "Beantwoord", "Nieuwste"]
    assert listed(coordinator_client, desk, sort="waiting") == ["Oudste", "Beantwoord", "Nieuwste"]
    assert listed(coordinator_client, desk, sort="newest") == ["Nieuwste", "Beantwoord", "Oudste"]
    assert listed(coordinator_client, desk, sort="deadline") == ["Oudste", "Nieuwste", "Beantwoord"]
    assert listed(coordinator_client, desk, sort="organisation") == [
        "Beantwoord",
        "Nieuwste",
        "Oudste",
    ]


def test_the_column_headers_sort_and_say_how(coordinator_client, desk):
    submit(desk)
    url = reverse("helprequests:inbox", args=[desk.slug])
    page = squashed(coordinator_client.get(url, {"q": "vrijwilligers"}).text)
    assert (
        '<th scope="col" aria-sort="ascending"><a href="?q=vrijwilligers&amp;sort=newest">' in page
    )
    page = squashed(coordinator_client.get(url, {"sort": "deadline"}).text)
    assert '<th scope="col" aria-sort="ascending"><a href="?sort=deadline">Uiterlijk</a>' in page


def test_a_wrong_filter_value_is_explained_and_the_other_filters_still_apply(
    coordinator_client, desk
):
    submit(desk, question="Over vrijwilligers")
    submit(desk, question="Over geld")
    url = reverse("helprequests:inbox", args=[desk.slug])
    response = coordinator_client.get(url, {"q": "geld", "sort": "zzz", "assignee": "99999"})
    assert response.status_code == 200
    assert [r["question"] for r in response.context["page_obj"]] == ["Over geld"]
    errors = response.context["filter_form"].errors
    assert set(errors) == {"sort", "assignee"}
    assert "Selecteer een geldige keuze" in errors["sort"][0]


@pytest.mark.parametrize(
    "params",
    [
        {"q": "vrijwilligers", "sort": "deadline"},
        {"assignee": "me", "sort": "organisation"},
        {"waiting": "decision", "state": "all", "sort": "newest"},
    ],
    ids=["search-deadline", "mine-organisation", "waiting-newest"],
)
def test_the_query_count_does_not_grow_whatever_the_filters(
    coordinator_client, desk, coordinator, params
):
    core_services.themes_prefill(loket=desk, actor=None)
    theme = desk.themes.first()
    me = coordinator.memberships.get(loket=desk)

    def add(n):
        for _ in range(n):
            question = submit(desk, organisation=OrganisationFactory.for_desk(desk), themes=[theme])
            services.request_assign(help_request=question, membership=me, actor=coordinator)

    add(1)
    _, last = assert_queries_do_not_grow(
        lambda: coordinator_client.get(reverse("helprequests:inbox", args=[desk.slug]), params),
        add,
        more=15,
        max_queries=12,
    )
    assert len(last.context["page_obj"]) == 16
