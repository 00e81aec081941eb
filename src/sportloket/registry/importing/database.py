"""The few things an import asks of the database engine itself, for SQLite and PostgreSQL (the
two the project runs on): ids for new rows before they are written, and the names to write
SQL with."""

import time

from django.core.exceptions import ImproperlyConfigured
from django.db import connection, transaction

# SQLite has one write lock and no queue for it: a writer that finds it taken sleeps and tries
# again, at last every 100 ms, and a writer that comes back at once tends to win. A background
# job that writes batch after batch would so keep web requests waiting for seconds. Between
# two of its transactions it gives way this long, so that every waiting writer finds the lock
# free once.
GIVE_WAY_SECONDS = 0.1


def quoted(model, field: str | None = None) -> str:
    """A model's table, or one of its fields' columns, quoted for SQL."""
    if field is None:
        return connection.ops.quote_name(model._meta.db_table)
    return connection.ops.quote_name(model._meta.get_field(field).column)


def give_way() -> None:
    """A pause between two of a background job's transactions, on SQLite (see above);
    PostgreSQL's row locks let others write meanwhile."""
    if connection.vendor == "sqlite":
        time.sleep(GIVE_WAY_SECONDS)


def reserve_ids(model, count: int) -> list[int]:
    """``count`` primary keys of ``model`` that no other row will get, for rows written later
    with these ids: so that staged rows can name the organisations they are to create, and the
    final write inserts them all in one statement.

    PostgreSQL hands them out from the table's sequence (never twice, whatever commits). SQLite
    tables of Django count with AUTOINCREMENT: a new row's id is above the number kept in
    ``sqlite_sequence`` and above every id in the table, so raising that number by ``count``
    keeps the ids below it for us; it is raised in a transaction, which holds SQLite's write
    lock, so two reservations never overlap."""
    if count <= 0:
        return []
    table = model._meta.db_table
    pk_column = model._meta.pk.column
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                [table, pk_column, count],
            )
            return [row[0] for row in cursor.fetchall()]
        if connection.vendor != "sqlite":
            raise ImproperlyConfigured(
                f"Imports run on SQLite or PostgreSQL, not {connection.vendor}."
            )
        highest = (
            f"SELECT COALESCE(MAX({connection.ops.quote_name(pk_column)}), 0) FROM {quoted(model)}"  # noqa: S608 - names from the model
        )
        cursor.execute(
            "INSERT INTO sqlite_sequence (name, seq) SELECT %s, 0 "
            "WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = %s)",
            [table, table],
        )
        cursor.execute(
            f"UPDATE sqlite_sequence SET seq = MAX(seq, ({highest})) + %s WHERE name = %s",  # noqa: S608
            [count, table],
        )
        cursor.execute("SELECT seq FROM sqlite_sequence WHERE name = %s", [table])
        last = cursor.fetchone()[0]
    return list(range(last - count + 1, last + 1))


# Values Python's database drivers do not take as they are.
_PREPARED_TYPES = {"DateField", "DateTimeField", "JSONField"}


def insert_rows(model, fields: list[str], rows: list[tuple]) -> None:
    """Inserts ``rows`` (tuples of the values of ``fields``, a foreign key by its id) in one
    statement per row batch of the driver, without making a model object of each: staging
    an import's rows spends its time in the database, not in Python."""
    if not rows:
        return
    meta = [model._meta.get_field(name) for name in fields]
    prepared = [i for i, f in enumerate(meta) if f.get_internal_type() in _PREPARED_TYPES]
    if prepared:
        rows = [list(row) for row in rows]
        for row in rows:
            for i in prepared:
                row[i] = meta[i].get_db_prep_save(row[i], connection)
    columns = ", ".join(connection.ops.quote_name(f.column) for f in meta)
    values = ", ".join(["%s"] * len(meta))
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {quoted(model)} ({columns}) VALUES ({values})",  # noqa: S608 - our names
            rows,
        )
