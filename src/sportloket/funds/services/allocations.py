"""Writes on allocations: committing money from one or more funds to a decision, its moves
(approve, reject, cancel, pay) and releasing it when the decision is superseded. Each checks who
acts, validates, writes and records its actor in one transaction; money never goes beyond a
fund's amount, also under concurrent writers (the decision's lock first, then the funds' in pk
order, plus the database's checks and triggers as the last word, see funds.db)."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from sportloket.core.audit import audited
from sportloket.core.money import euros
from sportloket.funds import rules, selectors
from sportloket.funds.constants import COMMITTING_STATES, IDEMPOTENCY_KEY_LENGTH
from sportloket.funds.constants import AllocationState as A
from sportloket.funds.models import (
    Allocation,
    AllocationChange,
    Fund,
    FundTheme,
    decision_models,
)
from sportloket.funds.services import notifications
from sportloket.funds.services.access import require_approver, require_manager
from sportloket.funds.workflow import RELEASING, TransitionRefused, check_transition


class NotEnoughMoney(ValidationError):
    """The fund has less left than asked: nothing was committed."""


# --- the funds' money -----------------------------------------------------------------------


def _lock_funds(pks):
    """The funds, locked in pk order so that two writers never wait for each other in a
    circle (row locks on PostgreSQL; SQLite's IMMEDIATE transactions serialise writers)."""
    return {
        fund.pk: fund
        for fund in Fund.objects.select_for_update(no_key=True, of=("self",))
        .filter(pk__in=list(pks))
        .select_related("owner")
        .order_by("pk")
    }


def _move_money(fund_pk, *, committed=0, paid=0):
    """One UPDATE relative to the row as it is: the database's checks refuse a result beyond
    the amount even from a writer that skipped the lock."""
    Fund.objects.filter(pk=fund_pk).update(
        committed_cents=F("committed_cents") + committed,
        paid_cents=F("paid_cents") + paid,
        updated_at=timezone.now(),
    )


def _record(allocation, from_state, to_state, actor, *, note="", amount=None):
    return AllocationChange(
        allocation=allocation,
        from_state=from_state,
        to_state=to_state,
        actor=actor,
        note=note,
        amount_cents=allocation.amount_cents if amount is None else amount,
    )


def _not_enough(fund, cents, available=None):
    available = fund.available_cents if available is None else available
    return NotEnoughMoney(
        _("The fund '%(fund)s' has %(available)s left; %(asked)s does not fit.")
        % {
            "fund": fund.name,
            "available": euros(max(available, 0)),
            "asked": euros(cents),
        }
    )


# --- committing money to decisions ----------------------------------------------------------


def _normalise_splits(splits) -> dict[int, int]:
    """{fund pk: cents}, in the order given."""
    wanted: dict[int, int] = {}
    for fund, cents in splits:
        pk = int(getattr(fund, "pk", fund))
        try:
            cents = int(cents)
        except (TypeError, ValueError) as error:
            raise ValidationError(_("Give each amount in whole cents.")) from error
        if cents <= 0:
            raise ValidationError(_("Each amount must be more than zero."))
        if pk in wanted:
            raise ValidationError(_("Choose each fund once."))
        wanted[pk] = cents
    if not wanted:
        raise ValidationError(_("Choose at least one fund."))
    return wanted


def _check_key(idempotency_key) -> str:
    key = (idempotency_key or "").strip()
    if not key or len(key) > IDEMPOTENCY_KEY_LENGTH:
        raise ValidationError(_("This form has expired; reload the page and try again."))
    return key


def _same_submission(existing, decision, wanted):
    """The allocations a first submission with this key made, if this is the same one."""
    found = {a.fund_id: a for a in existing}
    if (
        any(a.decision_id != decision.pk for a in existing)
        or {pk: a.amount_cents for pk, a in found.items()} != wanted
    ):
        raise ValidationError(
            _("This form was already sent with other amounts; reload the page to see them.")
        )
    return [found[pk] for pk in wanted]


def _already_has_money(fund):
    return _("This decision already has money from the fund '%(fund)s'.") % {"fund": fund.name}


def decision_fund(*, decision, splits, idempotency_key: str, actor) -> list[Allocation]:
    """Commits money from one or more funds of the decision's desk to a decision (co-funding,
    split by amount: ``splits`` is a list of (fund, cents)). Each fund must be in use, its
    period must include the decision's date, and its rules must allow the question (maximum
    per allocation, themes, kind of provider, co-funding); together with the money it already
    has, the decision gets no more from the funds than its amount less what is paid outside
    the funds (``Decision.outside_cents``); and each fund must have the money left.

    An allocation up to the fund's threshold is approved at once by the coordinator; above it
    it stays proposed until a representative of the fund's owner approves. Sending the same
    ``idempotency_key`` again (a second click, a retried request) returns the allocations of
    the first submission and writes nothing."""
    wanted = _normalise_splits(splits)
    key = _check_key(idempotency_key)
    require_manager(actor, decision.loket_id)
    try:
        with transaction.atomic(), audited(actor):
            return _decision_fund(decision, wanted, key, actor)
    except IntegrityError as error:
        # Only a writer that did not wait for the locks gets here; find out what it did.
        existing = list(Allocation.objects.filter(idempotency_key=key, fund_id__in=wanted))
        if existing:
            return _same_submission(existing, decision, wanted)
        # What the allocations really hold, also one written past the services (which the
        # database's triggers count, see funds.db, and the fund's counter does not).
        held = selectors.committed_by_allocations(fund_pks=wanted)
        for fund in Fund.objects.filter(pk__in=list(wanted)).order_by("pk"):
            available = fund.amount_cents - max(fund.committed_cents, held.get(fund.pk, 0))
            if wanted[fund.pk] > available:
                raise _not_enough(fund, wanted[fund.pk], available) from error
            if fund.allocations.committing().filter(decision=decision).exists():
                raise ValidationError(_already_has_money(fund)) from error
        raise


def _decision_fund(decision, wanted, key, actor):
    # The decision first, then the funds: every service takes its locks in this order. What
    # depends only on the decision is read before the funds are locked, so that writers on
    # the same fund wait for each other as briefly as possible.
    Decision, _option = decision_models()
    decision = (
        Decision.objects.select_for_update(no_key=True, of=("self",))
        .select_related("help_request__organisation")
        .get(pk=decision.pk)
    )
    existing = list(Allocation.objects.filter(idempotency_key=key, fund_id__in=wanted))
    if existing:
        return _same_submission(existing, decision, wanted)
    if Decision.objects.filter(supersedes=decision).exists():
        raise ValidationError(_("A newer decision superseded this one; fund that one instead."))
    help_request = decision.help_request
    theme_keys = set(help_request.themes.values_list("key", flat=True))
    provider_kind = help_request.organisation.kind if help_request.organisation_id else ""
    already = {
        a.fund_id: a.committed_cents
        for a in Allocation.objects.committing()
        .filter(decision=decision)
        .only("fund_id", "state", "amount_cents", "paid_cents")
    }

    funds = _lock_funds(wanted)
    if len(funds) != len(wanted) or any(f.loket_id != decision.loket_id for f in funds.values()):
        raise ValidationError(_("Choose funds of this desk."))
    problems = _refusals(
        decision, funds, wanted, already, theme_keys=theme_keys, provider_kind=provider_kind
    )
    if problems:
        raise ValidationError(problems)
    short = [_not_enough(funds[pk], cents) for pk, cents in wanted.items()
             if cents > funds[pk].available_cents]  # fmt: skip
    if short:
        raise NotEnoughMoney([message for error in short for message in error.messages])
    return _commit(decision, funds, wanted, key, actor)


def _refusals(decision, funds, wanted, already, *, theme_keys, provider_kind) -> list[str]:
    """Why these funds may not pay these amounts to the decision (nothing: they may): each
    fund's rules for the question, money a fund already gave it, co-funding without another
    fund, and more in total than the funds' part of the decision's amount."""
    fund_themes: dict[int, set[str]] = {}
    for fund_id, theme_key in FundTheme.objects.filter(fund_id__in=wanted).values_list(
        "fund_id", "key"
    ):
        fund_themes.setdefault(fund_id, set()).add(theme_key)
    on = timezone.localdate(decision.decided_at)
    problems = []
    for pk, cents in wanted.items():
        fund = funds[pk]
        if pk in already:
            problems.append(_already_has_money(fund))
        problems += rules.refusals(
            fund,
            cents=cents,
            on=on,
            theme_keys=theme_keys,
            fund_theme_keys=fund_themes.get(pk, set()),
            provider_kind=provider_kind,
        )
        if fund.co_funding_required and not (set(wanted) | set(already)) - {pk}:
            problems.append(
                _("The fund '%(fund)s' pays only together with another fund.") % {"fund": fund.name}
            )
    total = sum(already.values()) + sum(wanted.values())
    # A decision's amount is what the funds pay plus what is paid outside them (stated with
    # the decision): the funds together pay no more than the difference.
    funds_part = decision.amount_cents - decision.outside_cents
    if total > funds_part:
        problems.append(
            _(
                "The funds pay at most %(funds)s of this decision: its amount %(amount)s less "
                "%(outside)s paid outside the funds. With these allocations they would pay "
                "%(total)s."
            )
            % {
                "funds": euros(funds_part),
                "amount": euros(decision.amount_cents),
                "outside": euros(decision.outside_cents),
                "total": euros(total),
            }
        )
    return problems


def _commit(decision, funds, wanted, key, actor) -> list[Allocation]:
    """Moves the money (funds in pk order) and writes the allocations with their history: up
    to a fund's threshold approved at once, above it proposed; the
    representatives of a proposed allocation's fund owner hear that it waits for them (the
    e-mail is queued in the same transaction)."""
    allocations, history = [], []
    for pk in sorted(wanted):
        _move_money(pk, committed=wanted[pk])
    for pk, cents in wanted.items():
        fund = funds[pk]
        alone = fund.approval_threshold_cents is None or cents <= fund.approval_threshold_cents
        allocation = Allocation.objects.create(
            fund=fund,
            decision=decision,
            amount_cents=cents,
            state=A.APPROVED if alone else A.PROPOSED,
            idempotency_key=key,
            created_by=actor,
        )
        history.append(_record(allocation, "", A.PROPOSED, actor))
        if alone:
            history.append(_record(allocation, A.PROPOSED, A.APPROVED, actor))
        allocations.append(allocation)
    AllocationChange.objects.bulk_create(history)
    waiting = [a.pk for a in allocations if a.state == A.PROPOSED]
    if waiting:
        notifications.mail_approval_waiting(waiting)
    return allocations


# --- moving allocations ---------------------------------------------------------------------


def _locked(allocation):
    """The allocation's fund and the allocation itself, fresh and locked (fund first)."""
    fund = _lock_funds([allocation.fund_id])[allocation.fund_id]
    current = Allocation.objects.select_for_update(no_key=True).get(pk=allocation.pk)
    current.fund = fund
    return fund, current


def _move(current, to_state, actor, *, note="", amount=None):
    from_state = current.state
    check_transition(from_state, to_state, note=note)
    if to_state in RELEASING:
        _move_money(current.fund_id, committed=-current.committed_cents)
    current.state = to_state
    current.save(update_fields=["state", "paid_cents", "updated_at"])
    _record(current, from_state, to_state, actor, note=note, amount=amount).save()
    return current


def allocation_approve(*, allocation, actor, note: str = "") -> Allocation:
    """A representative of the fund's owner approves spending above the coordinator's
    threshold. Approving again returns the allocation as it is, without a second record."""
    try:
        with transaction.atomic(), audited(actor):
            fund, current = _locked(allocation)
            require_approver(actor, fund)
            if current.state in (A.APPROVED, A.PAID):
                return current
            return _move(current, A.APPROVED, actor, note=(note or "").strip())
    except IntegrityError:
        current = Allocation.objects.get(pk=allocation.pk)
        if current.state in (A.APPROVED, A.PAID):
            return current
        raise


def allocation_reject(*, allocation, actor, note: str) -> Allocation:
    """A representative of the fund's owner refuses a proposed allocation, with a reason; the
    money returns to the fund."""
    try:
        with transaction.atomic(), audited(actor):
            fund, current = _locked(allocation)
            require_approver(actor, fund)
            if current.state == A.REJECTED:
                return current
            return _move(current, A.REJECTED, actor, note=(note or "").strip())
    except IntegrityError:
        current = Allocation.objects.get(pk=allocation.pk)
        if current.state == A.REJECTED:
            return current
        raise


def allocation_cancel(*, allocation, actor, note: str = "") -> Allocation:
    """The coordinator withdraws a proposed or approved allocation; the money returns to the
    fund."""
    require_manager(actor, allocation.fund.loket_id)
    try:
        with transaction.atomic(), audited(actor):
            _fund, current = _locked(allocation)
            if current.state == A.CANCELLED:
                return current
            return _move(current, A.CANCELLED, actor, note=(note or "").strip())
    except IntegrityError:
        current = Allocation.objects.get(pk=allocation.pk)
        if current.state == A.CANCELLED:
            return current
        raise


def _check_payable(current, paid_cents):
    """Refuses a payment of an allocation that awaits approval or was paid otherwise, or one
    beyond its amount."""
    if current.state == A.PAID:
        raise TransitionRefused(
            _("The payment of this allocation was already recorded: %(paid)s.")
            % {"paid": euros(current.paid_cents)}
        )
    if current.state == A.PROPOSED:
        raise TransitionRefused(
            _("This allocation still awaits approval by a representative of %(owner)s.")
            % {"owner": current.fund.owner}
        )
    if not 0 <= paid_cents <= current.amount_cents:
        raise ValidationError(
            {
                "paid_cents": _("The payment lies between %(zero)s and %(amount)s.")
                % {"zero": euros(0), "amount": euros(current.amount_cents)}
            }
        )
    check_transition(current.state, A.PAID)


def allocation_pay(*, allocation, paid_cents: int, actor, note: str = "") -> Allocation:
    """The coordinator records what an approved allocation really cost (paid or realised): at
    most its amount; the difference returns to the fund. Recording the same payment again
    returns the allocation as it is."""
    paid_cents = int(paid_cents)
    require_manager(actor, allocation.fund.loket_id)
    try:
        with transaction.atomic(), audited(actor):
            _fund, current = _locked(allocation)
            if current.state == A.PAID and current.paid_cents == paid_cents:
                return current
            _check_payable(current, paid_cents)
            _move_money(
                current.fund_id, committed=paid_cents - current.amount_cents, paid=paid_cents
            )
            current.paid_cents = paid_cents
            return _move(current, A.PAID, actor, note=(note or "").strip(), amount=paid_cents)
    except IntegrityError:
        current = Allocation.objects.get(pk=allocation.pk)
        if current.state == A.PAID and current.paid_cents == paid_cents:
            return current
        raise


def decision_superseded(*, old_decision, actor) -> list[Allocation]:
    """Cancels the proposed and approved allocations of a decision that a newer decision has
    superseded, so that their money returns to the funds; paid allocations stay. For the
    decision flow to call in the transaction that records the new decision (which decides who
    may do so); returns the allocations it cancelled."""
    Decision, _option = decision_models()
    if not Decision.objects.filter(supersedes=old_decision).exists():
        raise ValidationError(_("This decision has not been superseded."))
    open_states = COMMITTING_STATES - {A.PAID}
    note = _("The decision was superseded by a newer one.")
    with transaction.atomic(), audited(actor):
        # The decision first (as decision_fund does): funding the old decision waits, then
        # sees that it was superseded.
        Decision.objects.select_for_update(no_key=True).filter(pk=old_decision.pk).first()
        pending = Allocation.objects.filter(decision=old_decision, state__in=open_states)
        _lock_funds(set(pending.values_list("fund_id", flat=True)))
        cancelled = []
        for current in pending.select_for_update(no_key=True).order_by("pk"):
            cancelled.append(_move(current, A.CANCELLED, actor, note=note))
    return cancelled
