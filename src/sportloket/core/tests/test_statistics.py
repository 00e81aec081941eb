"""After a migrate that applied something, SQLite's planner statistics include the new indexes,
if the database had statistics at all."""

import pytest
from django.db import connection

from sportloket.core.statistics import refresh_after_migrate

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's statistics"),
]


def _stat_rows(cursor, index):
    cursor.execute("SELECT COUNT(*) FROM sqlite_stat1 WHERE idx = %s", [index])
    return cursor.fetchone()[0]


def test_a_new_index_gets_statistics_when_the_database_has_them(desk):
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
        cursor.execute("CREATE INDEX test_new_index ON core_loket (name, slug)")
        assert _stat_rows(cursor, "test_new_index") == 0
        refresh_after_migrate(sender=None, plan=[("migration", False)])
        assert _stat_rows(cursor, "test_new_index") == 1
        cursor.execute("DROP INDEX test_new_index")


def test_nothing_applied_nothing_analysed(desk):
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
        cursor.execute("CREATE INDEX test_new_index ON core_loket (name, slug)")
        refresh_after_migrate(sender=None, plan=[])
        assert _stat_rows(cursor, "test_new_index") == 0
        cursor.execute("DROP INDEX test_new_index")


def test_a_database_without_statistics_is_left_without(desk):
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
        cursor.execute("DELETE FROM sqlite_stat1")
        refresh_after_migrate(sender=None, plan=[("migration", False)])
        cursor.execute("SELECT COUNT(*) FROM sqlite_stat1")
        assert cursor.fetchone()[0] == 0
