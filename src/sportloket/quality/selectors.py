"""Reads on quality: a desk's rule, whether a person meets it (with reasons), registrations
expiring soon, and the desk's quality figures, each with a fixed number of queries."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import timedelta

from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import Lower
from django.utils import timezone

from sportloket.core.models import Membership
from sportloket.quality import rules
from sportloket.quality.constants import ACTING_ROLES, EXPIRY_WARNING_DAYS, QualitySystem
from sportloket.quality.models import QualityRegistration, QualityRequirementOption
from sportloket.quality.rules import Requirement, RuleResult

# What the rule needs to know of a registration.
_RULE_FIELDS = ("user_id", "system", "line", "level", "valid_from", "valid_until", "ended_on")


def desk_rule(*, loket_id) -> list[tuple[Requirement, ...]]:
    """The desk's rule as groups of options, in order (one query); empty: no rule."""
    groups: dict[int, list[Requirement]] = {}
    options = (
        QualityRequirementOption.objects.filter(group__loket_id=loket_id)
        .order_by("group__position", "group_id", "pk")
        .values_list("group_id", "system", "min_level", "line")
    )
    for group_id, system, min_level, line in options:
        groups.setdefault(group_id, []).append(Requirement(system, min_level, line))
    return [tuple(group) for group in groups.values()]


def desk_registrations(*, loket):
    """The registrations a desk may see: those of its active members (see ``for_desk``)."""
    return QualityRegistration.objects.for_desk(loket.pk).select_related("user")


def rule_check(*, loket_id, user, on=None) -> RuleResult:
    """Whether ``user`` meets the desk's quality rule on ``on`` (today by default), with the
    reasons when not (``user`` may be given by its pk). Two queries at most.
    Only registrations the desk may see count, so a person who is no active member of the
    desk learns nothing of their registrations here."""
    on = on or timezone.localdate()
    groups = desk_rule(loket_id=loket_id)
    if not groups:
        return RuleResult(met=True)
    registrations = list(
        QualityRegistration.objects.for_desk(loket_id).filter(user=user).only(*_RULE_FIELDS)
    )
    return rules.evaluate(groups, registrations, on)


def offering_check(*, loket_id, user, registration: str, on=None) -> RuleResult:
    """Whether ``user`` may deliver, for this desk, an offering that needs ``registration``
    (an ``offerings.constants.Registration`` value; empty: none): the desk's rule and a valid
    registration of that system. Two queries at most."""
    on = on or timezone.localdate()
    groups = desk_rule(loket_id=loket_id)
    if registration:
        groups.append((Requirement(QualitySystem(registration).value),))
    if not groups:
        return RuleResult(met=True)
    registrations = list(
        QualityRegistration.objects.for_desk(loket_id).filter(user=user).only(*_RULE_FIELDS)
    )
    return rules.evaluate(groups, registrations, on)


def first_undeliverable(*, loket_id, user, offerings, on=None):
    """The first of ``offerings`` (each with its ``required_registration``) that ``user`` may
    not deliver for this desk on ``on``, with the rule's result; None when they may deliver
    them all (offerings that need no registration are not checked)."""
    for offering in offerings:
        if not offering.required_registration:
            continue
        result = offering_check(
            loket_id=loket_id, user=user, registration=offering.required_registration, on=on
        )
        if not result.met:
            return offering, result
    return None


def _acting_members(loket_id):
    """The desk's active coordinators and supporters (one active membership per person)."""
    return Membership.objects.active().filter(loket_id=loket_id, role__in=ACTING_ROLES)


def _by_user(registrations):
    found = defaultdict(list)
    for registration in registrations:
        found[registration.user_id].append(registration)
    return found


def qualified_supporters(*, loket, registration: str = "", on=None) -> int:
    """How many of the desk's active coordinators and supporters meet its rule on ``on`` and
    hold a valid registration of ``registration``'s system (empty: meet the rule only). Two
    queries; this is what matching counts as a qualified supporter."""
    on = on or timezone.localdate()
    groups = desk_rule(loket_id=loket.pk)
    if registration:
        groups.append((Requirement(QualitySystem(registration).value),))
    if not groups:
        return _acting_members(loket.pk).count()
    # Every group needs a valid registration, so only members holding one can qualify.
    systems = {req.system for group in groups for req in group}
    valid = (
        QualityRegistration.objects.of_acting_members(loket.pk)
        .valid_on(on)
        .filter(system__in=systems)
        .only(*_RULE_FIELDS)
    )
    return sum(1 for regs in _by_user(valid).values() if rules.rule_met(groups, regs, on))


def qualified_supporters_per_registration(*, loket_id, registrations, on=None) -> dict[str, int]:
    """``qualified_supporters`` for each of ``registrations`` (non-empty Registration values)
    at once, in two queries: what a ranking of many offerings needs."""
    on = on or timezone.localdate()
    groups = desk_rule(loket_id=loket_id)
    held = _by_user(
        QualityRegistration.objects.of_acting_members(loket_id)
        .valid_on(on)
        .only(*_RULE_FIELDS)
        .order_by()  # any order: it counts people
    )
    counts = {}
    for registration in registrations:
        wanted = [*groups, (Requirement(QualitySystem(registration).value),)]
        counts[registration] = sum(1 for regs in held.values() if rules.rule_met(wanted, regs, on))
    return counts


