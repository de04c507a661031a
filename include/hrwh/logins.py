"""Logins for people and tools: a member of one reading role, with a password shown once.

The project's three roles (hrwh.catalog) are NOLOGIN groups; whoever reads the warehouse gets a
login of their own in one of them: a BI tool or analyst in `bi_reader` (the marts), an HR
analyst in `hr_analyst`, a unit manager in `unit_manager` together with the units they manage
(`restricted.unit_manager_units`, which the row-level security of the unit-level survey tables
reads). The password is generated, returned once for the caller to show, and stored by
PostgreSQL as a SCRAM hash only.
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

import psycopg
from psycopg import sql

from hrwh.catalog import READER_ROLES, UNIT_MANAGER
from hrwh.database import EMBEDDED_DB, EMBEDDED_HOST
from hrwh.settings import ConfigError, Settings

_LOGIN_NAME = re.compile(r"^[a-z][a-z0-9_]{1,62}$")
PASSWORD_BYTES = 18


@dataclass(frozen=True)
class Endpoint:
    """Where a login connects: what a BI tool asks for."""

    host: str
    port: int
    database: str

    def url(self, login: str) -> str:
        return f"postgresql://{login}@{self.host}:{self.port}/{self.database}"


def endpoint(settings: Settings, owner_url: str) -> Endpoint:
    """The TCP endpoint of the warehouse: the embedded server's port on this machine, or the
    host and port of HRWH_DATABASE_URL."""
    if settings.database_url is None:
        return Endpoint(EMBEDDED_HOST, settings.embedded_port, EMBEDDED_DB)
    parts = urlsplit(owner_url)
    return Endpoint(
        parts.hostname or "localhost", parts.port or 5432, unquote(parts.path.lstrip("/"))
    )


def create_login(
    conn: psycopg.Connection, name: str, role: str, units: list[tuple[str, str]]
) -> str:
    """Create login `name` in `role` (with its units for a unit manager); return its password."""
    _check(name, role, units)
    password = secrets.token_urlsafe(PASSWORD_BYTES)
    with conn.transaction():
        taken = conn.execute("select 1 from pg_roles where rolname = %s", (name,)).fetchone()
        if taken:
            raise ConfigError(f"A role named {name} exists already: choose another login name.")
        _ensure_group(conn, role)
        conn.execute(
            sql.SQL("create role {} login password {} in role {}").format(
                sql.Identifier(name), sql.Literal(password), sql.Identifier(role)
            )
        )
        for administration, unit in units:
            conn.execute(
                "insert into restricted.unit_manager_units (login, administration, unit) "
                "values (%s, %s, %s) on conflict do nothing",
                (name, administration, unit),
            )
    return password


def drop_login(conn: psycopg.Connection, name: str) -> None:
    """Remove a login made by create_login, with its units."""
    with conn.transaction():
        if _group_of(conn, name) is None:
            raise ConfigError(f"{name} is not a login of the warehouse's reading roles.")
        conn.execute("delete from restricted.unit_manager_units where login = %s", (name,))
        conn.execute(sql.SQL("drop owned by {}").format(sql.Identifier(name)))
        conn.execute(sql.SQL("drop role {}").format(sql.Identifier(name)))


def list_logins(conn: psycopg.Connection) -> list[tuple[str, str, list[str]]]:
    """(login, role, units) of every login in a reading role."""
    rows = conn.execute(
        """
        select member.rolname, grp.rolname,
               coalesce(array_agg(u.administration || '/' || u.unit order by u.administration,
                                  u.unit) filter (where u.unit is not null), '{}')
        from pg_auth_members m
        join pg_roles member on member.oid = m.member and member.rolcanlogin
        join pg_roles grp on grp.oid = m.roleid
        left join restricted.unit_manager_units u on u.login = member.rolname
        where grp.rolname = any(%s)
        group by member.rolname, grp.rolname
        order by 1
        """,
        (list(READER_ROLES),),
    ).fetchall()
    return [(login, role, list(units)) for login, role, units in rows]


def parse_unit(text: str) -> tuple[str, str]:
    """`Bromma/Enheten för barn och unga` -> ("Bromma", "Enheten för barn och unga")."""
    administration, _, unit = text.partition("/")
    if not administration.strip() or not unit.strip():
        raise ConfigError(
            f"--unit takes ADMINISTRATION/UNIT, e.g. 'Bromma/Enheten för barn och unga', "
            f"not {text!r}."
        )
    return administration.strip(), unit.strip()


def pbids(point: Endpoint) -> dict:
    """A Power BI data source file (.pbids): PostgreSQL, server and database. Power BI then asks
    for the login and password and lists the schemas the login may read: `marts`."""
    return {
        "version": "0.1",
        "connections": [
            {
                "details": {
                    "protocol": "postgresql",
                    "address": {"server": f"{point.host}:{point.port}", "database": point.database},
                },
                "options": {},
                "mode": "Import",
            }
        ],
    }


def _check(name: str, role: str, units: list[tuple[str, str]]) -> None:
    if not _LOGIN_NAME.match(name):
        raise ConfigError(
            f"A login name is lower-case letters, digits and _ (2 to 63, a letter first), not "
            f"{name!r}."
        )
    if role not in READER_ROLES:
        raise ConfigError(f"--role is one of {', '.join(READER_ROLES)}, not {role!r}.")
    if (role == UNIT_MANAGER) != bool(units):
        raise ConfigError(
            "A unit manager's login needs --unit ADMINISTRATION/UNIT (one or more), and only a "
            "unit manager's."
        )


def _ensure_group(conn: psycopg.Connection, role: str) -> None:
    """The reading roles are made by the first build; a login made before it makes its group."""
    exists = conn.execute("select 1 from pg_roles where rolname = %s", (role,)).fetchone()
    if not exists:
        conn.execute(sql.SQL("create role {} nologin").format(sql.Identifier(role)))


def _group_of(conn: psycopg.Connection, name: str) -> str | None:
    row = conn.execute(
        "select grp.rolname from pg_auth_members m join pg_roles member on member.oid = m.member "
        "join pg_roles grp on grp.oid = m.roleid where member.rolname = %s and member.rolcanlogin "
        "and grp.rolname = any(%s)",
        (name, list(READER_ROLES)),
    ).fetchone()
    return row[0] if row else None
