"""An organisation's relations with advisers outside the desk (part of ``registry.models``):
the federation's association adviser, a Rabo ClubSupport adviser, the municipality's account
manager. The desk respects them: it does not take over a club's relation with its federation,
and involves the adviser where the question calls for it."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


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
