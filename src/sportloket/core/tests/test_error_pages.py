import pytest
from django.test import Client


@pytest.mark.django_db
@pytest.mark.urls("sportloket.core.tests.urls_failing")
def test_a_server_error_shows_the_styled_page_without_a_stack_trace():
    client = Client(raise_request_exception=False)
    response = client.get("/broken/")
    assert response.status_code == 500
    html = response.content.decode()
    assert "Er ging bij ons iets mis" in html
    assert "secret internal detail" not in html
    assert "Traceback" not in html
    assert 'lang="nl"' in html


@pytest.mark.django_db
def test_not_found_page_is_styled_and_dutch(client):
    response = client.get("/bestaat-niet/ook-niet/")
    assert response.status_code == 404
    assert "Deze pagina bestaat niet" in response.text
    assert "sportloket.css" in response.text


@pytest.mark.django_db
def test_an_expired_form_gets_a_dutch_explanation():
    client = Client(enforce_csrf_checks=True)
    response = client.post("/accounts/login/", {"login": "a@example.org", "password": "x"})
    assert response.status_code == 403
    assert "Het formulier is verlopen" in response.content.decode()
