"""What the figures' tests build and check: providers answering a round, the hand-built round,
and the rules every published figure must hold (read from the groups and from the files)."""

import itertools
from collections import defaultdict
from datetime import timedelta

from django.utils import timezone

from sportloket.clubcheck.constants import SMALL_GROUP, Facilities, Finances, HelpTopic
from sportloket.clubcheck.models import AnswerTopic, CheckAnswer, CheckInvitation, CheckRound
from sportloket.clubcheck.selectors.results import (
    COUNT_FIELDS,
    DISTRIBUTIONS,
    PARTITIONS,
    SUM_FIELDS,
    desk_answers,
    desk_invitations,
    result_rows,
)
from sportloket.clubcheck.tests.factories import (
    CheckAnswerFactory,
    CheckInvitationFactory,
)
from sportloket.core.models import Municipality
from sportloket.registry.models import Organisation
from sportloket.registry.tests.factories import OrganisationFactory

UTRECHT, HOUTEN, NIEUWEGEIN, ZEIST = "GM0344", "GM0321", "GM0356", "GM0355"
FIGURES = ("invited", "answered", "response_rate", *SUM_FIELDS, *COUNT_FIELDS)


def ok(count) -> bool:
    """No providers, or at least SMALL_GROUP."""
    return count == 0 or count >= SMALL_GROUP


# --- Building answers ------------------------------------------------------------------------


def provider(round, code, *, kind="club", answered=True, sports=(), topics=(), **answer):
    """A provider of municipality ``code`` invited to ``round`` and (unless not ``answered``)
    answering it with ``answer`` (CheckAnswer's fields) and help wanted with ``topics``."""
    municipality = Municipality.objects.get(code=code) if code else None
    organisation = OrganisationFactory(municipality=municipality, kind=kind)
    organisation.sports.set(sports)
    invitation = CheckInvitationFactory(round=round, organisation=organisation)
    if not answered:
        return organisation
    made = CheckAnswerFactory(invitation=invitation, **answer)
    AnswerTopic.objects.bulk_create(AnswerTopic(answer=made, topic=topic) for topic in topics)
    return organisation


# The hand-built round: 12 providers answered in Utrecht, 6 in Houten, 2 in Nieuwegein and 8 in
# Zeist; three more were invited and did not answer. Sports: 1 and 2 (two sports of the register).
# (municipality, kind, finances, facilities, board vacancies, topics, sports, members under 18)
HAND = [
    (UTRECHT, "club", "healthy", "own", 2, ("volunteers",), (1, 2), 10),
    (UTRECHT, "club", "healthy", "own", 1, ("volunteers",), (1, 2), 20),
    (UTRECHT, "club", "healthy", "own", 1, ("volunteers",), (1,), 30),
    (UTRECHT, "club", "healthy", "own", 1, ("volunteers",), (1,), 40),
    (UTRECHT, "club", "healthy", "own", 1, ("volunteers",), (1,), 50),
    (UTRECHT, "club", "worried", "own", 1, ("members",), (1,), 60),
    (UTRECHT, "club", "worried", "rented", 1, ("members",), (1,), 70),
    (UTRECHT, "club", "worried", "rented", 0, ("members",), (1,), 80),
    (UTRECHT, "commercial", "worried", "rented", 0, (), (1,), 90),
    (UTRECHT, "commercial", "worried", "shared", 0, (), (1,), 100),
    (UTRECHT, "commercial", "trouble", "shared", 0, ("finances",), (1,), 110),
    (UTRECHT, "commercial", "trouble", "shared", 0, ("finances",), (1,), 120),
    (HOUTEN, "club", "healthy", "own", 1, ("volunteers",), (), 20),
    (HOUTEN, "club", "healthy", "own", 0, (), (), 20),
    (HOUTEN, "club", "healthy", "own", 0, (), (), 20),
    (HOUTEN, "club", "healthy", "own", 0, (), (), 20),
    (HOUTEN, "club", "worried", "own", 0, (), (), 20),
    (HOUTEN, "commercial", "trouble", "own", 0, (), (), 20),
    (NIEUWEGEIN, "club", "trouble", "none", 0, ("finances",), (), 5),
    (NIEUWEGEIN, "club", "trouble", "none", 0, ("finances",), (), 5),
    *[(ZEIST, "commercial", "healthy", "rented", 0, (), (2,), 30)] * 3,
    *[(ZEIST, "club", "healthy", "rented", 0, (), (2,), 30)] * 5,
]
MUNICIPALITIES = (UTRECHT, HOUTEN, NIEUWEGEIN, ZEIST)
HAND_UNANSWERED = [(UTRECHT, "other"), (UTRECHT, "club"), (NIEUWEGEIN, "club")]


