"""Database settings for the contact figures."""

from contextlib import contextmanager

from django.db import connection, transaction


@contextmanager
def without_jit():
    """Runs the enclosed queries without PostgreSQL's JIT compilation.

    The work list and the coverage figures annotate every provider with correlated subqueries
    (each an index lookup of microseconds), but the planner multiplies their costs by its row
    estimate and lands far above ``jit_above_cost``: compiling the plan then takes over a
    second for a query that runs in tens of milliseconds (measured with bench_contacts.py on
    2,000,000 contact moments). ``SET LOCAL`` holds for the enclosing transaction only."""
    if connection.vendor != "postgresql":
        yield
        return
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL jit = off")
        yield
