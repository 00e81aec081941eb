"""Referrals with a closed loop: a question referred to another desk (which receives it in its
inbox as a new question, with the history the provider agreed to share) or to a partner in
care, welfare or business of the register; the receiver accepts or declines; the outcome comes
back to the referring desk and to the provider's tracking page. Declined, the question returns
to the referring desk's inbox with the reason."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sportloket.core import selectors as core_selectors
from sportloket.core.audit import audited
from sportloket.core.models import Loket
from sportloket.helprequests.constants import Channel, ReferralState
from sportloket.helprequests.constants import RequestState as S
from sportloket.helprequests.models import HelpRequest, InternalNote, Referral, StateChange
from sportloket.helprequests.services.intake import request_submit
from sportloket.helprequests.services.notifications import (
    mail_referral_answer,
    mail_state_change,
)
from sportloket.helprequests.services.workflow import request_move
from sportloket.helprequests.workflow import CLOSED_STATES
from sportloket.registry.constants import OrganisationKind
from sportloket.registry.models import Organisation

# Who a question is referred to in the register: partners outside sport.
PARTNER_KINDS = (
    OrganisationKind.FEDERATION,  # the club's federation, for its association adviser
    OrganisationKind.CARE,
    OrganisationKind.WELFARE,
    OrganisationKind.BUSINESS,
    OrganisationKind.EDUCATION,
    OrganisationKind.SUPPORT,
    OrganisationKind.OTHER,
)
COPIED_FIELDS = (
    "organisation_name",
    "organisation_kvk",
    "organisation_place",
    "contact_name",
    "contact_email",
    "contact_phone",
    "contact_role",
    "question",
    "urgency",
)


def referral_desks(loket):
    """The desks a question may be referred to: the desk's neighbours first, then the others."""
    return core_selectors.neighbours_first(
        Loket.objects.filter(is_active=True).exclude(pk=loket.pk), loket=loket
    )


def referral_partners(loket):
    return (
        Organisation.objects.for_desk(loket)
        .filter(kind__in=PARTNER_KINDS, merged_into__isnull=True)
        .order_by("name")
    )


def _shared(help_request, to_loket) -> str:
    parts = [_("the question, the organisation and the contact person")]
    if help_request.consents_to_sharing and to_loket is not None:
        parts.append(_("the messages and the history so far"))
    return ", ".join(str(p) for p in parts)


def _history(help_request) -> str:
    """The question's history as the provider reads it, for the receiving desk."""
    lines = [
        f"{change.at:%d-%m-%Y} {S(change.to_state).label}"
        + (f": {change.note}" if change.note_for_provider and change.note else "")
        for change in help_request.state_changes.order_by("at", "pk")
    ]
    lines += [
        f"{message.created_at:%d-%m-%Y} "
        + (_("Provider") if message.from_provider else _("Desk"))
        + f": {message.body}"
        for message in help_request.messages.order_by("created_at", "pk")
    ]
    return "\n".join(lines)


def referral_send(*, help_request, actor, reason: str, to_loket=None, to_organisation=None):
    """Refers the question: to another active desk (a new question arrives in its inbox) or to
    a partner of the register (with the provider's agreement to sharing). The question is
    referred at this desk, the provider reads why."""
    errors = {}
    if (to_loket is None) == (to_organisation is None):
        errors["to_loket"] = _("Choose a desk or an organisation to refer to.")
    elif (
        to_loket is not None
        and not referral_desks(help_request.loket).filter(pk=to_loket.pk).exists()
    ):
        errors["to_loket"] = _("Choose another active desk.")
    elif to_organisation is not None:
        if not referral_partners(help_request.loket).filter(pk=to_organisation.pk).exists():
            errors["to_organisation"] = _(
                "Choose a partner in care, welfare or business from the register of this desk."
            )
        elif not help_request.consents_to_sharing:
            errors["to_organisation"] = _(
                "The provider did not agree to sharing the question: give them the partner's "
                "details instead, or ask for their agreement first."
            )
    if not reason.strip():
        errors["reason"] = _("Say why the question is referred; the provider reads it.")
    if help_request.state in CLOSED_STATES:
        errors["to_loket"] = _("A closed question is not referred.")
    if errors:
        raise ValidationError(errors)
    receiver = to_loket.name if to_loket else to_organisation.name
    with transaction.atomic(), audited(actor):
        request_move(
            help_request=help_request,
            to_state=S.REFERRED,
            actor=actor,
            note=reason,
            referred_to=receiver,
        )
        referral = Referral.objects.create(
            help_request=help_request,
            to_loket=to_loket,
            to_organisation=to_organisation,
            reason=reason.strip(),
            shared=_shared(help_request, to_loket),
            created_by=actor,
        )
        if to_loket is not None:
            referral.received = _arrive(help_request, to_loket, actor, reason)
            referral.save(update_fields=["received"])
    return referral


def _arrive(help_request, to_loket, actor, reason) -> HelpRequest:
    received = request_submit(
        loket=to_loket,
        organisation=help_request.organisation,
        channel=Channel.REFERRAL,
        actor=actor,
        consents_to_processing=True,
        consents_to_sharing=help_request.consents_to_sharing,
        **{name: getattr(help_request, name) for name in COPIED_FIELDS},
    )
    note = _("Referred by %(desk)s: %(reason)s") % {
        "desk": help_request.loket.name,
        "reason": reason.strip(),
    }
    if help_request.consents_to_sharing:
        note += "\n\n" + _("History at %(desk)s:") % {"desk": help_request.loket.name}
        note += "\n" + _history(help_request)
    InternalNote.objects.create(help_request=received, author=actor, body=note)
    return received


def _pending(referral):
    referral = Referral.objects.select_for_update().get(pk=referral.pk)
    if referral.state != ReferralState.PENDING:
        raise ValidationError(_("This referral has been answered already."))
    return referral


