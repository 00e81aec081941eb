"""Changes an organisation's own people make to its register data (part of
``registry.models``): most apply at once and are kept as history the desk reads; a change of
name or KvK number waits until a desk approves it."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from sportloket.core.models import TimeStampedModel


class ChangeStatus(models.TextChoices):
    APPLIED = "applied", _("Applied")
    PENDING = "pending", _("Waiting for the desk")
    APPROVED = "approved", _("Approved by the desk")
    REJECTED = "rejected", _("Not approved by the desk")


class ProviderChangeQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(status=ChangeStatus.PENDING)

    def for_desk(self, loket):
        """Changes to organisations of the desk's register."""
        organisations = self.model._meta.get_field("organisation").related_model.objects
        return self.filter(organisation__in=organisations.for_desk(loket).values("pk"))


class ProviderChange(TimeStampedModel):
    """One change of an organisation's register data by one of its contact persons, signed in
    on the provider's page. ``changes`` holds ``{field: [old, new]}`` as text."""

    organisation = models.ForeignKey(
        "registry.Organisation", on_delete=models.CASCADE, related_name="provider_changes"
    )
    submitted_by_name = models.CharField(_("changed by"), max_length=200)
    submitted_by_email = models.EmailField(_("e-mail address"), blank=True)
    changes = models.JSONField(_("changes"), default=dict)
    status = models.CharField(
        _("status"), max_length=10, choices=ChangeStatus.choices, default=ChangeStatus.APPLIED
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_note = models.TextField(_("note to the provider"), blank=True)

    objects = ProviderChangeQuerySet.as_manager()

    class Meta:
        verbose_name = _("change by the provider")
        verbose_name_plural = _("changes by the provider")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["organisation", "-created_at"], name="registry_pchange_org"),
            models.Index(
                fields=["status"], condition=Q(status="pending"), name="registry_pchange_pending"
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["applied", "pending"], decided_at__isnull=True)
                | Q(status__in=["approved", "rejected"], decided_at__isnull=False),
                name="registry_pchange_decided_when_decided",
            )
        ]

    def __str__(self):
        return f"{self.organisation} – {self.get_status_display()}"

    # Set by a selector for a reader who may not see people's details (a partner): the names
    # of the one who changed it and of the people in the board are left out.
    people_hidden = False

    @property
    def rows(self):
        """(label, old, new) for each changed field, in the form's order."""
        organisation_meta = self._meta.get_field("organisation").related_model._meta
        labels = {"roles": _("board and contact persons")}
        for name in self.changes:
            if name in labels:
                continue
            try:
                labels[name] = organisation_meta.get_field(name).verbose_name
            except Exception:  # noqa: BLE001 - a field removed since
                labels[name] = name
        rows = []
        for name, (old, new) in self.changes.items():
            if name == "roles" and self.people_hidden:
                old, new = ("…" if old else ""), ("…" if new else "")
            rows.append((labels[name], old, new))
        return rows
