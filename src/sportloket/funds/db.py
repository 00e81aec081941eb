"""Database-level guards the ORM cannot express: whoever writes an allocation (a service, the
admin, a script, a second app server, a raw INSERT), the fund's committing allocations never
add up to more than its amount, and a fund's amount is never cut below what they hold.

The services keep ``committed_cents`` on the fund and the fund's CHECK constraint holds that
counter within the amount; these triggers check the allocations themselves, so that an
allocation written past the services (which leaves the counter as it was) is refused too.
What an allocation holds is what ``Allocation.committed_cents`` and the services count: the
amount while proposed or approved, what was really paid once paid, nothing when rejected or
cancelled.

On PostgreSQL the trigger locks the fund's row (SELECT ... FOR UPDATE) before it adds up, so
two writers of the same fund take turns and the second one counts the first one's allocation;
it runs BEFORE the row is written, so that it takes the lock before the foreign key's check
takes its share lock on the same row (a later upgrade from a share lock could deadlock two
such writers). SQLite serialises writers anyway (IMMEDIATE transactions).

Like the decisions' triggers (decisions.db) they are made again after every ``migrate`` (the
``post_migrate`` signal, see apps.py) rather than in a migration, because SQLite rebuilds a
table, and drops its triggers, whenever a later migration alters it; on SQLite they are also
dropped before (``pre_migrate``): it refuses to rebuild a table another table's trigger names.
"""

from django.db import connections

from sportloket.funds.constants import COMMITTING_STATES, AllocationState

# Every piece of SQL below is made of this module's constants (no input), hence the few
# ``noqa: S608``.

ALLOCATIONS = "funds_allocation"
FUNDS = "funds_fund"
MESSAGE = "a fund never commits more than its amount"
TRIGGER = "funds_allocation_within_fund"
AMOUNT_TRIGGER = "funds_fund_amount_covers_allocations"

_STATES = ", ".join(f"'{state}'" for state in sorted(COMMITTING_STATES))
_PAID = f"'{AllocationState.PAID}'"


def _holds(row=""):
    """What one allocation holds of its fund, as SQL (``row``: "NEW." or "OLD." or "")."""
    return (
        f"CASE WHEN {row}state = {_PAID} THEN COALESCE({row}paid_cents, 0) "
        f"WHEN {row}state IN ({_STATES}) THEN {row}amount_cents ELSE 0 END"
    )


def _others_hold(fund, exclude=None):
    """What the fund's committing allocations (but ``exclude``, the row being updated) hold
    together, as SQL."""
    other = f" AND id <> {exclude}" if exclude else ""
    return (
        f"(SELECT COALESCE(SUM({_holds()}), 0) FROM {ALLOCATIONS} "  # noqa: S608 - constants
        f"WHERE fund_id = {fund} AND state IN ({_STATES}){other})"
    )


# Only a write that may hold more than before is checked: a new committing allocation, one
# that becomes committing, moves to another fund or holds more. Releasing or paying less
# never is, so money always goes back even to a fund whose data was already wrong.
_INSERT_WHEN = f"NEW.state IN ({_STATES})"
_UPDATE_WHEN = (
    f"NEW.state IN ({_STATES}) AND (NEW.fund_id <> OLD.fund_id OR ({_holds('NEW.')}) > "
    f"({_holds('OLD.')}))"
)
_CUT_WHEN = "NEW.amount_cents < OLD.amount_cents"


def _over_amount(exclude):
    return (
        f"{_others_hold('NEW.fund_id', exclude)} + ({_holds('NEW.')}) > "  # noqa: S608
        f"(SELECT amount_cents FROM {FUNDS} WHERE id = NEW.fund_id)"
    )


