"""The verdict's arithmetic shared by every rule: the finding, shares and their words, and
how the verdicts of parts make the verdict of a whole."""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from sportloket.scan.constants import Verdict


@dataclass(frozen=True)
class Finding:
    verdict: str
    evidence: tuple[tuple[str, str], ...]
    rule: str
    # The item's figures in numbers, kept in the monthly snapshot (for the trend).
    figures: dict = field(default_factory=dict)


def percent(part: int, whole: int) -> str:
    return f"{round(100 * part / whole)} %" if whole else "–"


def of(part: int, whole: int) -> str:
    return _("%(part)s of %(whole)s (%(share)s)") % {
        "part": part,
        "whole": whole,
        "share": percent(part, whole),
    }


def by_share(part: int, whole: int, met: int, partly: int) -> str:
    """Met from ``met`` percent, partly from ``partly`` percent (and at least one), else not yet."""
    if not whole:
        return Verdict.UNMEASURABLE
    share = 100 * part / whole
    if share >= met:
        return Verdict.MET
    if part and share >= partly:
        return Verdict.PARTLY
    return Verdict.NOT_YET


def combine(verdicts) -> str:
    """A checklist item with parts, or a base condition: met when every measurable part is met,
    not yet when none is met or partly, partly otherwise; not measurable when no part is."""
    measured = [v for v in verdicts if v != Verdict.UNMEASURABLE]
    if not measured:
        return Verdict.UNMEASURABLE
    if all(v == Verdict.MET for v in measured):
        return Verdict.MET
    if all(v == Verdict.NOT_YET for v in measured):
        return Verdict.NOT_YET
    return Verdict.PARTLY
