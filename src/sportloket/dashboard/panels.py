"""What the dashboard shows, made from what ``selectors`` read: the tiles of what waits for the
member and for the desk (a count, a label and the filtered list it opens; only lists the
member's role may open), the funds' links and last days, and the charts of the desk's last
months."""

import functools
from dataclasses import dataclass
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from sportloket.core.charts import Series, bar_chart
from sportloket.core.permissions import Capability, membership_capabilities
from sportloket.dashboard.selectors import approves_allocations


@dataclass(frozen=True)
class Tile:
    label: str
    count: int
    url: str
    note: str = ""


def _url(name: str, slug: str, query: dict | None = None, **kwargs) -> str:
    url = reverse(name, kwargs={"loket_slug": slug, **kwargs})
    return f"{url}?{urlencode(query)}" if query else url


def _request_tiles(can, counts, slug) -> tuple[list[Tile], list[Tile]]:
    """The inbox's tiles, linked with the inbox's own parameters (its contract)."""
    mine, desk = [], []
    inbox = "helprequests:inbox"
    if Capability.WORK_ON_REQUESTS in can:
        mine.append(
            Tile(_("My open questions"), counts["mine"], _url(inbox, slug, {"assignee": "me"}))
        )
        mine.append(
            Tile(
                _("My overdue questions"),
                counts["mine_overdue"],
                _url(inbox, slug, {"assignee": "me", "overdue": "on"}),
                _("first response or decision"),
            )
        )
    if Capability.DECIDE_SUPPORT in can:
        mine.append(
            Tile(
                _("Questions waiting for a decision"),
                counts["waiting_decision"],
                _url(inbox, slug, {"waiting": "decision"}),
            )
        )
    if Capability.MANAGE_REQUESTS in can:
        query = {"state": "submitted", "assignee": "none"}
        desk.append(
            Tile(_("New questions not yet picked up"), counts["new"], _url(inbox, slug, query))
        )
        desk.append(
            Tile(
                _("Overdue questions"),
                counts["overdue"],
                _url(inbox, slug, {"overdue": "on"}),
                _("first response or decision"),
            )
        )
    return mine, desk


def tiles(*, membership, found: dict) -> dict[str, list[Tile]]:
    """``mine`` and ``desk``: the tiles of what waits, from ``selectors.waiting``."""
    can = membership_capabilities(membership)
    slug = membership.loket.slug
    mine, desk = [], []
    if "requests" in found:
        mine, desk = _request_tiles(can, found["requests"], slug)
    if "contacts" in found:
        work_list = "contacts:work-list"
        counts = found["contacts"]
        mine.append(
            Tile(
                _("Providers due on my work list"),
                counts["mine"],
                _url(work_list, slug, {"holder": "mine"}),
            )
        )
        if Capability.MANAGE_CONTACT_POLICY in can:
            desk.append(
                Tile(
                    _("Providers needing contact"),
                    counts["all"],
                    _url(work_list, slug, {"holder": "all"}),
                )
            )
    if "expiring" in found:
        mine.append(
            Tile(
                _("My registrations expiring within 60 days"),
                found["expiring"],
                _url("quality:person", slug, pk=membership.pk),
            )
        )
    if "approvals" in found:
        if approves_allocations(membership):
            mine.append(
                Tile(
                    _("Allocations waiting for my approval"),
                    found["approvals"]["mine"],
                    _url("funds:approvals", slug),
                )
            )
        if Capability.MANAGE_FUNDS in can:
            desk.append(
                Tile(
                    _("Allocations waiting for approval"),
                    found["approvals"]["desk"],
                    _url("funds:overview", slug),
                )
            )
    return {"mine": mine, "desk": desk}


def funds(*, rows: list[dict] | None, slug: str) -> list[dict] | None:
    """The funds of ``selectors.waiting`` (None: the member sees none), each with the ``url``
    of its page and ``until`` (its last day, written out)."""
    for fund in rows or ():
        fund["url"] = reverse("funds:fund-detail", args=[slug, fund["pk"]])
        fund["until"] = _("until %(day)s") % {"day": date_format(fund["ends_on"], "j N Y")}
    return rows


@functools.lru_cache(maxsize=64)
def _month_names(months: tuple, language: str) -> tuple[tuple, tuple]:
    """The months' short names (under the bars) and names with their year (the tables), in
    ``language`` (the one active): made once a month per language, not per page."""
    return (
        tuple(date_format(month, "M") for month in months),
        tuple(date_format(month, "N Y") for month in months),
    )


def charts(*, found: dict, loket) -> dict:
    """The charts of ``selectors.month_at_a_glance``, by name. Each month's name is made once
    here for all charts and tables: its rows get their ``label`` for the tables."""
    months = found["months"]
    names, labels = _month_names(tuple(months), get_language())
    for section in ("questions", "money", "contacts"):
        for row, month_label in zip(found.get(section, ()), labels, strict=False):
            row["label"] = month_label
    drawn = {}
    span = {"months": len(months)}

    def chart(label, series, **options):
        return bar_chart(label=label % span, months=months, names=names, series=series, **options)

    if "questions" in found:
        rows = found["questions"]
        drawn["questions"] = chart(
            _("Questions in and decided per month, the last %(months)s months"),
            [
                Series(_("In"), [row["in"] for row in rows], "a"),
                Series(_("Decided"), [row["decided"] for row in rows], "b"),
            ],
        )
    if "response" in found:
        rows = found["response"]
        titles = {
            "response": _("Median working days to a first response, the last %(months)s months"),
            "decision": _("Median working days to a decision, the last %(months)s months"),
        }
        targets = {"response": loket.first_response_days, "decision": loket.resolution_days}
        for key, title in titles.items():
            medians = [row[key]["median"] if row[key] else None for row in rows]
            drawn[key] = chart(
                title,
                [Series(_("Median"), medians, "a")],
                targets=[(_("Target"), targets[key])],
            )
    if "money" in found:
        rows = found["money"]
        drawn["money"] = chart(
            _("Money committed and paid per month, the last %(months)s months"),
            [
                Series(_("Committed"), [row["committed_cents"] / 100 for row in rows], "a"),
                Series(_("Paid"), [row["paid_cents"] / 100 for row in rows], "b"),
            ],
            values=False,
        )
    if "contacts" in found:
        rows = found["contacts"]
        drawn["contacts"] = chart(
            _("Providers in contact per month, the last %(months)s months"),
            [Series(_("Providers in contact"), [row["contacted"] for row in rows], "a")],
        )
    return drawn
