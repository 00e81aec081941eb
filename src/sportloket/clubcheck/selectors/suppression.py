"""Small numbers suppressed: no published figure of the club check covers fewer than
``SMALL_GROUP`` providers, nor can such a figure be worked out from the others published with
it (the whole area minus the groups shown, the hidden cells of one question together, another
publication of the same group)."""

from sportloket.clubcheck.constants import SMALL_GROUP
from sportloket.clubcheck.selectors.groups import COUNT_FIELDS, DISTRIBUTIONS, Group


def _safe(count: int, whole: int) -> bool:
    """A count of providers in a group of ``whole`` may be shown: it and the rest are each none
    or at least SMALL_GROUP."""
    return all(part == 0 or part >= SMALL_GROUP for part in (count, whole - count))


def _protect(cells: dict, hidden: set) -> set:
    """``hidden`` grown until the cells left out together cover none or at least SMALL_GROUP
    providers (else the group's total gives their sum away): the smallest shown cell joins
    them, then the next. A cell of none adds nobody to them: it stays shown."""
    hidden = set(hidden)
    while 0 < sum(cells[name] for name in hidden) < SMALL_GROUP:
        shown = sorted((v, name) for name, v in cells.items() if name not in hidden and v > 0)
        if not shown:
            break
        hidden.add(shown[0][1])
    return hidden


def _hide_cells(group: Group, hidden=()) -> None:
    """A shown group's hidden counts: ``hidden``, every count not ``_safe``, and per
    single-choice question further counts until the hidden ones are safe together."""
    group.hidden = set(hidden) | {
        name for name in COUNT_FIELDS if not _safe(group.values[name], group.answered)
    }
    for fields in DISTRIBUTIONS:
        cells = {name: group.values[name] for name in fields}
        group.hidden |= _protect(cells, group.hidden & set(fields))


def _protect_margins(groups: list[Group], total: Group | None = None) -> None:
    """For a dimension that divides the providers, the whole area is their sum: the area's
    count minus the groups that show it is the count of the rest (the groups left out and those
    hiding it), which must be safe too; and a count the area hides must not be the sum of groups
    that all show it. Until both hold, the smallest group showing the count hides it."""
    area = Group("total", "all", "", answered=sum(g.answered for g in groups))
    area.values = {name: sum(g.values[name] for g in groups) for name in COUNT_FIELDS}
    if area.answered < SMALL_GROUP:
        return
    _hide_cells(area, total.hidden if total is not None else ())
    changed = True
    while changed:
        changed = False
        for name in COUNT_FIELDS:
            showing = [g for g in groups if not g.suppressed and name not in g.hidden]
            rest = [g for g in groups if g.suppressed or name in g.hidden]
            candidates = showing
            if name in area.hidden:
                safe = bool(rest)
            else:
                count = sum(g.values[name] for g in rest)
                rest_size = sum(g.answered for g in rest)
                safe = _safe(count, rest_size)
                # What the rest lacks: providers counted (a group with some) or providers not
                # counted (a group with some of those); a group without any would not help.
                if 0 < count < SMALL_GROUP:
                    candidates = [g for g in showing if g.values[name] > 0] or showing
                elif not safe:
                    candidates = [g for g in showing if g.answered > g.values[name]] or showing
            if safe or not showing:
                continue
            smallest = min(candidates, key=lambda g: (g.answered, g.values[name], str(g.label)))
            _hide_cells(smallest, smallest.hidden | {name})
            changed = True


def _others_by_key(others) -> dict:
    """The other publication's groups that are shown (at least SMALL_GROUP answers), by key."""
    found: dict = {}
    for other in others:
        if other.answered >= SMALL_GROUP:
            found.setdefault(other.key, []).append(other)
    return found


def _protect_against(groups: list[Group], others) -> None:
    """Counts of a shown group that another publication's group of the same key would give
    away by difference (the national figures of a municipality minus a desk's) are hidden:
    the difference of the counts must be safe within the difference of the groups."""
    for group in groups:
        if group.suppressed:
            continue
        hidden = set(group.hidden)
        for other in others(group):
            size = abs(group.answered - other.answered)
            for name in COUNT_FIELDS:
                difference = abs(group.values[name] - other.values.get(name, 0))
                safe = difference == 0 or (size >= SMALL_GROUP and _safe(difference, size))
                if name not in hidden and not safe:
                    hidden.add(name)
        if hidden != group.hidden:
            _hide_cells(group, hidden)


def suppress(groups: list[Group], *, partition: bool, others=(), total=None) -> list[Group]:
    """Marks what may not be published: a group with fewer than SMALL_GROUP answers, and (for
    a dimension that divides the providers) further groups until those left out cover none or
    at least SMALL_GROUP; in a group shown, each count of providers not ``_safe``, per
    single-choice question further counts until the hidden ones cover none or at least
    SMALL_GROUP, and (dividing dimensions) counts the whole area would give away
    (``_protect_margins``) or ``others``, another publication's groups of the same keys, would
    give away (``_protect_against``; a group that differs from one of them by fewer than
    SMALL_GROUP answers is left out); the open places on the board wherever the providers with
    one are hidden (their sum could be 1). ``total``: the whole area as published: for a
    dividing dimension, what it leaves out its groups together must not give away; for
    another (sports), each group is checked against it as against another publication."""
    by_key = _others_by_key(others)
    # A group of a dimension that does not divide the providers (a sport) is compared with the
    # whole area too: the area minus the group is the providers outside it.
    area = [total] if not partition and total is not None and not total.suppressed else []

    def others_of(group) -> list[Group]:
        return [*by_key.get(group.key, ()), *(a for a in area if a is not group)]

    for group in groups:
        group.suppressed = group.answered < SMALL_GROUP or any(
            0 < abs(group.answered - other.answered) < SMALL_GROUP for other in others_of(group)
        )
    if partition and total is not None and total.suppressed:
        for group in groups:  # together they would be the whole area
            group.suppressed = True
    if partition:
        sizes = {id(g): g.answered for g in groups}
        left_out = {id(g) for g in groups if g.suppressed}
        while 0 < sum(sizes[i] for i in left_out) < SMALL_GROUP:
            shown = sorted(
                (g.answered, str(g.label), id(g)) for g in groups if id(g) not in left_out
            )
            if not shown:
                break
            left_out.add(shown[0][2])
        for group in groups:
            group.suppressed = id(group) in left_out
    for group in groups:
        if not group.suppressed:
            _hide_cells(group)
    _protect_against(groups, others_of)
    if partition:
        _protect_margins(groups, total)
    for group in groups:
        if "with_board_vacancy" in group.hidden:
            group.hidden.add("board_vacancies")
    return groups
