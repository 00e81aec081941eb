"""The register's list as rows (``registry/_organisation_table.html``): the page's
organisations read as values, their sports as names, and the table's body written here with
every value escaped. As model instances with their municipality and sports, written by the
template's loop, a page of 50 took half the page's time (issue 19)."""

from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from sportloket.registry.constants import OrganisationKind, OrganisationStatus
from sportloket.registry.selectors import sports_by_organisation


def rows_html(organisations, *, desk_slug: str) -> SafeString:
    """The table's body rows for ``organisations`` (a page of ``selectors.list_page_values``):
    the name as a link with "dissolved" beside it when so, the kind, the place (the city, else
    the municipality), the sports and the KvK number (a dash for what is not known)."""
    organisations = list(organisations)
    sports = sports_by_organisation([o["pk"] for o in organisations]) if organisations else {}
    kinds = dict(OrganisationKind.choices)
    dissolved = escape(OrganisationStatus.DISSOLVED.label)
    parts = []
    for o in organisations:
        url = reverse("registry:organisation-detail", args=[desk_slug, o["pk"]])
        badge = (
            f' <span class="badge">{dissolved}</span>'
            if o["status"] == OrganisationStatus.DISSOLVED
            else ""
        )
        place = o["city"] or o["municipality__name"] or "–"
        parts.append(
            f'<tr><td><a href="{escape(url)}">{escape(o["name"])}</a>{badge}</td>'
            f"<td>{escape(kinds.get(o['kind'], o['kind']))}</td>"
            f"<td>{escape(place)}</td>"
            f"<td>{escape(', '.join(sports.get(o['pk'], ())) or '–')}</td>"
            f"<td>{escape(o['kvk_number'] or '–')}</td></tr>\n"
        )
    return mark_safe("".join(parts))  # noqa: S308 - every value above is escaped
