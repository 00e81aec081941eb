"""The inbox's rows as the table writes them (``helprequests/_inbox_table.html``): each value
worked out once here, so that the template only places and escapes it. Written in the
template (a link reversed, a text shortened, two or three dates, a name per row) they took
most of the page's time."""

from typing import NamedTuple

from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator

from sportloket.core.dates import day_text
from sportloket.helprequests.constants import Urgency


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
    """``requests`` (a page of ``inbox_requests``) as rows; ``selected``: the pks ticked."""
    rows = []
    for r in requests:
        organisation = r.organisation
        if not r.first_response_at:
            due = r.respond_by
        elif not r.decided_at:
            due = r.decide_by
        else:
            due = None
        rows.append(
            InboxRow(
                pk=r.pk,
                url=reverse("helprequests:request-detail", args=[desk_slug, r.pk]),
                question=Truncator(r.question).chars(90),
                overdue=bool(r.is_overdue),
                urgent=r.urgency == Urgency.HIGH,
                organisation=organisation.name if organisation else r.organisation_name,
                place=organisation.municipality.name
                if organisation and organisation.municipality
                else "",
                themes=", ".join(t.name for t in r.theme_list) or "–",
                assignees=", ".join(str(a.supporter) for a in r.current_assignments) or "–",
                state=r.get_state_display(),
                received=day_text(timezone.localtime(r.submitted_at)),
                due=day_text(due) if due else "–",
                ticked=r.pk in selected,
            )
        )
    return rows
