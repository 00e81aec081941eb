"""The audit trail: django-auditlog records every create, update and delete of registered models.

Services wrap their writes in ``audited(actor)`` so that the entry names the acting user even
outside a web request (management commands, the API, background jobs). ``history_rows`` turns
entries into what a coordinator reads on a record's page.
"""

import re
from collections import defaultdict
from contextlib import contextmanager
from datetime import date, datetime

from auditlog.context import set_actor, set_extra_data
from auditlog.models import LogEntry
from django.core.exceptions import ValidationError
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from sportloket.core.dates import DAY, DAY_AND_TIME
from sportloket.core.money import euros

ACTION_LABELS = {
    LogEntry.Action.CREATE: _("created"),
    LogEntry.Action.UPDATE: _("changed"),
    LogEntry.Action.DELETE: _("deleted"),
    LogEntry.Action.ACCESS: _("viewed"),
}


@contextmanager
def audited(actor):
    if actor is None or not getattr(actor, "is_authenticated", False):
        yield
        return
    with set_actor(actor):
        yield


@contextmanager
def audited_by_provider(name: str):
    """Entries of a change an organisation's own contact person made on the provider's page
    (not a user of the desk): the history names them, marked as the provider."""
    with set_extra_data({"additional_data": {"by_provider": name}}):
        yield


def _actor_of(entry):
    if entry.actor is not None:
        return entry.actor
    by_provider = (entry.additional_data or {}).get("by_provider")
    if by_provider:
        return _("%(name)s (the provider)") % {"name": by_provider}
    return None


def _field(model, name):
    try:
        return model._meta.get_field(name)
    except Exception:  # noqa: BLE001 - a field removed since the entry was written
        return None


def _is_money(name):
    """Amounts are stored in whole cents, in fields named ``…_cents``."""
    return name.endswith("_cents")


# The unit in a money field's label ("amount (cents)", "bedrag (centen)"): a history shows the
# amount in euros, so the label goes without it.
_UNIT = re.compile(r"\s*\([^()]*\)\s*$")


def _label(field, name):
    """What a history calls a field: its verbose name, for an amount without the unit."""
    if field is None:
        return name
    if _is_money(name):
        return _UNIT.sub("", str(field.verbose_name))
    return field.verbose_name


def _is_foreign_key(field):
    return field is not None and (field.many_to_one or field.one_to_one) and field.concrete


def _as_text(field, value, related):
    """One stored value as people read it; a value it cannot read is shown as it was stored."""
    try:
        return _readable(field, value, related)
    except (TypeError, ValueError, OverflowError, LookupError):
        return str(value)


def _readable(field, value, related):
    """One stored value as people read it (choices, yes/no, dates, related records)."""
    if value in (None, "None", ""):
        return ""
    if field is None:
        return str(value)
    if _is_money(field.name) and field.get_internal_type().endswith("IntegerField"):
        return euros(int(value))
    if _is_foreign_key(field):
        return str(related.get((field.related_model, str(value)), value))
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    internal = field.get_internal_type()
    if internal == "BooleanField":
        return str(_("yes") if str(value) == "True" else _("no"))
    try:
        if internal == "DateField":
            return formats.date_format(date.fromisoformat(str(value)), DAY)
        if internal == "DateTimeField":
            moment = datetime.fromisoformat(str(value))
            if timezone.is_aware(moment):
                moment = timezone.localtime(moment)
            return formats.date_format(moment, DAY_AND_TIME)
    except ValueError:
        return str(value)
    return str(value)


# The widest integer key either database holds; a stored value beyond it names no record.
_KEY_RANGE = range(-(2**63), 2**63)


def _primary_key(pk_field, value):
    """The stored value as a key of ``pk_field``, or None when it cannot be one (an entry
    written with a name instead of an id, or a number no database column can hold)."""
    if value in (None, "None", ""):
        return None
    try:
        key = pk_field.to_python(value)
    except (TypeError, ValueError, ValidationError):
        return None
    if isinstance(key, int) and key not in _KEY_RANGE:
        return None
    return key


def _related_values(entries):
    """Every related record the entries mention, fetched with one query per model."""
    wanted = defaultdict(set)
    for entry in entries:
        model = entry.content_type.model_class()
        for name, values in (entry.changes_dict or {}).items():
            field = _field(model, name) if model else None
            if _is_foreign_key(field) and isinstance(values, list):
                pk_field = field.related_model._meta.pk
                wanted[field.related_model].update(
                    key for v in values if (key := _primary_key(pk_field, v)) is not None
                )
    found = {}
    for model, pks in wanted.items():
        for obj in model._default_manager.filter(pk__in=pks):
            found[(model, str(obj.pk))] = obj
    return found


def history_rows(entries):
    """Readable rows for audit entries: who, when, what, and each field's old and new value.

    Built from the stored changes with a fixed number of queries, whatever the entries hold.
    """
    entries = list(entries)
    related = _related_values(entries)
    rows = []
    for entry in entries:
        model = entry.content_type.model_class()
        changes = []
        for name, values in (entry.changes_dict or {}).items():
            field = _field(model, name) if model else None
            label = _label(field, name)
            if isinstance(values, dict):  # a many-to-many change
                objects = ", ".join(str(o) for o in values.get("objects", []))
                operation = values.get("operation")
                changes.append(
                    {
                        "label": label,
                        "added": objects if operation == "add" else "",
                        "removed": objects if operation in ("delete", "clear") else "",
                    }
                )
                continue
            old, new = [*values, "", ""][:2] if isinstance(values, list) else ("", values)
            changes.append(
                {
                    "label": label,
                    "old": _as_text(field, old, related),
                    "new": _as_text(field, new, related),
                }
            )
        rows.append(
            {
                "timestamp": entry.timestamp,
                "actor": _actor_of(entry),
                "action": ACTION_LABELS.get(entry.action, entry.get_action_display()),
                "is_create": entry.action == LogEntry.Action.CREATE,
                "changes": changes,
            }
        )
    return rows
