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

import pytest
from django.urls import reverse

from sportloket.core.tests.factories import MembershipFactory
from sportloket.testing.urls import DESK_KWARG, make_record, object_kwargs, period_kwargs, walk

PUBLIC_DESK_ROUTES = {
    "core:desk-public": "the desk's public page, for providers without an account",
    "helprequests:intake": "the public question form, for providers without an account",
    "decisions:public": "the public register of decisions, without personal data",
    "decisions:public-csv": "the public register of decisions as CSV",
    "funds:open-data": "the desk's awarded money as 360Giving open data, without personal data",
    "meetings:public-meeting": "a published meeting's page and registration form (404 unless "
    "the desk published it; another desk's meeting is a 404, see meetings' test_public_views)",
    "knowledge:public-list": "the desk's public articles, for providers without an account",
    "knowledge:public-detail": "a public article (404 unless the desk marked it public)",
    "knowledge:public-attachment": "an attachment of a public article (404 for any other)",
    "clubcheck:open-data": "a round's figures as open data, small numbers suppressed",
}


def desk_routes():
    routes = []
    for name, route, entry in walk():
        if f"<slug:{DESK_KWARG}>" in route and name not in PUBLIC_DESK_ROUTES:
            routes.append((name, route, entry))
    return routes


def test_the_walk_finds_the_desk_routes():
    names = {name for name, _, _ in desk_routes()}
    assert {"dashboard:desk", "core:team", "core:membership-detail"} <= names
    public = {name for name, _, _ in walk()}
    assert set(PUBLIC_DESK_ROUTES) <= public, "a public route listed here no longer exists"


# Every route parametrised by name; the ids show which route failed.
ROUTES = desk_routes()


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "route", "entry"), ROUTES, ids=[r[0] for r in ROUTES])
def test_a_user_of_another_desk_gets_404(client, desk, other_desk, name, route, entry):
    intruder = MembershipFactory(loket=desk, coordinator=True).user
    owner = MembershipFactory(loket=other_desk, coordinator=True).user
    record_kwargs = object_kwargs(entry)
    kwargs = dict(period_kwargs(entry))
    if record_kwargs:
        record = make_record(entry, other_desk)
        assert set(record_kwargs) <= {"pk", "year"}, f"{route}: only pk and year are handled"
        if "pk" in record_kwargs:
            kwargs["pk"] = record.pk
        if "year" in record_kwargs:  # a desk's yearly record (a club check), or one within it
            kwargs["year"] = record.year if hasattr(record, "year") else record.round.year

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
    for slug in {desk.slug, other_desk.slug} if record_kwargs else {other_desk.slug}:
        url = reverse(name, kwargs={DESK_KWARG: slug, **kwargs})
        assert client.get(url).status_code == 404, f"GET {url} must be 404 for desk A's user"
        assert client.post(url, {}).status_code == 404, f"POST {url} must be 404"


# Routes outside any one desk that still show a desk's records, each scoped by its own rule and
# tested there. A new such route must be added here with its rule (the test below fails).
CROSS_DESK_ROUTES = {
    "national-offerings:edit": "the national team's own offerings (national staff only)",
    "helprequests:track": "the provider's question, by its private link",
    "helprequests:track-article": "an article sent on the provider's question, by its link",
    "helprequests:track-attachment": "an attachment of such an article, by its link",
    "meetings:rsvp": "an invited person's answer page, by its private link",
    "meetings:rsvp-ics": "the invited person's calendar file, by its private link",
    "cooperation:federation-question": "a federation partner's member club's shared question, "
    "at a desk aligned with the federation (cooperation's test_federation)",
    "cooperation:federation-cooperation": "a cooperation of a federation partner's member club "
    "(cooperation's test_federation)",
    "portal:organisation": "the provider's page, for its own contact persons only (portal's "
    "test_portal_views: another organisation's people get 404)",
    "portal:data": "the provider's register data, for its own contact persons only (portal)",
    "portal:ask": "a new question from the provider's page, for its contact persons (portal)",
    "portal:role-add": "someone new in a role, by the organisation's contact persons (portal)",
    "portal:role-end": "a role of the organisation ended by its contact persons; another "
    "organisation's role is a 404 (portal's test_portal_views)",
    "clubcheck:answer-form": "a provider's club check answers, by its invitation's private link",
}


def test_every_route_outside_a_desk_that_names_a_record_is_known():
    found = {
        name
        for name, route, _entry in walk()
        if f"<slug:{DESK_KWARG}>" not in route
        and ("<int:pk>" in route or "<str:token>" in route)
        and not (name or "").startswith("admin:")
    }
    assert found == set(CROSS_DESK_ROUTES)
