"""Reads for the desk's page of one question: its timeline, its current assignment and
themes read with it, and why the quality rule refuses members the assignment. Each in a fixed
number of queries whatever the rows; ``selectors`` names them for the rest of the app."""

from collections import defaultdict

from django.apps import apps
from django.db.models import (
    BooleanField,
    CharField,
    Exists,
    F,
    FilteredRelation,
    IntegerField,
    JSONField,
    OuterRef,
    Q,
    Value,
)
from django.utils import timezone
from django.utils.translation import gettext as _

from sportloket.core.models import Theme
from sportloket.helprequests.constants import RequestState as S
from sportloket.helprequests.models import HelpRequest
from sportloket.quality import rules as quality_rules
from sportloket.quality import selectors as quality_selectors


def with_current_assignment(requests):
    """``requests`` each read with its current assignment and that supporter (one join: a
    question has one at most), for ``current_assignment``."""
    current = FilteredRelation("assignments", condition=Q(assignments__ended_at__isnull=True))
    return (
        requests.annotate(current=current)
        .annotate(current_assignment_pk=F("current__pk"))
        .select_related("current__supporter")
    )


def current_assignment(*, help_request):
    """The question's current assignment with its supporter, or None: read with the question
    when it came from ``with_current_assignment``, otherwise one query."""
    if hasattr(help_request, "current_assignment_pk"):
        return help_request.current if help_request.current_assignment_pk is not None else None
    return (
        help_request.assignments.filter(ended_at__isnull=True).select_related("supporter").first()
    )


def request_themes(*, help_request, loket) -> list:
    """The desk's themes that are in use or on the question, in the desk's order, each with
    ``on_question``: the question's themes and the triage form's choices in one query."""
    on_question = HelpRequest.themes.through.objects.filter(
        helprequest=help_request.pk, theme=OuterRef("pk")
    )
    return list(
        Theme.objects.filter(loket=loket)
        .annotate(on_question=Exists(on_question))
        .filter(Q(is_active=True) | Q(on_question=True))
        .order_by("position", "name", "pk")
    )


def assign_refusals(*, help_request, members, on=None) -> dict[int, str]:
    """Why the desk's quality rule refuses each of these members (by membership pk) this
    question on ``on`` (today); a member who may be assigned is absent. The judgement of
    ``services.supporter_may_act`` (the desk's rule first, then a valid registration for each
    offering the current decision chose that needs one), for a whole list at once: three
    queries at most (the rule, the offerings, the members' registrations), however many
    members."""
    on = on or timezone.localdate()
    members = [m for m in members if m.loket_id == help_request.loket_id]
    if not members:
        return {}
    loket = help_request.loket
    groups = quality_selectors.desk_rule(loket_id=loket.pk)
    offerings = _offerings_needing_registration(help_request)
    if not groups and not offerings:
        return {}
    held = defaultdict(list)
    for registration in quality_selectors.desk_registrations(loket=loket).filter(
        user_id__in={m.user_id for m in members}
    ):
        held[registration.user_id].append(registration)
    refusals = {}
    for member in members:
        registrations = held[member.user_id]
        ruled = quality_rules.evaluate(groups, registrations, on)
        if not ruled.met:
            refusals[member.pk] = " ".join(ruled.reasons)
            continue
        for offering in offerings:
            needed = (quality_rules.Requirement(offering.required_registration),)
            result = quality_rules.evaluate([*groups, needed], registrations, on)
            if not result.met:
                refusals[member.pk] = _("May not deliver “%(offering)s”. %(reasons)s") % {
                    "offering": offering.title,
                    "reasons": " ".join(result.reasons),
                }
                break
    return refusals


def _needing_registration(help_request):
    """The chosen options of the question's current decision (none superseded it) whose
    offering needs a quality registration of whoever delivers it; ``help_request`` may be an
    outer reference. The decisions app sits above this one: its models by their labels,
    never by an import."""
    Decision = apps.get_model("decisions", "Decision")
    DecisionOption = apps.get_model("decisions", "DecisionOption")
    # NOT EXISTS, not a join of the reverse one-to-one (see decisions.models.superseded).
    superseded = Exists(Decision.objects.filter(supersedes=OuterRef("decision")))
    return (
        DecisionOption.objects.filter(decision__help_request=help_request, chosen=True)
        .exclude(offering__required_registration="")
        .filter(~superseded)
    )


def with_registration_need(requests):
    """``requests`` each with ``needs_registration``: whether its current decision chose an
    offering that needs a registration (``_offerings_needing_registration`` reads them only
    then: most questions have none)."""
    return requests.annotate(needs_registration=Exists(_needing_registration(OuterRef("pk"))))


def _offerings_needing_registration(help_request) -> list:
    """The offerings chosen in the question's current decision that need a quality
    registration of whoever delivers them (one query; none without a decision, nor for a
    question read ``with_registration_need`` that needs none)."""
    if help_request.pk is None or getattr(help_request, "needs_registration", True) is False:
        return []
    return [
        option.offering
        for option in _needing_registration(help_request)
        .select_related("offering")
        .order_by("rank")
    ]


def _timeline_rows(rows, kind: int, at: str, who: str, **values):
    """One source of the staff timeline as uniform values, for a UNION ALL: ``kind`` (its
    place among moves, notes and messages at the same moment), ``pk``, ``at``, the person
    (id, name, e-mail) and ``values`` (by_provider, state, note, for_provider, sent)."""
    return rows.order_by().values_list(
        Value(kind, output_field=IntegerField()),
        "pk",
        at,
        f"{who}_id",
        f"{who}__full_name",
        f"{who}__email",
        *values.values(),
    )


def staff_timeline(*, help_request):
    """Every move with its actor and note, the internal notes and the messages with the
    articles they carried, oldest first (at the same moment: moves, then notes, then
    messages). One query: the three joined by UNION ALL, each person read with it."""
    no = Value(False, output_field=BooleanField())
    empty = Value("", output_field=CharField())
    # A JSON NULL column for moves and notes; a message's snapshot of its articles.
    none_sent = Value(None, output_field=JSONField())
    rows = _timeline_rows(
        help_request.state_changes.all(), 0, "at", "actor",
        by_provider="by_provider", state="to_state", note="note", for_provider="note_for_provider",
        sent=none_sent,
    ).union(
        _timeline_rows(
            help_request.internal_notes.all(), 1, "created_at", "author",
            by_provider=no, state=empty, note="body", for_provider=no, sent=none_sent,
        ),
        _timeline_rows(
            help_request.messages.all(), 2, "created_at", "author",
            by_provider="from_provider", state=empty, note="body", for_provider=no,
            sent="sent_articles",
        ),
        all=True,
    )  # fmt: skip
    timeline = []
    for kind, pk, at, who_id, name, email, by_provider, state, note, for_provider, sent in rows:
        row = {
            "at": at,
            # Who wrote it, as a person is named (``User.__str__``: the name, else the e-mail).
            "who": (name or email) if who_id is not None else None,
            "by_provider": bool(by_provider),
            "state": S(state).label if state else "",
            "note": note,
            "internal": kind == 1,
            "order": (at, kind, pk),
        }
        if kind == 0:
            row["for_provider"] = bool(for_provider)
        if kind == 2:
            row["message"] = True
            row["articles"] = sent or []
        timeline.append(row)
    return sorted(timeline, key=lambda row: row["order"])
