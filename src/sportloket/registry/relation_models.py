"""Relations around the register (part of ``registry.models``): an organisation's relations
with advisers outside the desk (the federation's association adviser, a Rabo ClubSupport
adviser, the municipality's account manager), which the desk respects rather than takes over,
and the alignment of a desk's work area with the federations and neighbouring
municipalities."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sportloket.core.models import DeskScopedQuerySet, TimeStampedModel


class AdviserKind(models.TextChoices):
    FEDERATION = "federation", _("Association adviser of the federation")
    CLUBSUPPORT = "clubsupport", _("Rabo ClubSupport adviser")
    MUNICIPALITY = "municipality", _("Account manager of the municipality")
    OTHER = "other", _("Other adviser")


class AdviserRelationQuerySet(models.QuerySet):
    def current(self, on=None):
        on = on or timezone.localdate()
        return self.filter(Q(ended_on__isnull=True) | Q(ended_on__gt=on))  # ended: gone that day


class AdviserRelation(models.Model):
    organisation = models.ForeignKey(
        "registry.Organisation", on_delete=models.CASCADE, related_name="adviser_relations"
    )
    loket = models.ForeignKey(
        "core.Loket",
        on_delete=models.CASCADE,
        related_name="adviser_relations",
        verbose_name=_("recorded by desk"),
    )
    kind = models.CharField(_("kind of adviser"), max_length=20, choices=AdviserKind.choices)
    adviser_name = models.CharField(_("adviser"), max_length=200)
    adviser_organisation = models.ForeignKey(
        "registry.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="advised_relations",
        verbose_name=_("for the organisation"),
        help_text=_("The federation, fund or municipality the adviser works for, if known."),
    )
    federation = models.ForeignKey(
        "registry.Federation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="adviser_relations",
        verbose_name=_("sport federation"),
    )
    since = models.DateField(_("since"), null=True, blank=True)
    about = models.CharField(_("about"), max_length=300, blank=True)
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    objects = AdviserRelationQuerySet.as_manager()

    class Meta:
        app_label = "registry"
        verbose_name = _("relation with an adviser")
        verbose_name_plural = _("relations with advisers")
        ordering = ["kind", "adviser_name"]
        indexes = [
            models.Index(fields=["organisation", "ended_on"], name="registry_adviser_org"),
        ]

    def __str__(self):
        return f"{self.adviser_name} ({self.get_kind_display()})"


class AreaAlignment(TimeStampedModel):
    """Whether the desk's work area was agreed with a federation or a neighbouring municipality."""

    loket = models.ForeignKey("core.Loket", on_delete=models.CASCADE, related_name="alignments")
    federation = models.ForeignKey(
        "registry.Federation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="alignments",
        verbose_name=_("sport federation"),
    )
    municipality = models.ForeignKey(
        "core.Municipality",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="alignments",
        verbose_name=_("neighbouring municipality"),
    )
    agreed = models.BooleanField(_("work area agreed"), default=False)
    agreed_on = models.DateField(_("agreed on"), null=True, blank=True)
    agreed_with = models.CharField(_("agreed with"), max_length=200, blank=True)
    note = models.TextField(_("note"), blank=True)

    objects = DeskScopedQuerySet.as_manager()

    class Meta:
        app_label = "registry"
        verbose_name = _("work-area alignment")
        verbose_name_plural = _("work-area alignments")
        constraints = [
            models.CheckConstraint(
                condition=(Q(federation__isnull=False) & Q(municipality__isnull=True))
                | (Q(federation__isnull=True) & Q(municipality__isnull=False)),
                name="registry_alignment_federation_xor_municipality",
                violation_error_message=_("Choose a federation or a municipality, not both."),
            ),
            models.UniqueConstraint(
                fields=["loket", "federation"], name="registry_alignment_once_per_federation"
            ),
            models.UniqueConstraint(
                fields=["loket", "municipality"],
                name="registry_alignment_once_per_municipality",
            ),
        ]

    def __str__(self):
        return str(self.federation or self.municipality)
