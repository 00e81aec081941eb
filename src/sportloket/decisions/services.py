"""Writes on decisions: a decision on a question (with its ranked alternatives and its money
from the funds) and a desk's matching weights. Every write names its actor."""

import re
import uuid

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sportloket.core.audit import audited
from sportloket.core.models import Membership
from sportloket.core.money import MAX_CENTS, MAX_EUROS, euros
from sportloket.core.permissions import Capability
from sportloket.core.services import model_update
from sportloket.decisions.constants import Criterion
from sportloket.decisions.matching import rank_offerings
from sportloket.decisions.models import Decision, DecisionOption, MatchingWeights
from sportloket.funds import services as fund_services
from sportloket.helprequests import services as request_services
from sportloket.helprequests.constants import RequestState
from sportloket.helprequests.models import HelpRequest
from sportloket.helprequests.workflow import DECIDABLE_STATES
from sportloket.quality import selectors as quality_selectors
from sportloket.registry.models import PersonRole


def weights_save(*, loket, actor, **weights) -> MatchingWeights:
    """Sets how much each matching criterion counts at this desk (0 to 10 each)."""
    unknown = set(weights) - set(Criterion.values)
    if unknown:
        raise ValueError(f"Not a criterion: {sorted(unknown)}")
    out_of_range = {
        name: _("Weights run from 0 to 10.")
        for name, value in weights.items()
        if not 0 <= int(value) <= 10
    }
    if out_of_range:
        raise ValidationError(out_of_range)
    with transaction.atomic(), audited(actor):
        current, _created = MatchingWeights.objects.select_for_update().get_or_create(loket=loket)
        model_update(
            current,
            {name: int(value) for name, value in weights.items()},
            allowed=Criterion.values,
            clean=False,
        )
        # The weights as they will be, not only those changed now: one criterion set to 0
        # while others still count is fine.
        if not any(getattr(current, name) for name in Criterion.values):
            raise ValidationError(_("At least one criterion must count."))
        current.save()
    return current


# How many of the ranked alternatives a decision keeps besides the chosen ones.
ALTERNATIVES_KEPT = 10


def _mail_decision(decision: Decision):
    """Tells the provider the desk's decision: the support chosen, who delivers it and why,
    and whether it replaces an earlier decision."""
    chosen = (
        decision.options.filter(chosen=True)
        .select_related("offering__delivered_by")
        .order_by("rank")
    )
    request_services.mail_provider(
        decision.help_request,
        "decision",
        chosen=[(o.offering.title, o.offering.delivered_by.name) for o in chosen],
        rationale=decision.rationale,
        replaces=decision.supersedes_id is not None,
    )


def decision_record(
    *,
    help_request,
    chosen,
    rationale: str,
    actor,
    deviation_reason: str = "",
    public_summary: str = "",
    amount_cents: int | None = None,
    outside_cents: int = 0,
    decided_at=None,
    funding=(),
    idempotency_key: str = "",
) -> Decision:
    """Records a decision on a help request: the chosen offering(s) among those matching ranks
    for it, the best-ranked alternatives with their scores and reasons, a rationale (the
    provider reads it), and the money to commit (by default what the chosen offerings cost).
    Choosing another offering than the top-ranked one needs a reason. A decision is never
    changed: a new one supersedes the current one, and both stay. The request moves to
    "support chosen" if it was not there yet. ``decided_at`` records a decision taken earlier
    (taken over from a previous system); it cannot lie in the future.

    The amount is what the desk's funds pay plus what is paid outside them (by the provider or
    others), ``outside_cents``, stated with the decision: at most the amount.
    ``funding`` commits the money from the desk's funds in the same transaction: a list of
    (fund, cents), one allocation per fund (see funds.services.decision_fund); with it, the
    funds and ``outside_cents`` must add up to the amount exactly. Without it the funds' part
    is committed later, on the decision's money page (never more than the amount less what is
    paid outside the funds). When a fund refuses, or the money does not add up, nothing is
    recorded. The allocations of the decision this one supersedes that
    were not paid yet are cancelled, so that their money returns to the funds.
    ``idempotency_key`` (the form's one-time key): the same form sent again returns the
    decision the first one recorded and writes nothing."""
    key = (idempotency_key or "").strip()[:64]
    arguments = _checked(
        help_request,
        chosen=chosen,
        rationale=rationale,
        deviation_reason=deviation_reason,
        public_summary=public_summary,
        decided_at=decided_at,
    ) | {
        "amount_cents": amount_cents,
        "outside_cents": outside_cents,
        "funding": list(funding or ()),
        "key": key,
        "actor": actor,
    }
    try:
        with transaction.atomic(), audited(actor):
            return _decision_record(help_request.pk, **arguments)
    except IntegrityError:
        # A second writer with the same key that did not wait for the question's lock.
        existing = Decision.objects.filter(help_request=help_request, idempotency_key=key)
        if key and existing.exists():
            return existing.get()
        raise


