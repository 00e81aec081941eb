"""Never a server error, whatever comes in.

The test walks every route of the URL configuration (as the desk-isolation test does, so a new
page is covered the moment it exists), opens it as a coordinator, reads every form the page
renders, and sends hostile values: in the query string, in every field of every form, and in
the address itself. Public pages and the sign-in pages get the same anonymously. No answer may
be a server error: a clumsy or hostile value gets a form error, a 400 or a 404.

Each route is one test. Every field gets every family of hostile values once (rotated, so one
request carries several families in different fields), then Hypothesis mixes its own values in
for a few more requests. ``FUZZ_EXAMPLES`` sets how many (default 3; e.g. 200 for a long run).
"""

import os
import string
from urllib.parse import urlsplit

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sportloket.core.models import Municipality
from sportloket.core.tests.factories import MembershipFactory, ThemeFactory
from sportloket.funds.tests.factories import FundFactory
from sportloket.helprequests.tests.factories import HelpRequestFactory
from sportloket.offerings.tests.factories import OfferingFactory
from sportloket.testing.html_forms import forms_in
from sportloket.testing.urls import (
    DESK_KWARG,
    make_record,
    object_kwargs,
    period_kwargs,
    view_model,
    walk,
)

# Django's admin is Django's, open to superusers only; the set-up pages of a second factor need
# a session mid-login. Everything else is ours to keep from failing.
SKIPPED_PREFIXES = ("admin:",)

# Pages anyone may open: fuzzed anonymously too.
PUBLIC_ROUTES = {
    "core:home",
    "core:desk-public",
    "helprequests:intake",
    "helprequests:track",
    "decisions:public",
    "decisions:public-csv",
    "funds:open-data",
    # Public on purpose (issue 20): a meeting's answer page and calendar file behind its private
    # link, a published meeting, the desk's public knowledge, and an article sent on a question.
    "meetings:rsvp",
    "meetings:rsvp-ics",
    "meetings:public-meeting",
    "knowledge:public-list",
    "knowledge:public-detail",
    "knowledge:public-attachment",
    "helprequests:track-article",
    "helprequests:track-attachment",
    "healthz",
    "set_language",
    "account_login",
    "account_reset_password",
    "account_reset_password_from_key",
    "account_signup",
    "account_confirm_email",
    "mfa_authenticate",
}

HOSTILE = {
    "nul": "a\x00b",
    "control": "a\x1b[31mb\x07\x0b",
    "huge_number": "1" * 30,
    "negative": "-1",
    "huge_amount": "99.999.999.999,99",
    "overflow_float": "1e309",
    "long": "x" * 20_000,
    "bad_date": "2026-02-30",
    "far_date": "99999-12-31",
    "unknown_choice": "zzz-unknown",
    "odd_next": "//evil.example/",
    "view_name": "abc",
    "markup": "<script>alert(1)</script>'\"%",
    "unicode": "\u202eÜnïcødé 🏃 ١٢",
    "empty": "",
    "spaces": "   ",
}
FAMILIES = list(HOSTILE)
# Query parameters pages read besides their forms' fields.
COMMON_PARAMETERS = (
    "page",
    "next",
    "q",
    "sort",
    "format",
    "year",
    "org",
    "request",
    "organisation",
)

hostile_text = st.one_of(
    st.sampled_from(list(HOSTILE.values())),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=60),
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
    st.decimals(allow_nan=True, allow_infinity=True, places=3).map(str),
    st.dates().map(lambda d: d.isoformat()),
    st.text(alphabet=string.digits + ".,-", max_size=25),
)


def _routes():
    found = []
    for name, route, entry in walk():
        if name.startswith(SKIPPED_PREFIXES):
            continue
        found.append((name, route, entry))
    return found


ROUTES = _routes()


@pytest.fixture
def network(desk):
    """A desk with what its forms offer: a work area, themes, an offering, a fund, a question."""
    desk.work_area.set(Municipality.objects.filter(code__in=["GM0344", "GM0321"]))
    theme = ThemeFactory(loket=desk, key="volunteers", name="Vrijwilligers")
    OfferingFactory(loket=desk, theme_keys=["volunteers"])
    FundFactory(loket=desk, theme_keys=["volunteers"])
    question = HelpRequestFactory(loket=desk)
    question.themes.add(theme)
    return question


def _kwargs(name, entry, desk, question):
    kwargs = dict(period_kwargs(entry))
    for key in entry.pattern.converters if hasattr(entry.pattern, "converters") else ():
        if key == DESK_KWARG:
            kwargs[key] = desk.slug
        elif key == "token":
            kwargs[key] = question.tracking_token
    record_keys = [k for k in object_kwargs(entry) if k not in kwargs]
    if record_keys and set(record_keys) <= {"pk", "year"} and view_model(entry) is not None:
        record = make_record(entry, desk)
        if "pk" in record_keys:
            kwargs["pk"] = record.pk
        if "year" in record_keys:  # a desk's yearly record (a club check), or one within it
            kwargs["year"] = record.year if hasattr(record, "year") else record.round.year
    return kwargs


def _url(name, route, kwargs):
    """The route's address, or None when it takes arguments this test cannot fill (then its
    hostile address variants below still run)."""
    if "(?P<" in route:
        samples = {
            "account_confirm_email": "accounts/confirm-email/abc/",
            "account_reset_password_from_key": "accounts/password/reset/key/1-abc/",
        }
        return "/" + samples[name] if name in samples else None
    try:
        return reverse(name, kwargs=kwargs)
    except Exception:  # noqa: BLE001 - a route with arguments we cannot make
        return None


