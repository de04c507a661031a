"""Write–audit–publish: marts are built aside, checked, and only then swapped in.

dbt builds the mart tables into the schema `marts_build` (dbt var `hrwh_marts_schema`); dbt's
own tests and the Great Expectations gate check that build; publishing renames it to `marts` in
one transaction. Until that commit BI and HR keep reading the previous `marts`, unchanged, and
a build that fails any check is never seen by them. The reading roles get no access to the build
schema: they get `marts` at the moment it becomes the published one.
"""

from __future__ import annotations

import psycopg

BUILD_SCHEMA = "marts_build"
PUBLISHED_SCHEMA = "marts"
READERS = ("bi_reader", "hr_analyst")


def swap_in_build(conn: psycopg.Connection) -> bool:
    """Make the checked build the published marts, atomically; False if there is no build
    (it was published already: publishing twice changes nothing)."""
    with conn.transaction():
        exists = conn.execute(
            "select 1 from pg_namespace where nspname = %s", (BUILD_SCHEMA,)
        ).fetchone()
        if exists is None:
            return False
        # Wait for running BI queries rather than fail; they finish on the old marts.
        conn.execute("set local lock_timeout = '5min'")
        conn.execute(f"drop schema if exists {PUBLISHED_SCHEMA} cascade")
        conn.execute(f"alter schema {BUILD_SCHEMA} rename to {PUBLISHED_SCHEMA}")
        conn.execute(f"revoke all on schema {PUBLISHED_SCHEMA} from public")
        conn.execute(f"grant usage on schema {PUBLISHED_SCHEMA} to {', '.join(READERS)}")
    return True
