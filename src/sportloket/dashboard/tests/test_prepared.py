"""The dashboard's queries compiled once per key: making one reads nothing from the database
(so the key names all it is made of), and their rows come back as the queryset gives them."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from sportloket.contacts.models import ContactMoment
from sportloket.contacts.tests.factories import ContactMomentFactory
from sportloket.core import prepared
from sportloket.core.tests.factories import MembershipFactory
from sportloket.dashboard.tests.conftest import D

pytestmark = pytest.mark.django_db


@pytest.fixture
def compiled(monkeypatch):
    """The queries the page compiles, each checked to read nothing while it is made."""
    made = []
    compile_query = prepared._compile

    def checked(query):
        with CaptureQueriesContext(connection) as reads:
            found = compile_query(query)
        assert not reads.captured_queries, found.sql
        made.append(found)
        return found

    monkeypatch.setattr(prepared, "_compiled", type(prepared._compiled)())
    monkeypatch.setattr(prepared, "_compile", checked)
    return made


@pytest.mark.parametrize("role", ["coordinator", "supporter", "partner", "viewer"])
def test_making_the_dashboards_queries_reads_nothing(client, busy, compiled, role):
    viewer = role == "viewer"
    client.force_login(MembershipFactory(loket=busy.desk).user if viewer else getattr(busy, role))

    assert client.get(reverse("dashboard:desk", args=[busy.desk.slug])).status_code == 200

    assert compiled


def test_the_rows_are_converted_as_the_queryset_converts_them(desk):
    ContactMomentFactory(loket=desk, date=D(2026, 6, 1))
    ContactMomentFactory(loket=desk, date=D(2026, 5, 1))

    def query():
        return ContactMoment.objects.filter(loket=desk).order_by("date").values_list("date", "pk")

    assert prepared.rows(("test.moments", desk.pk), query) == list(query())
    assert prepared.rows(("test.moments", desk.pk), query)[0][0] == D(2026, 5, 1)


def test_a_query_that_can_find_nothing_is_not_run(desk, django_assert_num_queries):
    with django_assert_num_queries(0):
        assert prepared.rows(("test.none", desk.pk), ContactMoment.objects.none) == []


def test_dicts_name_each_value_as_values_does(desk):
    ContactMomentFactory(loket=desk, date=D(2026, 6, 1))

    def query():
        return ContactMoment.objects.filter(loket=desk).values("date", "loket_id")

    assert prepared.dicts(("test.dicts", desk.pk), query) == list(query())
    assert prepared.dicts(("test.dicts", desk.pk), query) == [
        {"date": D(2026, 6, 1), "loket_id": desk.pk}
    ]
