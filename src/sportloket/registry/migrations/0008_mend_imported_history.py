"""Imports before this migration wrote an organisation's municipality into the audit log by its
name ("Houten"), where django-auditlog writes an id; the history view failed on them. This
rewrites each such name as the municipality's id (names of the 342 municipalities are unique)."""

from django.db import migrations

BATCH = 500


def names_to_ids(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    LogEntry = apps.get_model("auditlog", "LogEntry")
    Municipality = apps.get_model("registry", "Municipality")
    content_type = ContentType.objects.filter(app_label="registry", model="organisation").first()
    if content_type is None:
        return
    ids = {}
    for pk, name in Municipality.objects.values_list("pk", "name"):
        ids.setdefault(name, []).append(pk)
    mended = []
    entries = LogEntry.objects.filter(content_type=content_type).only("pk", "changes")
    for entry in entries.iterator(chunk_size=BATCH):
        changes = entry.changes
        values = changes.get("municipality") if isinstance(changes, dict) else None
        if not isinstance(values, list):
            continue
        fixed = [_as_id(value, ids) for value in values]
        if fixed != values:
            changes["municipality"] = fixed
            mended.append(entry)
        if len(mended) >= BATCH:
            LogEntry.objects.bulk_update(mended, ["changes"])
            mended = []
    LogEntry.objects.bulk_update(mended, ["changes"])


def _as_id(value, ids):
    if not isinstance(value, str) or value in ("", "None") or value.isdigit():
        return value
    found = ids.get(value, [])
    return str(found[0]) if len(found) == 1 else value


class Migration(migrations.Migration):
    dependencies = [
        ("registry", "0007_person_role_desk"),
        ("auditlog", "0015_alter_logentry_changes"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(names_to_ids, migrations.RunPython.noop)]
