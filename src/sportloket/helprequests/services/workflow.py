"""Moves of a question through the workflow (``helprequests.workflow``), each with a history
row and its actor: the desk's moves, the provider's withdrawal and rating, the outcome of a
referral, and the response times derived from that history."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sportloket.core.audit import audited
from sportloket.core.models import Membership
from sportloket.core.permissions import Capability
from sportloket.helprequests import timing
from sportloket.helprequests.constants import Channel, ReferralState
from sportloket.helprequests.constants import RequestState as S
from sportloket.helprequests.models import HelpRequest, Referral, StateChange
from sportloket.helprequests.services.notifications import mail_state_change
from sportloket.helprequests.workflow import (
    CLOSED_STATES,
    check_reopen,
    check_resume,
    check_transition,
    is_reopening,
    note_for_provider,
)


def request_move(
    *,
    help_request: HelpRequest,
    to_state: str,
    actor=None,
    note: str = "",
    by_provider=False,
    referred_to: str = "",
    notify=True,
) -> HelpRequest:
    """Moves a question to another state, if the workflow allows it, and records who did it.
    A referral names to whom (``referred_to``); its outcome is recorded later. The provider
    gets an e-mail about a move of the desk unless ``notify`` is off (a service that tells
    the provider itself, in one e-mail for several moves)."""
    if to_state == S.REFERRED and not referred_to.strip():
        raise ValidationError({"referred_to": _("Say to whom the question is referred.")})
    with transaction.atomic(), audited(actor):
        help_request = HelpRequest.objects.select_for_update().get(pk=help_request.pk)
        from_state = help_request.state
        check_transition(from_state, to_state, by_provider=by_provider, note=note)
        _check_not_awaiting_answer(help_request, by_provider)
        if is_reopening(from_state, to_state):
            check_reopen(from_state, to_state, by_coordinator=_coordinates(actor, help_request))
        if from_state == S.ON_HOLD:
            check_resume(_state_before_hold(help_request), to_state)
        help_request.state = to_state
        help_request.closed_at = timezone.now() if to_state in CLOSED_STATES else None
        if to_state == S.REFERRED:
            help_request.referred_to = referred_to.strip()
        help_request.save(update_fields=["state", "closed_at", "referred_to", "updated_at"])
        change = StateChange.objects.create(
            help_request=help_request,
            from_state=from_state,
            to_state=to_state,
            actor=actor if getattr(actor, "is_authenticated", False) else None,
            by_provider=by_provider,
            note=note.strip(),
            note_for_provider=bool(note.strip()) and note_for_provider(from_state, to_state),
        )
        response_times_refresh(help_request=help_request)
        if notify and not by_provider:
            mail_state_change(help_request, change)
    return help_request


def _check_not_awaiting_answer(help_request: HelpRequest, by_provider: bool) -> None:
    """A question another desk referred here waits for this desk to take it on or decline it
    (``services.referrals``); until then only the provider moves it (a withdrawal)."""
    if by_provider or help_request.channel != Channel.REFERRAL:
        return
    if Referral.objects.filter(received=help_request, state=ReferralState.PENDING).exists():
        raise ValidationError(_("Take the referred question on, or decline it, first."))


def _coordinates(actor, help_request: HelpRequest) -> bool:
    """The actor manages the questions of the question's desk (a coordinator)."""
    if not getattr(actor, "is_authenticated", False):
        return False
    membership = (
        Membership.objects.active()
        .filter(user_id=actor.pk, loket_id=help_request.loket_id)
        .select_related("loket")
        .first()
    )
    return membership is not None and membership.can(Capability.MANAGE_REQUESTS)


def _state_before_hold(help_request: HelpRequest) -> str:
    last_hold = help_request.state_changes.filter(to_state=S.ON_HOLD).order_by("-at", "-pk").first()
    return last_hold.from_state if last_hold else ""


def request_withdraw(*, help_request: HelpRequest, note: str = "") -> HelpRequest:
    """The provider withdraws the question from the tracking page."""
    return request_move(
        help_request=help_request, to_state=S.WITHDRAWN, by_provider=True, note=note
    )


def request_rate(*, help_request: HelpRequest, rating: int, comment: str = "") -> HelpRequest:
    """The provider rates the help (1 to 5) once it is completed; the question is evaluated."""
    if not 1 <= int(rating) <= 5:
        raise ValidationError({"rating": _("Give a rating from 1 to 5.")})
    with transaction.atomic():
        help_request = request_move(
            help_request=help_request, to_state=S.EVALUATED, by_provider=True
        )
        help_request.rating = int(rating)
        help_request.rating_comment = comment.strip()
        help_request.save(update_fields=["rating", "rating_comment", "updated_at"])
    return help_request


def referral_outcome_record(*, help_request: HelpRequest, outcome: str, actor) -> HelpRequest:
    """Closes the loop of a referral: what became of the question elsewhere."""
    if help_request.state != S.REFERRED:
        raise ValidationError(_("Only a referred question has a referral outcome."))
    if not (outcome or "").strip():
        raise ValidationError({"outcome": _("Describe the outcome.")})
    with transaction.atomic(), audited(actor):
        help_request = HelpRequest.objects.select_for_update().get(pk=help_request.pk)
        help_request.referral_outcome = outcome.strip()
        help_request.save(update_fields=["referral_outcome", "updated_at"])
    return help_request


def response_times_refresh(*, help_request: HelpRequest) -> HelpRequest:
    """Derives the response-time fields from the question's history (see ``timing``). The
    services call it after every move and message; it can rebuild any question."""
    values = timing.response_times(
        submitted_at=help_request.submitted_at,
        moves=_moves(help_request),
        desk_messages=list(
            help_request.messages.filter(from_provider=False).values_list("created_at", flat=True)
        ),
        first_response_days=help_request.loket.first_response_days,
        resolution_days=help_request.loket.resolution_days,
        today=timezone.localdate(),
    )
    for field, value in values.items():
        setattr(help_request, field, value)
    help_request.save(update_fields=[*values, "updated_at"])
    return help_request


def _moves(help_request: HelpRequest) -> list[timing.Move]:
    return [
        timing.Move(*row)
        for row in help_request.state_changes.order_by("at", "pk").values_list(
            "at", "from_state", "to_state", "by_provider"
        )
    ]


def request_paused_periods(help_request: HelpRequest):
    """The (from, until) dates the question was on hold; ``until`` is None while it still is."""
    return timing.paused_periods(_moves(help_request))
