"""Writes on funds and allocations: every function checks who acts, validates, writes and
records its actor in one transaction; money never goes beyond a fund's amount, also under
concurrent writers (locks in pk order, plus the database's checks and triggers as the last
word, see funds.db)."""

from auditlog.models import LogEntry
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from sportloket.core import selectors as core_selectors
from sportloket.core.audit import audited
from sportloket.core.constants import Role
from sportloket.core.models import Membership
from sportloket.core.money import euros
from sportloket.core.permissions import Capability
from sportloket.funds import rules, selectors
from sportloket.funds.constants import (
    COMMITTING_STATES,
    IDEMPOTENCY_KEY_LENGTH,
    THEMES_CHANGE,
)
from sportloket.funds.constants import AllocationState as A
from sportloket.funds.models import (
    Allocation,
    AllocationChange,
    Fund,
    FundAmountChange,
    FundTheme,
)
from sportloket.funds.workflow import RELEASING, TransitionRefused, check_transition

# The fields of a fund that fund_create and fund_update set; the amount changes only through
# fund_amount_change (with a reason), the money columns only through allocations.
FUND_FIELDS = (
    "name",
    "kind",
    "owner",
    "starts_on",
    "ends_on",
    "max_per_allocation_cents",
    "eligible_provider_kinds",
    "co_funding_required",
    "approval_threshold_cents",
    "is_active",
    "description",
)


# Who decides above the coordinator's threshold: once the owner has a representative at the
# desk, only that representative gives the coordinator more room or the fund another owner
# (fund_approval_change); the coordinator may still make the threshold stricter.
APPROVAL_FIELDS = ("owner", "approval_threshold_cents")


class NotAllowed(ValidationError):
    """The actor's role (or the organisation they represent) does not allow this."""


class NotEnoughMoney(ValidationError):
    """The fund has less left than asked: nothing was committed."""


# --- who acts -------------------------------------------------------------------------------


def _membership(actor, loket_id):
    if actor is None or not getattr(actor, "is_authenticated", False):
        return None
    return Membership.objects.active().filter(user=actor, loket_id=loket_id).first()


def _require_manager(actor, loket_id):
    membership = _membership(actor, loket_id)
    if membership is None or not membership.can(Capability.MANAGE_FUNDS):
        raise NotAllowed(_("Only a coordinator of the desk manages its funds."))
    return membership


def _require_approver(actor, fund):
    """A representative of the fund's owner: an active partner at the fund's desk who
    represents the owner. The coordinator who proposed the spending never approves it."""
    membership = _membership(actor, fund.loket_id)
    if (
        membership is None
        or membership.role != Role.PARTNER
        or membership.organisation_id != fund.owner_id
    ):
        raise NotAllowed(
            _("Only a representative of %(owner)s approves spending from the fund '%(fund)s'.")
            % {"owner": fund.owner, "fund": fund.name}
        )
    return membership


# --- funds ----------------------------------------------------------------------------------


def _check_fields(fields):
    unknown = set(fields) - set(FUND_FIELDS)
    if unknown:
        raise ValueError(f"Not a fund field: {sorted(unknown)}")


def _check_owner(loket, owner):
    from sportloket.registry.models import Organisation

    register = Organisation.objects.for_desk(loket)
    if owner is not None and not register.filter(pk=owner.pk).exists():
        raise ValidationError(
            {"owner": _("Choose an organisation from the register of this desk.")}
        )


def _theme_keys(loket, theme_keys):
    keys = sorted({str(key) for key in theme_keys})
    known = set(
        core_selectors.desk_themes(loket=loket).filter(key__in=keys).values_list("key", flat=True)
    )
    if set(keys) - known:
        raise ValidationError({"theme_keys": _("Choose themes of this desk.")})
    return keys


def _set_themes(fund, keys):
    fund.themes.exclude(key__in=keys).delete()
    FundTheme.objects.bulk_create(
        [FundTheme(fund=fund, key=key) for key in keys], ignore_conflicts=True
    )


def _change_themes(fund, keys):
    """Sets the fund's themes and, when they change, writes the change in the fund's own
    audit trail (with the actor of the surrounding ``audited``), so that the fund's history
    shows who changed its themes from what to what. The themes by name as they are at the
    time (a theme's name may change later; the history keeps what it was); "" for every
    theme."""
    before = sorted(fund.themes.values_list("key", flat=True))
    if before == sorted(keys):
        return
    _set_themes(fund, keys)
    names = dict(
        core_selectors.desk_themes(loket=fund.loket)
        .filter(key__in={*before, *keys})
        .values_list("key", "name")
    )

    def readable(theme_keys):
        return ", ".join(sorted(names.get(key, key) for key in theme_keys))

    LogEntry.objects.log_create(
        fund,
        action=LogEntry.Action.UPDATE,
        changes={THEMES_CHANGE: [readable(before), readable(keys)]},
    )


def _duplicate_name():
    return ValidationError(
        {"name": _("The desk already has a fund with this name starting on this date.")}
    )


