"""Pieces of a page rendered once per process: a form's fields that are the same for everyone
who asks for them (the public question form of a desk, the public register's filters), kept
under a key that names everything they are made from. The same key always renders the same
text, so a kept piece is never stale and nothing has to be cleared: when a desk renames a
theme, its name is in the new key and the old piece is simply no longer asked for.

In this process's memory, not in Django's cache: the cache is a database table by default,
so a lookup there is a query, and these pieces take only a few milliseconds to render again
in a new process. The language is part of every key; what is personal (a CSRF token, a
one-time stamp, what someone typed) never goes into a kept piece."""

import threading
import weakref
from collections import OrderedDict
from collections.abc import Callable, Hashable

from django.utils.translation import get_language

# Enough for every desk's question form and the register's usual filters in both languages;
# the least recently used piece goes first, so odd filters typed by hand cannot fill memory.
SIZE = 512


# Every store, for ``clear_all``.
_STORES: "weakref.WeakSet[RenderedOnce]" = weakref.WeakSet()


def clear_all() -> None:
    """Empties every store: for tests, whose databases hand out the same keys again."""
    for store in list(_STORES):
        store.clear()


class RenderedOnce:
    """A bounded store of rendered pieces by key (``get``)."""

    def __init__(self, size: int = SIZE):
        self.size = size
        self._pieces: OrderedDict[Hashable, str] = OrderedDict()
        self._lock = threading.Lock()
        _STORES.add(self)

    def get(self, key: tuple, render: Callable[[], str]) -> str:  # or what render() gives
        """The piece kept under ``key`` in the active language, rendered by ``render()`` the
        first time. ``key`` must name everything the piece is made from."""
        key = (get_language(), *key)
        with self._lock:
            piece = self._pieces.get(key)
            if piece is not None:
                self._pieces.move_to_end(key)
                return piece
        piece = render()  # outside the lock: two threads may both render it once
        with self._lock:
            self._pieces[key] = piece
            while len(self._pieces) > self.size:
                self._pieces.popitem(last=False)
        return piece

    def clear(self) -> None:
        with self._lock:
            self._pieces.clear()

    def __len__(self) -> int:
        return len(self._pieces)


# What a person chooses or types in a list's filters stays far below this; longer input is
# rendered each time and not kept, so that odd addresses cannot fill the store with big keys.
LONGEST_KEPT_INPUT = 200


def form_fields(store: RenderedOnce, name: str, form) -> str:
    """A form's fields as ``form.render()`` gives them, kept in ``store``: for the filters and
    bulk actions of a list, which are the same for everyone who asks for the same thing (a
    select's options are a template each, often more than the list itself takes). The key
    names the form (``name``), every choice of its fields (read here: a theme added or a
    member renamed makes another key) and what was asked (the bound data, a QueryDict, from
    which its errors follow) and the fields' initial values. A form with something personal in
    it (a CSRF token, a one-time key) must not come here."""
    key = _form_key(name, form, tuple(form.fields))
    return form.render() if key is None else store.get(key, form.render)


def field_groups(store: RenderedOnce, name: str, form, fields: tuple) -> dict:
    """The fields named ``fields`` of ``form``, each as ``as_field_group()`` renders it, by
    name, kept in ``store`` as ``form_fields`` keeps a form's fields: for a form whose
    template places its fields one by one."""

    def render():
        return {field: form[field].as_field_group() for field in fields}

    key = _form_key(name, form, fields)
    return render() if key is None else store.get(key, render)


def _form_key(name: str, form, fields: tuple) -> tuple | None:
    """What ``fields`` of ``form`` are rendered from, or None when what was asked is longer
    than a store keeps."""
    asked = form.is_bound and tuple(
        (field, tuple(form.data.getlist(form.add_prefix(field)))) for field in form.fields
    )
    typed = asked and sum(len(value) for _field, values in asked for value in values)
    if typed and typed > LONGEST_KEPT_INPUT:
        return None
    choices = []
    for field_name in fields:
        widget = form.fields[field_name].widget
        if hasattr(widget, "choices"):
            # What the widget renders, read once for the key and a rendering: a model's
            # choices are a query each time (and list() would count them first: another).
            widget.choices = [choice for choice in widget.choices]  # noqa: C416
            choices.append((field_name, _flat(widget.choices)))
    # What the fields start from when nothing was asked (a question's themes ticked, say).
    initial = tuple(
        (field, repr(form.get_initial_for_field(form.fields[field], field))) for field in fields
    )
    return (name, form.prefix, fields, tuple(choices), asked, initial)


def _flat(choices) -> tuple:
    """A field's choices as plain text, its groups' options included."""
    flat = []
    for value, label in choices:
        if isinstance(label, list | tuple):
            flat.append((str(value), _flat(label)))
        else:
            flat.append((str(value), str(label)))
    return tuple(flat)
