"""The club check's figures per group of providers (the whole work area, and per municipality,
kind of provider or sport): response rate, totals and the distributions of the answers, with
small numbers suppressed so that no published figure covers fewer than ``SMALL_GROUP``
providers. The desk's page, its partners' view, the open-data files and the national figures all
read ``result_rows``: the same numbers everywhere. A fixed number of queries for any size (one
for the invitations, one for the answers and one for the topics, per dimension)."""

from django.db.models import Count, F, Max, Q, Sum, Value
from django.utils.translation import gettext_lazy as _

from sportloket.clubcheck.constants import CORE_VERSION, Facilities, Finances
from sportloket.clubcheck.models import AnswerTopic, CheckAnswer, CheckInvitation
from sportloket.clubcheck.selectors.groups import (  # noqa: F401 - the figures' vocabulary
    COUNT_FIELDS,
    DIMENSIONS,
    DISTRIBUTIONS,
    FACILITY_FIELDS,
    FINANCE_FIELDS,
    PARTITIONS,
    SUM_FIELDS,
    TOPIC_FIELDS,
    Group,
)
from sportloket.clubcheck.selectors.suppression import suppress
from sportloket.registry.constants import OrganisationKind

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


def _raw_groups(*, answers, invitations, dimension: str, by_round: bool = False) -> list[Group]:
    """The groups of ``dimension`` with their figures as they are (three queries: the
    invitations (unless None), the answers, the topics). ``by_round``: a group per round and
    key (each desk's own figures)."""
    key, label = _KEYS[dimension]
    per = ("round",) if by_round else ()
    groups: dict = {}

    def group(row, round_key=""):
        identity = (row.get(round_key or "round") if by_round else None, row["key"])
        if identity not in groups:
            groups[identity] = Group(dimension, row["key"], row["label"] or "", round=identity[0])
        return groups[identity]

    if invitations is not None:
        for row in (
            invitations.annotate(key=key, label=label)
            .values(*per, "key", "label")
            .annotate(n=Count("pk"))
            .order_by()
        ):
            group(row).invited = row["n"]
    aggregates = {
        "answered": Count("pk"),
        **{f"total_{name}": Sum(name) for name in SUM_FIELDS},
        "with_board_vacancy": Count("pk", filter=Q(board_vacancies__gt=0)),
        **{f"finances_{v}": Count("pk", filter=Q(finances=v)) for v in Finances.values},
        **{f"facilities_{v}": Count("pk", filter=Q(facilities=v)) for v in Facilities.values},
    }
    for row in (
        answers.annotate(key=key, label=label)
        .values(*per, "key", "label")
        .annotate(**aggregates)
        .order_by()
    ):
        found = group(row)
        found.answered = row["answered"]
        found.values.update(
            {
                name.removeprefix("total_"): value or 0
                for name, value in row.items()
                if name not in ("round", "key", "label", "answered")
            }
        )
    topic_key, topic_label = _TOPIC_KEYS[dimension]
    for row in (
        AnswerTopic.objects.filter(answer__in=answers.values("pk"))
        .annotate(key=topic_key, label=topic_label)
        .values(*(f"answer__{p}" for p in per), "key", "label", "topic")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        group(row, "answer__round").values[f"topic_{row['topic']}"] = row["n"]
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


def result_rows(*, answers, invitations, dimensions=("total", "municipality", "kind", "sport")):
    """The published figures: for each dimension its groups, suppressed as ``suppress`` says."""
    return _published(answers=answers, invitations=invitations, dimensions=dimensions)


def _published(*, answers, invitations, dimensions, others=None) -> dict:
    """Each dimension's groups suppressed; the whole area first, as the dividing dimensions
    are checked against it. ``others``: per dimension another publication's groups (a
    callable)."""
    found = {}
    total = None
    for dimension in ("total", *(d for d in dimensions if d != "total")):
        groups = suppress(
            _raw_groups(answers=answers, invitations=invitations, dimension=dimension),
            partition=dimension in PARTITIONS,
            others=others(dimension) if others else (),
            total=total,
        )
        if dimension == "total":
            total = groups[0] if groups else None
        if dimension in dimensions:
            found[dimension] = groups
    return found
