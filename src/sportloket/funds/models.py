from django.apps import apps
from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sportloket.core.constants import ProviderKinds
from sportloket.core.models import DeskScopedQuerySet, TimeStampedModel
from sportloket.funds.constants import (
    COMMITTING_STATES,
    IDEMPOTENCY_KEY_LENGTH,
    AllocationState,
    FundKind,
)


class FundQuerySet(DeskScopedQuerySet):
    def active(self):
        return self.filter(is_active=True)

    def on(self, day):
        """Funds whose period includes this day."""
        return self.filter(starts_on__lte=day, ends_on__gte=day)

    def overlapping(self, starts_on, ends_on):
        """Funds whose period shares at least one day with this one."""
        return self.filter(starts_on__lte=ends_on, ends_on__gte=starts_on)


class Fund(TimeStampedModel):
    """Money a desk may spend in one period (usually a calendar year), with the rules for
    spending it and who decides. ``committed_cents`` and ``paid_cents`` follow from the fund's
    allocations: only the services change them, with one UPDATE each under the database's
    checks, so that no writer can commit more than the amount."""

    loket = models.ForeignKey(
        "core.Loket", on_delete=models.PROTECT, related_name="funds", verbose_name=_("desk")
    )
    name = models.CharField(_("name"), max_length=150)
    kind = models.CharField(_("kind"), max_length=20, choices=FundKind.choices)
    owner = models.ForeignKey(
        "registry.Organisation",
        on_delete=models.PROTECT,
        related_name="funds",
        verbose_name=_("owner"),
        help_text=_("The organisation the money comes from."),
    )
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    amount_cents = models.PositiveBigIntegerField(_("amount (cents)"))
    committed_cents = models.PositiveBigIntegerField(
        _("committed (cents)"), default=0, editable=False
    )
    paid_cents = models.PositiveBigIntegerField(_("paid (cents)"), default=0, editable=False)
    max_per_allocation_cents = models.PositiveBigIntegerField(
        _("maximum per allocation (cents)"),
        null=True,
        blank=True,
        help_text=_("Leave empty when there is no maximum."),
    )
    eligible_provider_kinds = models.CharField(
        _("for"), max_length=20, choices=ProviderKinds.choices, default=ProviderKinds.ALL
    )
    co_funding_required = models.BooleanField(
        _("co-funding required"),
        default=False,
        help_text=_("Money from this fund only together with money from another fund."),
    )
    approval_threshold_cents = models.PositiveBigIntegerField(
        _("coordinator decides alone up to (cents)"),
        null=True,
        blank=True,
        help_text=_(
            "Above this amount a representative of the owner must approve. Leave empty when "
            "the coordinator always decides alone; 0 when the owner approves every allocation."
        ),
    )
    is_active = models.BooleanField(_("active"), default=True)
    description = models.TextField(_("description"), blank=True)

    objects = FundQuerySet.as_manager()

    class Meta:
        verbose_name = _("fund")
        verbose_name_plural = _("funds")
        ordering = ["-starts_on", "name", "pk"]
        indexes = [models.Index(fields=["loket", "starts_on"], name="funds_fund_desk_period")]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")),
                name="funds_fund_period",
                violation_error_message=_("The end of the period lies before its start."),
            ),
            models.CheckConstraint(
                condition=Q(committed_cents__gte=0) & Q(committed_cents__lte=F("amount_cents")),
                name="funds_fund_committed_within_amount",
                violation_error_message=_("A fund never commits more than its amount."),
            ),
            models.CheckConstraint(
                condition=Q(paid_cents__lte=F("committed_cents")),
                name="funds_fund_paid_within_committed",
                violation_error_message=_("A fund never pays more than it committed."),
            ),
            models.CheckConstraint(
                condition=Q(max_per_allocation_cents__isnull=True)
                | Q(max_per_allocation_cents__gt=0),
                name="funds_fund_max_positive",
                violation_error_message=_("A maximum per allocation is more than zero."),
            ),
            models.UniqueConstraint(
                fields=["loket", "name", "starts_on"],
                name="funds_fund_unique_name_per_period",
                violation_error_message=_("The desk already has a fund with this name and start."),
            ),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        # The money columns follow from the allocations and change only through the services'
        # UPDATEs: a save of a record read earlier must never write back an old total.
        if not self._state.adding and kwargs.get("update_fields") is None:
            kwargs["update_fields"] = [
                f.name
                for f in self._meta.concrete_fields
                if not f.primary_key and f.name not in ("committed_cents", "paid_cents")
            ]
        super().save(*args, **kwargs)

    @property
    def available_cents(self) -> int:
        return self.amount_cents - self.committed_cents


class FundTheme(models.Model):
    """A theme a fund may pay for, by the theme's key (the same at every desk). A fund without
    themes pays for every theme."""

    fund = models.ForeignKey(Fund, on_delete=models.CASCADE, related_name="themes")
    key = models.CharField(max_length=40, db_index=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["fund", "key"], name="funds_theme_unique")]

    def __str__(self):
        return self.key