def _checked(help_request, *, chosen, rationale, deviation_reason, public_summary,
             decided_at) -> dict:  # fmt: skip
    """The decision's own input, cleaned, or the first thing wrong with it (before the
    question is locked): the chosen offerings' ids, the texts, and when it was decided."""
    rationale = (rationale or "").strip()
    chosen_ids = {int(getattr(item, "pk", item)) for item in chosen}
    if not chosen_ids:
        raise ValidationError({"chosen": _("Choose at least one offering.")})
    if not rationale:
        raise ValidationError({"rationale": _("Explain the decision; the provider reads it.")})
    now = timezone.now()
    if decided_at is not None and decided_at > now:
        raise ValidationError(_("A decision cannot be dated in the future."))
    public_summary = " ".join((public_summary or "").split())
    if not public_summary:
        raise ValidationError(
            {"public_summary": _("Summarise the decision for the public register.")}
        )
    if _personal_data_in(public_summary, help_request):
        raise ValidationError(
            {
                "public_summary": _(
                    "The public register holds no personal data: leave out names, e-mail "
                    "addresses and phone numbers."
                )
            }
        )
    return {
        "chosen_ids": chosen_ids,
        "rationale": rationale,
        "public_summary": public_summary,
        "deviation_reason": (deviation_reason or "").strip(),
        "decided_at": decided_at or now,
    }


def _check_amount(amount_cents):
    if not 0 <= int(amount_cents) <= MAX_CENTS:
        raise ValidationError(
            {
                "amount_cents": _("Enter an amount of at most %(max)s euros.")
                % {"max": f"{MAX_EUROS:,}".replace(",", ".")}
            }
        )


def _check_outside(amount_cents, outside_cents) -> int:
    """What is paid outside the funds: between nothing and the decision's amount."""
    try:
        outside_cents = int(outside_cents or 0)
    except (TypeError, ValueError):
        outside_cents = -1
    if not 0 <= outside_cents <= int(amount_cents):
        raise ValidationError(
            {
                "outside": _(
                    "What is paid outside the funds lies between %(zero)s and the decision's "
                    "amount, %(amount)s."
                )
                % {"zero": euros(0), "amount": euros(amount_cents)}
            }
        )
    return outside_cents


def _split_mismatch(decision, funding) -> str:
    """Why the money from the funds and what is paid outside them do not add up to the
    decision's amount ("" when they do), with the sum."""
    try:
        from_funds = sum(int(cents) for _fund, cents in funding)
    except (TypeError, ValueError):
        return ""  # the funds' service says what is wrong with an amount
    together = from_funds + decision.outside_cents
    if together == decision.amount_cents:
        return ""
    return _(
        "From the funds %(funds)s + paid outside the funds %(outside)s = %(together)s, but the "
        "decision's amount is %(amount)s. The amount is what the funds pay plus what is paid "
        "outside the funds: state what the provider or others pay, or change the amounts."
    ) % {
        "funds": euros(from_funds),
        "outside": euros(decision.outside_cents),
        "together": euros(together),
        "amount": euros(decision.amount_cents),
    }


def _decision_record(help_request_pk, *, chosen_ids, rationale, public_summary,
                     deviation_reason, amount_cents, outside_cents, decided_at, funding, key,
                     actor) -> Decision:  # fmt: skip
    help_request = HelpRequest.objects.select_for_update().get(pk=help_request_pk)
    _check_decider(actor, help_request)
    if key:
        sent_before = Decision.objects.filter(
            help_request=help_request, idempotency_key=key
        ).first()
        if sent_before is not None:
            return sent_before
    if help_request.state not in DECIDABLE_STATES:
        raise ValidationError(
            _("A question that is '%(state)s' gets no decision.")
            % {"state": RequestState(help_request.state).label}
        )
    ranked = rank_offerings(help_request=help_request)
    _check_choice(ranked, chosen_ids, deviation_reason)
    chosen_offerings = [item.offering for item in ranked if item.offering_id in chosen_ids]
    _check_delivery(help_request, chosen_offerings)
    if amount_cents is None:
        amount_cents = sum(offering.cost_cents for offering in chosen_offerings)
    _check_amount(amount_cents)
    outside_cents = _check_outside(amount_cents, outside_cents)
    current = (
        Decision.objects.filter(help_request=help_request)
        .holding()
        .order_by("-decided_at", "-pk")
        .first()
    )
    decision = _decision_create(
        help_request,
        ranked,
        chosen_ids,
        supersedes=current,
        rationale=rationale,
        public_summary=public_summary,
        deviation_reason=deviation_reason,
        amount_cents=int(amount_cents),
        outside_cents=outside_cents,
        decided_by=actor,
        decided_at=decided_at,
        idempotency_key=key,
    )
    _request_matched(help_request, actor=actor, note=rationale)
    _mail_decision(decision)
    if current is not None:
        fund_services.decision_superseded(old_decision=current, actor=actor)
    if funding:
        _decision_fund(decision, funding, key=key, actor=actor)
    return decision


def _check_choice(ranked, chosen_ids, deviation_reason):
    """The chosen offerings are among those ranked; another than the first needs a reason."""
    ranks = {item.offering_id for item in ranked}
    if not chosen_ids <= ranks:
        raise ValidationError({"chosen": _("Choose from the offerings ranked for this question.")})
    if ranks and ranked[0].offering_id not in chosen_ids and not deviation_reason:
        raise ValidationError(
            {"deviation_reason": _("Say why you chose another offering than the one ranked first.")}
        )


