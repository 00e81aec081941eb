"""What comes in from outside, made safe in one place: control characters, ids, redirect targets.

The middleware (``core.middleware.InputMiddleware``) refuses a NUL anywhere in a request and
strips other control characters from submitted form fields; imports and exports call the same
functions here for the text they read and write.
"""

import re

from django.utils.http import url_has_allowed_host_and_scheme

# C0 control characters other than tab, line feed and carriage return: no person types them,
# openpyxl refuses them in a cell, and PostgreSQL refuses NUL in text.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")

# The widest integer column either database holds (a BigAutoField); a larger id names no record
# and would overflow SQLite's INTEGER or PostgreSQL's bigint.
MAX_ID = 2**63 - 1
_ID = re.compile(r"\s*[0-9]{1,19}\s*")


def has_nul(value) -> bool:
    return isinstance(value, str) and "\x00" in value


def strip_control_characters(value):
    """``value`` without control characters; anything that is not text is returned as it is."""
    if isinstance(value, str) and _CONTROL.search(value):
        return _CONTROL.sub("", value)
    return value


def parse_id(value) -> int | None:
    """A record id from a query parameter or form value, or None when it cannot be one."""
    if isinstance(value, int) and not isinstance(value, bool):
        number = value
    elif isinstance(value, str) and _ID.fullmatch(value):
        number = int(value)
    else:
        return None
    return number if 0 < number <= MAX_ID else None


def safe_next(request, fallback: str) -> str:
    """Where to go after a form: the ``next`` the page passed when it is a path on this site,
    otherwise ``fallback``. Never a view name (``redirect`` would try to reverse it), another
    host, or a scheme-relative ``//host``."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if (
        target.startswith("/")
        and not target.startswith(("//", "/\\"))
        and url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure())
    ):
        return target
    return fallback
