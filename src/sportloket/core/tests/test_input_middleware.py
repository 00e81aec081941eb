"""Characters no person types: a NUL anywhere is a 400 (PostgreSQL answered 500), other control
characters are stripped from what a form stores."""

import pytest
from django.urls import reverse

from sportloket.core.inputs import parse_id, safe_next, strip_control_characters
from sportloket.helprequests.tests.factories import HelpRequestFactory
from sportloket.registry.models import Organisation
from sportloket.registry.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def test_a_nul_in_the_address_is_a_bad_request(client):
    response = client.get("/t/%00/")
    assert response.status_code == 400
    assert "Wij kunnen dit verzoek niet lezen" in response.text


def test_a_nul_in_a_query_parameter_is_a_bad_request(coordinator_client, desk):
    organisation = OrganisationFactory()
    desk.organisation_links.create(organisation=organisation, source="manual")
    question = HelpRequestFactory(loket=desk)
    for url in (
        reverse("registry:organisation-merge", args=[desk.slug, organisation.pk]) + "?q=%00",
        reverse("helprequests:request-detail", args=[desk.slug, question.pk]) + "?org=a%00b",
        reverse("registry:organisation-list", args=[desk.slug]) + "?q%00=x",
    ):
        assert coordinator_client.get(url).status_code == 400, url


def test_a_nul_in_a_form_field_is_a_bad_request_and_nothing_is_stored(coordinator_client, desk):
    response = coordinator_client.post(
        reverse("registry:organisation-create", args=[desk.slug]),
        {"name": "Club\x00", "kind": "club"},
    )
    assert response.status_code == 400
    assert "Wij kunnen dit verzoek niet lezen" in response.text  # refused at the door
    assert not Organisation.objects.filter(name__startswith="Club").exists()


def test_other_control_characters_are_stripped_from_what_a_form_stores(coordinator_client, desk):
    response = coordinator_client.post(
        reverse("registry:organisation-create", args=[desk.slug]),
        {"name": "Club\x1b[31m Rood\x07", "kind": "club", "status": "active"},
    )
    assert response.status_code == 302
    assert Organisation.objects.get().name == "Club[31m Rood"


def test_strip_keeps_tabs_and_line_breaks():
    assert strip_control_characters("a\tb\r\nc\x00\x0b\x1f") == "a\tb\r\nc"
    assert strip_control_characters(12) == 12


@pytest.mark.parametrize(
    "value, expected",
    [
        ("12", 12),
        (" 7 ", 7),
        ("0", None),
        ("-3", None),
        ("1" * 30, None),
        (str(2**63), None),
        (str(2**63 - 1), 2**63 - 1),
        ("12a", None),
        ("١٢", None),  # Arabic-Indic digits pass str.isdigit() but name no record
        (None, None),
        (True, None),
    ],
)
def test_parse_id(value, expected):
    assert parse_id(value) == expected


@pytest.mark.parametrize(
    "target, expected",
    [
        ("/alpha/contacts/", "/alpha/contacts/"),
        ("abc", "/fallback/"),
        ("//evil.example/x", "/fallback/"),
        ("/\\evil.example/x", "/fallback/"),
        ("https://evil.example/", "/fallback/"),
        ("javascript:alert(1)", "/fallback/"),
    ],
)
def test_safe_next(rf, target, expected):
    assert safe_next(rf.get("/", {"next": target}), "/fallback/") == expected
