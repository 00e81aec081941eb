"""A desk's club check rounds: setting one up with the desk's own questions, inviting every
provider of its work area, and reminding those who did not answer."""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.db.models import F, Max
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from sportloket.clubcheck.constants import (
    MAX_EXTRA_QUESTIONS,
    MAX_REMINDERS,
    REMINDER_DAYS,
    QuestionKind,
)
from sportloket.clubcheck.models import CheckInvitation, CheckRound, ExtraQuestion
from sportloket.contacts.selectors import work_area_providers
from sportloket.core.audit import audited
from sportloket.core.models import Membership
from sportloket.core.permissions import Capability
from sportloket.registry.models import PersonRole


def _check_manager(loket, actor):
    membership = (
        Membership.objects.active().filter(loket=loket, user_id=actor.pk).first()
        if getattr(actor, "is_authenticated", False)
        else None
    )
    if membership is None or not membership.can(Capability.MANAGE_CLUB_CHECK):
        raise PermissionDenied


def _check_dates(opens_on, closes_on):
    if opens_on and closes_on and closes_on < opens_on:
        raise ValidationError({"closes_on": _("The check cannot close before it opens.")})


def round_create(*, loket, actor, year: int, opens_on, closes_on) -> CheckRound:
    """A new round of the desk for ``year`` (one a year), with the current core questions."""
    _check_manager(loket, actor)
    _check_dates(opens_on, closes_on)
    if CheckRound.objects.filter(loket=loket, year=year).exists():
        raise ValidationError({"year": _("The desk has a club check for this year already.")})
    with transaction.atomic(), audited(actor):
        return CheckRound.objects.create(
            loket=loket, year=year, opens_on=opens_on, closes_on=closes_on, created_by=actor
        )


def round_update(*, round: CheckRound, actor, opens_on, closes_on) -> CheckRound:
    _check_manager(round.loket, actor)
    _check_dates(opens_on, closes_on)
    with transaction.atomic(), audited(actor):
        round.opens_on, round.closes_on = opens_on, closes_on
        round.save(update_fields=["opens_on", "closes_on", "updated_at"])
    return round


def _check_questions_editable(round: CheckRound):
    if round.answers.exists():
        raise ValidationError(
            _("Providers have answered already: the questions stay as they were asked.")
        )


def extra_question_add(
    *, round: CheckRound, actor, text: str, kind: str, choices: str = ""
) -> ExtraQuestion:
    """One of the desk's own questions (at most ``MAX_EXTRA_QUESTIONS``), until the first
    answer."""
    _check_manager(round.loket, actor)
    _check_questions_editable(round)
    errors = {}
    if not text.strip():
        errors["text"] = _("Write the question.")
    if kind not in QuestionKind.values:
        errors["kind"] = _("Choose the kind of answer.")
    question = ExtraQuestion(round=round, text=text.strip(), kind=kind, choices=choices.strip())
    if kind in (QuestionKind.CHOICE, QuestionKind.MULTIPLE) and len(question.choice_list) < 2:
        errors["choices"] = _("Give at least two choices, one per line.")
    if round.extra_questions.count() >= MAX_EXTRA_QUESTIONS:
        errors["text"] = _("A club check has at most %(n)d questions of the desk's own.") % {
            "n": MAX_EXTRA_QUESTIONS
        }
    if errors:
        raise ValidationError(errors)
    if kind not in (QuestionKind.CHOICE, QuestionKind.MULTIPLE):
        question.choices = ""
    with transaction.atomic(), audited(actor):
        last = round.extra_questions.aggregate(last=Max("position"))["last"]
        question.position = 0 if last is None else last + 1
        question.save()
    return question


def extra_question_remove(*, question: ExtraQuestion, actor) -> None:
    _check_manager(question.round.loket, actor)
    _check_questions_editable(question.round)
    with transaction.atomic(), audited(actor):
        question.delete()


