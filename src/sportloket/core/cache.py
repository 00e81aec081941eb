"""The default cache: a table in the database, which every server process shares.

Rate limits count in the cache (allauth's failed sign-ins and second-factor codes,
``core.ratelimit`` for the public question form), so a cache in one process's memory would let
each process count on its own, and forget at every restart.
"""

import base64
import pickle

from asgiref.sync import sync_to_async
from django.core.cache.backends.db import DatabaseCache as DjangoDatabaseCache
from django.db import connections, models, router, transaction
from django.utils.timezone import now


class DatabaseCache(DjangoDatabaseCache):
    """Django's database cache with an ``incr`` that counts as Redis and memcached do.

    Django's own ``incr`` reads the value and then writes the sum with the default timeout: two
    processes can both read 3 and both write 4, and the key's expiry moves to five minutes from
    the last hit, so a limit per hour (``core.ratelimit.hit``) would start again whenever five
    quiet minutes pass. This one locks the row while it adds, and keeps the expiry.
    """

    def incr(self, key, delta=1, version=None):
        key = self.make_and_validate_key(key, version=version)
        db = router.db_for_write(self.cache_model_class)
        connection = connections[db]
        quote = connection.ops.quote_name
        table, key_column = quote(self._table), quote("cache_key")
        # SQLite has no row locks: its transactions here start IMMEDIATE (conf.database), which
        # takes the database's write lock before the read.
        lock = " FOR UPDATE" if connection.features.has_select_for_update else ""
        with transaction.atomic(using=db), connection.cursor() as cursor:
            cursor.execute(
                f"SELECT {quote('value')}, {quote('expires')} FROM {table} "  # noqa: S608
                f"WHERE {key_column} = %s{lock}",
                [key],
            )
            row = cursor.fetchone()
            if row is None or _as_datetime(row[1], connection) < now():
                raise ValueError(f"Key '{key}' not found")
            stored = base64.b64decode(connection.ops.process_clob(row[0]).encode())
            value = pickle.loads(stored) + delta  # noqa: S301 - read as Django's cache reads it
            pickled = base64.b64encode(pickle.dumps(value, self.pickle_protocol)).decode("latin1")
            cursor.execute(
                f"UPDATE {table} SET {quote('value')} = %s WHERE {key_column} = %s",  # noqa: S608
                [pickled, key],
            )
        return value

    async def aincr(self, key, delta=1, version=None):
        return await sync_to_async(self.incr, thread_sensitive=True)(key, delta, version)


def _as_datetime(value, connection):
    """The ``expires`` column as an aware or naive datetime, as Django's cache reads it."""
    expression = models.Expression(output_field=models.DateTimeField())
    for converter in connection.ops.get_db_converters(expression) + expression.get_db_converters(
        connection
    ):
        value = converter(value, expression, connection)
    return value
