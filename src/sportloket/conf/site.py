"""Where the site is reached from outside: the base of every link in an e-mail."""

from django.core.exceptions import ImproperlyConfigured

DEVELOPMENT_HOST = "127.0.0.1"
DEVELOPMENT_PORT = "8000"


def site_url(environ) -> str:
    """``SITE_URL`` when it is set; otherwise the development server on this machine, on the
    ``PORT`` that ``make run`` serves on (8000 unless told), so that a link in an e-mail opens
    the server that sent it."""
    url = (environ.get("SITE_URL") or "").strip()
    if url:
        return url.rstrip("/")
    port = (environ.get("PORT") or "").strip() or DEVELOPMENT_PORT
    if not port.isdigit() or not 0 < int(port) < 65536:
        raise ImproperlyConfigured(f"PORT must be a port number, not {port!r}.")
    return f"http://{DEVELOPMENT_HOST}:{int(port)}"