def fund_create(*, loket, actor, amount_cents: int, theme_keys=(), **fields) -> Fund:
    """Adds a fund to the desk: its amount for the period, the owner the money comes from, and
    its rules (maximum per allocation, themes (none: every theme), kinds of provider,
    co-funding, and up to which amount the coordinator decides alone)."""
    _check_fields(fields)
    _require_manager(actor, loket.pk)
    fund = Fund(loket=loket, amount_cents=amount_cents, **fields)
    _check_owner(loket, fund.owner if fund.owner_id else None)
    fund.full_clean()
    keys = _theme_keys(loket, theme_keys)
    try:
        with transaction.atomic(), audited(actor):
            fund.save()
            _set_themes(fund, keys)
    except IntegrityError as error:
        if Fund.objects.filter(loket=loket, name=fund.name, starts_on=fund.starts_on).exists():
            raise _duplicate_name() from error
        raise
    return fund


def _threshold_raised(before, after) -> bool:
    """Whether the coordinator would decide alone over more than before (None: always)."""
    if before is None:
        return False
    return after is None or int(after) > before


def _refuse_approval_changes(current, fields):
    """The coordinator's edit of a fund: a stricter threshold is fine; more room for the
    coordinator is the owner's representative's to give (fund_approval_change), also while the
    owner has none at the desk (ending their membership would otherwise hand it over). Another
    owner too, once the owner has a representative."""
    represented = selectors.fund_approvers(fund=current).exists()
    owner = {"owner": current.owner.name}
    errors = {}
    if (
        represented
        and "owner" in fields
        and getattr(fields["owner"], "pk", fields["owner"]) != current.owner_id
    ):
        errors["owner"] = (
            _("Only a representative of %(owner)s can give this fund another owner.") % owner
        )
    if "approval_threshold_cents" in fields and _threshold_raised(
        current.approval_threshold_cents, fields["approval_threshold_cents"]
    ):
        errors["approval_threshold_cents"] = (
            _(
                "Only a representative of %(owner)s can raise or remove this threshold; you can "
                "lower it."
            )
            if represented
            else _(
                "Only a representative of %(owner)s can raise or remove this threshold, and "
                "nobody at this desk represents %(owner)s yet: add them to the team first. "
                "You can lower it."
            )
        ) % owner
    if errors:
        raise NotAllowed(errors)


def fund_update(*, fund, actor, theme_keys=None, **fields) -> Fund:
    """Changes a fund's name, period, owner, rules or description (``theme_keys`` None: the
    themes stay). New rules hold for new allocations; those made stay as they are. Once the
    owner has a representative at the desk, the coordinator may lower the threshold up to
    which they decide alone, but not raise or remove it, nor change the owner: that is the
    representative's (``fund_approval_change``)."""
    _check_fields(fields)
    _require_manager(actor, fund.loket_id)
    keys = None if theme_keys is None else _theme_keys(fund.loket, theme_keys)
    try:
        with transaction.atomic(), audited(actor):
            current = Fund.objects.select_for_update(no_key=True).get(pk=fund.pk)
            if set(fields) & set(APPROVAL_FIELDS):
                _refuse_approval_changes(current, fields)
            for name, value in fields.items():
                setattr(current, name, value)
            if "owner" in fields:
                _check_owner(current.loket, current.owner)
            current.full_clean()
            current.save(update_fields=[*fields, "updated_at"])
            if keys is not None:
                _change_themes(current, keys)
    except IntegrityError as error:
        duplicate = Fund.objects.filter(
            loket_id=fund.loket_id, name=current.name, starts_on=current.starts_on
        ).exclude(pk=fund.pk)
        if duplicate.exists():
            raise _duplicate_name() from error
        raise
    return current


def fund_approval_change(*, fund, actor, owner, approval_threshold_cents) -> Fund:
    """A representative of the fund's owner sets up to which amount the coordinator decides
    alone (None: always; 0: never) and which organisation owns the fund (one from the desk's
    register; its representatives then approve). The change is in the fund's audit trail."""
    if owner is None:
        raise ValidationError(
            {"owner": _("Choose an organisation from the register of this desk.")}
        )
    if approval_threshold_cents is not None and int(approval_threshold_cents) < 0:
        raise ValidationError({"approval_threshold_cents": _("An amount cannot be negative.")})
    with transaction.atomic(), audited(actor):
        current = (
            Fund.objects.select_for_update(no_key=True, of=("self",))
            .select_related("owner")
            .get(pk=fund.pk)
        )
        _require_approver(actor, current)
        _check_owner(current.loket, owner)
        changed = [
            name
            for name, value in (
                ("owner", owner),
                ("approval_threshold_cents", approval_threshold_cents),
            )
            if getattr(current, name) != value
        ]
        if not changed:
            return current
        current.owner = owner
        current.approval_threshold_cents = approval_threshold_cents
        current.full_clean()
        current.save(update_fields=[*changed, "updated_at"])
    return current


