"""Register data an organisation's own contact person keeps up to date on the provider's page:
contact details, address, sports and members apply at once (with history the desk reads); a new
name or KvK number waits until a desk of the organisation's register approves it."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sportloket.core.audit import audited, audited_by_provider
from sportloket.core.services import model_update
from sportloket.registry.constants import (
    PROVIDER_APPROVED_FIELDS,
    PROVIDER_EDITABLE_FIELDS,
    PersonFunction,
)
from sportloket.registry.models import ChangeStatus, Organisation, PersonRole, ProviderChange
from sportloket.registry.services.organisations import _check_kvk_unique, _normalise
from sportloket.registry.services.people import person_create, person_role_add, person_role_end
from sportloket.registry.validation import name_key


def _text(value) -> str:
    return "" if value is None else str(value)


def _sport_names(sports) -> str:
    return ", ".join(sorted(sport.name for sport in sports))


def provider_update(
    *, organisation: Organisation, by_name: str, by_email: str, fields: dict, sports=None
) -> list[ProviderChange]:
    """Applies ``fields`` (of ``PROVIDER_EDITABLE_FIELDS`` and ``PROVIDER_APPROVED_FIELDS``)
    and ``sports`` for the organisation's contact person ``by_name`` <``by_email``>. The plain
    fields and sports change at once: one applied change. A new name or KvK number becomes one
    change waiting for a desk (a newer one replaces the one still waiting). Returns the
    changes recorded (none when nothing differs)."""
    unknown = set(fields) - {*PROVIDER_EDITABLE_FIELDS, *PROVIDER_APPROVED_FIELDS}
    if unknown:
        raise ValueError(f"Not editable by the provider: {sorted(unknown)}")
    cleaned = _normalise(fields)
    before = {name: _text(getattr(organisation, name)) for name in PROVIDER_EDITABLE_FIELDS}
    at_once = {k: v for k, v in cleaned.items() if k in PROVIDER_EDITABLE_FIELDS}
    changed = model_update(organisation, at_once, allowed=PROVIDER_EDITABLE_FIELDS, clean=False)
    organisation.full_clean(exclude=["name_key"], validate_unique=False)
    applied = {name: [before[name], _text(getattr(organisation, name))] for name in changed}
    sports_before = None
    if sports is not None:
        current = list(organisation.sports.all())
        if {s.pk for s in current} != {s.pk for s in sports}:
            sports_before = current
            applied["sports"] = [_sport_names(current), _sport_names(sports)]
    waiting = {
        name: [_text(getattr(organisation, name)), _text(value)]
        for name, value in cleaned.items()
        if name in PROVIDER_APPROVED_FIELDS and _text(value) != _text(getattr(organisation, name))
    }
    if "name" in waiting and not waiting["name"][1]:
        raise ValidationError({"name": _("Fill in the name.")})
    if "kvk_number" in waiting:
        _check_kvk_unique(cleaned["kvk_number"], exclude_pk=organisation.pk)
    recorded = []
    with transaction.atomic(), audited_by_provider(f"{by_name} <{by_email}>"):
        # The same lock as a desk's decision: a request is replaced or decided, not both.
        Organisation.objects.select_for_update().filter(pk=organisation.pk).first()
        if changed:
            organisation.save(update_fields=[*changed, "updated_at"])
        if sports_before is not None:
            organisation.sports.set(sports)
        if applied:
            recorded.append(
                ProviderChange.objects.create(
                    organisation=organisation,
                    submitted_by_name=by_name,
                    submitted_by_email=by_email,
                    changes=applied,
                    status=ChangeStatus.APPLIED,
                )
            )
        if waiting:
            ProviderChange.objects.filter(
                organisation=organisation, status=ChangeStatus.PENDING
            ).update(
                status=ChangeStatus.REJECTED,
                decided_at=timezone.now(),
                decision_note=_("Replaced by a later request."),
            )
            recorded.append(
                ProviderChange.objects.create(
                    organisation=organisation,
                    submitted_by_name=by_name,
                    submitted_by_email=by_email,
                    changes=waiting,
                    status=ChangeStatus.PENDING,
                )
            )
    return recorded


def _role_text(full_name: str, function: str) -> str:
    return f"{full_name} – {PersonFunction(function).label}"


def provider_role_add(
    *, organisation, loket, by_name: str, by_email: str, full_name: str, function: str,
    email: str = "", phone: str = "",
) -> PersonRole:  # fmt: skip
    """A contact person records someone's role at their organisation (a new board member),
    from today, for the desk that knows the contact person; kept as a change the desks read."""
    if function not in PersonFunction.values:
        raise ValidationError({"function": _("Choose a function.")})
    if not full_name.strip():
        raise ValidationError({"full_name": _("Fill in the name.")})
    with transaction.atomic(), audited_by_provider(f"{by_name} <{by_email}>"):
        # Always a new person: looking the address up among the people the desk knows would
        # show the provider whom the desk has on file for it (another club's chair).
        person = person_create(full_name=full_name, actor=None, email=email, phone=phone)
        role = person_role_add(
            person=person, organisation=organisation, loket=loket, function=function,
            actor=None, start_on=timezone.localdate(),
        )  # fmt: skip
        ProviderChange.objects.create(
            organisation=organisation,
            submitted_by_name=by_name,
            submitted_by_email=by_email,
            changes={"roles": ["", _role_text(role.person.full_name, function)]},
        )
    return role


def provider_role_end(*, role: PersonRole, by_name: str, by_email: str) -> PersonRole:
    """A contact person ends someone else's role at their organisation today (a board member
    who stepped down); kept as a change the desks read. Their own role they cannot end here:
    they would lock themselves out."""
    if role.person.email.strip().lower() == by_email.strip().lower():
        raise ValidationError(_("You cannot end your own role here; ask the desk."))
    with transaction.atomic(), audited_by_provider(f"{by_name} <{by_email}>"):
        person_role_end(role=role, end_on=timezone.localdate(), actor=None)
        ProviderChange.objects.create(
            organisation=role.organisation,
            submitted_by_name=by_name,
            submitted_by_email=by_email,
            changes={"roles": [_role_text(role.person.full_name, role.function), ""]},
        )
    return role


def provider_change_decide(
    *, change: ProviderChange, loket, actor, approve: bool, note: str = ""
) -> ProviderChange:
    """A desk approves or refuses a change of name or KvK number waiting for it. Only a desk
    with the organisation in its register decides; an approval applies the new values (with the
    coordinator in the audit trail), unless another organisation took the KvK number since."""
    if not Organisation.objects.for_desk(loket).filter(pk=change.organisation_id).exists():
        raise PermissionDenied
    if not approve and not note.strip():
        raise ValidationError({"note": _("Say why, so the provider knows.")})
    with transaction.atomic(), audited(actor):
        # Locked and read again: two desks deciding at once, or the provider replacing the
        # request meanwhile, decide it once.
        organisation = Organisation.objects.select_for_update().get(pk=change.organisation_id)
        change = ProviderChange.objects.select_for_update().get(pk=change.pk)
        if change.status != ChangeStatus.PENDING:
            raise ValidationError(_("This change has been decided already."))
        if approve:
            values = {name: new for name, (_old, new) in change.changes.items()}
            cleaned = _normalise(values)
            if "kvk_number" in cleaned:
                _check_kvk_unique(cleaned["kvk_number"], exclude_pk=organisation.pk)
            changed = model_update(
                organisation, cleaned, allowed=PROVIDER_APPROVED_FIELDS, clean=False
            )
            organisation.name_key = name_key(organisation.name)
            organisation.full_clean(exclude=["name_key"], validate_unique=False)
            organisation.save(update_fields=[*changed, "name_key", "updated_at"])
        change.status = ChangeStatus.APPROVED if approve else ChangeStatus.REJECTED
        change.decided_by = actor
        change.decided_at = timezone.now()
        change.decision_note = note.strip()
        change.save(update_fields=["status", "decided_by", "decided_at", "decision_note"])
    return change
