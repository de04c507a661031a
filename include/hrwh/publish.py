"""Write–audit–publish: marts are built aside, checked, and only then published as views.

Each run's dbt build writes the mart tables into a schema of its own, `marts_build_<run id>`;
dbt's tests and the Great Expectations gate check that build, and the audit records its
fingerprint. Publishing points every `marts.<table>` view at the checked build with
`create or replace view`, in one transaction, after making sure the build is still exactly the
one that was checked. Until that commit BI and HR read the previous build through the same views;
afterwards the new one. Users build their own views on `marts`: replacing a view keeps every
view, materialized view and grant that depends on it, so a publish never destroys their work.

A view's columns can be added to at the end, not removed, renamed, retyped or reordered
(PostgreSQL's rule for `create or replace view`). When a contract column is removed or changed,
the view is dropped and created anew if nothing depends on it; if a user's view depends on it,
the publish stops with a plain message naming the view and the previous marts stay. The same
holds for a mart table that is no longer built.

The reading roles get USAGE on `marts` and SELECT on its views only, never on the build schemas:
a view reads its build with its owner's privileges.
"""

from __future__ import annotations

import hashlib

import psycopg
from psycopg import sql

from hrwh.catalog import BUILD_SCHEMA_PREFIX, MART_READERS, MARTS

PUBLISHED_SCHEMA = MARTS
READERS = MART_READERS
# Wait for running BI queries rather than fail; they finish on the previous build.
LOCK_TIMEOUT = "5min"


class PublishBlocked(Exception):
    """Publishing would destroy something users built on `marts`; nothing was published."""


def build_schema(run_id: int) -> str:
    """The schema a run's dbt build writes its mart tables to."""
    return f"{BUILD_SCHEMA_PREFIX}{run_id}"


def fingerprint(conn: psycopg.Connection, schema: str) -> str:
    """What identifies a build's exact tables: every rebuild or rewrite changes it."""
    rows = conn.execute(
        "select c.relname, c.oid::text, c.relfilenode::text from pg_class c "
        "join pg_namespace n on n.oid = c.relnamespace "
        "where n.nspname = %s and c.relkind in ('r', 'p') order by c.relname",
        (schema,),
    ).fetchall()
    if not rows:
        return ""
    return hashlib.sha256(repr(rows).encode()).hexdigest()


def publish_build(conn: psycopg.Connection, schema: str) -> list[str]:
    """Point `marts` at the build's tables in one transaction; return the views published.

    Runs on the caller's connection (the run's lock connection), so it cannot happen without
    the lock. Raises `PublishBlocked` when users' views stand in the way.
    """
    with conn.transaction():
        conn.execute(f"set local lock_timeout = '{LOCK_TIMEOUT}'")
        tables = _relations(conn, schema, ("r", "p"))
        if not tables:
            raise PublishBlocked(f"the build schema {schema} holds no tables")
        _ensure_published_schema(conn)
        published = _relations(conn, PUBLISHED_SCHEMA, ("v",))
        legacy = _relations(conn, PUBLISHED_SCHEMA, ("r", "p"))
        for table in sorted(set(legacy) & set(tables)):
            _drop_if_unused(conn, table, "table", "is a table from before views were published")
        for table in sorted(set(published) - set(tables)):
            if _points_at_a_build(conn, table):
                _drop_if_unused(conn, table, "view", "is no longer built")
        for table in tables:
            _point_view(conn, schema, table)
    return tables


def drop_unused_builds(conn: psycopg.Connection, keep: set[str]) -> list[str]:
    """Drop build schemas that no `marts` view reads and that are not in `keep`."""
    dropped = []
    for (schema,) in conn.execute(
        "select nspname from pg_namespace where nspname like %s order by 1",
        (BUILD_SCHEMA_PREFIX.replace("_", r"\_") + "%",),
    ).fetchall():
        if schema in keep or _read_from_outside(conn, schema):
            continue
        try:
            with conn.transaction():
                conn.execute(f"set local lock_timeout = '{LOCK_TIMEOUT}'")
                conn.execute(sql.SQL("drop schema {} cascade").format(sql.Identifier(schema)))
            dropped.append(schema)
        except psycopg.errors.LockNotAvailable:
            continue  # a reader still on it: the next run drops it
    return dropped


def _relations(conn: psycopg.Connection, schema: str, kinds: tuple[str, ...]) -> list[str]:
    rows = conn.execute(
        "select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace "
        "where n.nspname = %s and c.relkind = any(%s) and c.relname not like '%%\\_\\_dbt\\_%%' "
        "order by 1",
        (schema, list(kinds)),
    ).fetchall()
    return [r[0] for r in rows]


