"""The public register's content is rendered once and kept (issue 19): a second visit with the
same filters takes one query, and what the register shows of decisions and money is never
stale: a new decision and money awarded show at the next visit."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from sportloket.core.tests.factories import MembershipFactory
from sportloket.decisions.tests.factories import decide
from sportloket.funds import services as fund_services
from sportloket.funds.constants import AllocationState
from sportloket.funds.tests.factories import FundFactory
from sportloket.helprequests.tests.factories import submit_request
from sportloket.offerings.tests.factories import OfferingFactory
from sportloket.testing.html import squashed

pytestmark = pytest.mark.django_db


@pytest.fixture
def offering(desk):
    return OfferingFactory(loket=desk, title="Clubkadercursus", theme_keys=["volunteers"],
                           cost_cents=60_000)  # fmt: skip


def visit(client, desk, **query):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("decisions:public", args=[desk.slug]), query)
    assert response.status_code == 200
    main = response.text.split("<main", 1)[1].split("</main>", 1)[0]
    return squashed(main), len(queries)


def test_a_second_visit_is_served_from_the_kept_register_in_two_queries(
    client, desk, question, offering, coordinator
):
    decide(question, offering, coordinator)
    first, _ = visit(client, desk)
    again, queries = visit(client, desk)
    assert again == first
    assert queries == 1  # the desk with its stamps; the register kept in the process
    filtered, filtered_queries = visit(client, desk, kind="club")  # other filters: rendered
    assert filtered_queries > 1 and "voldoet aan deze filters" in filtered


def test_a_new_decision_shows_at_the_next_visit(client, desk, question, offering, coordinator):
    decide(question, offering, coordinator)
    page, _ = visit(client, desk)
    assert "1 geldend besluit" in page
    decide(submit_request(desk, themes=list(question.themes.all())), offering, coordinator)
    page, _ = visit(client, desk)
    assert "2 geldende besluiten" in page


def test_money_awarded_shows_at_the_next_visit(client, desk, question, offering, coordinator):
    fund = FundFactory(loket=desk, name="Rabo ClubSupport", amount_cents=500_000,
                       approval_threshold_cents=10_000)  # fmt: skip
    decision = decide(question, offering, coordinator, funding=[(fund, 60_000)])
    [allocation] = decision.allocations.all()
    assert allocation.state == AllocationState.PROPOSED
    page, _ = visit(client, desk)
    assert "€ 0,00 toegekend uit de fondsen" in page
    owner = MembershipFactory(loket=desk, partner=True, organisation=fund.owner).user
    fund_services.allocation_approve(allocation=allocation, actor=owner)
    page, _ = visit(client, desk)
    assert "€ 600,00 toegekend uit de fondsen" in page


def test_each_language_has_its_own_kept_register(client, desk, question, offering, coordinator):
    decide(question, offering, coordinator)
    dutch, _ = visit(client, desk)
    client.cookies["django_language"] = "en"
    english, _ = visit(client, desk)
    assert "1 geldend besluit" in dutch and "1 decision that holds" in english