def _amount_below_committed(committed_cents):
    return ValidationError(
        {
            "new_cents": _(
                "%(committed)s of this fund is already committed; the amount cannot be lower."
            )
            % {"committed": euros(committed_cents)}
        }
    )


def fund_amount_change(*, fund, new_cents: int, reason: str, actor) -> Fund:
    """Raises or lowers a fund's amount, with a reason kept in its history; never below what
    is already committed. The same change sent twice is recorded once."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Give a reason for the change.")})
    new_cents = int(new_cents)
    if new_cents < 0:
        raise ValidationError({"new_cents": _("An amount cannot be negative.")})
    _require_manager(actor, fund.loket_id)
    try:
        with transaction.atomic(), audited(actor):
            current = Fund.objects.select_for_update(no_key=True).get(pk=fund.pk)
            if new_cents == current.amount_cents:
                return current
            if new_cents < current.committed_cents:
                raise _amount_below_committed(current.committed_cents)
            previous = current.amount_cents
            current.amount_cents = new_cents
            # Only this column: the database checks it against the committed total as it is.
            current.save(update_fields=["amount_cents", "updated_at"])
            FundAmountChange.objects.create(
                fund=current, previous_cents=previous, new_cents=new_cents, reason=reason,
                actor=actor,
            )  # fmt: skip
    except IntegrityError as error:
        # A writer that did not take the lock committed money in between, or one that wrote
        # an allocation past the services (which the database's triggers count, see funds.db).
        held = selectors.committed_by_allocations(fund_pks=[fund.pk]).get(fund.pk, 0)
        committed = Fund.objects.get(pk=fund.pk).committed_cents
        raise _amount_below_committed(max(committed, held)) from error
    return current


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


def decision_fund(*, decision, splits, idempotency_key: str, actor) -> list[Allocation]:
    """Commits money from one or more funds of the decision's desk to a decision (co-funding,
    split by amount: ``splits`` is a list of (fund, cents)). Each fund must be in use, its
    period must include the decision's date, and its rules must allow the question (maximum
    per allocation, themes, kind of provider, co-funding); together with the money it already
    has, the decision gets no more than its amount; and each fund must have the money left.

    An allocation up to the fund's threshold is approved at once by the coordinator; above it
    it stays proposed until a representative of the fund's owner approves. Sending the same
    ``idempotency_key`` again (a second click, a retried request) returns the allocations of
    the first submission and writes nothing."""
    wanted = _normalise_splits(splits)
    key = _check_key(idempotency_key)
    _require_manager(actor, decision.loket_id)
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
                raise ValidationError(
                    _("This decision already has money from the fund '%(fund)s'.")
                    % {"fund": fund.name}
                ) from error
        raise


def _decision_fund(decision, wanted, key, actor):
    from sportloket.decisions.models import Decision

    # The decision first, then the funds: every service takes its locks in this order. What
    # depends only on the decision is read before the funds are locked, so that writers on
    # the same fund wait for each other as briefly as possible.
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
    request = decision.help_request
    theme_keys = set(request.themes.values_list("key", flat=True))
    provider_kind = request.organisation.kind if request.organisation_id else ""
    already = {
        a.fund_id: a.committed_cents
        for a in Allocation.objects.committing()
        .filter(decision=decision)
        .only("fund_id", "state", "amount_cents", "paid_cents")
    }

    funds = _lock_funds(wanted)
    if len(funds) != len(wanted) or any(f.loket_id != decision.loket_id for f in funds.values()):
        raise ValidationError(_("Choose funds of this desk."))
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
            problems.append(
                _("This decision already has money from the fund '%(fund)s'.") % {"fund": fund.name}
            )
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
    if total > decision.amount_cents:
        problems.append(
            _("The decision commits %(amount)s; with these allocations it would get %(total)s.")
            % {"amount": euros(decision.amount_cents), "total": euros(total)}
        )
    if problems:
        raise ValidationError(problems)
    short = [_not_enough(funds[pk], cents) for pk, cents in wanted.items()
             if cents > funds[pk].available_cents]  # fmt: skip
    if short:
        raise NotEnoughMoney([message for error in short for message in error.messages])

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
            _require_approver(actor, fund)
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
            _require_approver(actor, fund)
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
    _require_manager(actor, allocation.fund.loket_id)
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


def allocation_pay(*, allocation, paid_cents: int, actor, note: str = "") -> Allocation:
    """The coordinator records what an approved allocation really cost (paid or realised): at
    most its amount; the difference returns to the fund. Recording the same payment again
    returns the allocation as it is."""
    paid_cents = int(paid_cents)
    _require_manager(actor, allocation.fund.loket_id)
    try:
        with transaction.atomic(), audited(actor):
            _fund, current = _locked(allocation)
            if current.state == A.PAID:
                if current.paid_cents == paid_cents:
                    return current
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
    from sportloket.decisions.models import Decision

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