def _ensure_published_schema(conn: psycopg.Connection) -> None:
    conn.execute(f"create schema if not exists {PUBLISHED_SCHEMA}")
    conn.execute(f"revoke all on schema {PUBLISHED_SCHEMA} from public")
    conn.execute(f"grant usage on schema {PUBLISHED_SCHEMA} to {', '.join(READERS)}")


def _point_view(conn: psycopg.Connection, schema: str, table: str) -> None:
    view = sql.Identifier(PUBLISHED_SCHEMA, table)
    source = sql.Identifier(schema, table)
    create = sql.SQL("create or replace view {} as select * from {}").format(view, source)
    try:
        with conn.transaction():  # a savepoint: a refused replace leaves nothing behind
            conn.execute(create)
    except (psycopg.errors.InvalidTableDefinition, psycopg.errors.DatatypeMismatch) as exc:
        # the columns changed in a way a view cannot follow: only a view nobody uses is remade
        _drop_if_unused(conn, table, "view", f"changes its columns ({_first_line(exc)})")
        conn.execute(create)
    conn.execute(
        sql.SQL("grant select on {} to {}").format(
            view, sql.SQL(", ").join(sql.Identifier(r) for r in READERS)
        )
    )
    _copy_comments(conn, schema, table)


def _drop_if_unused(conn: psycopg.Connection, name: str, kind: str, why: str) -> None:
    users = _dependents(conn, PUBLISHED_SCHEMA, name)
    if users:
        raise PublishBlocked(
            f"marts.{name} {why}, and {', '.join(users)} depend(s) on it. Nothing was "
            f"published; the previous marts stay. Change or drop those views (or recreate them "
            f"after the publish), then run again."
        )
    conn.execute(
        sql.SQL("drop {} {}").format(sql.SQL(kind), sql.Identifier(PUBLISHED_SCHEMA, name))
    )


def _view_reads(conn: psycopg.Connection, schema: str) -> list[tuple[str, str, str, str]]:
    """(view's schema, view, schema read, relation read) for every view or materialized view
    that is in `schema` or reads a relation in it."""
    rows = conn.execute(
        """
        select distinct vn.nspname, v.relname, sn.nspname, src.relname
        from pg_depend d
        join pg_rewrite r on r.oid = d.objid
        join pg_class v on v.oid = r.ev_class
        join pg_namespace vn on vn.oid = v.relnamespace
        join pg_class src on src.oid = d.refobjid
        join pg_namespace sn on sn.oid = src.relnamespace
        where d.classid = 'pg_rewrite'::regclass
          and v.oid <> src.oid
          and %s in (vn.nspname, sn.nspname)
        order by 1, 2, 3, 4
        """,
        (schema,),
    ).fetchall()
    return [(a, b, c, d) for a, b, c, d in rows]


def _dependents(conn: psycopg.Connection, schema: str, name: str) -> list[str]:
    """Views and materialized views that read `schema.name`."""
    return [
        f"{vs}.{view}"
        for vs, view, rs, read in _view_reads(conn, schema)
        if (rs, read) == (schema, name)
    ]


def _points_at_a_build(conn: psycopg.Connection, view: str) -> bool:
    """Whether `marts.view` is one of ours (it reads a build schema), not a user's view."""
    return any(
        (vs, name) == (PUBLISHED_SCHEMA, view) and rs.startswith(BUILD_SCHEMA_PREFIX)
        for vs, name, rs, _ in _view_reads(conn, PUBLISHED_SCHEMA)
    )


def _read_from_outside(conn: psycopg.Connection, schema: str) -> bool:
    """Whether a view outside `schema` reads one of its relations."""
    return any(rs == schema and vs != schema for vs, _, rs, _ in _view_reads(conn, schema))


def _copy_comments(conn: psycopg.Connection, schema: str, table: str) -> None:
    """The build table's descriptions (dbt persist_docs) on the published view, for BI tools."""
    rows = conn.execute(
        """
        select a.attname, col_description(c.oid, a.attnum), obj_description(c.oid, 'pg_class')
        from pg_class c
        join pg_namespace n on n.oid = c.relnamespace
        join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
        where n.nspname = %s and c.relname = %s
        order by a.attnum
        """,
        (schema, table),
    ).fetchall()
    if not rows:
        return
    view = sql.Identifier(PUBLISHED_SCHEMA, table)
    conn.execute(sql.SQL("comment on view {} is {}").format(view, sql.Literal(rows[0][2])))
    for column, description, _ in rows:
        conn.execute(
            sql.SQL("comment on column {} is {}").format(
                sql.Identifier(PUBLISHED_SCHEMA, table, column), sql.Literal(description)
            )
        )


def _first_line(exc: Exception) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__
