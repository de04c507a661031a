"""The load ledger (`raw.load_ledger`): every landing file seen, and what became of it."""

from __future__ import annotations

from dataclasses import dataclass

import psycopg


@dataclass(frozen=True)
class Entry:
    """The facts about a file that every ledger row carries."""

    run_id: int
    source: str
    file_name: str
    period: str | None
    sha256: str


@dataclass(frozen=True)
class LiveDelivery:
    load_id: int
    sha256: str


def live_delivery(conn: psycopg.Connection, source: str, period: str) -> LiveDelivery | None:
    """The delivery whose rows are in raw for this source and period, if any."""
    row = conn.execute(
        "select load_id, sha256 from raw.load_ledger "
        "where source = %s and period = %s and status = 'loaded'",
        (source, period),
    ).fetchone()
    return LiveDelivery(*row) if row else None


def live_file_with_content(conn: psycopg.Connection, sha256: str) -> str | None:
    """The name of a loaded file with exactly this content, if any."""
    row = conn.execute(
        "select source || '/' || file_name from raw.load_ledger "
        "where sha256 = %s and status = 'loaded' limit 1",
        (sha256,),
    ).fetchone()
    return row[0] if row else None


def earlier_rejection(
    conn: psycopg.Connection, source: str, file_name: str, sha256: str
) -> str | None:
    """The reason this very file was rejected before, if it was."""
    row = conn.execute(
        "select reason from raw.load_ledger where source = %s and file_name = %s "
        "and sha256 = %s and status = 'rejected' order by load_id desc limit 1",
        (source, file_name, sha256),
    ).fetchone()
    return row[0] if row else None


def record(
    conn: psycopg.Connection,
    entry: Entry,
    status: str,
    reason: str | None,
    *,
    encoding: str | None = None,
    delimiter: str | None = None,
    rows_loaded: int = 0,
    rows_quarantined: int = 0,
) -> int:
    """Add a ledger row and return its load_id."""
    row = conn.execute(
        "insert into raw.load_ledger (run_id, source, file_name, period, sha256, encoding, "
        "delimiter, rows_loaded, rows_quarantined, status, reason) "
        "values (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s) returning load_id",
        (
            entry.run_id,
            entry.source,
            entry.file_name,
            entry.period,
            entry.sha256,
            encoding,
            delimiter,
            rows_loaded,
            rows_quarantined,
            status,
            reason,
        ),
    ).fetchone()
    assert row is not None
    return int(row[0])


def record_once(conn: psycopg.Connection, entry: Entry, status: str, reason: str) -> None:
    """Record a non-load outcome unless the same file already has it in the ledger."""
    with conn.transaction():
        seen = conn.execute(
            "select 1 from raw.load_ledger where source = %s and file_name = %s "
            "and sha256 = %s and status = %s",
            (entry.source, entry.file_name, entry.sha256, status),
        ).fetchone()
        if seen is None:
            record(conn, entry, status, reason)


def mark_superseded(conn: psycopg.Connection, load_id: int) -> None:
    conn.execute("update raw.load_ledger set status = 'superseded' where load_id = %s", (load_id,))
