from django.db import models
from django.utils.translation import gettext_lazy as _

from sportloket.core.models import DeskScopedQuerySet, TimeStampedModel


class ScanSettings(TimeStampedModel):
    """The desk's own thresholds for the loket-scan's rules (``thresholds.THRESHOLDS``); a
    threshold not set here is the national default."""

    loket = models.OneToOneField(
        "core.Loket", on_delete=models.CASCADE, related_name="scan_settings"
    )
    thresholds = models.JSONField(_("thresholds"), default=dict, blank=True)
    # The kinds of fund (``funds.constants.FundKind``) the desk expects, named when it was
    # started: the first-login checklist asks for each until the desk has one.
    expected_funds = models.JSONField(_("funds to expect"), default=list, blank=True)

    objects = DeskScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("loket-scan settings")
        verbose_name_plural = _("loket-scan settings")

    def __str__(self):
        return str(self.loket)


class ScanSnapshot(models.Model):
    """The scan of a desk in one month: each item's verdict and figures as the month's last run
    of ``snapshot_scan`` found them (the current month's row is renewed by every run, an
    earlier month's stays as it was)."""

    loket = models.ForeignKey("core.Loket", on_delete=models.CASCADE, related_name="+")
    month = models.DateField(_("month"))  # its first day
    taken_on = models.DateField(_("taken on"))
    verdicts = models.JSONField(default=dict)  # item key -> verdict
    figures = models.JSONField(default=dict)  # item key -> {name: number}

    objects = DeskScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("loket-scan snapshot")
        verbose_name_plural = _("loket-scan snapshots")
        ordering = ["loket", "-month"]
        constraints = [
            models.UniqueConstraint(fields=["loket", "month"], name="scan_snapshot_once_a_month"),
        ]
        indexes = [models.Index(fields=["month"], name="scan_snapshot_month")]

    def __str__(self):
        return f"{self.loket_id} {self.month:%Y-%m}"


class CoverageSnapshot(models.Model):
    """The country's coverage in one month: how many municipalities lie in an active desk's
    work area, out of how many, and how many desks there are (the trend toward a desk for every
    municipality)."""

    month = models.DateField(_("month"), unique=True)
    taken_on = models.DateField(_("taken on"))
    municipalities = models.PositiveIntegerField()
    covered = models.PositiveIntegerField()
    desks = models.PositiveIntegerField()

    class Meta:
        verbose_name = _("coverage snapshot")
        verbose_name_plural = _("coverage snapshots")
        ordering = ["month"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(covered__lte=models.F("municipalities")),
                name="scan_coverage_within_total",
            )
        ]

    def __str__(self):
        return f"{self.month:%Y-%m}: {self.covered}/{self.municipalities}"
