import secrets

from django.conf import settings
from django.db import models
from django.db.models import ExpressionWrapper, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sportloket.core.models import DeskScopedQuerySet, Theme, TimeStampedModel
from sportloket.helprequests.constants import Channel, ReferralState, RequestState, Urgency
from sportloket.helprequests.workflow import OPEN_STATES


def new_tracking_token() -> str:
    # 32 random bytes: 256 bits, far beyond guessing; URL-safe for the tracking link.
    return secrets.token_urlsafe(32)


class HelpRequestQuerySet(DeskScopedQuerySet):
    def overdue(self, today=None):
        """Past the desk's target for a first response or for a decision. A request on hold
        is never overdue: its clock stands still (the targets move on when it resumes)."""
        return self.filter(self.overdue_condition(today))

    def with_overdue(self, today=None):
        """Each request's ``is_overdue``, computed by the database for a list."""
        return self.annotate(
            is_overdue=ExpressionWrapper(
                self.overdue_condition(today), output_field=models.BooleanField()
            )
        )

    @staticmethod
    def overdue_condition(today=None) -> Q:
        today = today or timezone.localdate()
        # Open and not on hold, as an IN the index on (desk, state) serves: a NOT IN is
        # checked on every question of the desk instead (the dashboard's count: 1.1 -> 0.5 ms).
        return Q(state__in=sorted(OPEN_STATES - {RequestState.ON_HOLD})) & (
            Q(first_response_at__isnull=True, respond_by__lt=today)
            | Q(decided_at__isnull=True, decide_by__lt=today)
        )

    def open(self):
        # An IN, not a NOT IN: SQLite plans the latter through another index and sorts every
        # open question of the desk before it takes a page (issue 19).
        return self.filter(state__in=sorted(OPEN_STATES))


