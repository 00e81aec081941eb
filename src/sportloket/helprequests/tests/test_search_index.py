"""On SQLite the inbox's search reads the desk's questions from one covering index (migrations
0015 and 0017): the count of a search never visits the table's rows."""

import pytest
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext

from sportloket.helprequests import exports

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "sqlite", reason="an index of SQLite only"),
]


def test_the_search_counts_from_the_covering_index(desk, coordinator):
    membership = coordinator.memberships.get(loket=desk)
    _form, found = exports.inbox_filtered(
        membership=membership, data=QueryDict("q=Houten+vrijwilligers")
    )
    with CaptureQueriesContext(connection) as counted:
        found.count()  # as the inbox's paginator counts
    (count_sql,) = [q["sql"] for q in counted.captured_queries]
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN QUERY PLAN {count_sql}")
        plan = " ".join(str(row) for row in cursor.fetchall())
    assert "COVERING INDEX helprequests_search" in plan
    # The linked organisation's name is the question's own copy: no lookup per question.
    assert "registry_organisation" not in plan
