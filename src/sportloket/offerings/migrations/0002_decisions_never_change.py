"""Decisions are never edited: the database itself refuses an UPDATE of a decision or of its
ranked options, whoever writes (a service, the admin, a script). Superseding adds a new row."""

from django.db import migrations

TABLES = ["offerings_decision", "offerings_decisionoption"]


def create_triggers(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for table in TABLES:
        if vendor == "sqlite":
            schema_editor.execute(
                f"CREATE TRIGGER {table}_never_change BEFORE UPDATE ON {table} "
                "BEGIN SELECT RAISE(ABORT, 'decisions are never changed'); END;"
            )
        elif vendor == "postgresql":
            schema_editor.execute(
                f"CREATE OR REPLACE FUNCTION {table}_never_change() RETURNS trigger AS $$ "
                "BEGIN RAISE EXCEPTION 'decisions are never changed'; END; $$ LANGUAGE plpgsql;"
            )
            schema_editor.execute(
                f"CREATE TRIGGER {table}_never_change BEFORE UPDATE ON {table} "
                f"FOR EACH ROW EXECUTE FUNCTION {table}_never_change();"
            )


def drop_triggers(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for table in TABLES:
        if vendor == "sqlite":
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_never_change;")
        elif vendor == "postgresql":
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_never_change ON {table};")
            schema_editor.execute(f"DROP FUNCTION IF EXISTS {table}_never_change();")


class Migration(migrations.Migration):
    dependencies = [("offerings", "0001_initial")]

    operations = [migrations.RunPython(create_triggers, drop_triggers)]
