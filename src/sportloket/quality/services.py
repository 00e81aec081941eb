"""Writes on quality: a person's registrations (recorded by a desk) and a desk's quality rule.
Every function validates, writes and records its actor in one transaction."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sportloket.core.audit import audited
from sportloket.core.models import Membership
from sportloket.core.services import model_update
from sportloket.quality.constants import (
    EVIDENCE_MAX_BYTES,
    MAX_LEVEL,
    MIN_LEVEL,
    KssKind,
    QualitySystem,
)
from sportloket.quality.models import (
    QualityRegistration,
    QualityRequirementGroup,
    QualityRequirementOption,
)
from sportloket.quality.validation import check_evidence

REGISTRATION_FIELDS = (
    "system",
    "kind",
    "line",
    "level",
    "number",
    "issuer",
    "valid_from",
    "valid_until",
)


def _clean_text(value) -> str:
    return " ".join(str(value or "").split())


def _validate(registration: QualityRegistration, evidence) -> str:
    """Field errors in words a desk understands, then the model's own checks. Returns the
    extension to store new evidence under ("" without new evidence)."""
    errors = {}
    extension = ""
    if evidence is not None:
        try:
            extension = check_evidence(evidence, max_bytes=EVIDENCE_MAX_BYTES)
        except ValidationError as error:
            errors["evidence"] = error.messages
    reg = registration
    if reg.system == QualitySystem.KSS and not reg.kind:
        errors["kind"] = [_("Say whether this is a KSS qualification or a licence.")]
    if reg.system != QualitySystem.KSS:
        reg.kind = ""
    if reg.kind == KssKind.QUALIFICATION and reg.valid_until:
        errors["valid_until"] = [
            _("A KSS qualification (diploma) does not expire; leave this empty.")
        ]
    if reg.level is not None and not MIN_LEVEL <= reg.level <= MAX_LEVEL:
        errors["level"] = [_("The level runs from 1 to 5.")]
    if reg.valid_from and reg.valid_until and reg.valid_until < reg.valid_from:
        errors["valid_until"] = [_("A registration cannot expire before it is valid.")]
    if reg.system == QualitySystem.OTHER and not reg.line:
        errors["line"] = [_("Say what kind of registration this is.")]
    if errors:
        raise ValidationError(errors)
    reg.full_clean(exclude=["user", "recorded_by_loket", "evidence"])
    return extension


def _store_evidence(registration, evidence, extension):
    registration.evidence.save(f"evidence{extension}", evidence, save=False)


def registration_add(
    *,
    loket,
    user,
    actor,
    system: str,
    valid_from,
    valid_until=None,
    kind: str = "",
    line: str = "",
    level: int | None = None,
    number: str = "",
    issuer: str = "",
    evidence=None,
) -> QualityRegistration:
    """Records a registration of a member of the desk. ``valid_until`` is the last valid day
    (empty: it does not expire). ``evidence``: an uploaded PDF, JPEG or PNG, checked by its
    content."""
    if not Membership.objects.active().filter(loket=loket, user=user).exists():
        raise ValidationError({"user": _("Choose a member of this desk.")})
    registration = QualityRegistration(
        user=user,
        recorded_by_loket=loket,
        system=system,
        kind=kind or "",
        line=_clean_text(line),
        level=level,
        number=_clean_text(number),
        issuer=_clean_text(issuer),
        valid_from=valid_from,
        valid_until=valid_until,
    )
    extension = _validate(registration, evidence)
    with transaction.atomic(), audited(actor):
        if evidence is not None:
            _store_evidence(registration, evidence, extension)
        registration.save()
    return registration


def _check_desk(loket, registration):
    """A desk changes only registrations it may see (those of its active members)."""
    if not QualityRegistration.objects.for_desk(loket.pk).filter(pk=registration.pk).exists():
        raise ValidationError(_("This registration is not known at this desk."))


def registration_update(*, loket, registration: QualityRegistration, actor, evidence=None,
                        **fields) -> QualityRegistration:  # fmt: skip
    """Corrects a registration or records its renewal (a new ``valid_until``); ``evidence``
    replaces the stored document. An ended registration is not changed: record a new one."""
    _check_desk(loket, registration)
    if registration.ended_on is not None:
        raise ValidationError(_("This registration no longer counts; record a new one."))
    cleaned = {
        name: _clean_text(value)
        if name in ("line", "number", "issuer")
        else (value or "")
        if name == "kind"
        else value
        for name, value in fields.items()
    }
    # Validated below with its evidence (_validate).
    model_update(registration, cleaned, allowed=REGISTRATION_FIELDS, clean=False)
    extension = _validate(registration, evidence)
    old_file = registration.evidence.name if evidence is not None else ""
    with transaction.atomic(), audited(actor):
        if evidence is not None:
            _store_evidence(registration, evidence, extension)
        registration.save()
        if old_file:
            storage = registration.evidence.storage
            transaction.on_commit(lambda: storage.delete(old_file), robust=True)
    return registration


def registration_end(*, loket, registration: QualityRegistration, actor,
                     on=None) -> QualityRegistration:  # fmt: skip
    """Withdraws a registration (the issuer withdrew it, or it was recorded in error): it no
    longer counts from ``on`` (today by default). It stays in the history."""
    _check_desk(loket, registration)
    if registration.ended_on is not None:
        raise ValidationError(_("This registration no longer counts already."))
    with transaction.atomic(), audited(actor):
        registration.ended_on = on or timezone.localdate()
        registration.save(update_fields=["ended_on", "updated_at"])
    return registration


def _normalised_groups(groups) -> list[list[tuple[str, int | None, str]]]:
    result = []
    for group in groups:
        options = []
        for option in group:
            system, min_level, line = (*tuple(option), None, "")[:3]
            if system not in QualitySystem.values:
                raise ValidationError(_("Choose a quality system from the list."))
            if min_level in ("", None):
                min_level = None
            else:
                min_level = int(min_level)
                if not MIN_LEVEL <= min_level <= MAX_LEVEL:
                    raise ValidationError(_("The level runs from 1 to 5."))
            line = _clean_text(line)
            if system == QualitySystem.OTHER and not line:
                raise ValidationError(_("Say what kind of other registration is needed."))
            if (system, min_level, line) not in options:
                options.append((system, min_level, line))
        if not options:
            raise ValidationError(_("Each requirement needs at least one way to meet it."))
        if options not in result:
            result.append(options)
    return result


def rule_save(*, loket, groups, actor) -> list[QualityRequirementGroup]:
    """Sets the desk's quality rule: ``groups`` is a list of requirements, each a list of
    options ``(system, min_level, line)`` (``min_level`` None and ``line`` "" for any). The rule
    is met when every requirement is met by at least one of its options; an empty list removes
    the rule. "A valid VOG plus SPN membership or KSS level 3+" is
    ``[[("vog", None, "")], [("spn", None, ""), ("kss", 3, "")]]``."""
    wanted = _normalised_groups(groups)
    with transaction.atomic(), audited(actor):
        current = list(
            QualityRequirementGroup.objects.select_for_update()
            .filter(loket=loket)
            .prefetch_related("options")
            .order_by("position", "pk")
        )
        as_is = [
            [(o.system, o.min_level, o.line) for o in group.options.all()] for group in current
        ]
        if as_is == wanted:
            return current  # nothing changed: no audit entries
        for group in current:
            group.delete()  # one by one, so the audit trail records each
        saved = []
        for position, options in enumerate(wanted):
            group = QualityRequirementGroup.objects.create(loket=loket, position=position)
            for system, min_level, line in options:
                QualityRequirementOption.objects.create(
                    group=group, system=system, min_level=min_level, line=line
                )
            saved.append(group)
    return saved
