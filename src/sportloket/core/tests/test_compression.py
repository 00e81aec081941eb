"""Pages go compressed to a browser that accepts it, and plain to one that does not."""

import gzip

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_a_page_is_compressed_for_a_browser_that_accepts_it(client, desk):
    url = reverse("core:desk-public", args=[desk.slug])
    plain = client.get(url)
    assert "Content-Encoding" not in plain.headers
    packed = client.get(url, headers={"accept-encoding": "gzip, deflate, br"})
    assert packed.headers["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in packed.headers["Vary"]
    assert gzip.decompress(packed.content).decode().count(desk.name) == plain.text.count(desk.name)
    assert len(packed.content) < len(plain.content) / 2