class Sender:
    """Sends requests and fails with the request that got a server error."""

    def __init__(self, client):
        self.client = client

    def send(self, method, url, data=None):
        try:
            response = getattr(self.client, method)(url, data or {})
            # A streamed export fails while it is read, not when the view returns.
            body = b"".join(response.streaming_content) if response.streaming else response.content
        except Exception as error:
            raise AssertionError(f"{method.upper()} {url} failed with {data!r:.600}") from error
        assert response.status_code < 500, f"{method.upper()} {url}: {response.status_code}"
        is_page = response.get("Content-Type", "").startswith("text/html")
        return response.status_code, body.decode("utf-8", "replace") if is_page else ""


def _value(field, family_value):
    if field.kind == "file":
        return SimpleUploadedFile("x\x1b.pdf", family_value.encode("utf-8", "replace"))
    if field.multiple and field.options:
        return [field.options[0], family_value]
    return family_value


def _submissions(form, url):
    """One submission per round: field i gets family (i + round); every field sees every
    family once. The NUL family is sent on its own too, as it stops a request at the door."""
    target = form.action or url
    base = form.defaults()
    fields = [f for f in form.fields if f.kind != "button"]
    for round_number in range(len(FAMILIES)):
        data = dict(base)
        for index, field in enumerate(fields):
            family = FAMILIES[(index + round_number) % len(FAMILIES)]
            if family == "nul":
                continue
            data[field.name] = _value(field, HOSTILE[family])
        yield target, data
    yield target, {**base, **{f.name: _value(f, HOSTILE["nul"]) for f in fields[:1]}}


def _fuzz_page(sender, url):
    status, html = sender.send("get", url)
    html = html if status == 200 else ""
    # The header's sign-out and language forms are fuzzed on their own routes: sending them
    # from every page would sign the coordinator out before the page's own forms.
    elsewhere = {reverse("account_logout"), reverse("set_language")} - {urlsplit(url).path}
    forms = [
        form
        for form in forms_in(html)
        if not form.action
        or (form.action.startswith("/") and urlsplit(form.action).path not in elsewhere)
    ]
    get_names = {f.name for form in forms if form.method == "get" for f in form.fields}
    names = sorted(get_names | set(COMMON_PARAMETERS))
    for round_number in range(len(FAMILIES)):
        query = {
            name: HOSTILE[family]
            for index, name in enumerate(names)
            if (family := FAMILIES[(index + round_number) % len(FAMILIES)]) != "nul"
        }
        sender.send("get", url, query)
    sender.send("get", url, {names[0]: HOSTILE["nul"]})
    for form in forms:
        if form.method != "post":
            continue
        for target, data in _submissions(form, url):
            sender.send("post", target, data)
    return forms


def _fuzz_at_random(sender, url, forms):
    examples = int(os.environ.get("FUZZ_EXAMPLES", "3"))
    posts = [form for form in forms if form.method == "post"]

    @settings(
        max_examples=examples,
        deadline=None,
        derandomize=os.environ.get("FUZZ_EXAMPLES") is None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(st.data())
    def run(data):
        if posts:
            form = data.draw(st.sampled_from(posts))
            values = form.defaults()
            for field in form.fields:
                if field.kind != "button" and data.draw(st.booleans()):
                    values[field.name] = _value(field, data.draw(hostile_text))
            sender.send("post", form.action or url, values)
        query = data.draw(st.dictionaries(st.sampled_from(COMMON_PARAMETERS), hostile_text))
        sender.send("get", url, query)

    run()


def _path_variants(name, entry, kwargs):
    """The address itself: an id no database holds, a token of odd characters."""
    converters = getattr(entry.pattern, "converters", {})
    variants = []
    # The address's other numbers as they were, or 1 where this test could not fill them.
    filled = {key: kwargs.get(key, 1) for key in converters}
    for number in ("pk", "year"):
        if number in converters:
            variants.append(reverse(name, kwargs={**filled, number: int("9" * 25)}))
    if "token" in converters:
        for token in ("%00", "x" * 300, "..%2f..%2fetc", "%ff%fe"):
            # The other parts of the address as they were (an article's id after the token).
            others = {key: kwargs.get(key, 1) for key in converters if key != "token"}
            plain = reverse(name, kwargs={**others, "token": "t"})
            variants.append(plain.replace("/t/", f"/{token}/", 1))
    return variants


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "route", "entry"), ROUTES, ids=[r[0] for r in ROUTES])
def test_no_server_error(desk, network, name, route, entry):
    coordinator = MembershipFactory(loket=desk, coordinator=True).user
    staff = Client()
    staff.force_login(coordinator)
    kwargs = _kwargs(name, entry, desk, network)
    url = _url(name, route, kwargs)
    clients = [Sender(staff)]
    if name in PUBLIC_ROUTES:
        clients.append(Sender(Client()))
    for sender in clients:
        for variant in _path_variants(name, entry, kwargs):
            sender.send("get", variant)
            sender.send("post", variant, {"x": HOSTILE["huge_number"]})
        if url is None:
            continue
        forms = _fuzz_page(sender, url)
        _fuzz_at_random(sender, url, forms)


def test_the_fuzz_walks_the_pages_that_matter():
    names = {name for name, _, _ in ROUTES}
    assert {
        "helprequests:intake",
        "helprequests:request-detail",
        "decisions:request-decide",
        "registry:organisation-merge",
        "contacts:contact-create",
        "core:desk-settings",
        "funds:decision-fund",
    } <= names
    assert not any(name.startswith("admin:") for name in names)