def round_results(round, **kwargs):
    return result_rows(answers=desk_answers(round), invitations=desk_invitations(round), **kwargs)


def by_key(groups):
    return {group.key: group for group in groups}


def shown(group) -> dict:
    """The figures of a group as published (None: suppressed)."""
    return {name: group.value(name) for name in (*SUM_FIELDS, *COUNT_FIELDS)}


ZEROS = dict.fromkeys(COUNT_FIELDS, 0)


# --- What any published figures must hold ----------------------------------------------------


def check_published(results: dict) -> None:
    """The suppression rules, on ``result_rows``' groups: a group shown covers at least
    SMALL_GROUP providers; each count shown, and the rest of its group, is none or at least
    SMALL_GROUP; the hidden cells of a single-choice question, and the groups left out of a
    dimension that divides the providers, cover none or at least SMALL_GROUP."""
    for dimension, groups in results.items():
        for group in groups:
            if group.suppressed:
                assert group.response_rate is None, group
                assert all(group.value(name) is None for name in (*SUM_FIELDS, *COUNT_FIELDS))
                continue
            n = group.answered
            assert n >= SMALL_GROUP, group
            for name in COUNT_FIELDS:
                if name in group.hidden:
                    assert group.value(name) is None
                    continue
                count = group.value(name)
                assert ok(count) and ok(n - count), (group, name)
            for fields in DISTRIBUTIONS:
                assert ok(sum(group.values[f] for f in fields if f in group.hidden)), group
        if dimension in PARTITIONS and not all(g.suppressed for g in groups):
            # (all left out: fewer than SMALL_GROUP answered, and the whole area is left out)
            assert ok(sum(g.answered for g in groups if g.suppressed)), dimension


def check_rows(rows: list[dict]) -> None:
    """The same rules read from the open-data rows alone, as anyone can: a suppressed group's
    row carries no figure; a shown group's hidden cells (what its answered minus the cells
    shown leaves) cover none or at least SMALL_GROUP; and the whole area minus the groups shown
    of a dimension that divides the providers leaves none or at least SMALL_GROUP."""
    per_dimension = defaultdict(list)
    for row in rows:
        per_dimension[row["dimension"]].append(row)
    for row in rows:
        if row["answered"] is None:
            assert all(row[name] is None for name in FIGURES), row
            continue
        n = row["answered"]
        assert n >= SMALL_GROUP, row
        assert row["invited"] >= n
        assert row["response_rate"] == round(100 * n / row["invited"], 1)
        for name in COUNT_FIELDS:
            if row[name] is not None:
                assert ok(row[name]) and ok(n - row[name]), (row, name)
        for fields in DISTRIBUTIONS:
            assert ok(n - sum(row[f] for f in fields if row[f] is not None)), row
    total = per_dimension["total"][0] if per_dimension["total"] else None
    for dimension in PARTITIONS:
        groups = per_dimension[dimension]
        if total is None or total["answered"] is None:
            assert all(row["answered"] is None for row in groups), dimension
            continue
        assert ok(total["answered"] - sum(row["answered"] or 0 for row in groups)), dimension
        for name in SUM_FIELDS:  # what the groups left out add up to is theirs together
            if total[name] is not None:
                assert total[name] - sum(row[name] or 0 for row in groups) >= 0, (dimension, name)
    # A sport's group against the whole area: the providers outside it, and each count shown
    # in both, are none or at least SMALL_GROUP.
    for row in per_dimension["sport"]:
        if row["answered"] is None or total is None or total["answered"] is None:
            continue
        outside = total["answered"] - row["answered"]
        assert ok(outside), row
        for name in COUNT_FIELDS:
            if row[name] is not None and total[name] is not None:
                difference = total[name] - row[name]
                assert ok(difference) and ok(outside - difference), (row, name)