class HelpRequest(TimeStampedModel):
    """A provider's question to the desk, from submission to evaluated support."""

    loket = models.ForeignKey("core.Loket", on_delete=models.CASCADE, related_name="help_requests")
    organisation = models.ForeignKey(
        "registry.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="help_requests",
        verbose_name=_("organisation"),
    )
    organisation_name = models.CharField(_("organisation as given"), max_length=200)
    # The linked organisation's name as the register has it now, for the inbox's search: kept
    # by the database (triggers of migration 0017, on a link, a change of link and a rename in
    # the register), so that a search reads one row per question instead of looking up its
    # organisation (issue 19: 6.6 ms to 2.8 ms for a desk's 6,000 open questions).
    linked_name = models.CharField(max_length=200, blank=True, default="", editable=False)
    organisation_kvk = models.CharField(_("KvK number as given"), max_length=8, blank=True)
    organisation_place = models.CharField(_("place as given"), max_length=100, blank=True)
    contact_name = models.CharField(_("contact person"), max_length=200)
    # Empty only for a question the desk recorded (by phone, in person, ...) without one.
    contact_email = models.EmailField(_("e-mail address"), blank=True)
    contact_phone = models.CharField(_("phone number"), max_length=20, blank=True)
    contact_role = models.CharField(_("role at the organisation"), max_length=100, blank=True)
    question = models.TextField(_("question"))
    themes = models.ManyToManyField(Theme, related_name="help_requests", blank=True)
    urgency = models.CharField(
        _("urgency"), max_length=10, choices=Urgency.choices, default=Urgency.NORMAL
    )
    channel = models.CharField(
        _("came in by"), max_length=20, choices=Channel.choices, default=Channel.WEB_FORM
    )
    consents_to_processing = models.BooleanField(_("agrees to processing"), default=False)
    consents_to_sharing = models.BooleanField(
        _("agrees to sharing with the supporting parties"), default=False
    )
    state = models.CharField(
        _("status"), max_length=20, choices=RequestState.choices, default=RequestState.SUBMITTED
    )
    tracking_token = models.CharField(
        max_length=64, unique=True, default=new_tracking_token, editable=False
    )
    referred_to = models.CharField(
        _("referred to"),
        max_length=200,
        blank=True,
        help_text=_("Another desk, or a partner in care, welfare or business."),
    )
    referral_outcome = models.TextField(_("outcome of the referral"), blank=True)
    rating = models.PositiveSmallIntegerField(_("rating (1-5)"), null=True, blank=True)
    rating_comment = models.TextField(_("comment with the rating"), blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), default=timezone.now)
    respond_by = models.DateField(
        _("first response due"),
        null=True,
        blank=True,
        help_text=_("The desk's target for the first response, in working days."),
    )
    decide_by = models.DateField(
        _("decision due"),
        null=True,
        blank=True,
        help_text=_("The desk's target for deciding on support, in working days."),
    )
    # Set once, by the services: when the desk first answered (a message or a move) and when it
    # decided (support chosen, referred or rejected), with the working days it took, pauses
    # left out. The monthly response-time figures are read from these.
    first_response_at = models.DateTimeField(_("first response at"), null=True, blank=True)
    first_response_days = models.PositiveSmallIntegerField(null=True, blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_days = models.PositiveSmallIntegerField(null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    objects = HelpRequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("help request")
        verbose_name_plural = _("help requests")
        ordering = ["-submitted_at"]
        indexes = [
            models.Index(fields=["loket", "state", "submitted_at"], name="helprequests_inbox"),
            # The inbox in order of arrival (either way): read in order up to a page, filtered
            # on the way, instead of sorting every open question of the desk.
            models.Index(fields=["loket", "submitted_at"], name="helprequests_arrival"),
            # The questions decided and answered per month with their working days (the
            # dashboard's months), read from the index alone.
            models.Index(
                fields=["loket", "decided_at", "decision_days"], name="helprequests_decided"
            ),
            models.Index(
                fields=["loket", "first_response_at", "first_response_days"],
                name="helprequests_first_response",
            ),
            # What waits (the dashboard's counts): the open questions of a desk with their
            # deadlines and whether they were answered, read from the index alone, never from
            # the rows of the table (at national scale 11 -> 1 ms on SQLite).
            models.Index(
                fields=[
                    "loket",
                    "state",
                    "respond_by",
                    "first_response_at",
                    "decide_by",
                    "decided_at",
                ],
                name="helprequests_waiting",
            ),
            # A question's organisation by the question, from the index alone: the public
            # register's totals per municipality follow it for every decision of the desk,
            # and the table's rows are wide.
            models.Index(fields=["id", "organisation"], name="helprequests_organisation_of"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(consents_to_processing=True),
                name="helprequests_processing_consent",
                violation_error_message=_("A question can only be handled with consent."),
            ),
            models.CheckConstraint(
                condition=Q(rating__isnull=True) | Q(rating__gte=1, rating__lte=5),
                name="helprequests_rating_1_to_5",
                violation_error_message=_("Give a rating from 1 to 5."),
            ),
        ]

    def __str__(self):
        return f"{self.organisation_name}: {self.question[:60]}"


class StateChange(models.Model):
    """One move of a help request through its workflow: the history never changes."""

    help_request = models.ForeignKey(
        HelpRequest, on_delete=models.CASCADE, related_name="state_changes"
    )
    from_state = models.CharField(max_length=20, choices=RequestState.choices, blank=True)
    to_state = models.CharField(max_length=20, choices=RequestState.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    by_provider = models.BooleanField(default=False)
    note = models.TextField(blank=True)
    # Decided when the note is written (and shown to whoever writes it), never afterwards.
    note_for_provider = models.BooleanField(default=False)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.from_state or '∅'} → {self.to_state}"


class InternalNote(models.Model):
    """A note for the desk only: never shown to the provider."""

    help_request = models.ForeignKey(
        HelpRequest, on_delete=models.CASCADE, related_name="internal_notes"
    )
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    body = models.TextField(_("note"))
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("internal note")
        verbose_name_plural = _("internal notes")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return self.body[:60]


class Message(models.Model):
    """A message between the desk and the provider, shown on the tracking page."""

    help_request = models.ForeignKey(HelpRequest, on_delete=models.CASCADE, related_name="messages")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    from_provider = models.BooleanField(default=False)
    body = models.TextField(_("message"))
    created_at = models.DateTimeField(default=timezone.now)
    # Knowledge articles sent as (part of) the answer: the provider opens each through the
    # tracking link, also a desk-only one (knowledge.selectors.get_sent_article_or_404).
    articles = models.ManyToManyField(
        "knowledge.Article", blank=True, related_name="sent_in", verbose_name=_("articles")
    )
    # What the message carried, as it was sent ([{"pk", "title"}] by title): a message never
    # changes, so the timelines and the e-mail read this with the message row instead of
    # joining the articles (the link above is what opens them).
    sent_articles = models.JSONField(_("articles sent"), default=list, blank=True, editable=False)

    class Meta:
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        ordering = ["created_at", "pk"]
        indexes = [
            # The messages of a period with their question (the providers in contact this
            # month), without walking every question of the desk for its messages.
            models.Index(fields=["created_at", "help_request"], name="helprequests_message_time"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(from_provider=True, author__isnull=True)
                | Q(from_provider=False, author__isnull=False),
                name="helprequests_message_author",
            )
        ]

    def __str__(self):
        return self.body[:60]


class Assignment(models.Model):
    """Who works on a request, for which organisation, from when to when. A new assignment
    ends the previous one, so the history survives reassignment."""

    help_request = models.ForeignKey(
        HelpRequest, on_delete=models.CASCADE, related_name="assignments"
    )
    supporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="assignments"
    )
    acts_for = models.CharField(_("acts for"), max_length=200, blank=True)
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    started_at = models.DateTimeField(default=timezone.now)
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        ordering = ["started_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["help_request"],
                condition=Q(ended_at__isnull=True),
                name="helprequests_one_current_assignment",
            )
        ]

    def __str__(self):
        return f"{self.supporter} – {self.help_request_id}"


