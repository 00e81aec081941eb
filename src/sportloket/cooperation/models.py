from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sportloket.cooperation.constants import CooperationKind, CooperationStatus
from sportloket.core.models import DeskScopedQuerySet, TimeStampedModel


class Cooperation(TimeStampedModel):
    """An initiative of two or more parties from the register that the desk stimulates and
    follows: clubs sharing a facility, a trainer pool, a merger, a club with a care or welfare
    partner, a school or a business."""

    loket = models.ForeignKey("core.Loket", on_delete=models.CASCADE, related_name="cooperations")
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=CooperationKind.choices)
    goal = models.TextField(_("goal"))
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=CooperationStatus.choices,
        default=CooperationStatus.IDEA,
    )
    start_on = models.DateField(_("started on"), null=True, blank=True)
    outcome = models.TextField(_("outcome"), blank=True)
    themes = models.ManyToManyField(
        "core.Theme", related_name="cooperations", blank=True, verbose_name=_("themes")
    )
    supporters = models.ManyToManyField(
        "core.Membership",
        related_name="cooperations",
        blank=True,
        verbose_name=_("supporters involved"),
    )
    help_requests = models.ManyToManyField(
        "helprequests.HelpRequest",
        related_name="cooperations",
        blank=True,
        verbose_name=_("questions"),
    )
    meetings = models.ManyToManyField(
        "meetings.Meeting", related_name="cooperations", blank=True, verbose_name=_("meetings")
    )
    decisions = models.ManyToManyField(
        "decisions.Decision",
        related_name="cooperations",
        blank=True,
        verbose_name=_("decisions"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    objects = DeskScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("cooperation")
        verbose_name_plural = _("cooperations")
        ordering = ["-updated_at", "-pk"]
        indexes = [
            models.Index(fields=["loket", "status", "updated_at"], name="cooperation_list"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status=CooperationStatus.ENDED) | ~Q(outcome=""),
                name="cooperation_ended_has_outcome",
                violation_error_message=_("Say what came of the cooperation."),
            )
        ]

    def __str__(self):
        return self.title


class PartyQuerySet(DeskScopedQuerySet):
    desk_field = "cooperation__loket"


class CooperationParty(models.Model):
    """An organisation of the register taking part in a cooperation, with its role in it."""

    cooperation = models.ForeignKey(Cooperation, on_delete=models.CASCADE, related_name="parties")
    organisation = models.ForeignKey(
        "registry.Organisation",
        on_delete=models.PROTECT,
        related_name="cooperation_parties",
        verbose_name=_("organisation"),
    )
    role = models.CharField(
        _("role"),
        max_length=200,
        blank=True,
        help_text=_("For example: owns the sports hall, provides the trainers."),
    )
    added_at = models.DateTimeField(default=timezone.now)

    objects = PartyQuerySet.as_manager()

    class Meta:
        verbose_name = _("party to a cooperation")
        verbose_name_plural = _("parties to cooperations")
        ordering = ["organisation__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["cooperation", "organisation"], name="cooperation_party_once"
            )
        ]
        # An organisation's cooperations for its timeline.
        indexes = [
            models.Index(fields=["organisation", "cooperation"], name="cooperation_party_org")
        ]

    def __str__(self):
        return f"{self.organisation} – {self.cooperation}"


class StatusChange(models.Model):
    """One move of a cooperation through its statuses: the history never changes."""

    cooperation = models.ForeignKey(
        Cooperation, on_delete=models.CASCADE, related_name="status_changes"
    )
    from_status = models.CharField(max_length=20, choices=CooperationStatus.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=CooperationStatus.choices)
    note = models.TextField(blank=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.cooperation_id}: {self.from_status} -> {self.to_status}"


class IntroductionConsent(TimeStampedModel):
    """A provider's agreement that this desk names it to other providers: in suggestions to
    bring providers together and in introductions. Without it the provider is never named."""

    loket = models.ForeignKey(
        "core.Loket", on_delete=models.CASCADE, related_name="introduction_consents"
    )
    organisation = models.ForeignKey(
        "registry.Organisation",
        on_delete=models.CASCADE,
        related_name="introduction_consents",
    )
    given_on = models.DateField(_("agreed on"), default=timezone.localdate)
    source = models.CharField(
        _("how it was given"),
        max_length=200,
        help_text=_("For example: by phone with the chair, by e-mail."),
    )
    withdrawn_on = models.DateField(_("withdrawn on"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    objects = DeskScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("agreement to be introduced")
        verbose_name_plural = _("agreements to be introduced")
        constraints = [
            models.UniqueConstraint(
                fields=["loket", "organisation"], name="cooperation_consent_once"
            )
        ]


class Introduction(models.Model):
    """The desk bringing providers together: one message to the contact people of each, naming
    the others, sent because of a suggestion's reason."""

    loket = models.ForeignKey("core.Loket", on_delete=models.CASCADE, related_name="introductions")
    reason = models.CharField(_("reason"), max_length=300)
    message = models.TextField(_("message"))
    organisations = models.ManyToManyField(
        "registry.Organisation", related_name="introductions", verbose_name=_("organisations")
    )
    recipients = models.PositiveIntegerField(default=0)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    sent_at = models.DateTimeField(default=timezone.now)

    objects = DeskScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("introduction")
        verbose_name_plural = _("introductions")
        ordering = ["-sent_at", "-pk"]

    def __str__(self):
        return self.reason