def bulk_round(desk, user, year, answers, municipalities, sport_list):
    """A round of ``year`` with these providers, written in bulk; closed yesterday, so its
    figures are published."""
    yesterday = timezone.localdate() - timedelta(days=1)
    round = CheckRound.objects.create(
        loket=desk,
        year=year,
        opens_on=yesterday - timedelta(days=30),
        closes_on=yesterday,
        created_by=user,
    )
    organisations = Organisation.objects.bulk_create(
        Organisation(
            kind=a["kind"],
            name=f"Aanbieder {year} {i}",
            name_key=f"aanbieder {year} {i}",
            municipality=municipalities[a["municipality"]],
        )
        for i, a in enumerate(answers)
    )
    Organisation.sports.through.objects.bulk_create(
        Organisation.sports.through(organisation_id=o.pk, sport_id=sport_list[s].pk)
        for o, a in zip(organisations, answers, strict=True)
        for s in a["sports"]
    )
    now = timezone.now()
    invitations = CheckInvitation.objects.bulk_create(
        CheckInvitation(round=round, organisation=o, invited_at=now) for o in organisations
    )
    made = CheckAnswer.objects.bulk_create(
        CheckAnswer(
            round=round,
            organisation=o,
            invitation=invitation,
            answered_by_name="Secretaris",
            members_youth=a["youth"],
            members_adult=10,
            members_senior=1,
            volunteers=3,
            board_vacancies=a["vacancies"],
            finances=a["finances"],
            facilities=a["facilities"],
        )
        for o, invitation, a in zip(organisations, invitations, answers, strict=True)
        if a["answered"]
    )
    answered = [a for a in answers if a["answered"]]
    AnswerTopic.objects.bulk_create(
        AnswerTopic(answer=m, topic=t)
        for m, a in zip(made, answered, strict=True)
        for t in a["topics"]
    )
    return round


def more_answers(round, sport_list):
    """``add_rows`` for the query guard: providers answering ``round``, spread over the
    municipalities, kinds and sports, with help wanted."""
    counter = itertools.count()

    def add(n):
        for i in (next(counter) for _ in range(n)):
            provider(
                round,
                MUNICIPALITIES[i % 4],
                kind=("club", "commercial")[i % 2],
                sports=sport_list[: i % 3],
                topics=HelpTopic.values[: i % 4],
                finances=Finances.values[i % 3],
                facilities=Facilities.values[i % 4],
                board_vacancies=i % 2,
            )

    return add


def check_differences(rows: list[dict]) -> None:
    """What anyone can work out from the files: per dimension that divides the providers and
    per count, the whole area minus the groups that show it is the count of the providers
    where it does not show (the groups left out, and the groups hiding it). That count, and
    the rest of those providers, must be none or at least SMALL_GROUP, as a count shown; and a
    count the whole area hides is not the sum of its groups."""
    total = next(row for row in rows if row["dimension"] == "total")
    if total["answered"] is None:
        return
    for dimension in PARTITIONS:
        groups = [row for row in rows if row["dimension"] == dimension]
        for name in COUNT_FIELDS:
            showing = [row for row in groups if row[name] is not None]
            if total[name] is None:
                assert len(showing) < len(groups), (dimension, name)
                continue
            providers = total["answered"] - sum(row["answered"] for row in showing)
            count = total[name] - sum(row[name] for row in showing)
            assert ok(count) and ok(providers - count), (dimension, name, count, providers)
