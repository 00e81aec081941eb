from django.db import models
from django.db.models import F, Q
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
    def visible_to(self, loket_id):
        """The offerings a desk may see: its own, regional ones shared with it, national ones.
        A draft is seen only where it is managed: it is not offered yet."""
        shared = Offering.shared_with.through.objects.filter(loket_id=loket_id).values(
            "offering_id"
        )
        return self.filter(
            Q(loket_id=loket_id)
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
