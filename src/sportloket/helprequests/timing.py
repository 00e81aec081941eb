"""Response times derived from a request's history, as plain data in and out.

No models are imported here, so the services and a data migration share one derivation: the
deadlines for a first response and a decision (working days after submission; a pause moves
them on), when the desk first answered (its first move or message) and when it decided, and the
working days each took, pauses left out.
"""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.utils import timezone

from sportloket.helprequests.workingdays import add_working_days, working_days_between

ON_HOLD = "on_hold"
# Support chosen, referred or rejected: the desk decided on the question.
DECISION_STATES = frozenset({"matched", "referred", "rejected"})


@dataclass(frozen=True)
class Move:
    at: datetime
    from_state: str
    to_state: str
    by_provider: bool = False


def paused_periods(moves: list[Move]) -> list[tuple[date, date | None]]:
    """The (from, until) dates a request was on hold, oldest first; ``until`` is None while it
    still is. The day work resumes counts again; a pause within one day removes nothing."""
    periods, since = [], None
    for move in sorted(moves, key=lambda m: m.at):
        local = timezone.localdate(move.at)
        if move.to_state == ON_HOLD:
            since = local
        elif move.from_state == ON_HOLD and since is not None:
            until = local - timedelta(days=1)
            if until >= since:
                periods.append((since, until))
            since = None
    if since is not None:
        periods.append((since, None))
    return periods


def response_times(
    *,
    submitted_at: datetime,
    moves: list[Move],
    desk_messages: list[datetime],
    first_response_days: int,
    resolution_days: int,
    today: date,
) -> dict:
    """The values of the request's response-time fields."""
    submitted = timezone.localdate(submitted_at)
    pauses = paused_periods(moves)
    closed_pauses = [(since, until or max(today, since)) for since, until in pauses]
    desk_moves = sorted(
        (m for m in moves if not m.by_provider and m.from_state), key=lambda m: m.at
    )
    answered = [m.at for m in desk_moves[:1]] + sorted(desk_messages)[:1]
    first_response_at = min(answered) if answered else None
    decided_at = next((m.at for m in desk_moves if m.to_state in DECISION_STATES), None)

    def days_taken(at):
        if at is None:
            return None
        return working_days_between(submitted, timezone.localdate(at), pauses)

    return {
        "respond_by": add_working_days(submitted, first_response_days, closed_pauses),
        "decide_by": add_working_days(submitted, resolution_days, closed_pauses),
        "first_response_at": first_response_at,
        "first_response_days": days_taken(first_response_at),
        "decided_at": decided_at,
        "decision_days": days_taken(decided_at),
    }
