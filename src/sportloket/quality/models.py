import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from sportloket.core.models import Membership, TimeStampedModel
from sportloket.quality.constants import (
    ACTING_ROLES,
    MAX_LEVEL,
    MIN_LEVEL,
    KssKind,
    QualitySystem,
)

LEVEL_VALIDATORS = [MinValueValidator(MIN_LEVEL), MaxValueValidator(MAX_LEVEL)]


def evidence_upload_to(instance, filename):
    # The stored name never comes from the uploader (the service names the file after its
    # checked content); evidence is served only through a desk-scoped view, never from a public
    # media address.
    extension = filename[filename.rfind(".") :] if "." in filename else ""
    return f"quality/{instance.recorded_by_loket_id}/{uuid.uuid4().hex}{extension}"


class QualityRegistrationQuerySet(models.QuerySet):
    def for_desk(self, loket_id):
        """Registrations belong to the person, not to the desk that recorded them: a desk sees
        those of its own active members (any role), and nobody else's."""
        members = Membership.objects.active().filter(loket_id=loket_id).values("user_id")
        return self.filter(user_id__in=members)

    def of_acting_members(self, loket_id):
        """Registrations of the desk's active coordinators and supporters."""
        members = (
            Membership.objects.active()
            .filter(loket_id=loket_id, role__in=ACTING_ROLES)
            .values("user_id")
        )
        return self.filter(user_id__in=members)

    def valid_on(self, day):
        """Valid on ``day``: see ``QualityRegistration.is_valid_on``."""
        return self.filter(
            Q(valid_from__lte=day),
            Q(valid_until__isnull=True) | Q(valid_until__gte=day),
            Q(ended_on__isnull=True) | Q(ended_on__gt=day),
        )


class QualityRegistration(TimeStampedModel):
    """A person's registration in a quality system: an SPN membership, a KSS qualification or
    licence, an ASK-recognised training, a LAB programme, a certificate of conduct (VOG) or
    another registration.

    It belongs to the person (it counts at every desk where they act); ``recorded_by_loket`` is
    the desk that recorded it. ``valid_until`` is the last day it is valid (inclusive): a
    registration valid until tomorrow counts today and tomorrow, and no longer the day after.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="quality_registrations",
        verbose_name=_("person"),
    )
    recorded_by_loket = models.ForeignKey(
        "core.Loket",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by desk"),
    )
    system = models.CharField(_("quality system"), max_length=10, choices=QualitySystem.choices)
    kind = models.CharField(
        _("kind"),
        max_length=20,
        choices=KssKind.choices,
        blank=True,
        help_text=_("Only for KSS: a qualification (diploma, does not expire) or a licence."),
    )
    line = models.CharField(
        _("line"),
        max_length=100,
        blank=True,
        help_text=_("For example: trainer-coach, instructor, official."),
    )
    level = models.PositiveSmallIntegerField(
        _("level"), null=True, blank=True, validators=LEVEL_VALIDATORS
    )
    number = models.CharField(_("registration number"), max_length=50, blank=True)
    issuer = models.CharField(
        _("issued by"), max_length=150, blank=True, help_text=_("For example: KNVB, Justis.")
    )
    valid_from = models.DateField(_("valid from"))
    valid_until = models.DateField(
        _("valid until"),
        null=True,
        blank=True,
        help_text=_("The last day it is valid; empty when it does not expire."),
    )
    ended_on = models.DateField(
        _("no longer counts from"),
        null=True,
        blank=True,
        help_text=_("Set when the registration was withdrawn or recorded in error."),
    )
    evidence = models.FileField(
        _("evidence (PDF, JPEG or PNG)"), upload_to=evidence_upload_to, blank=True
    )

    objects = QualityRegistrationQuerySet.as_manager()

    class Meta:
        verbose_name = _("quality registration")
        verbose_name_plural = _("quality registrations")
        ordering = ["user", "system", "-valid_from", "-pk"]
        indexes = [
            models.Index(fields=["user", "system"], name="quality_registration_user"),
            models.Index(fields=["valid_until"], name="quality_registration_until"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True) | Q(valid_until__gte=F("valid_from")),
                name="quality_registration_period",
                violation_error_message=_("A registration cannot expire before it is valid."),
            ),
            models.CheckConstraint(
                condition=Q(level__isnull=True) | Q(level__gte=MIN_LEVEL, level__lte=MAX_LEVEL),
                name="quality_registration_level",
                violation_error_message=_("The level runs from 1 to 5."),
            ),
            models.CheckConstraint(
                condition=(Q(system=QualitySystem.KSS) & ~Q(kind=""))
                | (~Q(system=QualitySystem.KSS) & Q(kind="")),
                name="quality_registration_kind_iff_kss",
                violation_error_message=_(
                    "A KSS registration is a qualification or a licence; other registrations "
                    "have no kind."
                ),
            ),
            models.CheckConstraint(
                condition=~Q(kind=KssKind.QUALIFICATION) | Q(valid_until__isnull=True),
                name="quality_registration_diploma_does_not_expire",
                violation_error_message=_("A KSS qualification (diploma) does not expire."),
            ),
        ]

    def __str__(self):
        parts = [self.get_system_display()]
        if self.line:
            parts.append(self.line)
        if self.level:
            parts.append(str(_("level %(level)d") % {"level": self.level}))
        return f"{self.user} – {' '.join(parts)}"

    def is_valid_on(self, day) -> bool:
        """Valid from ``valid_from`` up to and including ``valid_until`` (no end when empty),
        and not from ``ended_on`` on."""
        return (
            self.valid_from <= day
            and (self.valid_until is None or day <= self.valid_until)
            and (self.ended_on is None or day < self.ended_on)
        )


class QualityRequirementGroup(models.Model):
    """One requirement of a desk's quality rule, met by ANY of its options. The rule is met when
    ALL of the desk's groups are met; a desk without groups has no rule (everybody meets it).

    "A valid VOG plus SPN membership or a KSS level 3+ qualification" is two groups: [VOG] and
    [SPN, KSS at level 3 or higher]."""

    loket = models.ForeignKey(
        "core.Loket",
        on_delete=models.CASCADE,
        related_name="quality_requirements",
        verbose_name=_("desk"),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("quality requirement")
        verbose_name_plural = _("quality requirements")
        ordering = ["loket", "position", "pk"]

    def __str__(self):
        return f"{self.loket} – {self.position}"


class QualityRequirementOption(models.Model):
    """One way to meet a requirement: a valid registration of this system, at this level or
    higher and in this line when they are given."""

    group = models.ForeignKey(
        QualityRequirementGroup, on_delete=models.CASCADE, related_name="options"
    )
    system = models.CharField(_("quality system"), max_length=10, choices=QualitySystem.choices)
    min_level = models.PositiveSmallIntegerField(
        _("at least level"), null=True, blank=True, validators=LEVEL_VALIDATORS
    )
    line = models.CharField(_("line"), max_length=100, blank=True, help_text=_("Empty: any line."))

    class Meta:
        verbose_name = _("option")
        verbose_name_plural = _("options")
        ordering = ["group", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(min_level__isnull=True)
                | Q(min_level__gte=MIN_LEVEL, min_level__lte=MAX_LEVEL),
                name="quality_option_level",
                violation_error_message=_("The level runs from 1 to 5."),
            ),
        ]

    def __str__(self):
        return self.get_system_display()
