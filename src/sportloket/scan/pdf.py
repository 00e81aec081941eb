"""A page as a PDF through WeasyPrint, with the project's own stylesheet read from its static
files: nothing is fetched over the network (a link to anything else is left out, with a
warning in WeasyPrint's log). Imported only when a PDF is asked for: WeasyPrint loads Pango."""

import mimetypes
from pathlib import Path
from urllib.parse import urlsplit

import weasyprint
from django.conf import settings
from django.contrib.staticfiles import finders
from weasyprint.urls import URLFetcher, URLFetcherResponse


class StaticFilesOnly(URLFetcher):
    def fetch(self, url, headers=None):
        path = urlsplit(url).path
        prefix = settings.STATIC_URL
        found = finders.find(path[len(prefix) :]) if path.startswith(prefix) else None
        if not found:
            raise ValueError(f"not fetched for a PDF: {url}")
        kind = mimetypes.guess_type(found)[0] or "application/octet-stream"
        return URLFetcherResponse(
            url, body=Path(found).read_bytes(), headers={"Content-Type": kind}
        )


def render_pdf(html: str, *, base_url: str) -> bytes:
    return weasyprint.HTML(
        string=html, base_url=base_url, url_fetcher=StaticFilesOnly()
    ).write_pdf()
