"""The contact moments a member may see, a question's contact moments and an organisation's
timeline (its contacts, questions and decisions)."""

from django.db.models import Prefetch, Q
from django.utils import timezone

from sportloket.contacts.constants import Visibility
from sportloket.contacts.models import ContactMoment
from sportloket.core.constants import Role
from sportloket.core.models import Theme
from sportloket.core.permissions import Capability
from sportloket.decisions.models import Decision
from sportloket.helprequests import selectors as request_selectors
from sportloket.helprequests.models import HelpRequest
from sportloket.helprequests.permissions import reads_questions


def visible_contacts(*, membership):
    """The desk's contact moments this member may read. Restricted ones only for coordinators
    and their author (the supporter who logged them), not for a supporter they merely name;
    partners never see them."""
    qs = ContactMoment.objects.for_desk(membership.loket)
    if membership.role == Role.COORDINATOR:
        return qs
    if membership.role == Role.SUPPORTER:
        return qs.filter(Q(visibility=Visibility.DESK) | Q(created_by=membership.user_id))
    return qs.filter(visibility=Visibility.DESK)


def _with_rows(qs):
    return qs.select_related("organisation", "supporter").prefetch_related(
        Prefetch("topics", queryset=Theme.objects.order_by("position", "name"))
    )


def desk_contacts(
    *,
    membership,
    organisation=None,
    supporter=None,
    channel: str = "",
    proactive: str = "",
    topic=None,
    date_from=None,
    date_to=None,
    search: str = "",
):
    """The contact moments the member may read, filtered in the database, newest first.
    ``proactive``: "yes" (the desk took the initiative) or "no"."""
    qs = visible_contacts(membership=membership)
    if organisation is not None:
        qs = qs.filter(organisation=organisation)
    if supporter is not None:
        qs = qs.filter(supporter=supporter)
    if channel:
        qs = qs.filter(channel=channel)
    if proactive in ("yes", "no"):
        qs = qs.filter(proactive=proactive == "yes")
    if topic is not None:
        qs = qs.filter(topics=topic)
    if date_from is not None:
        qs = qs.filter(date__gte=date_from)
    if date_to is not None:
        qs = qs.filter(date__lte=date_to)
    if search:
        qs = qs.filter(Q(organisation__name__icontains=search) | Q(summary__icontains=search))
    return _with_rows(qs).order_by("-date", "-pk")


def request_contacts(*, membership, help_request, limit: int = 20):
    """The contact moments this member may read that were logged about a question, newest
    first (the most recent ``limit``)."""
    return list(
        visible_contacts(membership=membership)
        .filter(help_request=help_request)
        .select_related("supporter")
        .order_by("-date", "-pk")[:limit]
    )


def contact_detail_queryset(*, membership):
    return visible_contacts(membership=membership).select_related(
        "organisation", "supporter", "created_by", "help_request"
    )


def may_read_timeline(*, membership) -> bool:
    """Whether the member may read an organisation's timeline: its contacts or its questions."""
    return membership.can(Capability.VIEW_CONTACTS) or reads_questions(membership)


def _timeline_contacts(membership, organisation, limit: int) -> list[dict]:
    # With who logged it; the timeline shows neither the organisation again nor the topics.
    moments = (
        visible_contacts(membership=membership)
        .filter(organisation=organisation)
        .select_related("supporter")
        .order_by("-date", "-pk")[:limit]
    )
    return [{"kind": "contact", "day": m.date, "object": m} for m in moments]


def _in_model_order(model, names) -> tuple[str, ...]:
    """``names`` in the order of the model's fields, as ``Model.from_db`` takes its values."""
    return tuple(f.attname for f in model._meta.concrete_fields if f.attname in names)


# What the timeline shows of a question and of a decision on it.
_QUESTION_FIELDS = _in_model_order(HelpRequest, {"id", "submitted_at", "question", "state"})
_DECISION_FIELDS = _in_model_order(
    Decision, {"id", "help_request_id", "decided_at", "public_summary", "rationale"}
)


def _timeline_questions(membership, organisation, limit: int) -> list[dict]:
    """The organisation's questions to this desk that the member may see, and the decisions
    on them: one query, each question joined with its decisions (an organisation asks a desk
    a handful of questions), of which the newest ``limit`` of each kind are kept."""
    visible = request_selectors.visible_requests(membership=membership).filter(
        organisation=organisation
    )
    db = visible.db
    questions, decisions = {}, {}
    columns = [*_QUESTION_FIELDS, *(f"decisions__{name}" for name in _DECISION_FIELDS)]
    for values in visible.order_by().values_list(*columns):
        # Each part starts with its primary key, the first of a model's fields.
        question, decision = values[: len(_QUESTION_FIELDS)], values[len(_QUESTION_FIELDS) :]
        if question[0] not in questions:
            questions[question[0]] = HelpRequest.from_db(db, _QUESTION_FIELDS, question)
        if decision[0] is not None:
            decisions[decision[0]] = Decision.from_db(db, _DECISION_FIELDS, decision)
    newest_questions = sorted(questions.values(), key=lambda r: (r.submitted_at, r.pk))
    newest_decisions = sorted(decisions.values(), key=lambda d: (d.decided_at, d.pk))
    rows = [
        {"kind": "request", "day": timezone.localtime(r.submitted_at).date(), "object": r}
        for r in reversed(newest_questions[-limit:])
    ]
    rows += [
        {"kind": "decision", "day": timezone.localtime(d.decided_at).date(), "object": d}
        for d in reversed(newest_decisions[-limit:])
    ]
    return rows


# On one day, newest first: the decision, then contact moments, then the question; the rows
# of the apps above (a cooperation, an introduction) with the contact moments.
_TIMELINE_ORDER = {"decision": 0, "contact": 1, "request": 2}


def organisation_timeline(*, membership, organisation, limit: int = 50, extra=()) -> list[dict]:
    """The organisation's contact moments the member may read, its questions to this desk and
    the decisions on them (where the member may see questions), newest first, with ``extra``
    rows of the apps above (each with ``day``, ``url``, ``label``, ``text`` and ``note``). Two
    queries, whatever their number. The register's page shows it through the
    ``organisation_timeline`` tag (``templatetags/contact_panels.py``), or the cooperation's
    tag that adds its rows."""
    rows = list(extra)
    if membership.can(Capability.VIEW_CONTACTS):
        rows += _timeline_contacts(membership, organisation, limit)
    if reads_questions(membership):  # a partner: the questions shared with them
        rows += _timeline_questions(membership, organisation, limit)
    rows.sort(key=lambda row: (row["day"], -_TIMELINE_ORDER.get(row["kind"], 1)), reverse=True)
    return rows[:limit]
