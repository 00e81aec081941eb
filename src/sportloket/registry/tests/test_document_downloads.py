"""An uploaded document is handed out as a download the browser never runs: a PDF with
JavaScript in it must not open inline in the desk's own origin."""

import pytest
from django.urls import reverse

from sportloket.registry.tests.factories import IntentDeclarationFactory

pytestmark = pytest.mark.django_db


def test_an_intent_declaration_is_a_sandboxed_attachment(coordinator_client, desk):
    declaration = IntentDeclarationFactory.for_desk(desk)
    url = reverse("registry:declaration-document", args=[desk.slug, declaration.pk])
    response = coordinator_client.get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert 'filename="intentieverklaring-' in response["Content-Disposition"]
    assert "sandbox" in response["Content-Security-Policy"].split(";")[0]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Type"] == "application/pdf"
