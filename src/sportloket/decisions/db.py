"""Database-level guards the ORM cannot express: a decision and its ranked options are never
changed once made, whoever writes (a service, the admin, a script, a second app server).

- Neither a decision nor an option is ever updated.
- No option is added to a decision after it was made: a decision stores how many options it
  was made with (``option_count``, itself never updated), and an option beyond that is refused.
- On PostgreSQL neither is deleted either. SQLite keeps no delete trigger because Django's
  test flush empties tables with DELETE (PostgreSQL's TRUNCATE fires no row triggers); there
  the models and their querysets refuse deletes (offerings.models).

They are made again after every ``migrate`` (the ``post_migrate`` signal, see apps.py) rather
than in one migration, because SQLite rebuilds a table, and drops its triggers, whenever a
later migration alters it; on SQLite they are also dropped before (``pre_migrate``), because
it refuses to rebuild the decisions' table while the options' trigger names it. A migrate
that fails on SQLite leaves them off until the next one succeeds.
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
        tables = set(connection.introspection.table_names(cursor))
        if not {DECISION, OPTION} <= tables:
            return  # migrated back before the decisions existed
        columns = {c.name for c in connection.introspection.get_table_description(cursor, DECISION)}
        # Migrated back before option_count: without it the options' trigger cannot count.
        kinds = {kind for _table, kind in TRIGGERS} - (
            set() if "option_count" in columns else {"never_added"}
        )
        if connection.vendor == "sqlite":
            _sqlite(cursor, kinds)
        elif connection.vendor == "postgresql":
            _postgresql(cursor, kinds)


def _sqlite(cursor, kinds):
    for table in NEVER_UPDATED:
        cursor.execute(
            f"CREATE TRIGGER IF NOT EXISTS {table}_never_change BEFORE UPDATE ON {table} "
            f"BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END;"
        )
    if "never_added" not in kinds:
        return
    cursor.execute(
        f"CREATE TRIGGER IF NOT EXISTS {OPTION}_never_added BEFORE INSERT ON {OPTION} "
        f"WHEN {_OPTION_IS_EXTRA} BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END;"
    )


def _postgresql(cursor, kinds):
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
        if kind not in kinds:
            continue
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
    """SQLite only: PostgreSQL alters a table in place, keeps its triggers and names other
    tables only when a trigger runs, so there they stay on through a migration (also one
    that fails)."""
    connection = connections[using]
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        for table, kind in TRIGGERS:
            cursor.execute(f"DROP TRIGGER IF EXISTS {table}_{kind};")


def before_migrate(sender, using="default", **kwargs):
    drop_decision_triggers(using)


def after_migrate(sender, using="default", **kwargs):
    ensure_decision_triggers(using)
