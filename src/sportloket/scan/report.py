"""Selectors: the desk's yearly report for its partners and council: the loket-scan as the
year ended (or stands today, for the current year), and the year's figures from every app's own
selectors: questions and response times, decisions and money by theme, fund and municipality,
contact coverage, quality, meetings and their reach, the club check and the providers' ratings.
Aggregates only (the report goes to partners and the council): no names of people."""

import datetime

from django.http import Http404
from django.utils import timezone

from sportloket.clubcheck.selectors import desk_rounds
from sportloket.contacts.selectors import coverage
from sportloket.core.permissions import Capability
from sportloket.decisions.selectors import public_distribution
from sportloket.funds.overview import desk_overview
from sportloket.helprequests.scan_figures import year_figures
from sportloket.helprequests.selectors import response_figures
from sportloket.meetings.selectors import reach
from sportloket.quality.selectors import quality_figures
from sportloket.scan import selectors
from sportloket.scan.models import ScanSnapshot


def report_years(*, loket, today=None) -> list[int]:
    """The years a report can be made for: from the year the desk was set up to this one."""
    today = today or timezone.localdate()
    first = timezone.localtime(loket.created_at).year
    return list(range(today.year, min(first, today.year) - 1, -1))


def _responses(loket, end) -> dict:
    """The year's first responses and decisions in working days: how many, how many within the
    desk's target, and the median of the months' medians (the months are in the report)."""
    months = [row for row in response_figures(loket=loket, months=12, today=end)
              if row["month"].year == end.year]  # fmt: skip
    found = {"months": sorted(months, key=lambda row: row["month"])}
    for key in ("response", "decision"):
        rows = [row[key] for row in months if row.get(key)]
        found[key] = {
            "count": sum(row["count"] for row in rows),
            "on_time": sum(row["on_time"] for row in rows),
        }
    return found


def _year_scan(loket, end, complete):
    """A past year's scan as its December snapshot kept it (what the desk's data said then);
    without one, and for the current year, the scan from the data as it stands for ``end``."""
    if complete:
        snapshot = ScanSnapshot.objects.for_desk(loket).filter(month=end.replace(day=1)).first()
        if snapshot is not None:
            return selectors.scan_of_snapshot(snapshot)
    return selectors.desk_scan(loket=loket, on=end)


def yearly_report(*, membership, year: int, today=None) -> dict:
    """Everything the yearly report shows for ``year`` (404 for a year outside the desk's);
    the funds' own figures only for a reader who may see the desk's money (``per_fund``: the
    funds this reader sees in detail)."""
    loket = membership.loket
    today = today or timezone.localdate()
    if year not in report_years(loket=loket, today=today):
        raise Http404
    start = datetime.date(year, 1, 1)
    end = min(datetime.date(year, 12, 31), today)
    rounds = {r.year: r for r in desk_rounds(loket=loket).filter(year=year)}
    contact = coverage(loket=loket, on=end, months=end.month)
    return {
        "year": year,
        "start": start,
        "end": end,
        "complete": end.year < today.year,
        "scan": _year_scan(loket, end, end.year < today.year),
        "questions": year_figures(loket=loket, year=year),
        "responses": _responses(loket, end),
        "decisions": public_distribution(loket=loket, year=year),
        "money": (
            desk_overview(
                loket=loket, period=(start, datetime.date(year, 12, 31)), membership=membership
            )
            if membership.can(Capability.VIEW_FUNDS)
            else None
        ),
        "contacts": contact,
        "quality": quality_figures(loket=loket, on=end),
        "reach": reach(loket=loket, since=start, until=end, on=end, per_page=1),
        "club_check": rounds.get(year),
    }
