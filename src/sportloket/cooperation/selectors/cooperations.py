"""Reads of the desk's cooperations: the list, one cooperation with its parties, history and
links, what it may be linked to, and an organisation's cooperations and introductions for its
timeline."""

import datetime

from django.db.models import Case, CharField, Count, F, Prefetch, Q, Value, When
from django.db.models.functions import Cast
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from sportloket.cooperation.constants import CooperationStatus
from sportloket.cooperation.models import (
    Cooperation,
    CooperationParty,
    Introduction,
    IntroductionConsent,
    StatusChange,
)
from sportloket.core.constants import Role
from sportloket.core.models import Membership
from sportloket.decisions.models import Decision
from sportloket.helprequests import selectors as request_selectors
from sportloket.helprequests.models import HelpRequest
from sportloket.meetings.models import Meeting

LINK_CHOICES = 50  # the newest questions, meetings and decisions offered for linking


def desk_cooperations(*, loket, status: str = "", kind: str = "", search: str = ""):
    """The desk's cooperations, newest change first, with their number of parties; filtered
    in the database."""
    cooperations = Cooperation.objects.for_desk(loket)
    if status:
        cooperations = cooperations.filter(status=status)
    if kind:
        cooperations = cooperations.filter(kind=kind)
    if search.strip():
        text = search.strip()
        cooperations = cooperations.filter(
            Q(title__icontains=text)
            | Q(goal__icontains=text)
            | Q(
                pk__in=CooperationParty.objects.filter(organisation__name__icontains=text).values(
                    "cooperation_id"
                )
            )
        )
    return cooperations.annotate(party_count=Count("parties")).order_by("-updated_at", "-pk")


def party_names(cooperation_ids) -> dict[int, list[str]]:
    """The parties' names of each cooperation on a page: one query."""
    names = {}
    rows = (
        CooperationParty.objects.filter(cooperation_id__in=cooperation_ids)
        .order_by("organisation__name")
        .values_list("cooperation_id", "organisation__name")
    )
    for cooperation_id, name in rows:
        names.setdefault(cooperation_id, []).append(name)
    return names


def cooperation_detail_queryset():
    return Cooperation.objects.select_related("loket", "created_by").prefetch_related(
        Prefetch(
            "parties",
            queryset=CooperationParty.objects.select_related("organisation__municipality"),
        ),
        "themes",
        Prefetch(
            "supporters",
            queryset=Membership.objects.select_related("user").order_by("user__email"),
        ),
        Prefetch("status_changes", queryset=StatusChange.objects.select_related("actor")),
        Prefetch("help_requests", queryset=HelpRequest.objects.order_by("-submitted_at")),
        Prefetch("meetings", queryset=Meeting.objects.order_by("-starts_at")),
        Prefetch(
            "decisions",
            queryset=Decision.objects.select_related("help_request").order_by("-decided_at"),
        ),
    )


def supporter_choices(*, loket):
    """The desk's active staff who may be named as involved."""
    return (
        Membership.objects.for_desk(loket)
        .active()
        .filter(role__in=[Role.COORDINATOR, Role.SUPPORTER])
        .select_related("user", "loket")
        .order_by("user__full_name", "user__email")
    )


def link_choices(*, cooperation, membership) -> dict:
    """What the cooperation may be linked to: the parties' questions at the desk that the
    member may see and the decisions on them, and the desk's meetings of the last year and to
    come; the newest ``LINK_CHOICES`` of each, with whatever is linked already."""
    loket = cooperation.loket
    visible = request_selectors.visible_requests(membership=membership)
    parties = cooperation.parties.values("organisation_id")
    year_ago = timezone.now() - datetime.timedelta(days=365)

    def newest(queryset, linked, order):
        ids = list(queryset.order_by(order).values_list("pk", flat=True)[:LINK_CHOICES])
        ids += list(linked.values_list("pk", flat=True))
        return queryset.model.objects.filter(pk__in=ids).order_by(order)

    return {
        "help_requests": newest(
            visible.filter(organisation_id__in=parties),
            cooperation.help_requests.filter(pk__in=visible.values("pk")),
            "-submitted_at",
        ),
        "meetings": newest(
            Meeting.objects.for_desk(loket).filter(starts_at__gte=year_ago),
            cooperation.meetings.all(),
            "-starts_at",
        ),
        "decisions": newest(
            Decision.objects.filter(
                loket=loket,
                help_request__organisation_id__in=parties,
                help_request__in=visible.values("pk"),
            ),
            cooperation.decisions.all(),
            "-decided_at",
        ).select_related("help_request"),
    }


def _organisation_facts(loket, organisation) -> list[tuple]:
    """The organisation's cooperations, introductions and agreement to be introduced at the
    desk, in one query: (kind, pk, text, status, detail, at)."""
    text = CharField()
    cooperations = (
        Cooperation.objects.filter(loket=loket, parties__organisation=organisation)
        .annotate(fact=Value(0), detail=F("parties__role"))
        .order_by()
        .values_list("fact", "pk", "title", "status", "detail", "created_at")
    )
    introductions = (
        Introduction.objects.filter(loket=loket, organisations=organisation)
        .annotate(fact=Value(1), status=Value("", text), detail=Value("", text))
        .order_by()
        .values_list("fact", "pk", "reason", "status", "detail", "sent_at")
    )
    consent = (
        IntroductionConsent.objects.filter(loket=loket, organisation=organisation)
        .annotate(
            fact=Value(2),
            status=Case(When(withdrawn_on__isnull=True, then=Value("agreed")), default=Value("")),
            detail=Cast("given_on", text),
        )
        .order_by()
        .values_list("fact", "pk", "source", "status", "detail", "created_at")
    )
    return list(cooperations.union(introductions, consent, all=True))


def organisation_facts(*, loket, organisation, limit: int = 50) -> dict:
    """The organisation's cooperations and introductions at this desk as timeline rows (day,
    link, label, text, note), and whether it agreed to be introduced: one query."""
    rows, agreed = [], None
    for kind, pk, text, status, detail, at in _organisation_facts(loket, organisation):
        if kind == 2:
            given_on = datetime.date.fromisoformat(str(detail)[:10])
            agreed = {"source": text, "given_on": given_on} if status else None
            continue
        cooperation = kind == 0
        rows.append(
            {
                "kind": "cooperation" if cooperation else "introduction",
                "day": timezone.localtime(at).date(),
                "url": reverse(
                    "cooperation:detail" if cooperation else "cooperation:introduction",
                    args=[loket.slug, pk],
                ),
                "label": _("Cooperation") if cooperation else _("Introduction"),
                "text": text,
                "note": ", ".join(
                    str(part)
                    for part in (CooperationStatus(status).label if status else "", detail or "")
                    if part
                ),
            }
        )
    rows.sort(key=lambda row: row["day"], reverse=True)
    return {"rows": rows[:limit], "agreed": agreed}


def visible_linked_questions(*, cooperation, membership) -> set[int]:
    """Of the questions linked to the cooperation, those the member may open (one query)."""
    visible = request_selectors.visible_requests(membership=membership)
    return set(
        visible.filter(pk__in=cooperation.help_requests.values("pk")).values_list("pk", flat=True)
    )
