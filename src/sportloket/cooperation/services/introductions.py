"""Bringing providers together: a provider's agreement to be named to others (recorded and
withdrawn), and the introduction itself, one e-mail to each agreeing contact person of every
provider, naming the others. A provider without the agreement is never introduced."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from sportloket.cooperation.models import Introduction, IntroductionConsent
from sportloket.core.audit import audited
from sportloket.meetings import selectors as meeting_selectors
from sportloket.registry.models import Organisation


def consent_record(*, loket, organisation, actor, source: str, given_on=None):
    """The provider agreed that the desk names it to other providers (again, after a
    withdrawal)."""
    if not source.strip():
        raise ValidationError({"source": _("Say how the provider agreed.")})
    if not Organisation.objects.for_desk(loket).filter(pk=organisation.pk).exists():
        raise ValidationError(_("Choose an organisation of the register of this desk."))
    with transaction.atomic(), audited(actor):
        consent, _created = IntroductionConsent.objects.update_or_create(
            loket=loket,
            organisation=organisation,
            defaults={
                "source": source.strip(),
                "given_on": given_on or timezone.localdate(),
                "withdrawn_on": None,
                "recorded_by": actor,
            },
        )
    return consent


def consent_withdraw(*, consent, actor):
    with transaction.atomic(), audited(actor):
        consent.withdrawn_on = timezone.localdate()
        consent.save(update_fields=["withdrawn_on", "updated_at"])
    return consent


def consenting(loket):
    """The desk's agreements in force, as a queryset of organisation ids."""
    return IntroductionConsent.objects.filter(loket=loket, withdrawn_on__isnull=True).values(
        "organisation_id"
    )


def _messages(introduction, organisations, roles) -> list[EmailMessage]:
    loket = introduction.loket
    messages = []
    with translation.override(settings.LANGUAGE_CODE):
        for role in roles:
            others = [o for o in organisations if o.pk != role.organisation_id]
            context = {
                "introduction": introduction,
                "desk": loket,
                "person": role.person,
                "organisation": role.organisation,
                "others": others,
            }
            subject = render_to_string("cooperation/email/introduction_subject.txt", context)
            body = render_to_string("cooperation/email/introduction_message.txt", context)
            messages.append(
                EmailMessage(
                    " ".join(subject.split()),
                    body,
                    None,
                    [role.person.email],
                    reply_to=[loket.email] if loket.email else None,
                )
            )
    return messages


def introduction_send(*, loket, actor, organisations, reason: str, message: str):
    """Introduces ``organisations`` (at least two of the desk's register, each with its
    agreement in force) to each other: each agreeing contact person gets the message with the
    names of the others. Recorded on every organisation's timeline."""
    ids = {o.pk for o in organisations}
    errors = {}
    if len(ids) < 2:
        errors["organisations"] = _("Introduce at least two providers to each other.")
    if not message.strip():
        errors["message"] = _("Write the message the providers receive.")
    if not reason.strip():
        errors["reason"] = _("Give the reason for the introduction.")
    if errors:
        raise ValidationError(errors)
    chosen = list(
        Organisation.objects.for_desk(loket)
        .filter(pk__in=ids)
        .filter(pk__in=consenting(loket))
        .order_by("name")
    )
    if len(chosen) != len(ids):
        raise ValidationError(
            {"organisations": _("Only providers who agreed to be introduced can be introduced.")}
        )
    roles = list(
        meeting_selectors.invitable_roles(loket=loket, organisations=chosen)
        .select_related("person", "organisation")
        .order_by("organisation__name", "person__full_name", "pk")
    )
    first = {}
    for role in roles:
        first.setdefault(role.person_id, role)  # one e-mail per person
    if not {role.organisation_id for role in first.values()}:
        raise ValidationError(
            {"organisations": _("None of these providers has a contact person to write to.")}
        )
    with transaction.atomic(), audited(actor):
        introduction = Introduction.objects.create(
            loket=loket,
            reason=reason.strip(),
            message=message.strip(),
            recipients=len(first),
            sent_by=actor,
        )
        introduction.organisations.set(chosen)
        # Queued with the change (sportloket.jobs.mail): a rolled-back introduction sends nothing.
        get_connection().send_messages(_messages(introduction, chosen, list(first.values())))
    return introduction
