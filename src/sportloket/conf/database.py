"""Database options shared by the settings and the tests that check them."""


def sqlite_options() -> dict:
    # IMMEDIATE takes the write lock when a transaction starts, so concurrent writers queue on
    # the busy timeout instead of failing with "database is locked" when a read lock would have
    # to be upgraded. WAL lets readers go on while one writer writes.
    return {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": (
            "PRAGMA journal_mode=WAL;"
            "PRAGMA synchronous=NORMAL;"
            "PRAGMA foreign_keys=ON;"
            "PRAGMA busy_timeout=20000;"
        ),
    }


def postgresql_options() -> dict:
    # No JIT compilation: the planner's cost estimates for the lists with correlated subqueries
    # (work list, coverage, matching) land above jit_above_cost, and compiling then takes
    # longer than the query itself (matching: 49 ms without, 68-78 ms with; the work list on
    # 2,000,000 contact moments: over a second more). A web application's short queries do not
    # gain from it.
    return {"options": "-c jit=off"}
