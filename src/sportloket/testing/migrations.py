"""Migrating a test database to given migrations the way `manage.py migrate` does: with the
pre- and post-migrate signals around it, so what the apps do there happens too (decisions.db
takes its SQLite triggers off for a table rebuild and puts them back)."""

from django.core.management.sql import emit_post_migrate_signal, emit_pre_migrate_signal
from django.db import DEFAULT_DB_ALIAS, connection
from django.db.migrations.executor import MigrationExecutor


def migrate_to(targets=None):
    """Migrates to ``targets`` (a list of (app, migration)); None: to the latest."""
    executor = MigrationExecutor(connection)
    plan_targets = executor.loader.graph.leaf_nodes() if targets is None else targets
    emit_pre_migrate_signal(0, False, DEFAULT_DB_ALIAS)
    try:
        executor.migrate(plan_targets)
    finally:
        emit_post_migrate_signal(0, False, DEFAULT_DB_ALIAS)
