"""Every desk-scoped URL refuses users of other desks with a 404.

The test walks the whole URL configuration, so a new route is covered the moment it exists:
- every route under ``/<loket_slug>/`` is requested by a coordinator of desk A with desk B's
  slug: 404 for GET and POST;
- every such route that also names a record (``<int:pk>`` and the like) is requested with desk
  A's slug and a record of desk B: 404 for GET and POST. The record is made by the factory of
  the view's ``model`` (found in ``sportloket.<app>.tests.factories``); a factory may define a
  ``for_desk(loket)`` classmethod when its record reaches its desk through a parent.
Routes that are public by design are listed in ``PUBLIC_DESK_ROUTES`` with the reason.
"""

import importlib

import factory
import pytest
from django.apps import apps
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from sportloket.core.tests.factories import MembershipFactory

DESK_KWARG = "loket_slug"

PUBLIC_DESK_ROUTES = {
    "core:desk-public": "the desk's public page, for providers without an account",
    "helprequests:intake": "the public question form, for providers without an account",
    "decisions:public": "the public register of decisions, without personal data",
    "decisions:public-csv": "the public register of decisions as CSV",
    "funds:open-data": "the desk's awarded money as 360Giving open data, without personal data",
}


def _walk(patterns, namespace="", route=""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            ns = namespace
            if entry.namespace:
                ns = f"{namespace}{entry.namespace}:"
            yield from _walk(entry.url_patterns, ns, route + str(entry.pattern))
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{namespace}{entry.name}", route + str(entry.pattern), entry


def desk_routes():
    routes = []
    for name, route, entry in _walk(get_resolver().url_patterns):
        if f"<slug:{DESK_KWARG}>" in route and name not in PUBLIC_DESK_ROUTES:
            routes.append((name, route, entry))
    return routes


def _factories_by_model():
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


def _object_kwargs(entry):
    return [k for k in entry.pattern.converters if k != DESK_KWARG]


def _make_record(entry, loket):
    view_class = getattr(entry.callback, "view_class", None)
    model = getattr(view_class, "model", None)
    assert model is not None, (
        f"{entry.pattern} names a record but its view has no `model`: give the view a `model` "
        "(DeskObjectMixin) so this test can make another desk's record."
    )
    made = _factories_by_model().get(model)
    assert made is not None, f"No factory for {model.__name__} in any <app>/tests/factories.py"
    if hasattr(made, "for_desk"):
        return made.for_desk(loket)
    return made(loket=loket)


def test_the_walk_finds_the_desk_routes():
    names = {name for name, _, _ in desk_routes()}
    assert {"core:desk-dashboard", "core:team", "core:membership-detail"} <= names
    public = {name for name, _, _ in _walk(get_resolver().url_patterns)}
    assert set(PUBLIC_DESK_ROUTES) <= public, "a public route listed here no longer exists"


# Every route parametrised by name; the ids show which route failed.
ROUTES = desk_routes()


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "route", "entry"), ROUTES, ids=[r[0] for r in ROUTES])
def test_a_user_of_another_desk_gets_404(client, desk, other_desk, name, route, entry):
    intruder = MembershipFactory(loket=desk, coordinator=True).user
    owner = MembershipFactory(loket=other_desk, coordinator=True).user
    object_kwargs = _object_kwargs(entry)
    kwargs = {}
    if object_kwargs:
        record = _make_record(entry, other_desk)
        assert object_kwargs == ["pk"], f"{route}: only <int:pk> routes are handled so far"
        kwargs["pk"] = record.pk

    # Desk B's own coordinator reaches the page: the 404s below are about scoping.
    client.force_login(owner)
    own_url = reverse(name, kwargs={DESK_KWARG: other_desk.slug, **kwargs})
    view_class = getattr(entry.callback, "view_class", None)
    if view_class is None or ("get" in view_class.http_method_names and hasattr(view_class, "get")):
        assert client.get(own_url).status_code == 200, f"{own_url} does not open for its desk"
    else:  # a POST-only action: an empty POST is answered (with errors), not refused
        status = client.post(own_url, {}).status_code
        assert status not in (403, 404, 405), f"POST {own_url} gives {status} for its desk"

    client.force_login(intruder)
    for slug in {desk.slug, other_desk.slug} if object_kwargs else {other_desk.slug}:
        url = reverse(name, kwargs={DESK_KWARG: slug, **kwargs})
        assert client.get(url).status_code == 404, f"GET {url} must be 404 for desk A's user"
        assert client.post(url, {}).status_code == 404, f"POST {url} must be 404"
