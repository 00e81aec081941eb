"""On SQLite the inbox's search reads the desk's questions from one covering index (migration
0015): the count of a search never visits the table's rows."""

import pytest
from django.db import connection
from django.http import QueryDict

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
    sql, params = found.order_by().query.get_compiler(using="default").as_sql()
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN QUERY PLAN SELECT COUNT(*) FROM ({sql})", params)  # noqa: S608
        plan = " ".join(str(row) for row in cursor.fetchall())
    assert "COVERING INDEX helprequests_search" in plan
