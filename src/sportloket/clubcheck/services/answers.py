"""A provider's answers to the club check, and what follows from them: the register's number of
members (with history), a signal on the work list of its account holder when it reports a
board vacancy, financial trouble or a wish for help, and a question made of an answer in one
step by the desk."""

from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from sportloket.clubcheck.constants import (
    SIGNAL_BOARD_VACANCY,
    SIGNAL_FINANCES,
    SIGNAL_HELP,
    Facilities,
    Finances,
    HelpTopic,
    QuestionKind,
)
from sportloket.clubcheck.models import (
    AnswerTopic,
    CheckAnswer,
    CheckInvitation,
    ExtraAnswer,
    ExtraQuestion,
)
from sportloket.contacts.services import contact_signal
from sportloket.core.audit import audited
from sportloket.core.models import Membership
from sportloket.core.permissions import Capability
from sportloket.helprequests.constants import Channel
from sportloket.helprequests.services import request_submit
from sportloket.registry.services import provider_update

CORE_NUMBERS = ("members_youth", "members_adult", "members_senior", "volunteers", "board_vacancies")
# More than any club has: a typing error rather than an answer.
MAX_NUMBER = 100_000


def _core_errors(core: dict) -> dict:
    errors = {}
    for name in CORE_NUMBERS:
        value = core.get(name)
        if value is None or not isinstance(value, int) or not 0 <= value <= MAX_NUMBER:
            errors[name] = _("Give a whole number from 0 to %(max)s.") % {"max": MAX_NUMBER}
    if core.get("finances") not in Finances.values:
        errors["finances"] = _("Choose how the finances are.")
    if core.get("facilities") not in Facilities.values:
        errors["facilities"] = _("Choose the accommodation.")
    return errors


def _extra_value(question: ExtraQuestion, value) -> dict:
    """The stored form of an answer to one of the desk's questions, or a ValueError."""
    if value in (None, "", []):
        return {}
    if question.kind == QuestionKind.TEXT:
        return {"text": str(value).strip()[:2000]}
    if question.kind == QuestionKind.NUMBER:
        try:
            number = Decimal(str(value))
        except InvalidOperation as error:
            raise ValueError(_("Give a number.")) from error
        if not number.is_finite() or abs(number) >= Decimal("1e10"):
            raise ValueError(_("Give a number."))
        return {"number": number.quantize(Decimal("0.01"))}
    allowed = ["yes", "no"] if question.kind == QuestionKind.YESNO else question.choice_list
    chosen = value if isinstance(value, list | tuple) else [value]
    if any(choice not in allowed for choice in chosen):
        raise ValueError(_("Choose from the list."))
    if question.kind != QuestionKind.MULTIPLE and len(chosen) > 1:
        raise ValueError(_("Choose one."))
    return {"choices": [choice for choice in allowed if choice in chosen]}


def signal_reasons(answer: CheckAnswer, topics) -> list[str]:
    """Why the answer puts the provider on the work list, in the site's language."""
    reasons = []
    with translation.override(settings.LANGUAGE_CODE):
        if answer.board_vacancies:
            reasons.append(str(SIGNAL_BOARD_VACANCY))
        if answer.finances == Finances.TROUBLE:
            reasons.append(str(SIGNAL_FINANCES))
        if topics:
            labels = ", ".join(str(HelpTopic(t).label).lower() for t in sorted(topics))
            reasons.append(f"{SIGNAL_HELP}: {labels}")
    return reasons


def answer_submit(
    *,
    invitation: CheckInvitation,
    by_name: str,
    by_email: str = "",
    core: dict,
    topics=(),
    extras: dict | None = None,
) -> CheckAnswer:
    """Records (or, while the round is open, replaces) the provider's answers: the core
    questions, the topics it wants help with and the desk's own questions (``extras``: question
    id -> value). The register's number of members becomes the sum of the age bands, as a
    change by the provider; a board vacancy, financial trouble or a wish for help puts the
    provider on the desk's work list with the reason."""
    round = invitation.round
    if not round.is_open(timezone.localdate()):
        raise ValidationError(_("This club check is not open."))
    errors = _core_errors(core)
    if not by_name.strip():
        errors["by_name"] = _("Fill in your name.")
    if any(topic not in HelpTopic.values for topic in topics):
        errors["topics"] = _("Choose from the list.")
    stored_extras = {}
    for question in round.extra_questions.all():
        try:
            stored_extras[question] = _extra_value(question, (extras or {}).get(question.pk))
        except ValueError as error:
            errors[f"extra_{question.pk}"] = str(error)
    if errors:
        raise ValidationError(errors)
    fields = {name: core[name] for name in (*CORE_NUMBERS, "finances", "facilities")}
    fields["help_note"] = (core.get("help_note") or "").strip()[:2000]
    organisation = invitation.organisation
    with transaction.atomic():
        answer, _created = CheckAnswer.objects.update_or_create(
            invitation=invitation,
            defaults={
                "round": round,
                "organisation": organisation,
                "answered_by_name": by_name.strip()[:200],
                "answered_by_email": (by_email or "").strip()[:254],
                **fields,
            },
        )
        AnswerTopic.objects.filter(answer=answer).delete()
        AnswerTopic.objects.bulk_create(AnswerTopic(answer=answer, topic=t) for t in set(topics))
        ExtraAnswer.objects.filter(answer=answer).delete()
        ExtraAnswer.objects.bulk_create(
            ExtraAnswer(answer=answer, question=question, **value)
            for question, value in stored_extras.items()
            if value
        )
        provider_update(
            organisation=organisation,
            by_name=answer.answered_by_name,
            by_email=answer.answered_by_email,
            fields={"member_count": answer.members},
        )
        reasons = signal_reasons(answer, topics)
        if reasons:
            contact_signal(loket=round.loket, organisation=organisation, reason="; ".join(reasons))
    return answer


def answer_to_question(*, answer: CheckAnswer, actor):
    """Makes a question of the desk of what the answer reports (its signals and the help it
    asks for), recorded by ``actor``, a coordinator; once per answer."""
    loket = answer.round.loket
    membership = Membership.objects.active().filter(loket=loket, user_id=actor.pk).first()
    if membership is None or not membership.can(Capability.MANAGE_REQUESTS):
        raise PermissionDenied
    topics = list(answer.topics.values_list("topic", flat=True))
    with translation.override(settings.LANGUAGE_CODE):
        lines = [
            _("From the club check %(year)s: %(reasons)s.")
            % {"year": answer.round.year, "reasons": "; ".join(signal_reasons(answer, topics))}
        ]
        if answer.help_note:
            lines.append(answer.help_note)
    organisation = answer.organisation
    with transaction.atomic(), audited(actor):
        # Locked and read again: a second click makes no second question.
        locked = CheckAnswer.objects.select_for_update().get(pk=answer.pk)
        if locked.help_request_id is not None:
            raise ValidationError(_("A question has been made of this answer already."))
        help_request = request_submit(
            loket=loket,
            organisation=organisation,
            channel=Channel.CLUB_CHECK,
            actor=actor,
            organisation_name=organisation.name,
            organisation_kvk=organisation.kvk_number or "",
            organisation_place=organisation.city,
            contact_name=answer.answered_by_name,
            contact_email=answer.answered_by_email,
            question="\n\n".join(lines),
            consents_to_processing=True,
        )
        answer.help_request = help_request
        answer.save(update_fields=["help_request", "updated_at"])
    return help_request
