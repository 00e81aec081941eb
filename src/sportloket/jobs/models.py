import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sportloket.core.models import DeskScopedQuerySet, TimeStampedModel
from sportloket.jobs.constants import FINISHED_STATES, STALE_AFTER, JobKind, JobStage, JobState


def job_file_to(instance, filename):
    return f"jobs/{instance.loket_id}/{uuid.uuid4().hex}"


class Job(TimeStampedModel):
    """Work of a desk that runs in the background (an import, a large export): what it is, who
    started it, how far it is, and how it ended. The worker writes its progress here, each
    write committed on its own, so that the job's page can show it while the work goes on."""

    loket = models.ForeignKey("core.Loket", on_delete=models.CASCADE, related_name="jobs")
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("started by"),
    )
    kind = models.CharField(_("kind"), max_length=30, choices=JobKind.choices)
    # What the job works on, as its kind reads it (an import: the ImportRun's id, the file name).
    params = models.JSONField(_("parameters"), default=dict, blank=True)
    state = models.CharField(
        _("state"), max_length=20, choices=JobState.choices, default=JobState.QUEUED
    )
    stage = models.CharField(
        _("stage"), max_length=20, choices=JobStage.choices, default=JobStage.WAITING
    )
    done = models.PositiveIntegerField(_("done"), default=0)
    total = models.PositiveIntegerField(_("total"), null=True, blank=True)  # unknown at first
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    # The worker's last sign of life (each progress report): see ``seems_stopped``.
    heartbeat_at = models.DateTimeField(_("last sign of life"), null=True, blank=True)
    error = models.TextField(_("error"), blank=True)  # for the user, in their language
    result = models.JSONField(_("result"), default=dict, blank=True)
    file = models.FileField(_("file"), upload_to=job_file_to, blank=True)
    task_result_id = models.CharField(_("task id"), max_length=64, blank=True)

    objects = DeskScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("background job")
        verbose_name_plural = _("background jobs")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(total__isnull=True) | Q(done__lte=models.F("total")),
                name="jobs_job_done_at_most_total",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} #{self.pk}"

    @property
    def is_finished(self) -> bool:
        return self.state in FINISHED_STATES

    @property
    def seems_stopped(self) -> bool:
        """Running, but without a sign of life for ``STALE_AFTER``: its worker is gone."""
        if self.state != JobState.RUNNING:
            return False
        last = self.heartbeat_at or self.started_at or self.created_at
        return last < timezone.now() - STALE_AFTER

    @property
    def percent(self) -> int | None:
        if not self.total:
            return None
        return min(100, self.done * 100 // self.total)
