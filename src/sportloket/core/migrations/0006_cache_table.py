"""The cache table: the default cache is a table in the database (settings: CACHES), which every
server process shares, so that rate limits count across processes and survive a restart.

A migration rather than a `createcachetable` step in the Makefile: `migrate` is what every
database already goes through (`make run`, the tests, a release in production), so none of them
can be left without the table. It makes the table of each database cache configured when it runs
(as `createcachetable` does, and nothing when CACHE_URL points elsewhere); a database cache
configured later needs `manage.py createcachetable` once.
"""

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.db import BaseDatabaseCache
from django.core.management import call_command
from django.db import migrations, router


def create_cache_tables(apps, schema_editor):
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


def drop_cache_tables(apps, schema_editor):
    alias = schema_editor.connection.alias
    for name in settings.CACHES:
        cache = caches[name]
        if isinstance(cache, BaseDatabaseCache) and router.allow_migrate_model(
            alias, cache.cache_model_class
        ):
            schema_editor.execute(
                f"DROP TABLE IF EXISTS {schema_editor.quote_name(cache._table)}"
            )


class Migration(migrations.Migration):

    dependencies = [
        ("core", "0005_membership_decides_support"),
    ]

    operations = [
        migrations.RunPython(create_cache_tables, drop_cache_tables, elidable=False),
    ]