def referral_accept(*, referral, actor):
    """The receiving desk takes the question on: it goes to triage there."""
    with transaction.atomic(), audited(actor):
        referral = _pending(referral)
        referral.state = ReferralState.ACCEPTED
        referral.answered_at, referral.answered_by = timezone.now(), actor
        referral.save(update_fields=["state", "answered_at", "answered_by"])
        if referral.received_id and referral.received.state == S.SUBMITTED:
            request_move(
                help_request=referral.received, to_state=S.TRIAGE, actor=actor, notify=False
            )
        mail_referral_answer(referral)
    return referral


def _close_unanswered(referral, actor, *, state, answer, received_note, provider_note):
    """Ends a referral not answered yet (declined by the receiver or taken back by the
    sender): the question it brought to the other desk leaves that inbox, and the referred
    question returns to the referring desk's inbox with ``provider_note``."""
    referral = _pending(referral)
    referral.state = state
    referral.answer = answer
    referral.answered_at, referral.answered_by = timezone.now(), actor
    referral.save(update_fields=["state", "answer", "answered_at", "answered_by"])
    if referral.received_id and referral.received.state == S.SUBMITTED:
        request_move(
            help_request=referral.received,
            to_state=S.REJECTED,
            actor=actor,
            note=received_note % {"desk": referral.help_request.loket.name, "answer": answer},
            notify=False,
        )
    _return_to_inbox(referral, actor, answer, text=provider_note)
    return referral


def referral_decline(*, referral, actor, answer: str):
    """The receiver cannot help: the question leaves its inbox and returns to the referring
    desk's, in triage, with the reason (the provider reads that the desk looks further)."""
    if not answer.strip():
        raise ValidationError({"answer": _("Say why the question is declined.")})
    with transaction.atomic(), audited(actor):
        referral = _close_unanswered(
            referral,
            actor,
            state=ReferralState.DECLINED,
            answer=answer.strip(),
            received_note=_("Returned to %(desk)s: %(answer)s"),
            provider_note=_(
                "%(receiver)s could not take the question on (%(answer)s). We look further."
            ),
        )
        if referral.to_loket_id:
            mail_referral_answer(referral)
    return referral


def referral_withdraw(*, referral, actor, note: str):
    """The referring desk takes back a referral not answered yet: the question returns to its
    inbox (the provider reads why), and leaves the receiving desk's inbox."""
    if not note.strip():
        raise ValidationError({"note": _("Say why the referral is taken back.")})
    with transaction.atomic(), audited(actor):
        return _close_unanswered(
            referral,
            actor,
            state=ReferralState.WITHDRAWN,
            answer=note.strip(),
            received_note=_("Taken back by %(desk)s: %(answer)s"),
            provider_note=_(
                "We took the question back from %(receiver)s (%(answer)s). We look further."
            ),
        )


def _return_to_inbox(referral, actor, answer, *, text):
    """The one move back out of 'referred': made only here, when the referral was declined
    or taken back."""
    help_request = HelpRequest.objects.select_for_update().get(pk=referral.help_request_id)
    note = text % {"receiver": referral.receiver_name, "answer": answer}
    help_request.state, help_request.closed_at, help_request.referred_to = S.TRIAGE, None, ""
    help_request.save(update_fields=["state", "closed_at", "referred_to", "updated_at"])
    change = StateChange.objects.create(
        help_request=help_request,
        from_state=S.REFERRED,
        to_state=S.TRIAGE,
        actor=actor,
        note=note,
        note_for_provider=True,
    )
    mail_state_change(help_request, change)


def referral_answer_record(*, referral, actor, state: str, answer: str = ""):
    """For a partner outside the software, the referring desk records its answer and the
    outcome: accepted, declined (the question returns to the inbox), helped or not helped."""
    if referral.to_loket_id:
        raise ValidationError(_("The receiving desk answers this referral itself."))
    if state == ReferralState.DECLINED:
        return referral_decline(referral=referral, actor=actor, answer=answer)
    if state not in (ReferralState.ACCEPTED, ReferralState.HELPED, ReferralState.NOT_HELPED):
        raise ValidationError({"state": _("Choose the partner's answer.")})
    with transaction.atomic(), audited(actor):
        referral = Referral.objects.select_for_update().get(pk=referral.pk)
        if referral.state == ReferralState.DECLINED:
            raise ValidationError(_("This referral was declined."))
        finished = (ReferralState.HELPED, ReferralState.NOT_HELPED)
        if referral.state in finished and state not in finished:
            raise ValidationError({"state": _("The outcome of this referral is recorded.")})
        referral.state = state
        referral.answer = answer.strip() or referral.answer
        referral.answered_at = referral.answered_at or timezone.now()
        referral.answered_by = referral.answered_by or actor
        referral.save(update_fields=["state", "answer", "answered_at", "answered_by"])
        help_request = referral.help_request
        if state in (ReferralState.HELPED, ReferralState.NOT_HELPED):
            label = str(ReferralState(state).label)
            note = answer.strip()
            help_request.referral_outcome = f"{label}: {note}" if note else label
            help_request.save(update_fields=["referral_outcome", "updated_at"])
    return referral


def referral_outcome(referral) -> str:
    """Where a referral stands, as the referring desk and the provider read it: for a desk,
    from the question it received (helped once completed, not helped once rejected or
    withdrawn there)."""
    if referral.state != ReferralState.ACCEPTED or referral.received is None:
        return referral.state
    state = referral.received.state
    if state in (S.COMPLETED, S.EVALUATED):
        return ReferralState.HELPED
    if state in (S.REJECTED, S.WITHDRAWN):
        return ReferralState.NOT_HELPED
    return ReferralState.ACCEPTED
