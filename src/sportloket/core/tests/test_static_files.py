import pytest


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "content_type"),
    [
        ("/static/sportloket/css/sportloket.css", "text/css"),
        ("/static/django_htmx/htmx-2.min.js", "javascript"),
        ("/static/sportloket/favicon.svg", "image/svg+xml"),
    ],
)
def test_the_project_serves_its_own_assets(client, path, content_type):
    response = client.get(path)
    assert response.status_code == 200
    assert content_type in response["Content-Type"]


@pytest.mark.django_db
def test_pages_send_a_csp_without_inline_scripts(client):
    response = client.get("/")
    policy = response["Content-Security-Policy"]
    script_src = next(p for p in policy.split(";") if p.strip().startswith("script-src"))
    assert "'self'" in script_src
    assert "unsafe-inline" not in script_src and "unsafe-eval" not in script_src
    assert "frame-ancestors 'none'" in policy
