"""Writes on the national register: organisations, their desk links, people and their roles.
Every function validates, writes and audits in one transaction and takes the acting user."""

from django.core.exceptions import ValidationError
from django.core.files.base import File
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sportloket.core.audit import audited
from sportloket.core.uploads import check_upload
from sportloket.registry.constants import (
    DECLARATION_MAX_BYTES,
    ORGANISATION_FIELDS,
    LegalBasis,
    LinkSource,
)
from sportloket.registry.importer import apply_import, plan_import
from sportloket.registry.importing import MAX_FILE_BYTES, UnreadableFile
from sportloket.registry.models import (
    AreaAlignment,
    ImportRun,
    IntentDeclaration,
    Organisation,
    OrganisationLink,
    Participation,
    Person,
    PersonRole,
    Tag,
)
from sportloket.registry.validation import (
    check_pdf,
    clean_kvk_number,
    clean_phone,
    clean_postcode,
    name_key,
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


def _check_representative(loket, organisation, representative):
    if representative is None:
        return
    known = PersonRole.objects.filter(
        loket=loket, organisation=organisation, person=representative
    ).exists()
    if not known:
        raise ValidationError(
            {"representative": _("Choose someone with a role at this organisation.")}
        )


def participation_add(
    *,
    loket,
    organisation,
    kind: str,
    actor,
    representative=None,
    since=None,
    note: str = "",
) -> Participation:
    """Records that an organisation takes part in the desk; it joins the desk's register."""
    _check_representative(loket, organisation, representative)
    participation = Participation(
        loket=loket,
        organisation=organisation,
        kind=kind,
        representative=representative,
        since=since,
        note=note,
    )
    participation.full_clean(exclude=["loket", "organisation"], validate_unique=False)
    with transaction.atomic(), audited(actor):
        if Participation.objects.filter(loket=loket, organisation=organisation).exists():
            raise ValidationError({"kind": _("This organisation already takes part in this desk.")})
        participation.save()
        OrganisationLink.objects.get_or_create(
            loket=loket, organisation=organisation, defaults={"source": LinkSource.PARTICIPANT}
        )
    return participation


def participation_update(*, participation: Participation, actor, **fields) -> Participation:
    allowed = {"kind", "representative", "since", "note"}
    unknown = set(fields) - allowed
    if unknown:
        raise ValueError(f"Not editable: {sorted(unknown)}")
    if "representative" in fields:
        _check_representative(
            participation.loket, participation.organisation, fields["representative"]
        )
    for name, value in fields.items():
        setattr(participation, name, value)
    participation.full_clean(exclude=["loket", "organisation"], validate_unique=False)
    with transaction.atomic(), audited(actor):
        participation.save()
    return participation


def declaration_add(
    *, participation: Participation, signed_on, signatory: str, document, actor, valid_until=None
) -> IntentDeclaration:
    """Stores a signed intent declaration; the document must really be a PDF."""
    errors = {}
    try:
        check_pdf(document, max_bytes=DECLARATION_MAX_BYTES)
    except ValidationError as error:
        errors["document"] = error.messages
    if valid_until and signed_on and valid_until < signed_on:
        errors["valid_until"] = [_("A declaration cannot expire before it is signed.")]
    if signed_on and signed_on > timezone.localdate():
        errors["signed_on"] = [_("The signing date cannot lie in the future.")]
    if not (signatory or "").strip():
        errors["signatory"] = [_("Say who signed the declaration.")]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic(), audited(actor):
        declaration = IntentDeclaration(
            participation=participation,
            signed_on=signed_on,
            signatory=signatory.strip(),
            valid_until=valid_until,
        )
        declaration.document.save("declaration.pdf", document, save=False)
        declaration.save()
    return declaration


def alignment_save(
    *,
    loket,
    actor,
    federation=None,
    municipality=None,
    agreed: bool = False,
    agreed_on=None,
    agreed_with: str = "",
    note: str = "",
) -> AreaAlignment:
    """Records (or updates) whether the work area was agreed with a federation or a
    neighbouring municipality."""
    if (federation is None) == (municipality is None):
        raise ValidationError(_("Choose a federation or a municipality, not both."))
    if municipality is not None and loket.work_area.filter(pk=municipality.pk).exists():
        raise ValidationError(
            {"municipality": _("This municipality is part of the work area itself.")}
        )
    if agreed and not agreed_on:
        raise ValidationError({"agreed_on": _("Say when the work area was agreed.")})
    with transaction.atomic(), audited(actor):
        alignment, _created = AreaAlignment.objects.update_or_create(
            loket=loket,
            federation=federation,
            municipality=municipality,
            defaults={
                "agreed": agreed,
                "agreed_on": agreed_on if agreed else None,
                "agreed_with": agreed_with.strip(),
                "note": note.strip(),
            },
        )
    return alignment


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
    errors = {}
    try:
        phone = clean_phone(phone)
    except ValidationError as error:
        errors["phone"] = error.messages
    if errors:
        raise ValidationError(errors)
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


def organisation_import(
    *, loket, actor, data: bytes, dry_run: bool = False, skip_invalid: bool = False
):
    """Imports an organisation file for a desk: all or nothing, unless ``skip_invalid``.

    Returns ``(plan, written)``. Nothing is written when the file has refused rows and
    ``skip_invalid`` is off, or when ``dry_run`` is on. Raises ``importing.UnreadableFile``.
    """
    plan = plan_import(loket=loket, data=data)
    if dry_run or (plan.has_errors and not skip_invalid):
        return plan, False
    apply_import(plan, actor=actor)
    return plan, True


IMPORT_MAX_BYTES = MAX_FILE_BYTES


def import_run_create(*, loket, actor, filename: str, file) -> tuple[ImportRun, object]:
    """Checks an uploaded file and keeps it for the preview; writes no organisation yet.

    ``file`` is the upload (or any file object): it is checked by its size first and then read
    in pieces, never held whole in memory. Raises ValidationError (on ``file``) when the file
    is too large or cannot be read.
    """
    if not isinstance(file, File):
        file = File(file, name=filename)
    try:
        check_upload(file, max_bytes=IMPORT_MAX_BYTES)
    except ValidationError as error:
        raise ValidationError({"file": error.messages}) from error
    try:
        plan = plan_import(loket=loket, data=file)
    except UnreadableFile as error:
        raise ValidationError({"file": str(error)}) from error
    file.seek(0)
    with transaction.atomic(), audited(actor):
        run = ImportRun(
            loket=loket,
            uploaded_by=actor,
            filename=filename[:255],
            summary=plan.summary(),
        )
        run.file.save("upload", file, save=False)
        run.save()
    return run, plan


def import_run_apply(*, run: ImportRun, actor, skip_invalid: bool):
    """Writes a previewed import: all rows, or only the valid ones with ``skip_invalid``."""
    with transaction.atomic(), audited(actor):
        # Locked, so that a double click writes the file once.
        run = ImportRun.objects.select_for_update().get(pk=run.pk)
        if run.status != ImportRun.Status.PREVIEWED:
            raise ValidationError(_("This import has already been carried out."))
        with run.file.open("rb") as handle:
            plan, written = organisation_import(
                loket=run.loket, actor=actor, data=handle, skip_invalid=skip_invalid
            )
        if written:
            run.status = ImportRun.Status.APPLIED
            run.summary = plan.summary()
            run.save(update_fields=["status", "summary", "updated_at"])
    return plan, written


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
        kvk = duplicate.kvk_number
        if kvk and not keep.kvk_number:
            duplicate.kvk_number = None
            duplicate.save(update_fields=["kvk_number"])
            keep.kvk_number = kvk
        for name in ORGANISATION_FIELDS:
            if getattr(keep, name) in (None, "") and getattr(duplicate, name) not in (None, ""):
                setattr(keep, name, getattr(duplicate, name))
        keep.save()
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
        duplicate.merged_into = keep
        duplicate.save(update_fields=["merged_into", "updated_at"])
    return keep


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
