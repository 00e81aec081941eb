from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from sportloket.contacts.constants import (
    DEFAULT_POLICY_MONTHS,
    MAX_POLICY_MONTHS,
    Channel,
    Visibility,
)
from sportloket.core.models import DeskScopedQuerySet, TimeStampedModel
from sportloket.registry.constants import PROVIDER_KINDS

MONTHS_VALIDATORS = [MinValueValidator(1), MaxValueValidator(MAX_POLICY_MONTHS)]


class ContactMoment(TimeStampedModel):
    """A contact between the desk and an organisation: who, when, how, about what, and what
    follows. Belongs to the desk that logged it (the organisation is shared nationally)."""

    loket = models.ForeignKey(
        "core.Loket", on_delete=models.CASCADE, related_name="contact_moments"
    )
    organisation = models.ForeignKey(
        "registry.Organisation",
        on_delete=models.PROTECT,
        related_name="contact_moments",
        verbose_name=_("organisation"),
    )
    people = models.ManyToManyField(
        "registry.Person",
        related_name="contact_moments",
        blank=True,
        verbose_name=_("people involved"),
    )
    supporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="contact_moments",
        verbose_name=_("supporter"),
    )
    date = models.DateField(_("date"))
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    topics = models.ManyToManyField(
        "core.Theme", related_name="contact_moments", blank=True, verbose_name=_("topics")
    )
    summary = models.TextField(_("summary"))
    follow_up_on = models.DateField(
        _("follow up on"),
        null=True,
        blank=True,
        help_text=_("When the desk contacts the organisation again; empty: no follow-up."),
    )
    proactive = models.BooleanField(
        _("the desk took the initiative"),
        default=True,
        help_text=_("Untick when the organisation contacted the desk."),
    )
    visibility = models.CharField(
        _("visible to"), max_length=12, choices=Visibility.choices, default=Visibility.DESK
    )
    help_request = models.ForeignKey(
        "helprequests.HelpRequest",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="contact_moments",
        verbose_name=_("about question"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    objects = DeskScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("contact moment")
        verbose_name_plural = _("contact moments")
        ordering = ["-date", "-pk"]
        indexes = [
            # The work list's last contact per provider, and an organisation's timeline.
            models.Index(
                fields=["loket", "organisation", "-date"], name="contacts_moment_desk_org"
            ),
            # The desk's list of contact moments and the monthly coverage figures.
            models.Index(fields=["loket", "-date"], name="contacts_moment_desk_date"),
            # A question's contact moments. Without the condition most rows share the key NULL
            # and SQLite's statistics make the index look useless: it would read all the
            # desk's moments instead (32 ms at national scale, now well under 1).
            models.Index(
                fields=["help_request"],
                condition=Q(help_request__isnull=False),
                name="contacts_moment_question",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(follow_up_on__isnull=True) | Q(follow_up_on__gt=F("date")),
                name="contacts_moment_follow_up_after_date",
                violation_error_message=_("The follow-up must come after the contact."),
            ),
            models.CheckConstraint(
                condition=~Q(summary=""),
                name="contacts_moment_summary",
                violation_error_message=_("Summarise the contact."),
            ),
        ]

    def __str__(self):
        return f"{self.organisation} – {self.date:%Y-%m-%d}"

    @property
    def is_restricted(self):
        return self.visibility == Visibility.RESTRICTED


class PlannedContact(TimeStampedModel):
    """The next contact the desk plans with a provider: set in one step from the work list, or
    as the follow-up of a contact moment. It stays open until a contact dated on or after it is
    logged; a provider has at most one at a desk (planning again moves it)."""

    loket = models.ForeignKey(
        "core.Loket", on_delete=models.CASCADE, related_name="planned_contacts"
    )
    organisation = models.ForeignKey(
        "registry.Organisation", on_delete=models.CASCADE, related_name="planned_contacts"
    )
    due_on = models.DateField(_("contact planned on"))
    supporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="planned_contacts",
        verbose_name=_("planned by"),
    )
    moment = models.ForeignKey(
        ContactMoment,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("follow-up of"),
    )
    # Why the provider needs contact, when a signal put it on the work list (a board vacancy
    # reported in the yearly club check); kept when the day is moved, gone with the plan.
    reason = models.CharField(_("reason"), max_length=300, blank=True, default="")

    objects = DeskScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("planned contact")
        verbose_name_plural = _("planned contacts")
        constraints = [
            models.UniqueConstraint(
                fields=["loket", "organisation"], name="contacts_plan_once_per_provider"
            )
        ]
        indexes = [models.Index(fields=["loket", "due_on"], name="contacts_plan_desk_due")]

    def __str__(self):
        return f"{self.organisation} – {self.due_on:%Y-%m-%d}"


class ContactPolicy(TimeStampedModel):
    """How often the desk contacts every provider in its work area: at least once per
    ``default_months``, unless a rule for its kind or one of its tags says otherwise."""

    loket = models.OneToOneField(
        "core.Loket", on_delete=models.CASCADE, related_name="contact_policy"
    )
    default_months = models.PositiveSmallIntegerField(
        _("contact every provider at least every (months)"),
        default=DEFAULT_POLICY_MONTHS,
        validators=MONTHS_VALIDATORS,
    )

    objects = DeskScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("contact policy")
        verbose_name_plural = _("contact policies")
        constraints = [
            models.CheckConstraint(
                condition=Q(default_months__gte=1, default_months__lte=MAX_POLICY_MONTHS),
                name="contacts_policy_months_range",
                violation_error_message=_("Choose 1 to 120 months."),
            )
        ]

    def __str__(self):
        return f"{self.loket}: {self.default_months}"


class ContactPolicyRule(models.Model):
    """Another interval for one kind of provider, or for providers with a tag. A tag rule wins
    over a kind rule; of several tag rules that fit, the shortest interval counts."""

    policy = models.ForeignKey(ContactPolicy, on_delete=models.CASCADE, related_name="rules")
    kind = models.CharField(
        _("kind of provider"),
        max_length=20,
        choices=[(k.value, k.label) for k in PROVIDER_KINDS],
        blank=True,
    )
    tag = models.ForeignKey(
        "registry.Tag",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("tag"),
    )
    months = models.PositiveSmallIntegerField(_("months"), validators=MONTHS_VALIDATORS)

    class Meta:
        verbose_name = _("contact policy rule")
        verbose_name_plural = _("contact policy rules")
        ordering = ["policy", "kind", "tag__name"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(tag__isnull=True) & ~Q(kind="")) | (Q(tag__isnull=False) & Q(kind="")),
                name="contacts_rule_kind_xor_tag",
                violation_error_message=_("A rule is for a kind of provider or for a tag."),
            ),
            models.CheckConstraint(
                condition=Q(months__gte=1, months__lte=MAX_POLICY_MONTHS),
                name="contacts_rule_months_range",
                violation_error_message=_("Choose 1 to 120 months."),
            ),
            models.UniqueConstraint(
                fields=["policy", "kind"], condition=~Q(kind=""), name="contacts_rule_once_per_kind"
            ),
            models.UniqueConstraint(
                fields=["policy", "tag"],
                condition=Q(tag__isnull=False),
                name="contacts_rule_once_per_tag",
            ),
        ]

    def __str__(self):
        return f"{self.tag or self.get_kind_display()}: {self.months}"


