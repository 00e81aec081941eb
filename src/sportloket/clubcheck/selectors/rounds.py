"""A desk's rounds, their progress and signals, and the checks open for one provider."""

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404
from django.utils import timezone

from sportloket.clubcheck.constants import Finances
from sportloket.clubcheck.models import (
    AnswerTopic,
    CheckAnswer,
    CheckInvitation,
    CheckRound,
    ExtraAnswer,
)


def _count(model):
    rows = model.objects.filter(round=OuterRef("pk")).order_by().values("round")
    return Coalesce(Subquery(rows.annotate(n=Count("pk")).values("n")), 0)


def desk_rounds(*, loket):
    """The desk's rounds with their numbers invited and answered (one query; each count a
    subquery on its own index, not a join of both)."""
    return (
        CheckRound.objects.for_desk(loket)
        .annotate(invited=_count(CheckInvitation), answered=_count(CheckAnswer))
        .order_by("-year")
    )


def desk_round(*, loket, year: int) -> CheckRound:
    """The desk's round of ``year`` with its own questions; 404 for another desk's."""
    return get_object_or_404(
        CheckRound.objects.for_desk(loket)
        .select_related("loket")
        .prefetch_related("extra_questions"),
        year=year,
    )


def round_progress(*, round) -> dict:
    """Invited, answered and reminded (one query)."""
    return CheckInvitation.objects.filter(round=round).aggregate(
        invited=Count("pk"),
        answered=Count(
            "pk", filter=Q(Exists(CheckAnswer.objects.filter(invitation=OuterRef("pk"))))
        ),
        reminded=Count("pk", filter=Q(reminders__gt=0)),
    )


def signal_condition() -> Q:
    return (
        Q(board_vacancies__gt=0)
        | Q(finances=Finances.TROUBLE)
        | Q(Exists(AnswerTopic.objects.filter(answer=OuterRef("pk"))))
    )


def round_signals(*, round):
    """The answers that raised a signal, with their organisation and topics: paginate it."""
    return (
        CheckAnswer.objects.filter(round=round)
        .filter(signal_condition())
        .select_related("organisation__municipality", "help_request")
        .prefetch_related("topics")
        .order_by("organisation__name", "pk")
    )


def answer_detail(*, round, pk: int) -> CheckAnswer:
    return get_object_or_404(
        CheckAnswer.objects.filter(round=round)
        .select_related("organisation", "help_request", "round__loket")
        .prefetch_related(
            "topics",
            Prefetch("extras", queryset=ExtraAnswer.objects.select_related("question")),
        ),
        pk=pk,
    )


def open_checks_for(*, organisation) -> list[CheckInvitation]:
    """The provider's invitations to rounds open today, each with ``answered`` (one query)."""
    today = timezone.localdate()
    return list(
        CheckInvitation.objects.filter(
            organisation=organisation, round__opens_on__lte=today, round__closes_on__gte=today
        )
        .annotate(answered=Exists(CheckAnswer.objects.filter(invitation=OuterRef("pk"))))
        .select_related("round__loket")
        .order_by("round__closes_on", "pk")
    )


def latest_published_round(*, loket):
    """The desk's latest closed round that has answers (its headline figures go on the public
    page; an open one's would change with each answer, see ``CheckRound.is_published``)."""
    return (
        CheckRound.objects.for_desk(loket)
        .filter(closes_on__lt=timezone.localdate())
        .filter(Exists(CheckAnswer.objects.filter(round=OuterRef("pk"))))
        .order_by("-year")
        .first()
    )