def _sqlite(cursor):
    # Dropped and made again, so that a changed definition reaches existing databases.
    for event, when, exclude in (
        ("INSERT", _INSERT_WHEN, None),  # the new row is not in the table yet
        ("UPDATE", _UPDATE_WHEN, "OLD.id"),
    ):
        name = f"{TRIGGER}_{event.lower()}"
        cursor.execute(f"DROP TRIGGER IF EXISTS {name};")
        cursor.execute(
            f"CREATE TRIGGER {name} BEFORE {event} ON {ALLOCATIONS} FOR EACH ROW WHEN {when} "
            f"BEGIN SELECT RAISE(ABORT, '{MESSAGE}') WHERE {_over_amount(exclude)}; END;"
        )
    cursor.execute(f"DROP TRIGGER IF EXISTS {AMOUNT_TRIGGER};")
    cursor.execute(
        f"CREATE TRIGGER {AMOUNT_TRIGGER} BEFORE UPDATE OF amount_cents ON {FUNDS} "
        f"FOR EACH ROW WHEN {_CUT_WHEN} BEGIN SELECT RAISE(ABORT, '{MESSAGE}') "
        f"WHERE {_others_hold('NEW.id')} > NEW.amount_cents; END;"
    )


def _postgresql(cursor):
    refuse = f"RAISE EXCEPTION '{MESSAGE}' USING ERRCODE = 'check_violation'; "
    cursor.execute(
        f"CREATE OR REPLACE FUNCTION {TRIGGER}() RETURNS trigger AS $$ "  # noqa: S608
        "DECLARE fund_amount bigint; others numeric; "
        "BEGIN "
        # The fund's row first: a second writer of this fund waits here until the first one
        # has finished, then counts what it wrote.
        f"SELECT amount_cents INTO fund_amount FROM {FUNDS} WHERE id = NEW.fund_id FOR UPDATE; "
        "IF TG_OP = 'UPDATE' THEN "
        f"others := {_others_hold('NEW.fund_id', 'OLD.id')}; "
        f"ELSE others := {_others_hold('NEW.fund_id')}; "
        "END IF; "
        f"IF others + ({_holds('NEW.')}) > fund_amount THEN {refuse}END IF; "
        "RETURN NEW; "
        "END; $$ LANGUAGE plpgsql;"
    )
    cursor.execute(
        f"CREATE OR REPLACE FUNCTION {AMOUNT_TRIGGER}() RETURNS trigger AS $$ "
        f"BEGIN IF {_others_hold('NEW.id')} > NEW.amount_cents THEN {refuse}END IF; "
        "RETURN NEW; END; $$ LANGUAGE plpgsql;"
    )
    for event, when in (("INSERT", _INSERT_WHEN), ("UPDATE", _UPDATE_WHEN)):
        name = f"{TRIGGER}_{event.lower()}"
        cursor.execute(f"DROP TRIGGER IF EXISTS {name} ON {ALLOCATIONS};")
        cursor.execute(
            f"CREATE TRIGGER {name} BEFORE {event} ON {ALLOCATIONS} FOR EACH ROW "
            f"WHEN ({when}) EXECUTE FUNCTION {TRIGGER}();"
        )
    cursor.execute(f"DROP TRIGGER IF EXISTS {AMOUNT_TRIGGER} ON {FUNDS};")
    cursor.execute(
        f"CREATE TRIGGER {AMOUNT_TRIGGER} BEFORE UPDATE OF amount_cents ON {FUNDS} "
        f"FOR EACH ROW WHEN ({_CUT_WHEN}) EXECUTE FUNCTION {AMOUNT_TRIGGER}();"
    )


def ensure_allocation_triggers(using: str = "default") -> None:
    connection = connections[using]
    if not {ALLOCATIONS, FUNDS} <= set(connection.introspection.table_names()):
        return  # migrated back before the funds existed
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            _sqlite(cursor)
        elif connection.vendor == "postgresql":
            _postgresql(cursor)


def drop_allocation_triggers(using: str = "default") -> None:
    """SQLite only (see decisions.db): PostgreSQL keeps them on through a migration."""
    connection = connections[using]
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        for name in (f"{TRIGGER}_insert", f"{TRIGGER}_update", AMOUNT_TRIGGER):
            cursor.execute(f"DROP TRIGGER IF EXISTS {name};")


def before_migrate(sender, using="default", **kwargs):
    drop_allocation_triggers(using)


def after_migrate(sender, using="default", **kwargs):
    ensure_allocation_triggers(using)
