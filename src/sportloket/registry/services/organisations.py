"""Writes on organisations in the national register: adding and changing them, linking them to
a desk's register, and merging a duplicate into the organisation that stays."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from sportloket.core.audit import audited
from sportloket.core.services import model_update
from sportloket.registry.constants import ORGANISATION_FIELDS, LinkSource
from sportloket.registry.models import (
    Organisation,
    OrganisationLink,
    Participation,
    PersonRole,
    Tag,
)
from sportloket.registry.validation import (
    clean_kvk_number,
    clean_phone,
    clean_postcode,
    name_key,
)


def _check_fields(fields: dict) -> None:
    unknown = set(fields) - set(ORGANISATION_FIELDS)
    if unknown:
        raise ValueError(f"Not an organisation field: {sorted(unknown)}")


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
    _check_fields(fields)
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
    _check_fields(fields)
    model_update(organisation, _normalise(fields), allowed=ORGANISATION_FIELDS, clean=False)
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


def _check_mergeable(keep: Organisation, duplicate: Organisation, loket) -> None:
    """Refuses a merge another desk has a say in, or that would join two participations."""
    if keep.merged_into_id or duplicate.merged_into_id:
        raise ValidationError(_("One of these organisations has already been merged."))
    register = Organisation.objects.for_desk(loket)
    if register.filter(pk__in=[keep.pk, duplicate.pk]).count() != 2:
        raise ValidationError(_("Both organisations must be in the register of this desk."))
    desks = Participation.objects.values_list("loket_id", flat=True)
    pair = [keep.pk, duplicate.pk]
    if desks.filter(organisation__in=pair).exclude(loket=loket).exists():
        raise ValidationError(
            _(
                "Another desk works with one of these organisations as a participating "
                "party; ask the national team to merge them."
            )
        )
    if set(desks.filter(organisation=keep)) & set(desks.filter(organisation=duplicate)):
        raise ValidationError(
            _("Both organisations take part in the same desk; end one participation first.")
        )


def _fill_from(keep: Organisation, duplicate: Organisation) -> None:
    """Empty fields of ``keep`` take the duplicate's value; its KvK number moves over."""
    kvk = duplicate.kvk_number
    if kvk and not keep.kvk_number:
        duplicate.kvk_number = None
        duplicate.save(update_fields=["kvk_number"])
        keep.kvk_number = kvk
    for name in ORGANISATION_FIELDS:
        if getattr(keep, name) in (None, "") and getattr(duplicate, name) not in (None, ""):
            setattr(keep, name, getattr(duplicate, name))
    keep.save()


def _move_over(keep: Organisation, duplicate: Organisation) -> None:
    """Sports, federations, tags, desk links, participations and roles move to ``keep``."""
    keep.sports.add(*duplicate.sports.all())
    keep.federations.add(*duplicate.federations.all())
    keep.tags.add(*duplicate.tags.all())
    for link in OrganisationLink.objects.filter(organisation=duplicate):
        OrganisationLink.objects.get_or_create(
            loket_id=link.loket_id, organisation=keep, defaults={"source": link.source}
        )
    # Saved one by one, so that each move is in the audit trail.
    for moved in [
        *Participation.objects.filter(organisation=duplicate),
        *PersonRole.objects.filter(organisation=duplicate),
    ]:
        moved.organisation = keep
        moved.save(update_fields=["organisation", "updated_at"])


def organisation_merge(
    *, keep: Organisation, duplicate: Organisation, loket, actor
) -> Organisation:
    """Merges a duplicate into the organisation that stays.

    Empty fields of ``keep`` are filled from the duplicate; sports, federations, tags, desk
    links, participations and people's roles move over. The duplicate stays as a record that
    points to ``keep`` (``merged_into``), so its history and old links keep working.
    """
    if keep.pk == duplicate.pk:
        raise ValidationError(_("Choose two different organisations."))
    with transaction.atomic(), audited(actor):
        keep = Organisation.objects.select_for_update().get(pk=keep.pk)
        duplicate = Organisation.objects.select_for_update().get(pk=duplicate.pk)
        _check_mergeable(keep, duplicate, loket)
        _fill_from(keep, duplicate)
        _move_over(keep, duplicate)
        duplicate.merged_into = keep
        duplicate.save(update_fields=["merged_into", "updated_at"])
    return keep
