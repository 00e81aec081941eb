"""The query planner's statistics on SQLite after a migration. SQLite plans with the statistics
ANALYZE stored (sqlite_stat1); an index a migration adds has none, and the planner may then
prefer it where an older one is far better (the inbox's count per state took 15 ms instead of
under 1 through the new arrival index). So when the database has statistics, a migrate that
applied something brings them up to date. A database without any (a fresh one) is left alone:
statistics of empty tables would mislead the planner once the tables fill. PostgreSQL's
autovacuum analyses new indexes by itself."""

from django.db import connections


def refresh_after_migrate(sender, using="default", plan=None, **kwargs):
    if not plan:
        return
    connection = connections[using]
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sqlite_stat1'")
        if cursor.fetchone() is None:
            return
        cursor.execute("SELECT 1 FROM sqlite_stat1 LIMIT 1")
        if cursor.fetchone() is not None:
            cursor.execute("ANALYZE")
