"""The life of a help request: which state may follow which, in one table.

submitted → in triage → support chosen → in progress → completed → evaluated, with on hold
(the clock stops; the request resumes where it paused), referred (to another desk or a partner in
care, welfare or business), rejected (a reason is required and shown to the provider) and
withdrawn (by the provider). A coordinator may reopen a completed question (back in progress)
or a rejected one (back in triage), with a reason the provider reads. Services refuse every move
that is not in ``TRANSITIONS``.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from sportloket.helprequests.constants import RequestState as S

TRANSITIONS: dict[str, frozenset[str]] = {
    S.SUBMITTED: frozenset({S.TRIAGE, S.REFERRED, S.REJECTED, S.WITHDRAWN}),
    S.TRIAGE: frozenset({S.MATCHED, S.ON_HOLD, S.REFERRED, S.REJECTED, S.WITHDRAWN}),
    S.MATCHED: frozenset({S.IN_PROGRESS, S.TRIAGE, S.ON_HOLD, S.REFERRED, S.WITHDRAWN}),
    S.IN_PROGRESS: frozenset({S.COMPLETED, S.ON_HOLD, S.REFERRED, S.WITHDRAWN}),
    # From on hold a request goes back to where it paused (checked by the service), or ends.
    S.ON_HOLD: frozenset({S.TRIAGE, S.MATCHED, S.IN_PROGRESS, S.REFERRED, S.REJECTED, S.WITHDRAWN}),
    S.COMPLETED: frozenset({S.EVALUATED, S.IN_PROGRESS}),
    S.EVALUATED: frozenset(),
    S.REFERRED: frozenset(),
    S.REJECTED: frozenset({S.TRIAGE}),
    S.WITHDRAWN: frozenset(),
}

# Reopening what the desk had finished: a coordinator's move, with a reason the provider reads.
REOPEN_MOVES = frozenset({(S.COMPLETED, S.IN_PROGRESS), (S.REJECTED, S.TRIAGE)})

# States in which the desk no longer works on the request.
CLOSED_STATES = frozenset({S.EVALUATED, S.REFERRED, S.REJECTED, S.WITHDRAWN})
# The others, written out so that a filter on them is an IN the index on (desk, state) serves.
OPEN_STATES = frozenset(S.values) - CLOSED_STATES
# Where a decision on support may be recorded: before support is chosen, and while it is (a
# new decision supersedes the current one).
DECIDABLE_STATES = frozenset({S.SUBMITTED, S.TRIAGE, S.MATCHED, S.IN_PROGRESS})
# Moves the provider makes from the tracking page; every other move is the desk's.
PROVIDER_MOVES = frozenset({S.WITHDRAWN, S.EVALUATED})
# Moves that need a note, because the provider is told why.
NOTE_REQUIRED = frozenset({S.REJECTED, S.REFERRED, S.ON_HOLD})
# Moves whose note the provider reads: the reasons above, and why this support was chosen
# (and the reason for reopening, see ``note_for_provider``).
PROVIDER_NOTES = NOTE_REQUIRED | {S.MATCHED}


def is_reopening(from_state: str, to_state: str) -> bool:
    return (from_state, to_state) in REOPEN_MOVES


def note_for_provider(from_state: str, to_state: str) -> bool:
    """Whether the provider reads the note of this move (on the tracking page and in the
    e-mail about it)."""
    return to_state in PROVIDER_NOTES or is_reopening(from_state, to_state)


class TransitionRefused(ValidationError):
    """A move the workflow does not allow, with a Dutch message for the UI."""


def check_transition(from_state: str, to_state: str, *, by_provider: bool, note: str) -> None:
    if from_state not in TRANSITIONS or to_state not in TRANSITIONS:
        raise TransitionRefused(_("This status does not exist."))
    if to_state not in TRANSITIONS[from_state]:
        raise TransitionRefused(
            _("A request that is '%(from)s' cannot become '%(to)s'.")
            % {"from": S(from_state).label, "to": S(to_state).label}
        )
    if by_provider and to_state not in PROVIDER_MOVES:
        raise TransitionRefused(_("Only the desk can make this change."))
    if not by_provider and to_state in PROVIDER_MOVES - {S.WITHDRAWN}:
        raise TransitionRefused(_("Only the provider can evaluate the help."))
    if to_state in NOTE_REQUIRED and not (note or "").strip():
        raise TransitionRefused(_("Give a reason; the provider will read it."))
    if is_reopening(from_state, to_state) and not (note or "").strip():
        raise TransitionRefused(_("Give a reason for reopening; the provider will read it."))


def check_reopen(from_state: str, to_state: str, *, by_coordinator: bool) -> None:
    """Only a coordinator reopens a question the desk had finished."""
    if is_reopening(from_state, to_state) and not by_coordinator:
        raise TransitionRefused(_("Only a coordinator reopens a question."))


def check_resume(paused_from: str, to_state: str) -> None:
    """A request on hold goes back to where it paused (or ends)."""
    if paused_from and to_state not in CLOSED_STATES and to_state != paused_from:
        raise TransitionRefused(
            _("A request on hold resumes where it paused: '%(state)s'.")
            % {"state": S(paused_from).label}
        )
