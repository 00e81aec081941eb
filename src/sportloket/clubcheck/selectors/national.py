"""The national figures of a year over every desk's closed rounds: each provider once (its
latest answer and invitation of the year), computed from every desk's own figures minus the
answers a later one replaced, so that no query reads the year's answers twice over; suppressed
as ``suppress`` says and against every desk's own figures of the same groups (a national group
minus a desk's must not give a small group away). Kept in the cache until an answer or
invitation of the year changes."""

from django.core.cache import cache
from django.db.models import Count, Exists, Max, OuterRef
from django.utils import timezone

from sportloket.clubcheck.constants import CORE_VERSION
from sportloket.clubcheck.models import CheckAnswer, CheckInvitation
from sportloket.clubcheck.selectors.groups import COUNT_FIELDS, DIMENSIONS, PARTITIONS, SUM_FIELDS
from sportloket.clubcheck.selectors.results import Group, _raw_groups
from sportloket.clubcheck.selectors.suppression import suppress

# Read far more often than answers change: kept until they do (the stamp), an hour at most (a
# provider that moved to another municipality).
NATIONAL_SECONDS = 60 * 60
ALL = ("total", "municipality", "kind", "sport")


def _stamp(year: int) -> str:
    """What the national figures of ``year`` change with (two queries)."""
    answers = CheckAnswer.objects.filter(round__year=year).aggregate(
        n=Count("pk"), last=Max("updated_at")
    )
    invitations = CheckInvitation.objects.filter(round__year=year).aggregate(
        n=Count("pk"), last=Max("pk")
    )
    last = answers["last"].timestamp() if answers["last"] else 0
    return f"{answers['n']}-{last:.6f}-{invitations['n']}-{invitations['last']}"


def _replaced(rows):
    """The ids of the rows a later row of the same provider replaced (one query)."""
    later = rows.filter(organisation=OuterRef("organisation"), pk__gt=OuterRef("pk"))
    return list(rows.filter(Exists(later)).values_list("pk", flat=True))


def _add(into: Group, group: Group, sign: int = 1) -> None:
    into.invited += sign * group.invited
    into.answered += sign * group.answered
    for name in (*SUM_FIELDS, *COUNT_FIELDS):
        into.values[name] = into.values.get(name, 0) + sign * group.values.get(name, 0)


def _summed(dimension: str, plus, minus=()) -> list[Group]:
    """Groups by key: the sum of ``plus`` less ``minus`` (groups left empty dropped)."""
    found: dict = {}
    for group in plus:
        if group.key not in found:
            found[group.key] = Group(dimension, group.key, group.label)
        _add(found[group.key], group)
    for group in minus:
        if group.key in found:
            _add(found[group.key], group, -1)
    groups = [g for g in found.values() if g.invited or g.answered]
    return sorted(groups, key=lambda g: (g.key is None, str(g.label).lower(), str(g.key)))


def _as_total(groups: list[Group], key="all") -> Group:
    total = Group("total", key, str(DIMENSIONS["total"]))
    for group in groups:
        _add(total, group)
    return total


def _figures(year: int, dimensions) -> dict:
    """The raw national groups and every desk's own, per dimension (three queries per dimension
    besides the whole area, which the kinds add up to, and three for the replaced answers)."""
    # Only rounds that have closed (``CheckRound.is_published``).
    closed = {
        "round__year": year,
        "round__core_version": CORE_VERSION,
        "round__closes_on__lt": timezone.localdate(),
    }
    answers = CheckAnswer.objects.filter(**closed)
    invitations = CheckInvitation.objects.filter(**closed)
    replaced_answers, replaced_invitations = _replaced(answers), _replaced(invitations)
    wanted = {d for d in dimensions if d != "total"} | (
        {"kind"} if "total" in dimensions else set()
    )
    national, desks = {}, {}
    for dimension in wanted:
        desks[dimension] = _raw_groups(
            answers=answers, invitations=invitations, dimension=dimension, by_round=True
        )
        minus = []
        if replaced_answers or replaced_invitations:
            minus = _raw_groups(
                answers=CheckAnswer.objects.filter(pk__in=replaced_answers),
                invitations=CheckInvitation.objects.filter(pk__in=replaced_invitations),
                dimension=dimension,
            )
        national[dimension] = _summed(dimension, desks[dimension], minus)
    if "total" in dimensions:
        national["total"] = [_as_total(national["kind"])]
        per_desk: dict = {}
        for group in desks["kind"]:  # each desk's whole area: its kinds added up
            per_desk.setdefault(group.round, []).append(group)
        desks["total"] = [_as_total(groups) for groups in per_desk.values()]
    return {d: (national[d], desks[d]) for d in dimensions}


def national_result_rows(*, year: int, dimensions=ALL) -> dict:
    """The published national figures of ``year``, per dimension (see the module)."""
    # The day is part of the key: a round that closes today counts from tomorrow.
    cache_key = (
        f"clubcheck:national:{year}:{CORE_VERSION}:{'.'.join(dimensions)}:"
        f"{timezone.localdate():%Y%m%d}:{_stamp(year)}"
    )
    found = cache.get(cache_key)
    if found is not None:
        return found
    figures = _figures(year, dimensions)
    found = {}
    total = None
    for dimension in ("total", *(d for d in dimensions if d != "total")):
        if dimension not in figures:
            continue
        groups, others = figures[dimension]
        found[dimension] = suppress(
            groups, partition=dimension in PARTITIONS, others=others, total=total
        )
        if dimension == "total":
            total = groups[0] if groups else None
    cache.set(cache_key, found, NATIONAL_SECONDS)
    return found
