"""The desk's quality rule judged in memory: one implementation for a single person's check
(with reasons) and for the counts over a whole desk, so the two can never disagree.

Validity is always judged on a given day ``on`` (see ``QualityRegistration.is_valid_on``).
"""

from dataclasses import dataclass, field

from django.utils import formats
from django.utils.translation import gettext as _

from sportloket.quality.constants import SHORT_NAMES, QualitySystem


def _fold(text: str) -> str:
    return " ".join((text or "").split()).casefold()


@dataclass(frozen=True)
class Requirement:
    """One option of a rule's group: a registration of ``system``, at ``min_level`` or higher
    and in ``line`` when they are given."""

    system: str
    min_level: int | None = None
    line: str = ""

    def fits(self, registration) -> bool:
        """Whether the registration is of the right kind, whatever its dates."""
        return (
            registration.system == self.system
            and (self.min_level is None or (registration.level or 0) >= self.min_level)
            and (not self.line or _fold(registration.line) == _fold(self.line))
        )

    def met_by(self, registration, on) -> bool:
        return self.fits(registration) and registration.is_valid_on(on)

    def describe(self) -> str:
        numbers = {
            "system": str(QualitySystem(self.system).label),
            "line": self.line,
            "level": self.min_level,
        }
        if self.line and self.min_level:
            return _("%(system)s (%(line)s) at level %(level)d or higher") % numbers
        if self.min_level:
            return _("%(system)s at level %(level)d or higher") % numbers
        if self.line:
            return _("%(system)s (%(line)s)") % numbers
        return numbers["system"]


Group = tuple[Requirement, ...]


@dataclass
class RuleResult:
    """Whether someone meets a rule on a day, and if not, why (translated sentences)."""

    met: bool
    reasons: list[str] = field(default_factory=list)

    def __bool__(self):
        return self.met


def group_met(group: Group, registrations, on) -> bool:
    return any(req.met_by(reg, on) for req in group for reg in registrations)


def rule_met(groups, registrations, on) -> bool:
    return all(group_met(group, registrations, on) for group in groups)


def lapsed(groups, registrations, on) -> bool:
    """Whether the rule is not met because a registration it asks for has expired: a group is
    unmet and held a fitting registration that ran out before ``on``."""
    return any(
        not group_met(group, registrations, on)
        and any(
            req.fits(reg) and reg.valid_until is not None and reg.valid_until < on
            for req in group
            for reg in registrations
        )
        for group in groups
    )


def evaluate(groups, registrations, on) -> RuleResult:
    """The result with a reason per unmet group: what is needed, and what became of the
    person's nearest registration (expired, not yet valid, ended, or of a lower level)."""
    reasons = []
    for group in groups:
        if group_met(group, registrations, on):
            continue
        reasons.append(_needs(group))
        detail = _nearest_miss(group, registrations, on)
        if detail and detail not in reasons:
            reasons.append(detail)
    return RuleResult(met=not reasons, reasons=reasons)


def describe_group(group: Group) -> str:
    """A requirement's options in words: "A, B or C"."""
    described = [req.describe() for req in group]
    if len(described) == 1:
        return described[0]
    return _("%(options)s or %(last)s") % {
        "options": ", ".join(described[:-1]),
        "last": described[-1],
    }


def _needs(group: Group) -> str:
    return _("Needs a valid %(requirement)s.") % {"requirement": describe_group(group)}


def _name(registration) -> str:
    return SHORT_NAMES.get(registration.system) or registration.line or _("other")


def _date(day) -> str:
    return formats.date_format(day, "j N Y")


def _nearest_miss(group: Group, registrations, on) -> str:
    """Why the person's closest registration does not count, or "" when they hold none."""
    fitting = [reg for reg in registrations if any(req.fits(reg) for req in group)]
    if fitting:
        # The one that lasts longest (no end first), then the most recent.
        reg = max(
            fitting,
            key=lambda r: (r.valid_until is None, r.valid_until or r.valid_from, r.valid_from),
        )
        numbers = {"name": _name(reg)}
        if reg.ended_on is not None and reg.ended_on <= on:
            return _("The %(name)s registration no longer counts since %(date)s.") % {
                **numbers,
                "date": _date(reg.ended_on),
            }
        if reg.valid_from > on:
            return _("The %(name)s registration is valid only from %(date)s.") % {
                **numbers,
                "date": _date(reg.valid_from),
            }
        return _("The %(name)s registration expired on %(date)s.") % {
            **numbers,
            "date": _date(reg.valid_until),
        }
    systems = {req.system for req in group}
    valid = [reg for reg in registrations if reg.system in systems and reg.is_valid_on(on)]
    if not valid:
        return ""
    reg = max(valid, key=lambda r: (r.level or 0, r.valid_from))
    wanted = [req for req in group if req.system == reg.system]
    if any(req.min_level and (reg.level or 0) < req.min_level for req in wanted):
        if reg.level is None:
            return _("The %(name)s registration has no level.") % {"name": _name(reg)}
        return _("The %(name)s registration is at level %(level)d.") % {
            "name": _name(reg),
            "level": reg.level,
        }
    return _("The %(name)s registration is for another line (%(line)s).") % {
        "name": _name(reg),
        "line": reg.line or "–",
    }
