from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sportloket.core.models import DeskScopedQuerySet, TimeStampedModel
from sportloket.meetings.constants import MAX_PEOPLE, MeetingKind, Response

PEOPLE_VALIDATORS = [MinValueValidator(1), MaxValueValidator(MAX_PEOPLE)]


class MeetingScopedQuerySet(DeskScopedQuerySet):
    """Records that reach their desk through their meeting."""

    desk_field = "meeting__loket"


class MeetingSeries(TimeStampedModel):
    """Meetings that belong together, e.g. "network meeting, every quarter"."""

    loket = models.ForeignKey("core.Loket", on_delete=models.CASCADE, related_name="+")
    name = models.CharField(_("series"), max_length=200)
    rhythm = models.CharField(_("rhythm"), max_length=100, blank=True)

    objects = DeskScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("meeting series")
        verbose_name_plural = _("meeting series")
        ordering = ["name"]

    def __str__(self):
        return f"{self.name} ({self.rhythm})" if self.rhythm else self.name


class MeetingQuerySet(DeskScopedQuerySet):
    def upcoming(self, now=None):
        return self.filter(ends_at__gte=now or timezone.now())

    def past(self, now=None):
        return self.filter(ends_at__lt=now or timezone.now())

    def not_cancelled(self):
        return self.filter(cancelled_at__isnull=True)


class Meeting(TimeStampedModel):
    """A network meeting, sport café, workshop or course the desk organises, often with
    others of the register (the sport platform most of all)."""

    loket = models.ForeignKey("core.Loket", on_delete=models.CASCADE, related_name="meetings")
    series = models.ForeignKey(
        MeetingSeries,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="meetings",
        verbose_name=_("series"),
    )
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=MeetingKind.choices)
    themes = models.ManyToManyField(
        "core.Theme", related_name="meetings", blank=True, verbose_name=_("themes")
    )
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    place = models.CharField(_("address"), max_length=300, blank=True)
    online_url = models.URLField(_("online link"), blank=True)
    capacity = models.PositiveIntegerField(_("places"), null=True, blank=True)
    co_organisers = models.ManyToManyField(
        "registry.Organisation",
        related_name="co_organised_meetings",
        blank=True,
        verbose_name=_("co-organisers"),
    )
    offering = models.ForeignKey(
        "offerings.Offering",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="meetings",
        verbose_name=_("support offering it delivers"),
    )
    articles = models.ManyToManyField(
        "knowledge.Article",
        blank=True,
        related_name="meetings",
        verbose_name=_("knowledge articles"),
    )
    description = models.TextField(_("description"), blank=True)
    is_public = models.BooleanField(
        _("published"),
        default=False,
        help_text=_("Shown on the desk's public page, where anyone can register."),
    )
    notes = models.TextField(_("notes"), blank=True)
    # Bumped on every change of time or place and on cancellation: calendars replace an
    # event by its UID only when the sequence grows.
    sequence = models.PositiveIntegerField(default=0, editable=False)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    objects = MeetingQuerySet.as_manager()

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["-starts_at", "-pk"]
        indexes = [models.Index(fields=["loket", "-starts_at"], name="meetings_desk_start")]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")),
                name="meetings_ends_after_start",
                violation_error_message=_("A meeting ends after it starts."),
            ),
            models.CheckConstraint(
                condition=~Q(place="") | ~Q(online_url=""),
                name="meetings_has_a_place",
                violation_error_message=_("Give an address or an online link."),
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def is_cancelled(self):
        return self.cancelled_at is not None

    @property
    def is_past(self):
        return self.ends_at < timezone.now()

    @property
    def uid(self):
        """The calendar's name of the event: the same for every file of this meeting."""
        return f"meeting-{self.pk}@sportloket"


class Invitation(TimeStampedModel):
    """A contact person of an organisation invited to a meeting, with the private link by
    which they answer without an account."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="invitations")
    organisation = models.ForeignKey(
        "registry.Organisation",
        on_delete=models.CASCADE,
        related_name="meeting_invitations",
        verbose_name=_("organisation"),
    )
    person = models.ForeignKey(
        "registry.Person",
        on_delete=models.CASCADE,
        related_name="meeting_invitations",
        verbose_name=_("person"),
    )
    token = models.CharField(max_length=64, unique=True, editable=False)
    response = models.CharField(
        _("answer"), max_length=5, choices=Response.choices, blank=True, default=Response.NONE
    )
    people = models.PositiveSmallIntegerField(
        _("number of people"), default=1, validators=PEOPLE_VALIDATORS
    )
    needs = models.TextField(_("dietary or accessibility needs"), blank=True)
    invited_at = models.DateTimeField(_("invited at"), default=timezone.now)
    responded_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("reminded at"), null=True, blank=True)

    objects = MeetingScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["organisation__name", "person__full_name"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "person"], name="meetings_invite_once"),
            models.CheckConstraint(
                condition=Q(people__gte=1, people__lte=MAX_PEOPLE),
                name="meetings_invite_people_range",
            ),
        ]
        indexes = [
            models.Index(fields=["meeting", "response"], name="meetings_invite_response"),
            # The reach page groups a period's invitations by organisation from this index
            # alone (40,000 invitations of a year: 23 ms reading the rows, 16 ms from the index).
            models.Index(
                fields=["meeting", "organisation", "response"], name="meetings_invite_reach"
            ),
            models.Index(fields=["organisation", "meeting"], name="meetings_invite_org"),
        ]

    def __str__(self):
        return f"{self.person} – {self.meeting}"


class Registration(TimeStampedModel):
    """Someone who registered on the public page of a published meeting."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="registrations")
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail address"))
    organisation_name = models.CharField(_("organisation"), max_length=200, blank=True)
    people = models.PositiveSmallIntegerField(
        _("number of people"), default=1, validators=PEOPLE_VALIDATORS
    )
    needs = models.TextField(_("dietary or accessibility needs"), blank=True)

    objects = MeetingScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(people__gte=1, people__lte=MAX_PEOPLE),
                name="meetings_registration_people_range",
            )
        ]

    def __str__(self):
        return f"{self.name} – {self.meeting}"


