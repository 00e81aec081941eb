"""The audit trail: django-auditlog records every create, update and delete of registered models.

Services wrap their writes in ``audited(actor)`` so that the entry names the acting user even
outside a web request (management commands, the API, background jobs). ``history_rows`` turns
entries into what a coordinator reads on a record's page.
"""

from contextlib import contextmanager

from auditlog.context import set_actor
from auditlog.models import LogEntry
from django.utils.translation import gettext_lazy as _

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


def _field_label(model, name):
    try:
        return str(model._meta.get_field(name).verbose_name)
    except Exception:  # noqa: BLE001 - a field removed since the entry was written
        return name


def history_rows(entries):
    """Readable rows for audit entries: who, when, what, and each field's old and new value."""
    rows = []
    for entry in entries:
        model = entry.content_type.model_class()
        raw = entry.changes_dict or {}
        m2m = {name: value for name, value in raw.items() if isinstance(value, dict)}
        m2m_labels = {_field_label(model, name) for name in m2m}
        changes = []
        for label, values in entry.changes_display_dict.items():
            if str(label) in m2m_labels:
                continue
            old, new = [*values, "", ""][:2] if isinstance(values, list) else ("", values)
            changes.append(
                {
                    "label": label,
                    "old": "" if old == "None" else old,
                    "new": "" if new == "None" else new,
                }
            )
        for name, value in m2m.items():
            objects = ", ".join(str(o) for o in value.get("objects", []))
            operation = value.get("operation")
            changes.append(
                {
                    "label": _field_label(model, name),
                    "added": objects if operation == "add" else "",
                    "removed": objects if operation in ("delete", "clear") else "",
                }
            )
        rows.append(
            {
                "timestamp": entry.timestamp,
                "actor": entry.actor,
                "action": ACTION_LABELS.get(entry.action, entry.get_action_display()),
                "is_create": entry.action == LogEntry.Action.CREATE,
                "changes": changes,
            }
        )
    return rows
