"""The inbox's search on SQLite: every word is looked for in the question, the names and the
e-mail address of each of the desk's questions. Read from the table, that is a page of the file
per question, scattered over all desks' questions (the count of a search took 20 ms for a desk
of 10,000 questions); read from an index of the desk and the state (the inbox searches the
open ones by default), the organisation (so that the register's names are looked up in
order) and those columns, it took 5 ms. Only on SQLite:
PostgreSQL refuses a B-tree entry over about 2,700 bytes, which a long question passes, and
reads the desk's rows fast enough itself."""

from django.db import migrations

COLUMNS = (
    "loket_id, state, organisation_id, question, organisation_name, contact_name, contact_email"
)


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(
            "CREATE INDEX IF NOT EXISTS helprequests_search"
            f" ON helprequests_helprequest ({COLUMNS})"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute("DROP INDEX IF EXISTS helprequests_search")


class Migration(migrations.Migration):
    dependencies = [("helprequests", "0014_month_and_message_indexes")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
