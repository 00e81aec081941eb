"""A cooperation's life: recorded with its parties, changed, its parties added and removed,
moved through its statuses with history, and linked to the desk's questions, meetings and
decisions. Every party comes from the desk's register, every link from the desk's own records."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sportloket.cooperation import workflow
from sportloket.cooperation.constants import CooperationKind, CooperationStatus
from sportloket.cooperation.models import Cooperation, CooperationParty, StatusChange
from sportloket.core.audit import audited
from sportloket.core.services import model_update
from sportloket.registry.models import Organisation

FIELDS = ("title", "kind", "goal", "start_on")


def _field_errors(fields: dict) -> dict:
    errors = {}
    if not (fields.get("title") or "").strip():
        errors["title"] = _("Give the cooperation a title.")
    if fields.get("kind") not in CooperationKind.values:
        errors["kind"] = _("Choose the kind of cooperation.")
    if not (fields.get("goal") or "").strip():
        errors["goal"] = _("Say what the parties want to achieve together.")
    return errors


def _check_register(loket, organisations) -> None:
    ids = {o.pk for o in organisations}
    found = (
        Organisation.objects.for_desk(loket).filter(pk__in=ids, merged_into__isnull=True).count()
    )
    if found != len(ids):
        raise ValidationError({"parties": _("Choose parties from the register of this desk.")})


def _check_desk_records(loket, *, themes=(), supporters=()) -> dict:
    errors = {}
    if any(theme.loket_id != loket.pk for theme in themes):
        errors["themes"] = _("Choose themes of this desk.")
    if any(m.loket_id != loket.pk or not m.is_active for m in supporters):
        errors["supporters"] = _("Choose supporters of this desk.")
    return errors


def cooperation_create(
    *, loket, actor, parties, themes=(), supporters=(), status=CooperationStatus.IDEA, **fields
) -> Cooperation:
    """Records a cooperation of ``parties`` (organisations, or (organisation, role) pairs) of
    the desk's register: at least two, or one with the desk's own initiative still to find
    the others is an idea, not a cooperation."""
    unknown = set(fields) - set(FIELDS)
    if unknown:
        raise ValueError(f"Not a cooperation field: {sorted(unknown)}")
    pairs = [p if isinstance(p, tuple) else (p, "") for p in parties]
    themes, supporters = list(themes), list(supporters)
    errors = _field_errors(fields) | _check_desk_records(
        loket, themes=themes, supporters=supporters
    )
    if len({o.pk for o, _role in pairs}) < 2:
        errors["parties"] = _("A cooperation has at least two parties.")
    if status == CooperationStatus.ENDED or status not in CooperationStatus.values:
        errors["status"] = _("A new cooperation is an idea, in preparation or running.")
    if errors:
        raise ValidationError(errors)
    _check_register(loket, [o for o, _role in pairs])
    with transaction.atomic(), audited(actor):
        cooperation = Cooperation.objects.create(
            loket=loket,
            created_by=actor,
            status=status,
            title=fields["title"].strip(),
            kind=fields["kind"],
            goal=fields["goal"].strip(),
            start_on=fields.get("start_on"),
        )
        seen = set()
        CooperationParty.objects.bulk_create(
            CooperationParty(cooperation=cooperation, organisation=o, role=role.strip())
            for o, role in pairs
            if not (o.pk in seen or seen.add(o.pk))
        )
        cooperation.themes.set(themes)
        cooperation.supporters.set(supporters)
        StatusChange.objects.create(cooperation=cooperation, to_status=status, actor=actor)
    return cooperation


def cooperation_update(*, cooperation, actor, themes=None, supporters=None, **fields):
    errors = _field_errors({**{f: getattr(cooperation, f) for f in FIELDS}, **fields})
    errors |= _check_desk_records(
        cooperation.loket, themes=themes or (), supporters=supporters or ()
    )
    if errors:
        raise ValidationError(errors)
    with transaction.atomic(), audited(actor):
        model_update(cooperation, fields, allowed=FIELDS)
        cooperation.save()
        if themes is not None:
            cooperation.themes.set(themes)
        if supporters is not None:
            cooperation.supporters.set(supporters)
    return cooperation


def party_add(*, cooperation, actor, organisation, role: str = "") -> CooperationParty:
    _check_register(cooperation.loket, [organisation])
    if cooperation.parties.filter(organisation=organisation).exists():
        raise ValidationError({"organisation": _("This organisation takes part already.")})
    with transaction.atomic(), audited(actor):
        party = CooperationParty.objects.create(
            cooperation=cooperation, organisation=organisation, role=role.strip()
        )
        Cooperation.objects.filter(pk=cooperation.pk).update(updated_at=timezone.now())
    return party


def party_remove(*, party, actor) -> None:
    if party.cooperation.parties.count() <= 2:
        raise ValidationError(_("A cooperation keeps at least two parties."))
    with transaction.atomic(), audited(actor):
        party.delete()


def status_change(*, cooperation, actor, to_status: str, outcome: str = "", note: str = ""):
    """Moves the cooperation to ``to_status`` (the workflow's table decides), with the outcome
    when it ends and a reason when it is taken up again; the history keeps every move."""
    with transaction.atomic(), audited(actor):
        locked = Cooperation.objects.select_for_update().get(pk=cooperation.pk)
        workflow.check_transition(locked.status, to_status, outcome=outcome, note=note)
        from_status = locked.status
        locked.status = to_status
        if outcome.strip():
            locked.outcome = outcome.strip()
        if to_status == CooperationStatus.RUNNING and locked.start_on is None:
            locked.start_on = timezone.localdate()
        locked.save()
        StatusChange.objects.create(
            cooperation=locked,
            from_status=from_status,
            to_status=to_status,
            note=note.strip(),
            actor=actor,
        )
    return locked


def links_set(*, cooperation, actor, help_requests=(), meetings=(), decisions=()):
    """The questions, meetings and decisions of the desk the cooperation grew from or led to."""
    loket_id = cooperation.loket_id
    help_requests, meetings, decisions = list(help_requests), list(meetings), list(decisions)
    errors = {}
    if any(r.loket_id != loket_id for r in help_requests):
        errors["help_requests"] = _("Choose questions of this desk.")
    if any(m.loket_id != loket_id for m in meetings):
        errors["meetings"] = _("Choose meetings of this desk.")
    if any(d.loket_id != loket_id for d in decisions):
        errors["decisions"] = _("Choose decisions of this desk.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic(), audited(actor):
        cooperation.help_requests.set(help_requests)
        cooperation.meetings.set(meetings)
        cooperation.decisions.set(decisions)
        Cooperation.objects.filter(pk=cooperation.pk).update(updated_at=timezone.now())
    return cooperation
