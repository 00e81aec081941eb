from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.encoding import force_str
from django.utils.hashable import make_hashable
from django.utils.translation import gettext_lazy as _

from sportloket.core.constants import PartnerKind, RequestMail, Role
from sportloket.core.permissions import membership_capabilities


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        abstract = True

    def _get_FIELD_display(self, field):
        """``get_<field>_display()`` as Django's, with the field's labels by value read once per
        process instead of rebuilt from its choices on every call: lists call it for every
        row (about 35 µs a call otherwise). The labels stay lazy, so the active language
        still decides."""
        labels = _CHOICE_LABELS.get(field)
        if labels is None:
            labels = _CHOICE_LABELS[field] = dict(make_hashable(field.flatchoices))
        value = getattr(self, field.attname)
        return force_str(labels.get(make_hashable(value), value), strings_only=True)


# A model field's choices as {value: label}, for ``TimeStampedModel._get_FIELD_display``.
_CHOICE_LABELS: dict = {}


class DeskScopedQuerySet(models.QuerySet):
    """Base queryset for every record that belongs to one desk. ``for_desk`` is the only filter
    views use; ``core.scoping`` builds on it."""

    desk_field = "loket"

    def for_desk(self, loket):
        return self.filter(**{self.desk_field: loket})


class LoketQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)

    def for_user(self, user):
        """Desks where the user has an active membership."""
        if not user.is_authenticated:
            return self.none()
        return (
            self.active()
            .filter(memberships__user=user, memberships__ended_at__isnull=True)
            .distinct()
        )


# --- The shared vocabulary: where desks work, and the themes of their questions ---------------


class Province(models.Model):
    """A Dutch province, identified by its CBS code (``PV26``). Reference data."""

    code = models.CharField(
        _("CBS code"), max_length=4, unique=True, validators=[RegexValidator(r"^PV\d{2}$")]
    )
    name = models.CharField(_("name"), max_length=100)

    class Meta:
        db_table = "registry_province"  # made by the register, where it lived first
        verbose_name = _("province")
        verbose_name_plural = _("provinces")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Municipality(models.Model):
    """A Dutch municipality (gemeente), identified by its CBS code (``GM0344``). Reference data."""

    code = models.CharField(
        _("CBS code"), max_length=6, unique=True, validators=[RegexValidator(r"^GM\d{4}$")]
    )
    name = models.CharField(_("name"), max_length=100, db_index=True)
    province = models.ForeignKey(
        Province,
        on_delete=models.PROTECT,
        related_name="municipalities",
        verbose_name=_("province"),
    )

    class Meta:
        db_table = "registry_municipality"
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")
        ordering = ["name"]

    def __str__(self):
        return self.name


# --- Desks ----------------------------------------------------------------------------------


# Top-level paths the project uses itself; a desk slug may not take them.
RESERVED_SLUGS = frozenset(
    {
        "accounts",
        "admin",
        "api",
        "federation",
        "healthz",
        "i18n",
        "m",
        "media",
        "mijn",
        "national",
        "static",
        "t",
    }
)


def validate_not_reserved(value):
    if value in RESERVED_SLUGS:
        raise ValidationError(_("This short name is reserved; choose another one."))


class Loket(TimeStampedModel):
    """A sport- en beweegloket: the tenant. Every desk-owned record points here."""

    name = models.CharField(_("name"), max_length=150)
    slug = models.SlugField(
        _("short name in web addresses"),
        max_length=60,
        unique=True,
        validators=[validate_not_reserved],
        help_text=_("Lower-case letters, digits and hyphens, e.g. 'utrecht'."),
    )
    description = models.TextField(
        _("what the desk does"), blank=True, help_text=_("Shown on the desk's public page.")
    )
    work_area = models.ManyToManyField(
        Municipality,
        related_name="desks",
        verbose_name=_("work area"),
        blank=True,
        help_text=_("The municipalities this desk serves."),
    )
    email = models.EmailField(_("e-mail address"), blank=True)
    phone = models.CharField(_("phone number"), max_length=30, blank=True)
    website = models.URLField(_("website"), blank=True)
    address = models.CharField(_("visiting address"), max_length=250, blank=True)
    first_response_days = models.PositiveSmallIntegerField(
        _("first response within (working days)"),
        default=3,
        validators=[MinValueValidator(1)],
        help_text=_("Target for the first contact after a provider asks a question."),
    )
    resolution_days = models.PositiveSmallIntegerField(
        _("support decided within (working days)"),
        default=20,
        validators=[MinValueValidator(1)],
        help_text=_("Target for deciding on support after a question arrives."),
    )
    contact_cadence_months = models.PositiveSmallIntegerField(
        _("contact every provider at least every (months)"),
        default=12,
        validators=[MinValueValidator(1)],
    )
    supporters_see_triage = models.BooleanField(
        _("supporters see the triage queue"),
        default=True,
        help_text=_("Otherwise supporters see only the questions assigned to them."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    neighbours = models.ManyToManyField(
        "self",
        symmetrical=False,
        related_name="named_as_neighbour",
        blank=True,
        verbose_name=_("neighbouring desks"),
        help_text=_(
            "The desks this desk works with most: they are offered first for referrals and "
            "shared regional offerings."
        ),
    )

    objects = LoketQuerySet.as_manager()

    class Meta:
        verbose_name = _("desk")
        verbose_name_plural = _("desks")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(first_response_days__gte=1)
                & Q(resolution_days__gte=1)
                & Q(contact_cadence_months__gte=1),
                name="core_loket_targets_positive",
                violation_error_message=_("Targets must be at least 1."),
            ),
            models.CheckConstraint(
                condition=Q(resolution_days__gte=models.F("first_response_days")),
                name="core_loket_resolution_after_first_response",
                violation_error_message=_(
                    "The target for deciding cannot be shorter than the target for the first "
                    "response."
                ),
            ),
        ]

    def __str__(self):
        return self.name


