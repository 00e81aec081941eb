import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from sportloket.clubcheck.constants import (
    CORE_VERSION,
    Facilities,
    Finances,
    HelpTopic,
    QuestionKind,
)
from sportloket.core.models import DeskScopedQuerySet, TimeStampedModel


def new_token() -> str:
    return secrets.token_urlsafe(32)


class CheckRound(TimeStampedModel):
    """A desk's club check of one year: the national core questions of ``core_version`` and up
    to ten questions of the desk's own, open from ``opens_on`` until ``closes_on``."""

    loket = models.ForeignKey("core.Loket", on_delete=models.CASCADE, related_name="check_rounds")
    year = models.PositiveSmallIntegerField(_("year"))
    core_version = models.CharField(max_length=20, default=CORE_VERSION, editable=False)
    opens_on = models.DateField(_("open from"))
    closes_on = models.DateField(_("open until"))
    invited_at = models.DateTimeField(_("invitations sent at"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    objects = DeskScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("club check")
        verbose_name_plural = _("club checks")
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(fields=["loket", "year"], name="clubcheck_round_once_a_year"),
            models.CheckConstraint(
                condition=Q(closes_on__gte=models.F("opens_on")),
                name="clubcheck_round_closes_after_opening",
                violation_error_message=_("The check cannot close before it opens."),
            ),
        ]

    def __str__(self):
        return f"{self.loket} – {self.year}"

    def is_open(self, on) -> bool:
        return self.opens_on <= on <= self.closes_on

    def is_published(self, on) -> bool:
        """Its figures go public (and to partners) once it has closed: while answers still
        come in, one day's figures minus the next day's would give one provider away."""
        return self.closes_on < on


class ExtraQuestion(models.Model):
    """One of the desk's own questions in a round."""

    round = models.ForeignKey(CheckRound, on_delete=models.CASCADE, related_name="extra_questions")
    position = models.PositiveSmallIntegerField(default=0)
    text = models.CharField(_("question"), max_length=300)
    kind = models.CharField(_("kind of answer"), max_length=10, choices=QuestionKind.choices)
    choices = models.TextField(
        _("choices"), blank=True, help_text=_("One per line; for one or several choices.")
    )

    class Meta:
        verbose_name = _("question of the desk")
        verbose_name_plural = _("questions of the desk")
        ordering = ["round", "position", "pk"]

    def __str__(self):
        return self.text

    @property
    def choice_list(self) -> list[str]:
        return [line.strip() for line in self.choices.splitlines() if line.strip()]


class CheckInvitation(models.Model):
    """A provider invited to a round, with the private link by which it answers."""

    round = models.ForeignKey(CheckRound, on_delete=models.CASCADE, related_name="invitations")
    organisation = models.ForeignKey(
        "registry.Organisation", on_delete=models.CASCADE, related_name="check_invitations"
    )
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    invited_at = models.DateTimeField(_("invited at"))
    reminded_at = models.DateTimeField(_("reminded at"), null=True, blank=True)
    reminders = models.PositiveSmallIntegerField(_("reminders sent"), default=0)

    class Meta:
        verbose_name = _("club check invitation")
        verbose_name_plural = _("club check invitations")
        constraints = [
            models.UniqueConstraint(fields=["round", "organisation"], name="clubcheck_invite_once")
        ]
        indexes = [models.Index(fields=["organisation", "round"], name="clubcheck_invite_org")]

    def __str__(self):
        return f"{self.organisation} – {self.round}"


class CheckAnswer(TimeStampedModel):
    """A provider's answers to the national core questions of its round (changeable while the
    round is open)."""

    round = models.ForeignKey(CheckRound, on_delete=models.CASCADE, related_name="answers")
    organisation = models.ForeignKey(
        "registry.Organisation", on_delete=models.CASCADE, related_name="check_answers"
    )
    invitation = models.OneToOneField(
        CheckInvitation, on_delete=models.CASCADE, related_name="answer"
    )
    answered_by_name = models.CharField(_("answered by"), max_length=200)
    answered_by_email = models.EmailField(_("e-mail address"), blank=True)
    members_youth = models.PositiveIntegerField(_("members under 18"))
    members_adult = models.PositiveIntegerField(_("members of 18 to 64"))
    members_senior = models.PositiveIntegerField(_("members of 65 and older"))
    volunteers = models.PositiveIntegerField(_("volunteers"))
    board_vacancies = models.PositiveSmallIntegerField(_("open places on the board"))
    finances = models.CharField(_("finances"), max_length=10, choices=Finances.choices)
    facilities = models.CharField(_("accommodation"), max_length=10, choices=Facilities.choices)
    help_note = models.TextField(_("what help would you like"), blank=True)
    help_request = models.ForeignKey(
        "helprequests.HelpRequest",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("question made of it"),
    )

    class Meta:
        verbose_name = _("club check answer")
        verbose_name_plural = _("club check answers")
        constraints = [
            models.UniqueConstraint(fields=["round", "organisation"], name="clubcheck_answer_once")
        ]
        indexes = [models.Index(fields=["organisation", "round"], name="clubcheck_answer_org")]

    def __str__(self):
        return f"{self.organisation} – {self.round}"

    @property
    def members(self) -> int:
        return self.members_youth + self.members_adult + self.members_senior


class AnswerTopic(models.Model):
    """A topic the provider wants help with (one row each, so topics are counted in SQL)."""

    answer = models.ForeignKey(CheckAnswer, on_delete=models.CASCADE, related_name="topics")
    topic = models.CharField(_("topic"), max_length=20, choices=HelpTopic.choices)

    class Meta:
        verbose_name = _("help wanted")
        verbose_name_plural = _("help wanted")
        constraints = [
            models.UniqueConstraint(fields=["answer", "topic"], name="clubcheck_topic_once")
        ]

    def __str__(self):
        return self.get_topic_display()


class ExtraAnswer(models.Model):
    """The answer to one of the desk's own questions: text or number, or the choices made
    (a yes/no answer is the choice "yes" or "no")."""

    answer = models.ForeignKey(CheckAnswer, on_delete=models.CASCADE, related_name="extras")
    question = models.ForeignKey(ExtraQuestion, on_delete=models.CASCADE, related_name="answers")
    text = models.TextField(blank=True)
    number = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    choices = models.JSONField(default=list, blank=True)

    class Meta:
        verbose_name = _("answer to a question of the desk")
        verbose_name_plural = _("answers to questions of the desk")
        constraints = [
            models.UniqueConstraint(fields=["answer", "question"], name="clubcheck_extra_once")
        ]

    def __str__(self):
        return f"{self.question}: {self.text or self.number or ', '.join(self.choices)}"
