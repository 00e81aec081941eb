"""Writes on taking part in a desk: participations, the signed intent declarations and the
alignment of the work area with federations and neighbouring municipalities."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sportloket.core.audit import audited
from sportloket.core.services import model_update
from sportloket.core.uploads import PDF, check_upload
from sportloket.registry.constants import DECLARATION_MAX_BYTES, LinkSource
from sportloket.registry.models import (
    AreaAlignment,
    IntentDeclaration,
    OrganisationLink,
    Participation,
    PersonRole,
)


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
    if "representative" in fields:
        _check_representative(
            participation.loket, participation.organisation, fields["representative"]
        )
    model_update(
        participation,
        fields,
        allowed=allowed,
        exclude=["loket", "organisation"],
        validate_unique=False,
    )
    with transaction.atomic(), audited(actor):
        participation.save()
    return participation


def _declaration_errors(*, signed_on, signatory: str, document, valid_until) -> dict:
    errors = {}
    try:
        check_upload(
            document,
            max_bytes=DECLARATION_MAX_BYTES,
            kinds=(PDF,),
            kind_message=_("The file is not a PDF document."),
        )
    except ValidationError as error:
        errors["document"] = error.messages
    if valid_until and signed_on and valid_until < signed_on:
        errors["valid_until"] = [_("A declaration cannot expire before it is signed.")]
    if signed_on and signed_on > timezone.localdate():
        errors["signed_on"] = [_("The signing date cannot lie in the future.")]
    if not (signatory or "").strip():
        errors["signatory"] = [_("Say who signed the declaration.")]
    return errors


def declaration_add(
    *, participation: Participation, signed_on, signatory: str, document, actor, valid_until=None
) -> IntentDeclaration:
    """Stores a signed intent declaration; the document must really be a PDF (by its content,
    not its name) of at most ``DECLARATION_MAX_BYTES``."""
    errors = _declaration_errors(
        signed_on=signed_on, signatory=signatory, document=document, valid_until=valid_until
    )
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
