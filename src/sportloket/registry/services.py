"""Writes on the national register: organisations, their desk links, people and their roles.
Every function validates, writes and audits in one transaction and takes the acting user."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from sportloket.core.audit import audited
from sportloket.registry.constants import LinkSource
from sportloket.registry.models import Organisation, OrganisationLink, Tag
from sportloket.registry.validation import clean_kvk_number, clean_phone, clean_postcode, name_key

ORGANISATION_FIELDS = (
    "kind",
    "name",
    "kvk_number",
    "address",
    "postcode",
    "city",
    "municipality",
    "email",
    "phone",
    "website",
    "member_count",
    "founded_on",
    "status",
)


def _normalise(fields: dict) -> dict:
    """Checks and normalises the Dutch identifiers; collects every error before raising."""
    errors = {}
    cleaned = dict(fields)
    for field, clean in (
        ("kvk_number", clean_kvk_number),
        ("postcode", clean_postcode),
        ("phone", clean_phone),
    ):
        if field in cleaned:
            try:
                cleaned[field] = clean(cleaned[field])
            except ValidationError as error:
                errors[field] = error.messages
    if "name" in cleaned:
        cleaned["name"] = " ".join(str(cleaned["name"] or "").split())
    if errors:
        raise ValidationError(errors)
    if "kvk_number" in cleaned:
        cleaned["kvk_number"] = cleaned["kvk_number"] or None
    return cleaned


def _check_kvk_unique(kvk_number, exclude_pk=None):
    if not kvk_number:
        return
    other = Organisation.objects.filter(kvk_number=kvk_number).exclude(pk=exclude_pk).first()
    if other is not None:
        raise ValidationError(
            {
                "kvk_number": _("%(name)s already has this KvK number in the register.")
                % {"name": other.name}
            }
        )


def _set_relations(organisation, sports, federations, tags):
    if sports is not None:
        organisation.sports.set(sports)
    if federations is not None:
        organisation.federations.set(federations)
    if tags is not None:
        names = sorted({" ".join(t.split()).lower() for t in tags if t and t.strip()})
        organisation.tags.set([Tag.objects.get_or_create(name=n[:50])[0] for n in names])


def organisation_link(*, organisation, loket, source: str, actor) -> OrganisationLink:
    """Puts an organisation in a desk's register explicitly (idempotent)."""
    with transaction.atomic(), audited(actor):
        link, _created = OrganisationLink.objects.get_or_create(
            loket=loket, organisation=organisation, defaults={"source": source}
        )
    return link


def organisation_create(
    *,
    loket,
    actor,
    source: str = LinkSource.MANUAL,
    sports=None,
    federations=None,
    tags=None,
    **fields,
) -> Organisation:
    """Adds an organisation to the national register and to this desk's register."""
    unknown = set(fields) - set(ORGANISATION_FIELDS)
    if unknown:
        raise ValueError(f"Not an organisation field: {sorted(unknown)}")
    cleaned = _normalise(fields)
    organisation = Organisation(**cleaned)
    organisation.name_key = name_key(organisation.name)
    organisation.full_clean(exclude=["name_key"], validate_unique=False)
    with transaction.atomic(), audited(actor):
        _check_kvk_unique(organisation.kvk_number)
        organisation.save()
        _set_relations(organisation, sports, federations, tags)
        OrganisationLink.objects.create(loket=loket, organisation=organisation, source=source)
    return organisation


def organisation_update(
    *,
    organisation: Organisation,
    loket,
    actor,
    sports=None,
    federations=None,
    tags=None,
    **fields,
) -> Organisation:
    """Changes an organisation in the national register. It stays in the register of the desk
    that changed it, also when its new municipality lies outside that desk's work area."""
    unknown = set(fields) - set(ORGANISATION_FIELDS)
    if unknown:
        raise ValueError(f"Not an organisation field: {sorted(unknown)}")
    cleaned = _normalise(fields)
    for name, value in cleaned.items():
        setattr(organisation, name, value)
    organisation.name_key = name_key(organisation.name)
    organisation.full_clean(exclude=["name_key"], validate_unique=False)
    with transaction.atomic(), audited(actor):
        _check_kvk_unique(organisation.kvk_number, exclude_pk=organisation.pk)
        organisation.save()
        _set_relations(organisation, sports, federations, tags)
        if not Organisation.objects.for_desk(loket).filter(pk=organisation.pk).exists():
            OrganisationLink.objects.get_or_create(
                loket=loket, organisation=organisation, defaults={"source": LinkSource.MANUAL}
            )
    return organisation
