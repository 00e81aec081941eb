"""Query-count guard for list pages: the number of queries must not grow with the rows."""

from django.db import connection
from django.test.utils import CaptureQueriesContext


def _count(fetch):
    with CaptureQueriesContext(connection) as ctx:
        result = fetch()
    return len(ctx.captured_queries), result, ctx.captured_queries


def assert_queries_do_not_grow(fetch, add_rows, *, more=20, max_queries=None):
    """Runs ``fetch()`` (a request), adds ``more`` rows with ``add_rows(n)``, runs it again.

    Fails if the second run needs more queries than the first (a query per row), or more than
    ``max_queries``. Returns both results, so the caller can check the rows really show.
    """
    first_count, first, _ = _count(fetch)
    add_rows(more)
    second_count, second, queries = _count(fetch)
    listing = "\n".join(q["sql"] for q in queries)
    assert second_count <= first_count, (
        f"{first_count} queries with few rows but {second_count} after adding {more} rows:\n"
        f"{listing}"
    )
    if max_queries is not None:
        assert second_count <= max_queries, (
            f"{second_count} queries, more than the bound of {max_queries}:\n{listing}"
        )
    return first, second
