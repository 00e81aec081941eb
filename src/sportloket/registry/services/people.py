"""Writes on people and the roles they play at organisations (kept per desk: a desk never
finds the people another desk recorded)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from sportloket.core.audit import audited
from sportloket.registry.constants import LegalBasis
from sportloket.registry.models import Organisation, Person, PersonRole
from sportloket.registry.validation import clean_phone


def person_create(
    *,
    full_name: str,
    actor,
    email: str = "",
    phone: str = "",
    legal_basis: str = LegalBasis.LEGITIMATE_INTEREST,
    consents_to_contact: bool = False,
    consents_to_sharing: bool = False,
) -> Person:
    try:
        phone = clean_phone(phone)
    except ValidationError as error:
        raise ValidationError({"phone": error.messages}) from error
    person = Person(
        full_name=" ".join(full_name.split()),
        email=email.strip().lower(),
        phone=phone,
        legal_basis=legal_basis,
        consents_to_contact=consents_to_contact,
        consents_to_sharing=consents_to_sharing,
    )
    person.full_clean()
    with transaction.atomic(), audited(actor):
        person.save()
    return person


def person_role_add(
    *,
    person: Person,
    organisation: Organisation,
    loket,
    function: str,
    actor,
    start_on=None,
    end_on=None,
) -> PersonRole:
    role = PersonRole(
        loket=loket,
        person=person,
        organisation=organisation,
        function=function,
        start_on=start_on,
        end_on=end_on,
    )
    role.full_clean()
    with transaction.atomic(), audited(actor):
        role.save()
    return role


def person_add_to_organisation(
    *,
    organisation: Organisation,
    loket,
    actor,
    full_name: str,
    function: str,
    email: str = "",
    phone: str = "",
    start_on=None,
    legal_basis: str = LegalBasis.LEGITIMATE_INTEREST,
    consents_to_contact: bool = False,
    consents_to_sharing: bool = False,
) -> PersonRole:
    """Records a person's role at an organisation for this desk. Someone this desk already knows
    by the e-mail address is reused (their details are left as they are); people other desks
    recorded are never looked up, so nothing of theirs shows here."""
    with transaction.atomic():
        person = None
        if email.strip():
            person = Person.objects.filter(email=email.strip().lower(), roles__loket=loket).first()
        if person is None:
            person = person_create(
                full_name=full_name,
                email=email,
                phone=phone,
                legal_basis=legal_basis,
                consents_to_contact=consents_to_contact,
                consents_to_sharing=consents_to_sharing,
                actor=actor,
            )
        return person_role_add(
            person=person,
            organisation=organisation,
            loket=loket,
            function=function,
            start_on=start_on,
            actor=actor,
        )


def person_role_end(*, role: PersonRole, end_on, actor) -> PersonRole:
    if role.end_on is not None:
        raise ValidationError(_("This role has already ended."))
    if role.start_on and end_on < role.start_on:
        raise ValidationError({"end_on": _("A role cannot end before it starts.")})
    with transaction.atomic(), audited(actor):
        role.end_on = end_on
        role.save(update_fields=["end_on", "updated_at"])
    return role