class Referral(models.Model):
    """A question referred by its desk to another desk or to a partner in care, welfare or
    business in the register: to whom, why and what was shared; the receiver's answer and the
    outcome come back to the referring desk and to the provider's tracking page. A referral
    to another desk carries a new question there (``received``), with the question's history
    as far as the provider agreed to sharing; declined, the question returns to the referring
    desk's inbox."""

    help_request = models.ForeignKey(
        HelpRequest, on_delete=models.CASCADE, related_name="referrals"
    )
    to_loket = models.ForeignKey(
        "core.Loket",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="referrals_received",
        verbose_name=_("to the desk"),
    )
    to_organisation = models.ForeignKey(
        "registry.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="referrals_received",
        verbose_name=_("to the organisation"),
    )
    reason = models.TextField(_("why"))
    shared = models.TextField(_("what was shared"))
    state = models.CharField(
        _("answer"), max_length=20, choices=ReferralState.choices, default=ReferralState.PENDING
    )
    answer = models.TextField(_("the receiver's note"), blank=True)
    received = models.OneToOneField(
        HelpRequest,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="received_by_referral",
        editable=False,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    answered_at = models.DateTimeField(null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(to_loket__isnull=False) & Q(to_organisation__isnull=True))
                | (Q(to_loket__isnull=True) & Q(to_organisation__isnull=False)),
                name="helprequests_referral_to_desk_xor_organisation",
                violation_error_message=_("Refer to a desk or to an organisation, not both."),
            )
        ]
        indexes = [models.Index(fields=["to_loket", "state"], name="helprequests_referral_in")]

    def __str__(self):
        return f"{self.help_request_id} -> {self.to_loket or self.to_organisation}"

    @property
    def receiver_name(self) -> str:
        return str(self.to_loket.name if self.to_loket_id else self.to_organisation.name)