class MembershipQuerySet(DeskScopedQuerySet):
    def active(self):
        return self.filter(ended_at__isnull=True, loket__is_active=True)

    def with_user(self):
        return self.select_related("user", "loket")


class Membership(TimeStampedModel):
    """A user's role at one desk. A user may hold memberships at several desks."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("user"),
    )
    loket = models.ForeignKey(
        Loket, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("desk")
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    partner_kind = models.CharField(
        _("partner kind"),
        max_length=20,
        choices=PartnerKind.choices,
        blank=True,
        help_text=_("Only for partners: whether they act for a municipality, federation or fund."),
    )
    acts_for = models.CharField(
        _("acts for"),
        max_length=200,
        blank=True,
        help_text=_("The organisation this person represents at the desk."),
    )
    organisation = models.ForeignKey(
        "registry.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="memberships",
        verbose_name=_("represents"),
        help_text=_("For partners: the organisation this person represents."),
    )
    decides_support = models.BooleanField(
        _("decides on support"),
        default=False,
        help_text=_(
            "Only for supporters: they too rank the offerings for a question and record the "
            "decision. Coordinators always do."
        ),
    )
    ended_at = models.DateTimeField(_("ended at"), null=True, blank=True)
    request_mail = models.CharField(
        _("e-mail about new questions"),
        max_length=10,
        choices=RequestMail.choices,
        default=RequestMail.IMMEDIATE,
        help_text=_("Only coordinators receive these e-mails."),
    )
    request_digest_sent_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["loket", "user__email"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "loket"],
                condition=Q(ended_at__isnull=True),
                name="core_membership_one_active_per_user_and_desk",
            ),
            models.CheckConstraint(
                condition=(Q(role=Role.PARTNER) & ~Q(partner_kind=""))
                | (~Q(role=Role.PARTNER) & Q(partner_kind="")),
                name="core_membership_partner_kind_iff_partner",
            ),
        ]
        indexes = [models.Index(fields=["loket", "role"], name="core_membership_desk_role")]

    def __str__(self):
        return f"{self.user} – {self.get_role_display()} – {self.loket}"

    @property
    def is_active(self):
        return self.ended_at is None

    def can(self, capability: str) -> bool:
        return self.is_active and capability in membership_capabilities(self)


class Theme(TimeStampedModel):
    """A theme of club support, managed per desk (governance, volunteers, finances, …)."""

    loket = models.ForeignKey("core.Loket", on_delete=models.CASCADE, related_name="themes")
    name = models.CharField(_("name"), max_length=100)
    # The same for a usual theme at every desk ("volunteers"); "custom-…" for a desk's own.
    key = models.CharField(max_length=40, editable=False)
    is_active = models.BooleanField(_("in use"), default=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    # Sport-technical matters (training, competition, referees): the federation's ground. A
    # question on such a theme shows the club's relation with its federation's adviser.
    is_sport_specific = models.BooleanField(
        _("sport-specific"),
        default=False,
        help_text=_("Questions on it are the federation's ground: the desk involves its adviser."),
    )

    objects = DeskScopedQuerySet.as_manager()

    class Meta:
        db_table = "helprequests_theme"  # made by the questions' app, where it lived first
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        ordering = ["loket", "position", "name"]
        constraints = [
            models.UniqueConstraint(fields=["loket", "name"], name="helprequests_theme_unique"),
            models.UniqueConstraint(fields=["loket", "key"], name="helprequests_theme_key_unique"),
        ]

    def __str__(self):
        return self.name


class SavedView(TimeStampedModel):
    """A member's own named filter of one of the desk's lists ("my overdue ones"): the list's
    name and its query string, cleaned to the list's own parameters by the service."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saved_views"
    )
    loket = models.ForeignKey(Loket, on_delete=models.CASCADE, related_name="saved_views")
    list_name = models.CharField(max_length=40)
    name = models.CharField(_("name"), max_length=60)
    query = models.CharField(max_length=1000, blank=True)

    objects = DeskScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("saved view")
        verbose_name_plural = _("saved views")
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "loket", "list_name", "name"], name="core_saved_view_unique"
            )
        ]

    def __str__(self):
        return self.name