class Attendance(TimeStampedModel):
    """Someone of an organisation who came: an invited person, or someone who walked in. The
    organisation's presence is one contact moment at the desk, shared by its attendees."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendances")
    organisation = models.ForeignKey(
        "registry.Organisation",
        on_delete=models.PROTECT,
        related_name="meeting_attendances",
        verbose_name=_("organisation"),
    )
    person = models.ForeignKey(
        "registry.Person",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="meeting_attendances",
        verbose_name=_("person"),
    )
    walk_in_name = models.CharField(_("name of who walked in"), max_length=200, blank=True)
    contact_moment = models.ForeignKey(
        "contacts.ContactMoment",
        on_delete=models.PROTECT,
        related_name="meeting_attendances",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    objects = MeetingScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendances")
        ordering = ["organisation__name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "organisation", "person"],
                condition=Q(person__isnull=False),
                name="meetings_attend_once",
            ),
            models.UniqueConstraint(
                fields=["meeting", "organisation", "walk_in_name"],
                condition=Q(person__isnull=True),
                name="meetings_walk_in_once",
            ),
            models.CheckConstraint(
                condition=Q(person__isnull=False, walk_in_name="")
                | (Q(person__isnull=True) & ~Q(walk_in_name="")),
                name="meetings_attend_person_or_name",
            ),
        ]
        indexes = [models.Index(fields=["organisation", "meeting"], name="meetings_attend_org")]

    def __str__(self):
        return f"{self.person or self.walk_in_name} – {self.meeting}"

    @property
    def name(self):
        return self.person.full_name if self.person_id else self.walk_in_name


class AgreedAction(TimeStampedModel):
    """What was agreed at a meeting, who of the desk does it, and by when."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="actions")
    description = models.CharField(_("what"), max_length=300)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="meeting_actions",
        verbose_name=_("who"),
    )
    due_on = models.DateField(_("due on"))
    done_at = models.DateTimeField(_("done at"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    objects = MeetingScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("agreed action")
        verbose_name_plural = _("agreed actions")
        ordering = ["due_on", "pk"]
        indexes = [models.Index(fields=["owner", "done_at"], name="meetings_action_owner")]

    def __str__(self):
        return self.description


class RaisedQuestion(models.Model):
    """A question for the desk raised at a meeting (recorded with channel "meeting")."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="questions")
    help_request = models.OneToOneField(
        "helprequests.HelpRequest", on_delete=models.CASCADE, related_name="raised_at"
    )

    objects = MeetingScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("question raised at a meeting")
        verbose_name_plural = _("questions raised at meetings")

    def __str__(self):
        return f"{self.help_request} – {self.meeting}"
