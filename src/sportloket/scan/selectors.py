"""Selectors: a desk's loket-scan (live, from its own data), its thresholds, its monthly history
with the trend per item and what changed since last month."""

import datetime
from dataclasses import dataclass, field

from django.utils import timezone

from sportloket.scan import checklist, facts, rules
from sportloket.scan.constants import RANK, Verdict
from sportloket.scan.models import ScanSettings, ScanSnapshot
from sportloket.scan.thresholds import effective


@dataclass
class Row:
    key: str
    quote: str
    title: str
    verdict: str
    finding: rules.Finding | None = None
    parts: list = field(default_factory=list)
    links: tuple = ()
    shown_links: list = field(default_factory=list)  # (label, url) this reader may open

    @property
    def verdict_label(self):
        return Verdict(self.verdict).label


@dataclass
class Scan:
    on: datetime.date
    since: datetime.date
    thresholds: dict
    base: list[Row]
    when: list[Row]
    how: list[Row]
    rows: dict[str, Row]

    @property
    def items(self) -> list[Row]:
        """The items of both checklists, in the source text's order."""
        return [*self.when, *self.how]

    def verdicts(self) -> dict[str, str]:
        return {key: row.verdict for key, row in self.rows.items()}

    def figures(self) -> dict[str, dict]:
        return {key: row.finding.figures for key, row in self.rows.items() if row.finding}

    def counts(self) -> dict[str, int]:
        """How many items the rules judge (the leaves) have each verdict."""
        found = dict.fromkeys(Verdict.values, 0)
        for item in checklist.leaves():
            found[self.rows[item.key].verdict] += 1
        return found


def desk_thresholds(*, loket) -> dict[str, int]:
    """The desk's thresholds: the national defaults with its own. One query."""
    overrides = (
        ScanSettings.objects.filter(loket=loket).values_list("thresholds", flat=True).first()
    )
    return effective(overrides)


def evaluate(found: dict, thresholds: dict) -> Scan:
    """Every item of the checklist judged on ``found`` (the figures of ``facts.gather``)."""
    rows: dict[str, Row] = {}

    def judge(item: checklist.Item) -> Row:
        if item.rule is not None:
            finding = item.rule(found, thresholds)
            row = Row(item.key, item.quote, item.title, finding.verdict, finding, [], item.links)
        else:
            parts = [judge(part) for part in item.parts]
            verdict = rules.combine(part.verdict for part in parts)
            row = Row(item.key, item.quote, item.title, verdict, None, parts, item.links)
        rows[item.key] = row
        return row

    when = [judge(item) for item in checklist.WHEN]
    how = [judge(item) for item in checklist.HOW]
    base = []
    for key, quote, title, carried_by in checklist.BASE:
        parts = [rows[k] for k in carried_by]
        row = Row(key, quote, title, rules.combine(p.verdict for p in parts), None, parts)
        rows[key] = row
        base.append(row)
    return Scan(found["on"], found["since"], thresholds, base, when, how, rows)


def scan_of_snapshot(snapshot: ScanSnapshot) -> Scan:
    """The verdicts a snapshot kept, as a scan without its figures (an item the checklist got
    after the snapshot was taken is not measurable in it)."""
    rows: dict[str, Row] = {}

    def row_of(item: checklist.Item) -> Row:
        verdict = snapshot.verdicts.get(item.key, Verdict.UNMEASURABLE)
        parts = [row_of(part) for part in item.parts]
        rows[item.key] = Row(item.key, item.quote, item.title, verdict, None, parts, item.links)
        return rows[item.key]

    when = [row_of(item) for item in checklist.WHEN]
    how = [row_of(item) for item in checklist.HOW]
    base = []
    for key, quote, title, carried_by in checklist.BASE:
        verdict = snapshot.verdicts.get(key, Verdict.UNMEASURABLE)
        rows[key] = Row(key, quote, title, verdict, None, [rows[k] for k in carried_by])
        base.append(rows[key])
    return Scan(snapshot.taken_on, snapshot.taken_on, {}, base, when, how, rows)


def desk_scan(*, loket, on=None) -> Scan:
    """The desk's scan today (or on ``on``), from its own data: about 25 queries, however large
    the desk."""
    thresholds = desk_thresholds(loket=loket)
    return evaluate(facts.gather(loket=loket, thresholds=thresholds, on=on), thresholds)


def month_of(day: datetime.date) -> datetime.date:
    return day.replace(day=1)


def desk_history(*, loket, months: int = 12, on=None) -> list[ScanSnapshot]:
    """The desk's snapshots of the last ``months`` months, oldest first. One query."""
    on = on or timezone.localdate()
    first = month_of(on)
    for _step in range(months - 1):
        first = month_of(first - datetime.timedelta(days=1))
    return list(ScanSnapshot.objects.for_desk(loket).filter(month__gte=first).order_by("month"))


def previous_snapshot(history: list[ScanSnapshot], on) -> ScanSnapshot | None:
    """The latest snapshot of a month before ``on``'s month."""
    earlier = [s for s in history if s.month < month_of(on)]
    return earlier[-1] if earlier else None


@dataclass(frozen=True)
class Change:
    row: Row
    before: str
    better: bool

    @property
    def before_label(self):
        return Verdict(self.before).label


def changes(scan: Scan, before: ScanSnapshot | None) -> list[Change]:
    """The items whose verdict differs from ``before``'s, in the checklist's order."""
    if before is None:
        return []
    found = []
    for key, row in scan.rows.items():
        was = before.verdicts.get(key)
        if was is not None and was != row.verdict:
            better = RANK.get(row.verdict, -1) > RANK.get(was, -1)
            found.append(Change(row, was, better))
    return found


def trend(scan: Scan, history: list[ScanSnapshot]) -> list[dict]:
    """Per item (base conditions and the checklist, in order): its verdict in each month of
    ``history`` (None where the month has no snapshot or the item did not exist yet)."""
    ordered = [*scan.base, *scan.items]
    found = []
    for row in ordered:
        for shown in (row, *row.parts) if row.key.startswith(("when", "how")) else (row,):
            found.append(
                {
                    "row": shown,
                    "months": [
                        (s.month, v, Verdict(v).label if v in Verdict.values else None)
                        for s in history
                        for v in (s.verdicts.get(shown.key),)
                    ],
                }
            )
    return found
