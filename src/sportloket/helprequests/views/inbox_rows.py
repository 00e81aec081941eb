"""The inbox's rows as the table writes them (``helprequests/_inbox_table.html``): each value
worked out once here, so that the template only places and escapes it. Written in the
template (a link reversed, a text shortened, two or three dates, a name per row) they took
most of the page's time. The page's questions are read as values, their themes and current
assignees as a list of names each: as model instances with their organisation, municipality,
themes and supporters they took longer to make than the database took to find them."""

from typing import NamedTuple

from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from sportloket.core.dates import day_text
from sportloket.helprequests.constants import RequestState, Urgency
from sportloket.helprequests.inbox_selectors import names_by_request


class InboxRow(NamedTuple):
    pk: int
    url: str
    question: str  # shortened as truncatechars:90 does
    overdue: bool
    urgent: bool
    organisation: str  # as linked in the register, else as the provider gave it
    place: str  # the linked organisation's municipality, or ""
    themes: str  # their names, or a dash
    assignees: str  # the current supporter(s), or a dash
    state: str
    received: str
    due: str  # the next deadline: the first response's, then the decision's, or a dash
    ticked: bool


def inbox_rows(requests, *, desk_slug: str, selected=frozenset()) -> list[InboxRow]:
    """``requests`` (a page of ``inbox_selectors.page_values``) as rows; ``selected``: the
    pks ticked."""
    requests = list(requests)
    themes, assignees = names_by_request([r["pk"] for r in requests]) if requests else ({}, {})
    states = dict(RequestState.choices)
    rows = []
    for r in requests:
        pk = r["pk"]
        if not r["first_response_at"]:
            due = r["respond_by"]
        elif not r["decided_at"]:
            due = r["decide_by"]
        else:
            due = None
        rows.append(
            InboxRow(
                pk=pk,
                url=reverse("helprequests:request-detail", args=[desk_slug, pk]),
                question=Truncator(r["question"]).chars(90),
                overdue=bool(r["is_overdue"]),
                urgent=r["urgency"] == Urgency.HIGH,
                organisation=r["organisation__name"] or r["organisation_name"],
                place=r["organisation__municipality__name"] or "",
                themes=", ".join(themes.get(pk, ())) or "–",
                assignees=", ".join(assignees.get(pk, ())) or "–",
                state=str(states.get(r["state"], r["state"])),
                received=day_text(timezone.localtime(r["submitted_at"])),
                due=day_text(due) if due else "–",
                ticked=pk in selected,
            )
        )
    return rows


def rows_html(rows: list[InboxRow], *, tickable: bool) -> SafeString:
    """The table's body rows (``tickable``: with a box to tick each for the bulk actions),
    every value escaped: written here rather than by the template's loop, which took an
    eighth of the page's time for 25 rows."""
    labels = {
        key: escape(label)
        for key, label in (
            ("organisation", _("Organisation")),
            ("themes", _("Themes")),
            ("assignees", _("Assigned to")),
            ("state", _("Status")),
            ("received", _("Received")),
            ("due", _("Due")),
        )
    }
    tick, overdue, urgent = escape(_("Tick the question of")), _("overdue"), _("urgent")
    overdue_badge = f' <span class="badge badge--warning">{escape(overdue)}</span>'
    urgent_badge = f' <span class="badge badge--warning">{escape(urgent)}</span>'
    parts = []
    for r in rows:
        parts.append("<tr>")
        if tickable:
            box = f"bulk-requests-{r.pk}"
            parts.append(
                f'<td class="inbox-table__tick"><input type="checkbox" name="bulk-requests" '
                f'value="{r.pk}" id="{box}" form="inbox-bulk"{" checked" if r.ticked else ""}>'
                f'<label for="{box}" class="visually-hidden">{tick} {escape(r.organisation)}, '
                f"{escape(r.received)}</label></td>"
            )
        place = f' <span class="muted">({escape(r.place)})</span>' if r.place else ""
        parts.append(
            f'<td class="inbox-table__question"><a href="{escape(r.url)}">{escape(r.question)}'
            f"</a>{overdue_badge if r.overdue else ''}{urgent_badge if r.urgent else ''}</td>"
            f'<td data-label="{labels["organisation"]}">{escape(r.organisation)}{place}</td>'
        )
        for key in ("themes", "assignees", "state", "received", "due"):
            parts.append(f'<td data-label="{labels[key]}">{escape(getattr(r, key))}</td>')
        parts.append("</tr>\n")
    return mark_safe("".join(parts))  # noqa: S308 - every value above is escaped
