"""The desk's decision list in a fixed number of queries, whatever the decisions: a decision
shows its chosen offerings only and says when a later one superseded it (read per decision by
an index, never by a join that reads every decision of every desk)."""

import pytest
from django.urls import reverse

from sportloket.decisions.tests.factories import decide
from sportloket.helprequests.tests.factories import submit_request
from sportloket.offerings.tests.factories import OfferingFactory
from sportloket.testing.html import squashed
from sportloket.testing.queries import assert_queries_do_not_grow

pytestmark = pytest.mark.django_db

# The session, the user and the membership (3), the years of the filter, the count, the page
# of decisions and their chosen offerings (4).
MAX_QUERIES = 7


@pytest.fixture
def offerings(desk):
    return (
        OfferingFactory(loket=desk, title="Vrijwilligersbeleid", theme_keys=["volunteers"]),
        OfferingFactory(loket=desk, title="Financieel spreekuur", theme_keys=["finances"]),
    )


def test_a_superseded_decision_says_so_and_shows_only_what_was_chosen(
    coordinator_client, desk, coordinator, offerings
):
    best, second = offerings
    question = submit_request(desk)
    first = decide(question, best, coordinator, rationale="Eerst dit.", deviation_reason="Zo.")
    decide(question, second, coordinator, rationale="Toch dit.", deviation_reason="Zo.")

    page = squashed(coordinator_client.get(reverse("decisions:list", args=[desk.slug])).text)

    assert page.count("<strong>vervangen</strong>") == 1
    later, earlier = page.index("Toch dit."), page.index("Eerst dit.")
    assert later < page.index("<strong>vervangen</strong>") < earlier
    # Each shows its chosen offering; the one it passed over (ranked too) is not named.
    chosen = [part.split("(", 1)[0].strip() for part in page.split("Gekozen:</strong>")[1:]]
    assert chosen == ["Financieel spreekuur", "Vrijwilligersbeleid"]
    assert first.options.filter(chosen=False).exists()


def test_the_list_takes_the_same_queries_for_many_decisions(
    coordinator_client, desk, coordinator, offerings
):
    def add(n):
        for _ in range(n):
            question = submit_request(desk)
            decide(question, offerings[0], coordinator, deviation_reason="Zo.")
            decide(question, offerings[1], coordinator, deviation_reason="Zo.")  # supersedes it

    add(1)
    url = reverse("decisions:list", args=[desk.slug])
    for query in ({}, {"show": "current", "search": "spreekuur"}):
        _, response = assert_queries_do_not_grow(
            lambda q=query: coordinator_client.get(url, q), add, more=4, max_queries=MAX_QUERIES
        )
        assert response.status_code == 200
