"""Queries compiled once and then only run. Some pages read, on every visit, a few queries of
many joins, subqueries and conditions (the dashboard's figures, the funds' overview): the ORM
takes longer to build and compile them (each filter, subquery and condition resolved anew) than
the database takes to answer them. When a query's SQL depends only on what it is built from
(a member's membership and desk as stored, a day, a period), never on what it counts, it is
kept in the process under a key that names all of that, and from then on run as it was
compiled (as ``decisions.matching`` keeps its ranking's query)."""

import threading
from collections import OrderedDict
from typing import NamedTuple

from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.utils import timezone
from django.utils.hashable import make_hashable

from sportloket.core.compiled import converted_row

# How many compiled queries a process keeps, the least recently used dropped first: a few per
# member and day, each some kilobytes of SQL.
SIZE = 512


class _Compiled(NamedTuple):
    db: str
    sql: str
    params: tuple
    # The names of the columns, and Django's conversions of their values by position.
    names: tuple
    converters: dict


_compiled: OrderedDict = OrderedDict()
_lock = threading.Lock()


def shape(instance) -> tuple:
    """The values of all the fields ``instance`` stores (hashable): in a key, whatever a query
    may be built from of it."""
    fields = instance._meta.concrete_fields
    return tuple(make_hashable(field.value_from_object(instance)) for field in fields)


def rows(key, query) -> list[tuple]:
    """The rows of the queryset that ``query()`` makes (``values_list`` or ``values``), as
    tuples, their values converted as the queryset would. ``query`` is called the first time
    the process reads ``key`` (in the time zone in use); after that its SQL runs as compiled
    then. So ``key`` names everything the queryset is made of, and making it
    reads nothing from the database (the dashboard's tests check this)."""
    return _run(_get(key, query))


def row(key, query) -> dict:
    """The one row of the queryset ``query()`` makes, by column name (see ``rows``)."""
    compiled = _get(key, query)
    [found] = _run(compiled)
    return dict(zip(compiled.names, found, strict=True))


def dicts(key, query) -> list[dict]:
    """The rows of ``query()`` by column name, as ``values()`` gives them (see ``rows``)."""
    compiled = _get(key, query)
    return [dict(zip(compiled.names, found, strict=True)) for found in _run(compiled)]


def _run(compiled: _Compiled) -> list[tuple]:
    if not compiled.sql:
        return []
    connection = connections[compiled.db]
    with connection.cursor() as cursor:
        cursor.execute(compiled.sql, compiled.params)
        found = cursor.fetchall()
    if not compiled.converters:
        return found
    return [converted_row(row, compiled.converters, connection) for row in found]


def _get(key, query) -> _Compiled:
    # A moment's day, and so a month's bounds, follow the time zone in use.
    key = (timezone.get_current_timezone_name(), key)
    with _lock:
        compiled = _compiled.get(key)
        if compiled is not None:
            _compiled.move_to_end(key)
            return compiled
    compiled = _compile(query)
    with _lock:
        _compiled[key] = compiled
        while len(_compiled) > SIZE:
            _compiled.popitem(last=False)
    return compiled


def _compile(query) -> _Compiled:
    """The queryset ``query()`` makes, compiled (no SQL: it can find nothing)."""
    queryset = query()
    built = queryset.query
    names = (*built.extra_select, *built.values_select, *built.annotation_select)
    compiler = built.get_compiler(queryset.db)
    try:
        sql, params = compiler.as_sql()
    except EmptyResultSet:
        return _Compiled(queryset.db, "", (), tuple(names), {})
    columns = [expression for expression, _sql, _alias in compiler.select[: compiler.col_count]]
    converters = compiler.get_converters(columns)
    return _Compiled(queryset.db, sql, tuple(params), tuple(names), converters)