def _recipients(organisation_ids) -> dict[int, list[str]]:
    """Each organisation's contact addresses: its contact persons' (one query), else its
    own (read with the invitations)."""
    found: dict[int, list[str]] = {}
    rows = (
        PersonRole.objects.current()
        .filter(organisation_id__in=organisation_ids)
        .exclude(person__email="")
        .order_by("organisation_id", "pk")
        .values_list("organisation_id", "person__email")
    )
    for organisation_id, email in rows:
        addresses = found.setdefault(organisation_id, [])
        if email.lower() not in addresses:
            addresses.append(email.lower())
    return found


def _mail(invitations, template: str) -> int:
    """Queues the invitation or reminder ``template`` to each invitation's organisation, in one
    batch. Returns how many organisations had an address."""
    invitations = list(invitations)
    recipients = _recipients([i.organisation_id for i in invitations])
    messages = []
    with translation.override(settings.LANGUAGE_CODE):
        for invitation in invitations:
            to = recipients.get(invitation.organisation_id) or (
                [invitation.organisation.email] if invitation.organisation.email else []
            )
            if not to:
                continue
            context = {
                "invitation": invitation,
                "round": invitation.round,
                "desk": invitation.round.loket,
                "organisation": invitation.organisation,
                "url": settings.SITE_URL
                + reverse("clubcheck:answer-form", args=[invitation.token]),
            }
            subject = render_to_string(f"clubcheck/email/{template}_subject.txt", context)
            body = render_to_string(f"clubcheck/email/{template}_message.txt", context)
            messages.append(EmailMessage(" ".join(subject.split()), body, None, to))
    get_connection().send_messages(messages)
    return len(messages)


def round_invite(*, round: CheckRound, actor) -> int:
    """Invites every provider of the desk's work area not invited to the round yet (all of them
    the first time; those added to the register since on a later call), each with its private
    link by e-mail. Returns the number invited now."""
    _check_manager(round.loket, actor)
    if round.closes_on < timezone.localdate():
        raise ValidationError(_("This club check has closed."))
    now = timezone.now()
    with transaction.atomic(), audited(actor):
        # The round locked: the same button pressed twice invites each provider once.
        CheckRound.objects.select_for_update().filter(pk=round.pk).first()
        invited = CheckInvitation.objects.filter(round=round).values("organisation_id")
        new_ids = list(
            work_area_providers(loket=round.loket)
            .exclude(pk__in=invited)
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        CheckInvitation.objects.bulk_create(
            CheckInvitation(round=round, organisation_id=pk, invited_at=now) for pk in new_ids
        )
        if round.invited_at is None:
            round.invited_at = now
            round.save(update_fields=["invited_at", "updated_at"])
        _mail(
            CheckInvitation.objects.filter(round=round, organisation_id__in=new_ids).select_related(
                "round__loket", "organisation"
            ),
            "invite",
        )
    return len(new_ids)


def remind_unanswered(*, on=None) -> int:
    """Reminds the providers of every open round that have not answered, ``REMINDER_DAYS``
    after the invitation or the last reminder, at most ``MAX_REMINDERS`` times. Idempotent on
    a day (a cron job). Returns the number reminded."""
    now = timezone.now() if on is None else on
    today = timezone.localdate(now)
    due = now - timedelta(days=REMINDER_DAYS)
    with transaction.atomic():
        invitations = list(
            CheckInvitation.objects.select_for_update(of=("self",))
            .filter(
                round__opens_on__lte=today,
                round__closes_on__gte=today,
                answer__isnull=True,
                reminders__lt=MAX_REMINDERS,
                invited_at__lte=due,
            )
            .exclude(reminded_at__gt=due)
            .select_related("round__loket", "organisation")
        )
        if not invitations:
            return 0
        CheckInvitation.objects.filter(pk__in=[i.pk for i in invitations]).update(
            reminded_at=now, reminders=F("reminders") + 1
        )
        _mail(invitations, "reminder")
    return len(invitations)
