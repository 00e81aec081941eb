"""Database-level guards the ORM cannot express: a decision and its ranked options are never
changed once made, whoever writes (a service, the admin, a script, a second app server).

- Neither a decision nor an option is ever updated.
- No option is added to a decision after it was made: a decision stores how many options it
  was made with (``option_count``, itself never updated), and an option beyond that is refused.
- On PostgreSQL neither is deleted either. SQLite keeps no delete trigger because Django's
  test flush empties tables with DELETE (PostgreSQL's TRUNCATE fires no row triggers); there
  the models and their querysets refuse deletes (offerings.models).

They are dropped before every ``migrate`` and made again after it (the ``pre_migrate`` and
``post_migrate`` signals, see apps.py) rather than in one migration: SQLite rebuilds a table,
and drops its triggers, whenever a later migration alters it, and refuses to rebuild the
decisions' table while the options' trigger names it.
"""

from django.db import connections

DECISION = "offerings_decision"
OPTION = "offerings_decisionoption"
NEVER_UPDATED = (DECISION, OPTION)
MESSAGE = "decisions are never changed"
TRIGGERS = [(table, "never_change") for table in NEVER_UPDATED] + [(OPTION, "never_added")]

# An option is refused when its decision already has all the options it was made with.
# The table names are the constants above.
_OPTION_IS_EXTRA = (
    f"(SELECT COUNT(*) FROM {OPTION} WHERE decision_id = NEW.decision_id) >= "  # noqa: S608
    f"(SELECT option_count FROM {DECISION} WHERE id = NEW.decision_id)"
)


def ensure_decision_triggers(using: str = "default") -> None:
    connection = connections[using]
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            _sqlite(cursor)
        elif connection.vendor == "postgresql":
            _postgresql(cursor)


def _sqlite(cursor):
    for table in NEVER_UPDATED:
        cursor.execute(
            f"CREATE TRIGGER IF NOT EXISTS {table}_never_change BEFORE UPDATE ON {table} "
            f"BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END;"
        )
    cursor.execute(
        f"CREATE TRIGGER IF NOT EXISTS {OPTION}_never_added BEFORE INSERT ON {OPTION} "
        f"WHEN {_OPTION_IS_EXTRA} BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END;"
    )


def _postgresql(cursor):
    refuse = (
        f"RAISE EXCEPTION '{MESSAGE}' USING ERRCODE = 'restrict_violation'; "
        "RETURN NULL;"  # never reached; plpgsql wants a return
    )
    functions = {
        "never_change": f"BEGIN {refuse} END;",
        "never_added": f"BEGIN IF {_OPTION_IS_EXTRA} THEN {refuse} END IF; RETURN NEW; END;",
    }
    when = {"never_change": "BEFORE UPDATE OR DELETE", "never_added": "BEFORE INSERT"}
    for table, kind in TRIGGERS:
        name = f"{table}_{kind}"
        cursor.execute(
            f"CREATE OR REPLACE FUNCTION {name}() RETURNS trigger AS $$ {functions[kind]} $$ "
            "LANGUAGE plpgsql;"
        )
        cursor.execute(f"DROP TRIGGER IF EXISTS {name} ON {table};")
        cursor.execute(
            f"CREATE TRIGGER {name} {when[kind]} ON {table} FOR EACH ROW EXECUTE FUNCTION {name}();"
        )


def drop_decision_triggers(using: str = "default") -> None:
    connection = connections[using]
    with connection.cursor() as cursor:
        for table, kind in TRIGGERS:
            if connection.vendor == "sqlite":
                cursor.execute(f"DROP TRIGGER IF EXISTS {table}_{kind};")
            elif connection.vendor == "postgresql":
                cursor.execute(
                    "SELECT 1 FROM pg_class WHERE relname = %s AND relkind = 'r'", [table]
                )
                if cursor.fetchone():
                    cursor.execute(f"DROP TRIGGER IF EXISTS {table}_{kind} ON {table};")


def before_migrate(sender, using="default", **kwargs):
    drop_decision_triggers(using)


def after_migrate(sender, using="default", **kwargs):
    ensure_decision_triggers(using)
