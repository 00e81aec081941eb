"""A page of a list read as values is counted on the queryset the values came from, without
the joins the values need (``core.paging.values_page``)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sportloket.core.models import Membership
from sportloket.core.paging import values_page
from sportloket.core.tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db


def test_the_page_holds_the_values_and_the_count_joins_nothing(desk):
    for _ in range(3):
        MembershipFactory(loket=desk)
    memberships = Membership.objects.filter(loket=desk).order_by("pk")

    with CaptureQueriesContext(connection) as queries:
        page = values_page(
            memberships.values("pk", "user__email", "loket__name"),
            counted=memberships,
            per_page=2,
            number="2",
        )
        rows = list(page)

    assert page.paginator.count == 3
    assert page.number == 2
    assert rows == [
        {"pk": m.pk, "user__email": m.user.email, "loket__name": desk.name} for m in memberships[2:]
    ]
    [count] = [q["sql"] for q in queries.captured_queries if "COUNT(" in q["sql"]]
    assert "JOIN" not in count
