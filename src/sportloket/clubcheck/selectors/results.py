"""The club check's figures per group of providers (the whole work area, and per municipality,
kind of provider or sport): response rate, totals and the distributions of the answers, with
small numbers suppressed so that no published figure covers fewer than ``SMALL_GROUP``
providers. The desk's page, its partners' view, the open-data files and the national figures all
read ``result_rows``: the same numbers everywhere. A fixed number of queries for any size (one
for the invitations, one for the answers and one for the topics, per dimension)."""

from dataclasses import dataclass, field

from django.db.models import Count, F, Max, Q, Sum, Value
from django.utils.translation import gettext_lazy as _

from sportloket.clubcheck.constants import (
    CORE_VERSION,
    SMALL_GROUP,
    Facilities,
    Finances,
    HelpTopic,
)
from sportloket.clubcheck.models import AnswerTopic, CheckAnswer, CheckInvitation
from sportloket.registry.constants import OrganisationKind

SUM_FIELDS = ("members_youth", "members_adult", "members_senior", "volunteers", "board_vacancies")
FINANCE_FIELDS = tuple(f"finances_{value}" for value in Finances.values)
FACILITY_FIELDS = tuple(f"facilities_{value}" for value in Facilities.values)
TOPIC_FIELDS = tuple(f"topic_{value}" for value in HelpTopic.values)
# Counts of providers: each shown only when it and the rest of its group are either none or at
# least SMALL_GROUP providers; the single-choice questions are one distribution each.
COUNT_FIELDS = ("with_board_vacancy", *FINANCE_FIELDS, *FACILITY_FIELDS, *TOPIC_FIELDS)
DISTRIBUTIONS = (FINANCE_FIELDS, FACILITY_FIELDS)

DIMENSIONS = {
    "total": _("Whole area"),
    "municipality": _("Municipality"),
    "kind": _("Kind of provider"),
    "sport": _("Sport"),
}
# Dimensions whose groups divide the providers (each provider in exactly one group): the groups
# left out together must cover none or at least SMALL_GROUP providers, or the total gives them
# away. A provider offers several sports (or none), so sports do not divide them.
PARTITIONS = {"municipality", "kind"}

_KEYS = {
    "total": (Value("all"), Value("")),
    "municipality": (F("organisation__municipality__code"), F("organisation__municipality__name")),
    "kind": (F("organisation__kind"), Value("")),
    "sport": (F("organisation__sports"), F("organisation__sports__name")),
}

# The same keys, read from a topic row through its answer.
_TOPIC_KEYS = {
    "total": (Value("all"), Value("")),
    "municipality": (
        F("answer__organisation__municipality__code"),
        F("answer__organisation__municipality__name"),
    ),
    "kind": (F("answer__organisation__kind"), Value("")),
    "sport": (F("answer__organisation__sports"), F("answer__organisation__sports__name")),
}


@dataclass
class Group:
    dimension: str
    key: object
    label: str
    invited: int = 0
    answered: int = 0
    values: dict = field(default_factory=dict)  # each field of SUM_FIELDS and COUNT_FIELDS
    suppressed: bool = False  # the whole group: fewer than SMALL_GROUP answers, or to protect one
    hidden: set = field(default_factory=set)  # count fields not shown in a group shown

    @property
    def response_rate(self):
        if self.suppressed or not self.invited:
            return None
        return round(100 * self.answered / self.invited, 1)

    def value(self, name):
        """The published value of a field: None when it is suppressed."""
        if self.suppressed or name in self.hidden:
            return None
        return self.values.get(name, 0)


def desk_answers(round):
    return CheckAnswer.objects.filter(round=round)


def desk_invitations(round):
    return CheckInvitation.objects.filter(round=round)


def national_answers(year: int):
    """Every provider's answer of the year in the current core version: one per provider (the
    latest, where two desks asked the same one)."""
    latest = (
        CheckAnswer.objects.filter(round__year=year, round__core_version=CORE_VERSION)
        .order_by()
        .values("organisation")
        .annotate(last=Max("pk"))
        .values("last")
    )
    return CheckAnswer.objects.filter(pk__in=latest)


