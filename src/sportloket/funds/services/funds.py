"""Writes on a fund: adding and changing it (its period, owner, themes and rules), who decides
above the coordinator's threshold, and its amount (with a reason, never below what is
committed); each checks who acts, validates, writes and records its actor in one transaction."""

from auditlog.models import LogEntry
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from sportloket.core import selectors as core_selectors
from sportloket.core.audit import audited
from sportloket.core.money import euros
from sportloket.core.services import model_update
from sportloket.funds import selectors
from sportloket.funds.constants import THEMES_CHANGE
from sportloket.funds.models import Fund, FundAmountChange, FundTheme
from sportloket.funds.services.access import NotAllowed, require_approver, require_manager
from sportloket.registry.models import Organisation

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


def _check_fields(fields):
    unknown = set(fields) - set(FUND_FIELDS)
    if unknown:
        raise ValueError(f"Not a fund field: {sorted(unknown)}")


def _check_owner(loket, owner):
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
    require_manager(actor, loket.pk)
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
    require_manager(actor, fund.loket_id)
    keys = None if theme_keys is None else _theme_keys(fund.loket, theme_keys)
    try:
        with transaction.atomic(), audited(actor):
            current = Fund.objects.select_for_update(no_key=True).get(pk=fund.pk)
            if set(fields) & set(APPROVAL_FIELDS):
                _refuse_approval_changes(current, fields)
            model_update(current, fields, allowed=FUND_FIELDS, clean=False)
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
        require_approver(actor, current)
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
    require_manager(actor, fund.loket_id)
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
