"""Selectors: the national picture for the national team: every active desk's latest scan
verdicts side by side, and the country's coverage (which municipalities lie in an active desk's
work area, per province, and the trend). Aggregates only: no personal data, and no figure about
providers at all, so no group can be too small to show."""

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, OuterRef, Q, Subquery

from sportloket.core.models import Loket, Municipality
from sportloket.core.selectors import national_desk_figures
from sportloket.scan import checklist
from sportloket.scan.constants import Verdict
from sportloket.scan.models import CoverageSnapshot, ScanSnapshot

# The items shown side by side: the base conditions and the checklist's items (a part's
# verdict is in its item's).
COLUMNS = (
    *((key, title) for key, _quote, title, _parts in checklist.BASE),
    *((item.key, item.title) for item in (*checklist.WHEN, *checklist.HOW)),
)


@dataclass
class DeskRow:
    desk: Loket
    month: object  # the snapshot's month, None without one
    verdicts: list  # (verdict or None, its label) in the order of COLUMNS
    met: int
    items: int


def with_verdicts(desks) -> list[DeskRow]:
    """``desks`` (a page of ``national_desk_figures``) with their latest snapshot's verdicts.
    One query for the whole page."""
    desks = list(desks)
    latest = {}
    newest = (
        ScanSnapshot.objects.filter(loket=OuterRef("loket")).order_by("-month").values("month")[:1]
    )
    for snapshot in ScanSnapshot.objects.filter(
        loket__in=[d.pk for d in desks], month=Subquery(newest)
    ).only("loket_id", "month", "verdicts"):
        latest[snapshot.loket_id] = snapshot
    leaves = [item.key for item in checklist.leaves()]
    labels = dict(Verdict.choices)
    rows = []
    for desk in desks:
        snapshot = latest.get(desk.pk)
        verdicts = snapshot.verdicts if snapshot else {}
        rows.append(
            DeskRow(
                desk,
                snapshot.month if snapshot else None,
                [(verdicts.get(key), labels.get(verdicts.get(key))) for key, _title in COLUMNS],
                sum(verdicts.get(key) == Verdict.MET for key in leaves),
                len(leaves),
            )
        )
    return rows


def desks():
    return national_desk_figures()


@dataclass
class ProvinceRow:
    name: str
    municipalities: int = 0
    covered: int = 0
    desks: int = 0
    uncovered: list = None

    @property
    def share(self):
        return self.covered / self.municipalities if self.municipalities else None


def coverage() -> dict:
    """Per province: its municipalities, those in an active desk's work area (and the names of
    those that are not), and the active desks working there. Two queries."""
    municipalities = (
        Municipality.objects.annotate(
            desk_count=Count("desks", filter=Q(desks__is_active=True), distinct=True)
        )
        .order_by("province__name", "name")
        .values_list("name", "province__name", "desk_count")
    )
    provinces: dict[str, ProvinceRow] = {}
    for name, province, desk_count in municipalities:
        row = provinces.setdefault(province, ProvinceRow(province, uncovered=[]))
        row.municipalities += 1
        if desk_count:
            row.covered += 1
        else:
            row.uncovered.append(name)
    desks_per_province = defaultdict(set)
    pairs = (
        Loket.work_area.through.objects.filter(loket__is_active=True)
        .order_by()
        .values_list("municipality__province__name", "loket_id")
        .distinct()
    )
    for province, loket_id in pairs:
        desks_per_province[province].add(loket_id)
    for name, row in provinces.items():
        row.desks = len(desks_per_province[name])
    rows = sorted(provinces.values(), key=lambda row: row.name)
    total = sum(row.municipalities for row in rows)
    covered = sum(row.covered for row in rows)
    return {"provinces": rows, "total": total, "covered": covered}


def coverage_trend(months: int = 24) -> list[CoverageSnapshot]:
    """The coverage snapshots of the last ``months`` months, oldest first. One query."""
    return list(reversed(CoverageSnapshot.objects.order_by("-month")[:months]))