def expiring(*, loket, on=None, days: int = EXPIRY_WARNING_DAYS):
    """Registrations of the desk's active members that are valid on ``on`` and expire within
    ``days`` days (their last valid day on or before ``on + days``), soonest first. One that is
    already renewed (the person holds another of the same system and line that lasts longer)
    needs no warning and is left out."""
    on = on or timezone.localdate()
    renewed = (
        QualityRegistration.objects.annotate(line_key=Lower("line"))
        .filter(
            user_id=OuterRef("user_id"),
            system=OuterRef("system"),
            line_key=Lower(OuterRef("line")),
            ended_on__isnull=True,
        )
        .filter(Q(valid_until__isnull=True) | Q(valid_until__gt=OuterRef("valid_until")))
        .exclude(pk=OuterRef("pk"))
    )
    return (
        QualityRegistration.objects.for_desk(loket.pk)
        .valid_on(on)
        .filter(valid_until__lte=on + timedelta(days=days))
        .exclude(Exists(renewed))
        .select_related("user")
        .order_by("valid_until", "user__full_name", "pk")
    )


@dataclass(frozen=True)
class QualityFigures:
    """The desk's quality on a day. ``supporters``: active coordinators and supporters;
    ``meeting``: of them, those who meet the rule; ``expiring_soon``: those with a registration
    expiring within the warning period; ``lapsed``: those who do not meet the rule because a
    registration it asks for expired."""

    supporters: int
    meeting: int
    expiring_soon: int
    lapsed: int
    has_rule: bool

    @property
    def share_meeting(self) -> float | None:
        """The share (0 to 1) meeting the rule; None without supporters."""
        return self.meeting / self.supporters if self.supporters else None


def quality_figures(*, loket, on=None, days: int = EXPIRY_WARNING_DAYS) -> QualityFigures:
    """The desk's quality figures on ``on``, in four queries whatever the desk's size."""
    on = on or timezone.localdate()
    supporter_ids = set(_acting_members(loket.pk).values_list("user_id", flat=True))
    groups = desk_rule(loket_id=loket.pk)
    meeting = 0 if groups else len(supporter_ids)
    lapsed = 0
    if groups and supporter_ids:
        systems = {req.system for group in groups for req in group}
        registrations = _by_user(
            QualityRegistration.objects.of_acting_members(loket.pk)
            .filter(system__in=systems)
            .only(*_RULE_FIELDS)
        )
        for user_id in supporter_ids:
            held = registrations.get(user_id, [])
            if rules.rule_met(groups, held, on):
                meeting += 1
            elif rules.lapsed(groups, held, on):
                lapsed += 1
    expiring_soon = (
        expiring(loket=loket, on=on, days=days)
        .filter(user_id__in=_acting_members(loket.pk).values("user_id"))
        .order_by()
        .values("user_id")
        .distinct()
        .count()
    )
    return QualityFigures(
        supporters=len(supporter_ids),
        meeting=meeting,
        expiring_soon=expiring_soon,
        lapsed=lapsed,
        has_rule=bool(groups),
    )


def acting_members(*, loket):
    """The desk's active coordinators and supporters with their accounts, by name: the people
    held to its rule (paginate it; see ``rule_results`` for their checks)."""
    return (
        _acting_members(loket.pk)
        .select_related("user")
        .order_by("user__full_name", "user__email", "pk")
    )


def rule_results(*, loket, user_ids, on=None) -> dict[int, RuleResult]:
    """The desk rule's result, with its reasons, for each of these people (by user pk), in two
    queries however many they are: what the overview shows per member. Only registrations the
    desk may see count, as in ``rule_check``."""
    on = on or timezone.localdate()
    user_ids = list(user_ids)
    groups = desk_rule(loket_id=loket.pk)
    if not groups:
        return {user_id: RuleResult(met=True) for user_id in user_ids}
    systems = {req.system for group in groups for req in group}
    held = _by_user(
        QualityRegistration.objects.for_desk(loket.pk)
        .filter(user_id__in=user_ids, system__in=systems)
        .only(*_RULE_FIELDS)
    )
    return {user_id: rules.evaluate(groups, held.get(user_id, []), on) for user_id in user_ids}


def person_registrations(*, loket, user):
    """A person's registrations as the desk sees them (none unless they are an active member),
    current ones first: those that still count, by system, then those ended or expired."""
    return (
        QualityRegistration.objects.for_desk(loket.pk)
        .filter(user=user)
        .select_related("user")
        .order_by("system", "-valid_from", "-pk")
    )


def describe_rule(groups) -> list[str]:
    """The rule in words, one line per requirement: its options joined by "or"."""
    return [rules.describe_group(group) for group in groups]