def national_invitations(year: int):
    latest = (
        CheckInvitation.objects.filter(round__year=year, round__core_version=CORE_VERSION)
        .order_by()
        .values("organisation")
        .annotate(last=Max("pk"))
        .values("last")
    )
    return CheckInvitation.objects.filter(pk__in=latest)


def _raw_groups(*, answers, invitations, dimension: str) -> list[Group]:
    key, label = _KEYS[dimension]
    groups: dict = {}

    def group(row_key, row_label):
        if row_key not in groups:
            groups[row_key] = Group(dimension, row_key, row_label or "")
        return groups[row_key]

    for row in (
        invitations.annotate(key=key, label=label)
        .values("key", "label")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        group(row["key"], row["label"]).invited = row["n"]
    aggregates = {
        "answered": Count("pk"),
        **{f"total_{name}": Sum(name) for name in SUM_FIELDS},
        "with_board_vacancy": Count("pk", filter=Q(board_vacancies__gt=0)),
        **{f"finances_{v}": Count("pk", filter=Q(finances=v)) for v in Finances.values},
        **{f"facilities_{v}": Count("pk", filter=Q(facilities=v)) for v in Facilities.values},
    }
    for row in (
        answers.annotate(key=key, label=label)
        .values("key", "label")
        .annotate(**aggregates)
        .order_by()
    ):
        found = group(row.pop("key"), row.pop("label"))
        found.answered = row.pop("answered")
        found.values.update(
            {name.removeprefix("total_"): value or 0 for name, value in row.items()}
        )
    topic_key, topic_label = _TOPIC_KEYS[dimension]
    for row in (
        AnswerTopic.objects.filter(answer__in=answers.values("pk"))
        .annotate(key=topic_key, label=topic_label)
        .values("key", "label", "topic")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        group(row["key"], row["label"]).values[f"topic_{row['topic']}"] = row["n"]
    for found in groups.values():
        for name in (*SUM_FIELDS, *COUNT_FIELDS):
            found.values.setdefault(name, 0)
        if dimension == "kind":
            found.label = str(OrganisationKind(found.key).label) if found.key else ""
        elif dimension == "total":
            found.label = str(DIMENSIONS["total"])
        elif found.key is None:
            found.label = str(_("Not known"))
    return sorted(groups.values(), key=lambda g: (g.key is None, str(g.label).lower(), str(g.key)))


def _safe(count: int, whole: int) -> bool:
    """A count of providers in a group of ``whole`` may be shown: it and the rest are each none
    or at least SMALL_GROUP."""
    return all(part == 0 or part >= SMALL_GROUP for part in (count, whole - count))


def _protect(cells: dict, hidden: set) -> set:
    """``hidden`` grown until the cells left out together cover none or at least SMALL_GROUP
    providers (else the group's total gives their sum away): the smallest shown cell joins
    them, then the next."""
    hidden = set(hidden)
    while 0 < sum(cells[name] for name in hidden) < SMALL_GROUP:
        shown = sorted((value, name) for name, value in cells.items() if name not in hidden)
        if not shown:
            break
        hidden.add(shown[0][1])
    return hidden


def suppress(groups: list[Group], *, partition: bool) -> list[Group]:
    """Marks what may not be published: a group with fewer than SMALL_GROUP answers, and (for
    a dimension that divides the providers) further groups until those left out cover none or
    at least SMALL_GROUP; in a group shown, each count of providers not ``_safe`` and, per
    single-choice question, further counts until the hidden ones cover none or at least
    SMALL_GROUP."""
    for group in groups:
        group.suppressed = group.answered < SMALL_GROUP
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
        if group.suppressed:
            continue
        n = group.answered
        group.hidden = {name for name in COUNT_FIELDS if not _safe(group.values[name], n)}
        for fields in DISTRIBUTIONS:
            cells = {name: group.values[name] for name in fields}
            group.hidden |= _protect(cells, group.hidden & set(fields))
    return groups


def result_rows(*, answers, invitations, dimensions=("total", "municipality", "kind", "sport")):
    """The published figures: for each dimension its groups, suppressed as ``suppress`` says."""
    return {
        dimension: suppress(
            _raw_groups(answers=answers, invitations=invitations, dimension=dimension),
            partition=dimension in PARTITIONS,
        )
        for dimension in dimensions
    }
