"""The desk's menu: its sections in order, which of them the reader may open, and which one
the page is in (named in the collapsed menu on a phone). The sections of apps above core are
named by their URL names, as the template named them before; core imports none of them."""

import functools
from dataclasses import dataclass

from django import template
from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.translation import gettext_lazy as _

register = template.Library()


@dataclass(frozen=True)
class Section:
    label: str
    url_name: str
    capability: str | None = None
    # The page is in the section when its path is the section's address ("exact"), starts
    # with it ("prefix"), or never (the public page: a way out, not a place in the menu).
    match: str = "prefix"
    # A reader with this capability gets another first page of the section (whoever logs
    # contacts starts on the work list); the section's pages still live under ``url_name``.
    alternative: tuple[str, str] | None = None


SECTIONS = (
    Section(_("Overview"), "dashboard:desk", match="exact"),
    Section(_("Questions"), "helprequests:inbox", "view_requests"),
    Section(_("Network"), "registry:network", "view_register", match="exact"),
    Section(_("Organisations"), "registry:organisation-list", "view_register"),
    Section(_("Support offerings"), "offerings:offering-list", "view_offerings"),
    Section(_("Decisions"), "decisions:list"),
    Section(
        _("Contacts"),
        "contacts:contact-list",
        "view_contacts",
        alternative=("log_contacts", "contacts:work-list"),
    ),
    Section(_("Meetings"), "meetings:list", "view_contacts"),
    Section(_("Cooperation"), "cooperation:list", "view_cooperation"),
    Section(_("Club check"), "clubcheck:list", "view_club_check"),
    Section(_("Funds"), "funds:overview", "view_funds"),
    Section(_("Quality"), "quality:overview", "view_quality"),
    Section(_("Knowledge base"), "knowledge:article-list", "view_knowledge"),
    Section(_("Team"), "core:team", "view_team"),
    Section(_("Loket-scan"), "scan:desk"),
    Section(_("Settings"), "core:desk-settings", "manage_desk", match="exact"),
    Section(_("Public page"), "core:desk-public", match="never"),
)


@functools.lru_cache(maxsize=1024)
def _menu(slug: str, capabilities: frozenset, urlconf, prefix: str) -> tuple:
    """(section, its first page, its root) of the sections a reader with ``capabilities``
    may open at desk ``slug``: the same for every page they open, so worked out once per
    process (about 25 reversed addresses on every page otherwise). ``urlconf`` and ``prefix``
    key what ``reverse`` answers from."""
    found = []
    for section in SECTIONS:
        if section.capability and section.capability not in capabilities:
            continue
        url_name = section.url_name
        if section.alternative and section.alternative[0] in capabilities:
            url_name = section.alternative[1]
        root = None if section.match == "never" else reverse(section.url_name, args=[slug])
        found.append((section, reverse(url_name, args=[slug]), root))
    return tuple(found)


def _is_current(section: Section, root: str | None, path: str) -> bool:
    if root is None:
        return False
    return path == root if section.match == "exact" else path.startswith(root)


@register.simple_tag(takes_context=True)
def desk_sections(context):
    """The sections of the current desk's menu the reader may open: label, url and whether
    the page is in it (at most one is)."""
    desk = context.get("current_desk")
    request = context.get("request")
    if desk is None or request is None:
        return []
    capabilities = frozenset(context.get("capabilities") or ())
    urlconf = get_urlconf() or settings.ROOT_URLCONF
    sections, found = [], False
    for section, url, root in _menu(desk.slug, capabilities, urlconf, get_script_prefix()):
        current = not found and _is_current(section, root, request.path)
        found = found or current
        sections.append({"label": section.label, "url": url, "current": current})
    return sections
