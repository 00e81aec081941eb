"""The audit trail: django-auditlog records every create, update and delete of registered models.

Services wrap their writes in ``audited(actor)`` so that the entry names the acting user even
outside a web request (management commands, the API, background jobs).
"""

from contextlib import contextmanager

from auditlog.context import set_actor


@contextmanager
def audited(actor):
    if actor is None or not getattr(actor, "is_authenticated", False):
        yield
        return
    with set_actor(actor):
        yield
