"""The URL configuration as tests walk it: every named route, and a record for a route that
names one, so that a test covers a new page the moment it exists."""

import importlib
from functools import cache

import factory
from django.apps import apps
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone

DESK_KWARG = "loket_slug"


def walk(patterns=None, namespace="", route=""):
    """(name, route, pattern) of every named route, namespaced as ``reverse`` reads them."""
    if patterns is None:
        patterns = get_resolver().url_patterns
    for entry in patterns:
        if isinstance(entry, URLResolver):
            ns = namespace
            if entry.namespace:
                ns = f"{namespace}{entry.namespace}:"
            yield from walk(entry.url_patterns, ns, route + str(entry.pattern))
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{namespace}{entry.name}", route + str(entry.pattern), entry


@cache
def factories_by_model():
    found = {}
    for config in apps.get_app_configs():
        if not config.name.startswith("sportloket."):
            continue
        try:
            module = importlib.import_module(f"{config.name}.tests.factories")
        except ModuleNotFoundError:
            continue
        for value in vars(module).values():
            if (
                isinstance(value, type)
                and issubclass(value, factory.django.DjangoModelFactory)
                and value._meta.model is not None
            ):
                found.setdefault(value._meta.model, value)
    return found


def object_kwargs(entry):
    """The route's arguments other than the desk's slug and its periods (``pk`` for a record's
    page)."""
    periods = period_kwargs(entry)
    return [k for k in entry.pattern.converters if k != DESK_KWARG and k not in periods]


def period_kwargs(entry) -> dict:
    """The route's arguments that name a period of the desk rather than a record (a view lists
    them in ``period_kwargs``: the yearly report's ``year``), each with this year to test with."""
    view_class = getattr(entry.callback, "view_class", None)
    names = getattr(view_class, "period_kwargs", ())
    return {name: timezone.localdate().year for name in names}


def view_model(entry):
    view_class = getattr(entry.callback, "view_class", None)
    return getattr(view_class, "model", None)


def make_record(entry, loket):
    """A record of the route's view's ``model`` at ``loket``, made by its app's factory (a
    factory may define ``for_desk(loket)`` when its record reaches its desk through a parent)."""
    model = view_model(entry)
    assert model is not None, (
        f"{entry.pattern} names a record but its view has no `model`: give the view a `model` "
        "(DeskObjectMixin) so that tests can make a record for it."
    )
    made = factories_by_model().get(model)
    assert made is not None, f"No factory for {model.__name__} in any <app>/tests/factories.py"
    if hasattr(made, "for_desk"):
        return made.for_desk(loket)
    return made(loket=loket)
