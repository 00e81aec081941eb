"""A page as a PDF through WeasyPrint, with the project's own stylesheet read from its static
files: nothing is fetched over the network (a link to anything else is left out, with a
warning in WeasyPrint's log). Imported only when a PDF is asked for: WeasyPrint loads Pango."""

import logging
import mimetypes
from pathlib import Path
from urllib.parse import urlsplit

import weasyprint
from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.exceptions import SuspiciousFileOperation
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetcherResponse


class StaticFilesOnly(URLFetcher):
    def fetch(self, url, headers=None):
        path = urlsplit(url).path
        prefix = settings.STATIC_URL
        if not path.startswith(prefix):
            raise ValueError(f"not fetched for a PDF: {url}")
        found = _static_file(path[len(prefix) :])
        if not found:
            raise ValueError(f"not a static file: {url}")
        kind = mimetypes.guess_type(found)[0] or "application/octet-stream"
        return URLFetcherResponse(
            url, body=Path(found).read_bytes(), headers={"Content-Type": kind}
        )


def _static_file(name: str) -> str | None:
    """The file of a static name: as collected (in production a hashed name, from the
    manifest's storage), else from the project's static folders. Both refuse a name that
    leaves their folder."""
    try:
        if staticfiles_storage.exists(name):
            return staticfiles_storage.path(name)
    except (NotImplementedError, SuspiciousFileOperation):
        pass
    return finders.find(name)


# Fonts are looked up once per process, not for every PDF.
FONTS = FontConfiguration()


def render_pdf(html: str, *, base_url: str) -> bytes:
    # WeasyPrint names each rule of the screen stylesheet it does not support (media queries,
    # custom properties) as a warning: not news for every PDF.
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    document = weasyprint.HTML(string=html, base_url=base_url, url_fetcher=StaticFilesOnly())
    return document.write_pdf(font_config=FONTS)
