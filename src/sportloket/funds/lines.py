"""Reads for the pages that list allocations (a fund's ledger, the approvals): each allocation
as a plain ``Line`` (its amount and state, its decision, the question with its organisation,
municipality and themes, and its history) rather than as six models, so that a page of them
is read in two queries and shown without building a model for every row and every move."""

from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import QuerySet

from sportloket.core.models import Theme
from sportloket.funds.models import Allocation


@dataclass(slots=True)
class Move:
    """One move in an allocation's history: when, by whom (a user's name as they are named
    everywhere, ``str(user)``; None for the system), to which state, with what amount (a
    payment's) and note."""

    at: datetime
    actor: str | None
    to_state: str
    amount_cents: int | None
    note: str


@dataclass(slots=True)
class Line:
    """One allocation as a list of them shows it. ``organisation``: the question's
    organisation by its name in the register, or as the asker gave it; ``shared``: whether
    the asker consents to sharing the question; ``themes``: the question's themes' names in
    the desk's order; ``allocation``: the model, when the line was made from one."""

    pk: int
    fund_id: int
    state: str
    amount_cents: int
    paid_cents: int | None
    decision_id: int
    decided_at: datetime
    decision_cents: int
    outside_cents: int
    help_request_id: int
    question: str
    shared: bool
    organisation: str
    municipality: str | None
    fund_name: str = ""
    themes: list[str] = field(default_factory=list)
    history: list[Move] = field(default_factory=list)
    allocation: Allocation | None = None


def ledger_keys(*, fund) -> QuerySet:
    """The pks of the fund's allocations in the ledger's order, newest first: what a page of
    the ledger slices (unread) and ``page_lines`` reads."""
    return (
        Allocation.objects.filter(fund=fund)
        .order_by("-created_at", "-pk")
        .values_list("pk", flat=True)
    )


# The columns of a line, then those of a move (the allocation's changes, joined: one row per
# change, or one with None for an allocation without any).
_LINE_COLUMNS = (
    "pk",
    "fund_id",
    "state",
    "amount_cents",
    "paid_cents",
    "decision_id",
    "decision__decided_at",
    "decision__amount_cents",
    "decision__outside_cents",
    "decision__help_request_id",
    "decision__help_request__question",
    "decision__help_request__consents_to_sharing",
    "decision__help_request__organisation__name",
    "decision__help_request__organisation_name",
    "decision__help_request__organisation__municipality__name",
)
_MOVE_COLUMNS = (
    "changes__pk",
    "changes__at",
    "changes__actor__full_name",
    "changes__actor__email",
    "changes__to_state",
    "changes__amount_cents",
    "changes__note",
)


def page_lines(keys) -> list[Line]:
    """The lines of the allocations whose pks ``keys`` holds (a slice of ``ledger_keys``, as
    a subquery), in its order, each with its history (oldest move first) and its question's
    themes. Two queries: the allocations joined to their changes, and the themes."""
    rows = (
        Allocation.objects.filter(pk__in=keys)
        .order_by("-created_at", "-pk", "changes__at", "changes__pk")
        .values_list(*_LINE_COLUMNS, *_MOVE_COLUMNS)
    )
    lines, line = [], None
    width = len(_LINE_COLUMNS)
    for row in rows:
        if line is None or line.pk != row[0]:
            line = _line(row[:width])
            lines.append(line)
        change_pk, at, full_name, email, to_state, amount_cents, note = row[width:]
        if change_pk is not None:
            actor = (full_name or email) if email is not None else None
            line.history.append(Move(at, actor, to_state, amount_cents, note))
    _add_themes(lines)
    return lines


def _line(row) -> Line:
    (pk, fund_id, state, amount, paid, decision_id, decided_at, decision_cents, outside_cents,
     help_request_id, question, shared, registered, given, municipality) = row  # fmt: skip
    return Line(
        pk=pk,
        fund_id=fund_id,
        state=state,
        amount_cents=amount,
        paid_cents=paid,
        decision_id=decision_id,
        decided_at=decided_at,
        decision_cents=decision_cents,
        outside_cents=outside_cents,
        help_request_id=help_request_id,
        question=question,
        shared=shared,
        organisation=registered if registered is not None else given,
        municipality=municipality,
    )


def _add_themes(lines):
    """Each line's themes, by their names in the desk's order (one query for all)."""
    if not lines:
        return
    named = (
        Theme.objects.filter(help_requests__in={line.help_request_id for line in lines})
        .order_by("position", "name", "pk")
        .values_list("help_requests", "name")
    )
    themes = {}
    for help_request_id, name in named:
        themes.setdefault(help_request_id, []).append(name)
    for line in lines:
        line.themes = themes.get(line.help_request_id, [])


def lines_of(allocations) -> list[Line]:
    """Lines of allocations read as models with their fund, decision, question (its
    organisation, municipality and themes) and changes with their actors, as
    ``selectors.pending_approvals`` reads them: no query of its own. Each keeps its model
    (``allocation``) for what the page shows of it besides."""
    lines = []
    for allocation in allocations:
        decision = allocation.decision
        help_request = decision.help_request
        organisation = help_request.organisation
        municipality = organisation.municipality if organisation is not None else None
        lines.append(
            Line(
                pk=allocation.pk,
                fund_id=allocation.fund_id,
                state=allocation.state,
                amount_cents=allocation.amount_cents,
                paid_cents=allocation.paid_cents,
                decision_id=decision.pk,
                decided_at=decision.decided_at,
                decision_cents=decision.amount_cents,
                outside_cents=decision.outside_cents,
                help_request_id=help_request.pk,
                question=help_request.question,
                shared=help_request.consents_to_sharing,
                organisation=(
                    organisation.name
                    if organisation is not None
                    else help_request.organisation_name
                ),
                municipality=municipality.name if municipality is not None else None,
                fund_name=allocation.fund.name,
                themes=[theme.name for theme in help_request.themes.all()],
                history=[
                    Move(
                        change.at,
                        str(change.actor) if change.actor is not None else None,
                        change.to_state,
                        change.amount_cents,
                        change.note,
                    )
                    for change in allocation.changes.all()
                ],
                allocation=allocation,
            )
        )
    return lines