class AccountHolder(TimeStampedModel):
    """The supporter who keeps in touch with providers: all of a municipality, all offering a
    sport, or one organisation. For a provider, an assignment by hand (organisation) wins over
    one by sport, which wins over one by municipality."""

    loket = models.ForeignKey(
        "core.Loket", on_delete=models.CASCADE, related_name="account_holders"
    )
    supporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="account_holderships",
        verbose_name=_("supporter"),
    )
    municipality = models.ForeignKey(
        "core.Municipality",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("municipality"),
    )
    sport = models.ForeignKey(
        "registry.Sport",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("sport"),
    )
    organisation = models.ForeignKey(
        "registry.Organisation",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("organisation"),
    )

    objects = DeskScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("account holder")
        verbose_name_plural = _("account holders")
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(municipality__isnull=False, sport__isnull=True, organisation__isnull=True)
                    | Q(municipality__isnull=True, sport__isnull=False, organisation__isnull=True)
                    | Q(municipality__isnull=True, sport__isnull=True, organisation__isnull=False)
                ),
                name="contacts_holder_one_target",
                violation_error_message=_("Choose a municipality, a sport or an organisation."),
            ),
            models.UniqueConstraint(
                fields=["loket", "municipality"],
                condition=Q(municipality__isnull=False),
                name="contacts_holder_once_per_municipality",
            ),
            models.UniqueConstraint(
                fields=["loket", "sport"],
                condition=Q(sport__isnull=False),
                name="contacts_holder_once_per_sport",
            ),
            models.UniqueConstraint(
                fields=["loket", "organisation"],
                condition=Q(organisation__isnull=False),
                name="contacts_holder_once_per_organisation",
            ),
        ]

    def __str__(self):
        return f"{self.supporter}: {self.target}"

    @property
    def target(self):
        return self.organisation or self.sport or self.municipality


class ReminderSent(models.Model):
    """A reminder digest sent to a person for a desk on a day: written in the same transaction
    that decides to send it, so that a second run on the same day sends nothing."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    loket = models.ForeignKey("core.Loket", on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    sent_at = models.DateTimeField(auto_now_add=True)

    objects = DeskScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("reminder sent")
        verbose_name_plural = _("reminders sent")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "loket", "day"], name="contacts_reminder_once_a_day"
            )
        ]

    def __str__(self):
        return f"{self.user} – {self.loket} – {self.day}"


class RegistrationWarningSent(models.Model):
    """The day's warning about a person's expiring quality registrations, sent in one of their
    desks' digests. Registrations belong to the person, not to a desk: someone active at two
    desks gets the warning once a day, in the first digest that carries it. Written in the same
    transaction as that digest's ``ReminderSent`` (a failed e-mail leaves neither)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    # The desk whose digest carried the warning.
    loket = models.ForeignKey("core.Loket", on_delete=models.CASCADE, related_name="+")
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("registration warning sent")
        verbose_name_plural = _("registration warnings sent")
        constraints = [
            models.UniqueConstraint(fields=["user", "day"], name="contacts_warning_once_a_day")
        ]

    def __str__(self):
        return f"{self.user} – {self.day}"
