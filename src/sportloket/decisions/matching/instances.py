"""Making the objects of a ranking quickly: model instances from rows without Django's own
instantiation (``maker``), and Python's cyclic garbage collector paused while thousands of them
are made (``collector_paused``). Machinery for speed: a ranking would give the same without it,
only slower than a page may take."""

import contextlib
import gc

from django.db.models import signals
from django.db.models.base import ModelState


@contextlib.contextmanager
def collector_paused():
    """Pauses Python's cyclic garbage collector while a ranking makes its objects.

    A ranking makes some fifteen thousand objects (the offerings with their state, reasons,
    rows), all still in use when it ends and in no reference cycle: each collection their
    making would set off finds nothing to free, and every few rankings one of them walks all the
    objects of the process (in the benchmark a sixth of a ranking's time, more in a web process
    with more objects). A collector that was off stays off."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def maker(model, names, db):
    """A function that makes an instance of ``model`` from a row that starts with ``names``,
    with the related objects in ``fields_cache`` (by their cache name) already set.

    Django's own instantiation takes too long for thousands of offerings in the time a page has
    (``__init__`` sets one field at a time); this fills the fields at once, with the state that
    ``Model.from_db`` gives, unless something listens to the init signals."""
    if signals.pre_init.has_listeners(model) or signals.post_init.has_listeners(model):
        width = len(names)

        def from_db(row, fields_cache=None):
            instance = model.from_db(db, names, row[:width])
            if fields_cache:
                instance._state.fields_cache.update(fields_cache)
            return instance

        return from_db
    new_instance, new_state = model.__new__, ModelState.__new__

    def make(row, fields_cache=None):
        instance = new_instance(model)
        state = new_state(ModelState)
        state.adding = False
        state.db = db
        state.fields_cache = {} if fields_cache is None else fields_cache
        values = dict(zip(names, row))  # noqa: B905 (the row goes on after the names)
        values["_state"] = state
        instance.__dict__ = values
        return instance

    return make
