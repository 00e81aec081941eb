"""The public register's page at any size: nine queries whatever the number of decisions and
the filters (the desk with the span of its decisions, the filters' choices, three totals, a
page of rows with their offerings and themes), every row said as before, and the filters'
fields (the same for everyone who asks the same) rendered once, showing what each visitor
asked for."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from sportloket.core.models import Municipality
from sportloket.core.tests.factories import ThemeFactory
from sportloket.decisions import register_views as views
from sportloket.decisions.tests.factories import decide, make_decision
from sportloket.helprequests.tests.factories import submit_request
from sportloket.offerings.tests.factories import OfferingFactory
from sportloket.registry.tests.factories import OrganisationFactory
from sportloket.testing.queries import assert_queries_do_not_grow

pytestmark = pytest.mark.django_db

# Anonymous, the register rendered anew (new decisions change its key); a kept register takes
# one (test_register_kept.py). A signed-in visitor adds the session, the user and their desks.
QUERIES = 9


@pytest.fixture(autouse=True)
def _nothing_kept_yet():
    views._FILTER_FIELDS.clear()
    yield
    views._FILTER_FIELDS.clear()


def public(client, desk, **query):
    return client.get(reverse("decisions:public", args=[desk.slug]), query)


@pytest.fixture
def theme(desk):
    return ThemeFactory(loket=desk, key="volunteers", name="Vrijwilligers", position=2)


@pytest.mark.parametrize(
    "query", [{}, {"page": "2"}, {"year": "2025", "kind": "club", "search": "beleid"}]
)
def test_the_register_takes_nine_queries_whatever_the_decisions(client, desk, coordinator,
                                                                 theme, query):  # fmt: skip
    offering = OfferingFactory(loket=desk, title="Vrijwilligersbeleid", theme_keys=["volunteers"])
    houten = Municipality.objects.get(code="GM0321")
    desk.work_area.set([houten])
    decided_at = datetime.datetime(2025, 6, 1, 12, tzinfo=timezone.get_current_timezone())

    def add(n):
        for _ in range(n):
            question = submit_request(desk, themes=[theme])
            question.organisation = OrganisationFactory(kind="club", municipality=houten)
            question.save()
            decide(question, offering, coordinator, decided_at=decided_at)

    add(1)
    _, response = assert_queries_do_not_grow(
        lambda: public(client, desk, **query), add, more=55, max_queries=QUERIES
    )
    assert response.status_code == 200
    assert response.context["distribution"]["totals"]["decisions"] == 56
    assert len(response.context["lines"]) == (6 if query.get("page") else 50)


def test_a_row_says_when_what_for_whom_where_and_how_it_is_paid(client, desk, coordinator,
                                                                 theme):  # fmt: skip
    finances = ThemeFactory(loket=desk, key="finances", name="Financiën", position=1)
    utrecht = Municipality.objects.get(code="GM0344")
    gym = OrganisationFactory(kind="commercial", name="Gym Centrum", municipality=utrecht)
    decided_at = datetime.datetime(2025, 3, 7, 23, 30, tzinfo=datetime.UTC)  # the 8th here
    make_decision(desk, decided_by=coordinator, organisation=gym, themes=[theme, finances],
                  amount_cents=125_050, outside_cents=25_000, decided_at=decided_at)  # fmt: skip
    make_decision(desk, decided_by=coordinator, amount_cents=0)  # no themes, no money
    lines = public(client, desk).context["lines"]
    newest, first = lines
    assert newest.themes == "–" and newest.paid == ""
    assert (first.date, first.themes, first.kind, first.municipality) == (
        "8 mrt. 2025",
        "Financiën, Vrijwilligers",  # in the desk's order
        "Ondernemende sportaanbieder",
        "Utrecht",
    )
    assert first.amount == "€\xa01.250,50"
    assert first.paid == (
        "€\xa00,00 uit de fondsen, €\xa0250,00 buiten de fondsen, €\xa01.000,50 nog niet toegekend"
    )


def test_the_filters_show_what_each_visitor_asked_for(client, desk, coordinator, theme):
    make_decision(desk, decided_by=coordinator, themes=[theme])
    clubs = public(client, desk, kind="club")
    assert '<option value="club" selected>' in clubs.text
    firms = public(client, desk, kind="commercial")
    assert '<option value="commercial" selected>' in firms.text
    assert '<option value="club" selected>' not in firms.text
    again = public(client, desk, kind="club", page="1")  # the page is no filter
    assert '<option value="club" selected>' in again.text
    assert len(views._FILTER_FIELDS) == 2
    for response in (clubs, firms, again):
        assert response.context["filter_fields"] == response.context["filter_form"].render()


def test_a_renamed_theme_or_a_wrong_filter_shows_at_once(client, desk, coordinator, theme):
    make_decision(desk, decided_by=coordinator, themes=[theme])
    assert ">Vrijwilligers</option>" in public(client, desk).text
    theme.name = "Vrijwilligersbeleid"
    theme.save()
    assert ">Vrijwilligersbeleid</option>" in public(client, desk).text
    wrong = public(client, desk, year="1800")
    assert wrong.context["filter_fields"] == wrong.context["filter_form"].render()
    assert public(client, desk, year="1800").status_code == 200  # kept: no form to compare
    kept = len(views._FILTER_FIELDS)
    long = public(client, desk, search="x" * 500)  # rendered, not kept
    assert long.context["filter_fields"] == long.context["filter_form"].render()
    assert len(views._FILTER_FIELDS) == kept
