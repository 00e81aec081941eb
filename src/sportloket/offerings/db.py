"""Database-level guards the ORM cannot express: decisions and their ranked options are never
updated, whoever writes (a service, the admin, a script, a second app server).

They are (re)made after every ``migrate`` (the ``post_migrate`` signal, see apps.py) rather than
in one migration, because SQLite rebuilds a table, and drops its triggers, whenever a later
migration alters it.
"""

from django.db import connections

NEVER_UPDATED = ("offerings_decision", "offerings_decisionoption")
MESSAGE = "decisions are never changed"


def ensure_decision_triggers(using: str = "default") -> None:
    connection = connections[using]
    with connection.cursor() as cursor:
        for table in NEVER_UPDATED:
            trigger = f"{table}_never_change"
            if connection.vendor == "sqlite":
                cursor.execute(
                    f"CREATE TRIGGER IF NOT EXISTS {trigger} BEFORE UPDATE ON {table} "
                    f"BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END;"
                )
            elif connection.vendor == "postgresql":
                cursor.execute(
                    f"CREATE OR REPLACE FUNCTION {trigger}() RETURNS trigger AS $$ "
                    f"BEGIN RAISE EXCEPTION '{MESSAGE}' USING ERRCODE = 'restrict_violation'; "
                    "END; $$ LANGUAGE plpgsql;"
                )
                cursor.execute(f"DROP TRIGGER IF EXISTS {trigger} ON {table};")
                cursor.execute(
                    f"CREATE TRIGGER {trigger} BEFORE UPDATE ON {table} "
                    f"FOR EACH ROW EXECUTE FUNCTION {trigger}();"
                )


def after_migrate(sender, using="default", **kwargs):
    ensure_decision_triggers(using)