def _decision_create(help_request, ranked, chosen_ids, **fields) -> Decision:
    """The decision with its options: the chosen ones and the best-ranked alternatives."""
    kept = [
        (number, item)
        for number, item in enumerate(ranked, start=1)
        if number <= ALTERNATIVES_KEPT or item.offering_id in chosen_ids
    ]
    decision = Decision.objects.create(
        loket=help_request.loket,
        help_request=help_request,
        weights={r.criterion: r.weight for r in ranked[0].reasons} if ranked else {},
        option_count=len(kept),
        **fields,
    )
    DecisionOption.objects.bulk_create(
        DecisionOption(
            decision=decision,
            offering_id=item.offering_id,
            rank=number,
            score=item.score,
            explanation=item.explanation(),
            chosen=item.offering_id in chosen_ids,
        )
        for number, item in kept
    )
    return decision


def _request_matched(help_request, *, actor, note):
    """Moves a question that was submitted or in triage to "support chosen". The provider hears
    of the decision in one e-mail (``_mail_decision``), not of each move."""
    if help_request.state not in (RequestState.SUBMITTED, RequestState.TRIAGE):
        return
    if help_request.state == RequestState.SUBMITTED:
        help_request = request_services.request_move(
            help_request=help_request, to_state=RequestState.TRIAGE, actor=actor, notify=False
        )
    request_services.request_move(
        help_request=help_request,
        to_state=RequestState.MATCHED,
        actor=actor,
        note=note,
        notify=False,
    )


def _decision_fund(decision, funding, *, key, actor):
    """Commits the decision's money from the funds (funds.services.decision_fund); a fund's
    refusal, or money that does not add up to the decision's amount, is the decision's
    "funding" error (and the transaction that records the decision is undone). The funds
    speak first: who may not commit money hears that, not how to make the sum right."""
    try:
        fund_services.decision_fund(
            decision=decision,
            splits=funding,
            idempotency_key=key or uuid.uuid4().hex,
            actor=actor,
        )
    except ValidationError as error:
        raise ValidationError({"funding": error.messages}) from error
    mismatch = _split_mismatch(decision, funding)
    if mismatch:
        raise ValidationError({"funding": [mismatch]})


def _check_decider(actor, help_request):
    """A coordinator of the question's desk, or a supporter the desk named to decide."""
    membership = (
        Membership.objects.active().filter(user_id=actor.pk, loket_id=help_request.loket_id).first()
        if getattr(actor, "is_authenticated", False)
        else None
    )
    if membership is None or not membership.can(Capability.DECIDE_SUPPORT):
        raise ValidationError(
            _("Only a coordinator, or a supporter the desk named for it, decides on support.")
        )


def _check_delivery(help_request, chosen_offerings):
    """Whoever is assigned to the question delivers what is chosen: each chosen offering that
    needs a registration needs them to hold a valid one (quality rule, judged today)."""
    needing = [o for o in chosen_offerings if o.required_registration]
    assignment = help_request.assignments.filter(ended_at__isnull=True).first() if needing else None
    if assignment is None:
        return
    refused = quality_selectors.first_undeliverable(
        loket_id=help_request.loket_id, user=assignment.supporter_id, offerings=needing
    )
    if refused is not None:
        offering, result = refused
        raise ValidationError(
            {
                "chosen": _(
                    "%(name)s, assigned to this question, may not deliver “%(offering)s”. "
                    "%(reasons)s Assign someone who may, or choose another offering."
                )
                % {
                    "name": assignment.supporter,
                    "offering": offering.title,
                    "reasons": " ".join(result.reasons),
                }
            }
        )


_EMAIL = re.compile(r"\S+@\S+")


_PHONE = re.compile(r"(?:\+|\b0)[\d\s().-]{8,}\d")


def _personal_data_in(text: str, help_request) -> bool:
    """An e-mail address, a phone number, or the name of a person the desk knows in this
    question: its contact person, the people with a role at its organisation, the desk's
    members. Names match as whole words, whatever their case."""
    if _EMAIL.search(text) or _PHONE.search(text):
        return True
    lowered = _fold(text)
    return any(
        re.search(rf"(?<!\w){re.escape(name)}(?!\w)", lowered)
        for name in _known_names(help_request)
    )


def _known_names(help_request) -> set[str]:
    others = set(
        Membership.objects.filter(loket_id=help_request.loket_id).values_list(
            "user__full_name", flat=True
        )
    )
    if help_request.organisation_id:
        others |= set(
            PersonRole.objects.filter(organisation_id=help_request.organisation_id).values_list(
                "person__full_name", flat=True
            )
        )
    # Another's one-word name ("Eva") would refuse every sentence with that word: their full
    # names only. The question's own contact person, as they typed it.
    names = {_fold(name) for name in others if " " in _fold(name)}
    return (names | {_fold(help_request.contact_name)}) - {""}


def _fold(name) -> str:
    return " ".join((name or "").lower().split())
