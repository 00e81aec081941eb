from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, F, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from sportloket.core.constants import ProviderKinds
from sportloket.core.models import TimeStampedModel
from sportloket.offerings.constants import (
    CapacityPeriod,
    OfferingFormat,
    OfferingKind,
    OfferingScope,
    OfferingStatus,
    Registration,
)


class OfferingQuerySet(models.QuerySet):
    def visible_to(self, loket):
        """The offerings a desk may see: its own, regional ones shared with it, national ones.
        A draft is seen only where it is managed: it is not offered yet."""
        shared = Offering.shared_with.through.objects.filter(loket=loket).values("offering_id")
        return self.filter(
            Q(loket=loket)
            | (
                ~Q(status=OfferingStatus.DRAFT)
                & (Q(scope=OfferingScope.NATIONAL) | Q(scope=OfferingScope.REGION, pk__in=shared))
            )
        )

    def for_desk(self, loket):
        """The offerings this desk manages."""
        return self.filter(loket=loket)


class Offering(TimeStampedModel):
    """A service a supporting party offers: advice, a coaching trajectory, a course or
    workshop, or a service from the national services menu."""

    loket = models.ForeignKey(
        "core.Loket",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="offerings",
        help_text=_("The desk that manages it; empty for national offerings."),
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"))
    delivered_by = models.ForeignKey(
        "registry.Organisation",
        on_delete=models.PROTECT,
        related_name="offerings",
        verbose_name=_("delivered by"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=OfferingKind.choices)
    format = models.CharField(
        _("format"), max_length=20, choices=OfferingFormat.choices, default=OfferingFormat.IN_PERSON
    )
    scope = models.CharField(
        _("scope"), max_length=20, choices=OfferingScope.choices, default=OfferingScope.DESK
    )
    shared_with = models.ManyToManyField(
        "core.Loket",
        blank=True,
        related_name="shared_offerings",
        verbose_name=_("shared with the desks"),
    )
    provider_kinds = models.CharField(
        _("for"), max_length=20, choices=ProviderKinds.choices, default=ProviderKinds.ALL
    )
    sports = models.ManyToManyField(
        "registry.Sport",
        blank=True,
        related_name="offerings",
        verbose_name=_("sports"),
        help_text=_("Leave empty when it is for every sport."),
    )
    cost_cents = models.PositiveIntegerField(
        _("cost to the desk (cents)"), default=0, help_text=_("Per provider helped.")
    )
    duration = models.CharField(
        _("typical duration"), max_length=100, blank=True, help_text=_("For example: 6 weeks.")
    )
    capacity = models.PositiveIntegerField(
        _("capacity"),
        null=True,
        blank=True,
        help_text=_("How many providers per period; empty when there is no limit."),
    )
    capacity_period = models.CharField(
        _("capacity period"),
        max_length=10,
        choices=CapacityPeriod.choices,
        default=CapacityPeriod.YEAR,
    )
    required_registration = models.CharField(
        _("registration a supporter needs"),
        max_length=10,
        choices=Registration.choices,
        default=Registration.NONE,
        blank=True,
    )
    active_from = models.DateField(_("active from"), null=True, blank=True)
    active_until = models.DateField(_("active until"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=OfferingStatus.choices, default=OfferingStatus.ACTIVE
    )

    objects = OfferingQuerySet.as_manager()

    class Meta:
        verbose_name = _("support offering")
        verbose_name_plural = _("support offerings")
        ordering = ["title", "pk"]
        indexes = [
            models.Index(fields=["scope", "status"], name="offerings_scope_status"),
            models.Index(fields=["loket", "status"], name="offerings_desk_status"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=(Q(scope=OfferingScope.NATIONAL) & Q(loket__isnull=True))
                | (~Q(scope=OfferingScope.NATIONAL) & Q(loket__isnull=False)),
                name="offerings_national_has_no_desk",
                violation_error_message=_("A national offering belongs to no single desk."),
            ),
            models.CheckConstraint(
                condition=Q(active_until__isnull=True)
                | Q(active_from__isnull=True)
                | Q(active_until__gte=F("active_from")),
                name="offerings_active_period",
                violation_error_message=_("The end of the active period lies before its start."),
            ),
        ]

    def __str__(self):
        return self.title


class OfferingTheme(models.Model):
    """A theme an offering serves, by the theme's key (the same at every desk)."""

    offering = models.ForeignKey(Offering, on_delete=models.CASCADE, related_name="themes")
    key = models.CharField(max_length=40, db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["offering", "key"], name="offerings_theme_unique")
        ]

    def __str__(self):
        return self.key


class MatchingWeights(TimeStampedModel):
    """How much each matching criterion counts at a desk (0 to 10). Visible to everyone who
    reads the desk's decisions."""

    loket = models.OneToOneField(
        "core.Loket", on_delete=models.CASCADE, related_name="matching_weights"
    )
    theme = models.PositiveSmallIntegerField(_("theme fit"), default=10)
    provider_kind = models.PositiveSmallIntegerField(_("kind of provider"), default=5)
    sport = models.PositiveSmallIntegerField(_("sport"), default=5)
    scope = models.PositiveSmallIntegerField(_("scope and region"), default=3)
    capacity = models.PositiveSmallIntegerField(_("capacity left"), default=4)
    money = models.PositiveSmallIntegerField(_("money available"), default=4)
    supporter = models.PositiveSmallIntegerField(_("qualified supporter"), default=4)
    rating = models.PositiveSmallIntegerField(_("past ratings"), default=3)
    novelty = models.PositiveSmallIntegerField(_("not received before"), default=2)

    class Meta:
        verbose_name = _("matching weights")
        verbose_name_plural = _("matching weights")
        constraints = [
            models.CheckConstraint(
                condition=Q(
                    theme__lte=10,
                    provider_kind__lte=10,
                    sport__lte=10,
                    scope__lte=10,
                    capacity__lte=10,
                    money__lte=10,
                    supporter__lte=10,
                    rating__lte=10,
                    novelty__lte=10,
                ),
                name="offerings_weights_0_to_10",
                violation_error_message=_("Weights run from 0 to 10."),
            )
        ]

    def __str__(self):
        return str(self.loket)


class NeverDeletedQuerySet(models.QuerySet):
    """Decisions and their options are the desk's record of how it chose: never deleted."""

    def delete(self):
        raise ValidationError(_("A decision is never changed; record a new one instead."))

    delete.queryset_only = True


def superseded(decision: str = "pk") -> Exists:
    """Whether a later decision supersedes the decision named by ``decision`` (a path from the
    outer query: "pk" for decisions, "decision" for their options).

    Filter on ``~superseded()`` rather than on ``superseded_by__isnull=True``: Django writes
    the latter as a LEFT JOIN of the reverse one-to-one, which PostgreSQL plans as if a single
    decision were left, and then loops over all of them (seconds at 30,000 decisions); NOT
    EXISTS is planned as the anti-join it is."""
    return Exists(Decision.objects.filter(supersedes=OuterRef(decision)))


class DecisionQuerySet(NeverDeletedQuerySet):
    def holding(self):
        """The decisions that hold: no later decision superseded them."""
        return self.filter(~superseded())


class Decision(models.Model):
    """A decision on a help request: the chosen offering(s) among the ranked alternatives, with
    the rationale, who decided and when, and the money to commit. Never changed after it is made
    (the database refuses updates, further options and, on PostgreSQL, deletes); a new decision
    supersedes it and both stay."""

    loket = models.ForeignKey("core.Loket", on_delete=models.PROTECT, related_name="decisions")
    help_request = models.ForeignKey(
        "helprequests.HelpRequest", on_delete=models.PROTECT, related_name="decisions"
    )
    supersedes = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="superseded_by",
    )
    rationale = models.TextField(_("rationale"))
    public_summary = models.CharField(
        _("summary for the public register"),
        max_length=300,
        blank=True,
        help_text=_("Why this support, in one or two sentences without names of people."),
    )
    deviation_reason = models.TextField(
        _("why not the top-ranked offering"),
        blank=True,
        help_text=_("Required when the chosen offering is not the one ranked first."),
    )
    amount_cents = models.PositiveIntegerField(_("amount to commit (cents)"), default=0)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided at"))
    weights = models.JSONField(default=dict)
    # The decision form's one-time key: the same form sent twice (a second click, a retried
    # request) records one decision.
    idempotency_key = models.CharField(max_length=64, blank=True, default="")
    # How many options the decision was made with: the database refuses any option beyond
    # them, so none can be added to a decision once it is made (see offerings.db).
    option_count = models.PositiveSmallIntegerField(default=0, editable=False)

    objects = DecisionQuerySet.as_manager()

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        ordering = ["-decided_at", "-pk"]
        indexes = [models.Index(fields=["loket", "decided_at"], name="offerings_decisions_desk")]
        constraints = [
            models.CheckConstraint(
                condition=~Q(rationale=""),
                name="offerings_decision_rationale",
                violation_error_message=_("A decision needs a rationale."),
            ),
            models.UniqueConstraint(
                fields=["help_request", "idempotency_key"],
                condition=~Q(idempotency_key=""),
                name="offerings_decision_once_per_key",
            ),
        ]

    def __str__(self):
        return f"{self.help_request_id} – {self.decided_at:%Y-%m-%d}"

    def save(self, *args, **kwargs):
        # Never an update: the database refuses it as well (see offerings.db).
        if not self._state.adding:
            raise ValidationError(_("A decision is never changed; record a new one instead."))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError(_("A decision is never changed; record a new one instead."))


class DecisionOption(models.Model):
    """One offering as it was ranked when the decision was made: its score, its explanation per
    criterion, and whether it was chosen."""

    decision = models.ForeignKey(Decision, on_delete=models.PROTECT, related_name="options")
    offering = models.ForeignKey(Offering, on_delete=models.PROTECT, related_name="+")
    rank = models.PositiveSmallIntegerField()
    score = models.DecimalField(max_digits=6, decimal_places=2)
    explanation = models.JSONField(default=list)
    chosen = models.BooleanField(default=False)

    objects = NeverDeletedQuerySet.as_manager()

    class Meta:
        ordering = ["decision", "rank"]
        constraints = [
            models.UniqueConstraint(fields=["decision", "rank"], name="offerings_option_rank"),
            models.UniqueConstraint(fields=["decision", "offering"], name="offerings_option_once"),
        ]
        indexes = [
            # Matching counts places taken and ratings over the chosen options only.
            models.Index(
                fields=["offering", "decision"],
                condition=Q(chosen=True),
                name="offerings_option_chosen",
            )
        ]

    def __str__(self):
        return f"{self.rank}. {self.offering_id}"

    def save(self, *args, **kwargs):
        # Never an update: the database refuses it as well (see offerings.db).
        if not self._state.adding:
            raise ValidationError(_("A decision is never changed; record a new one instead."))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError(_("A decision is never changed; record a new one instead."))