class FundAmountChange(models.Model):
    """One raise or cut of a fund's amount, with the reason: the history never changes."""

    fund = models.ForeignKey(Fund, on_delete=models.CASCADE, related_name="amount_changes")
    previous_cents = models.PositiveBigIntegerField(_("previous amount (cents)"))
    new_cents = models.PositiveBigIntegerField(_("new amount (cents)"))
    reason = models.TextField(_("reason"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("change of a fund's amount")
        verbose_name_plural = _("changes of funds' amounts")
        ordering = ["at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(reason=""),
                name="funds_amount_change_reason",
                violation_error_message=_("Give a reason for the change."),
            )
        ]

    def __str__(self):
        return f"{self.previous_cents} → {self.new_cents}"


class AllocationQuerySet(models.QuerySet):
    def for_desk(self, loket):
        return self.filter(fund__loket=loket)

    def committing(self):
        return self.filter(state__in=COMMITTING_STATES)


class Allocation(TimeStampedModel):
    """Money of one fund committed to a decision: proposed, approved (by the coordinator up to
    the fund's threshold, above it by the owner's representative), then paid with the amount
    really spent; or rejected or cancelled, which releases the money."""

    fund = models.ForeignKey(
        Fund, on_delete=models.PROTECT, related_name="allocations", verbose_name=_("fund")
    )
    decision = models.ForeignKey(
        "decisions.Decision",
        on_delete=models.PROTECT,
        related_name="allocations",
        verbose_name=_("decision"),
    )
    amount_cents = models.PositiveBigIntegerField(_("amount (cents)"))
    paid_cents = models.PositiveBigIntegerField(_("paid (cents)"), null=True, blank=True)
    state = models.CharField(
        _("status"),
        max_length=20,
        choices=AllocationState.choices,
        default=AllocationState.PROPOSED,
    )
    # Sent with the form (or by an API client): the same submission twice finds the first.
    idempotency_key = models.CharField(max_length=IDEMPOTENCY_KEY_LENGTH, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    objects = AllocationQuerySet.as_manager()

    class Meta:
        verbose_name = _("allocation")
        verbose_name_plural = _("allocations")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["fund", "state"], name="funds_allocation_fund_state"),
            # A fund's ledger, newest first: a page read in order, not every allocation of the
            # fund joined to its decision and question and then sorted.
            models.Index(fields=["fund", "created_at"], name="funds_allocation_fund_created"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount_cents__gt=0),
                name="funds_allocation_amount_positive",
                violation_error_message=_("An allocation is more than zero."),
            ),
            models.CheckConstraint(
                condition=Q(
                    state=AllocationState.PAID,
                    paid_cents__isnull=False,
                    paid_cents__lte=F("amount_cents"),
                )
                | (~Q(state=AllocationState.PAID) & Q(paid_cents__isnull=True)),
                name="funds_allocation_paid_within_amount",
                violation_error_message=_(
                    "A payment is recorded once and never exceeds the amount."
                ),
            ),
            models.CheckConstraint(
                condition=~Q(idempotency_key=""),
                name="funds_allocation_idempotency_key",
            ),
            models.UniqueConstraint(
                fields=["idempotency_key", "fund"], name="funds_allocation_idempotent"
            ),
            models.UniqueConstraint(
                fields=["fund", "decision"],
                condition=Q(state__in=sorted(COMMITTING_STATES)),
                name="funds_allocation_one_per_decision",
            ),
        ]

    def __str__(self):
        # Ids only: the audit trail writes this for every change, without extra queries.
        return f"{self.fund_id}/{self.decision_id}: {self.amount_cents}"

    @property
    def committed_cents(self) -> int:
        """What this allocation holds of its fund."""
        if self.state == AllocationState.PAID:
            return self.paid_cents or 0
        return self.amount_cents if self.state in COMMITTING_STATES else 0


class AllocationChange(models.Model):
    """One move of an allocation through its workflow (who, when, the amount): the history
    never changes. Each state is reached at most once, so an approval or a payment is never
    recorded twice."""

    allocation = models.ForeignKey(Allocation, on_delete=models.CASCADE, related_name="changes")
    from_state = models.CharField(max_length=20, choices=AllocationState.choices, blank=True)
    to_state = models.CharField(max_length=20, choices=AllocationState.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    amount_cents = models.PositiveBigIntegerField(null=True, blank=True)
    note = models.TextField(blank=True)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("change of an allocation")
        verbose_name_plural = _("changes of allocations")
        ordering = ["at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["allocation", "to_state"], name="funds_allocation_change_once"
            )
        ]

    def __str__(self):
        return f"{self.from_state or '∅'} → {self.to_state}"


def decision_models():
    """(Decision, DecisionOption): the decisions app sits above funds and commits money through
    funds' services; funds knows a decision only by its app label (as its foreign key does),
    never by importing it."""
    return apps.get_model("decisions", "Decision"), apps.get_model("decisions", "DecisionOption")
