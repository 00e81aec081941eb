"""Who may do what with a question at the desk: the one answer for the views, which refuse
(403), and for the request page, which offers only the forms a member may use.

Roles give capabilities (``core.permissions``); here they meet the question: a supporter
works on what is assigned to them, the rest is the coordinator's. Who may *see* a question is
``selectors.visible_requests`` (a question one may not see is a 404 before any of this).
"""

from sportloket.core.constants import Role
from sportloket.core.permissions import Capability
from sportloket.helprequests import selectors
from sportloket.helprequests.constants import RequestState as S
from sportloket.helprequests.workflow import is_reopening

# Moves a supporter may make on a question assigned to them; the rest is the coordinator's.
# Choosing support is a decision, and decisions are the coordinator's.
SUPPORTER_MOVES = frozenset({S.IN_PROGRESS, S.COMPLETED, S.ON_HOLD})


def reads_questions(membership) -> bool:
    """Who opens questions at all (which ones: ``selectors.visible_requests``): the members
    who view the desk's questions, and partners, read-only and without the contact person,
    the questions shared with them (the shared page in decisions, without any action)."""
    return membership.can(Capability.VIEW_REQUESTS) or membership.role == Role.PARTNER


def manages(membership) -> bool:
    """Coordinators: triage, assigning others, rejecting, referring, the register."""
    return membership.can(Capability.MANAGE_REQUESTS)


def works_on(membership) -> bool:
    """Notes, moves and assignments are for those who work on questions."""
    return manages(membership) or membership.can(Capability.WORK_ON_REQUESTS)


def handles(membership, help_request) -> bool:
    """The question is assigned to this member now."""
    current = selectors.current_assignment(help_request=help_request)
    return current is not None and current.supporter_id == membership.user_id


def move_choices(membership, help_request) -> list[tuple[str, str]]:
    """The states this member may move the question to: every next state for a coordinator,
    the supporter's moves on a question assigned to them (never reopening it), none
    otherwise."""
    if not works_on(membership):
        return []
    choices = selectors.next_states(help_request=help_request)
    if manages(membership):
        return choices
    if not handles(membership, help_request):
        return []
    return [
        (value, label)
        for value, label in choices
        if value in SUPPORTER_MOVES and not is_reopening(help_request.state, value)
    ]


def assignable_members(membership):
    """Whom this member may assign a question to: a coordinator anyone of the desk who
    handles questions, a supporter only themselves."""
    members = selectors.assignable_members(loket=membership.loket)
    return members if manages(membership) else members.filter(pk=membership.pk)


def can_move(membership, help_request) -> bool:
    """May ask for a move (which moves: ``move_choices``; another is refused by the form)."""
    return works_on(membership)


def can_note(membership, help_request) -> bool:
    return works_on(membership)


def can_assign(membership, help_request) -> bool:
    """Whom to: ``assignable_members``."""
    return works_on(membership)


def can_message(membership, help_request) -> bool:
    """Speaking to the provider is for whoever handles the question, and the coordinator."""
    return manages(membership) or (works_on(membership) and handles(membership, help_request))


def can_triage(membership, help_request) -> bool:
    return manages(membership)


def can_record_referral(membership, help_request) -> bool:
    return manages(membership)


def can_link_organisation(membership, help_request) -> bool:
    """Linking the question to the register, or adding its organisation there."""
    return manages(membership)


# The request page's actions, by the name the page and its URLs know them by.
ACTIONS = {
    "move": can_move,
    "note": can_note,
    "assign": can_assign,
    "message": can_message,
    "triage": can_triage,
    "referral": can_record_referral,
    "link": can_link_organisation,
    "create_organisation": can_link_organisation,
}


def allowed_actions(membership, help_request) -> dict[str, bool]:
    """For the request page: which of its actions this member may take on this question."""
    return {action: check(membership, help_request) for action, check in ACTIONS.items()}
