"""System checks of an installation (``manage.py check``; ``--deploy`` for production)."""

from django.core import checks
from django.core.cache import caches
from django.core.cache.backends.dummy import DummyCache
from django.core.cache.backends.locmem import LocMemCache


@checks.register(checks.Tags.caches, deploy=True)
def check_cache_is_shared(app_configs, **kwargs):
    """Rate limits count in the default cache. In one process's memory each server process
    counts on its own (two workers let twice as many sign-in attempts through) and a restart
    forgets every count; a dummy cache counts nothing at all."""
    cache = caches["default"]
    if isinstance(cache, LocMemCache | DummyCache):
        return [
            checks.Warning(
                f"The default cache ({type(cache).__name__}) is not shared between server "
                "processes: rate limits on sign-in attempts, second-factor codes and the public "
                "question form count per process and restart with it.",
                hint="Leave CACHE_URL unset (a table in the database) or point it at a cache "
                "every process shares, such as redis://….",
                id="sportloket.W001",
            )
        ]
    return []
