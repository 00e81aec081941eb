"""The life of an allocation: which state may follow which, in one table.

proposed → approved → paid, or rejected (by the fund owner's representative) / cancelled (by
the coordinator, or because the decision was superseded), which releases the money. Services
refuse every move that is not in ``TRANSITIONS``.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from sportloket.funds.constants import AllocationState as A

TRANSITIONS: dict[str, frozenset[str]] = {
    A.PROPOSED: frozenset({A.APPROVED, A.REJECTED, A.CANCELLED}),
    A.APPROVED: frozenset({A.PAID, A.CANCELLED}),
    A.PAID: frozenset(),
    A.REJECTED: frozenset(),
    A.CANCELLED: frozenset(),
}

# Moves that give the allocation's money back to its fund.
RELEASING = frozenset({A.REJECTED, A.CANCELLED})
# Moves that need a note, because the coordinator must know why.
NOTE_REQUIRED = frozenset({A.REJECTED})


class TransitionRefused(ValidationError):
    """A move the workflow does not allow, with a message for the UI."""


def check_transition(from_state: str, to_state: str, *, note: str = "") -> None:
    if from_state not in TRANSITIONS or to_state not in TRANSITIONS:
        raise TransitionRefused(_("This status does not exist."))
    if to_state not in TRANSITIONS[from_state]:
        raise TransitionRefused(
            _("An allocation that is '%(from)s' cannot become '%(to)s'.")
            % {"from": A(from_state).label, "to": A(to_state).label}
        )
    if to_state in NOTE_REQUIRED and not (note or "").strip():
        raise TransitionRefused(_("Give a reason; the coordinator will read it."))
