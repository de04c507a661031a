"""The load ledger (`raw.load_ledger`): every landing file seen, and what became of it."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

import psycopg


class LedgerStatus(StrEnum):
    """What a ledger row says of its file (raw.load_ledger.status)."""

    LOADED = "loaded"
    """Its rows are in raw: the live delivery of its period."""
    SUPERSEDED = "superseded"
    """Replaced by a later delivery of the same period."""
    SKIPPED_DUPLICATE = "skipped_duplicate"
    """Same content as a file that is loaded under another name."""
    REJECTED = "rejected"
    """Could not be used as a whole; moved aside with its reason."""
    HELD = "held"
    """Outside the delivery gate's tolerance: waits until accepted."""


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
    period: str
    file_name: str
    rows_loaded: int


_LIVE = (
    "select load_id, sha256, period, file_name, rows_loaded from raw.load_ledger "
    "where source = %s and status = 'loaded' "
)


def live_delivery(conn: psycopg.Connection, source: str, period: str) -> LiveDelivery | None:
    """The delivery whose rows are in raw for this source and period, if any."""
    row = conn.execute(_LIVE + "and period = %s", (source, period)).fetchone()
    return LiveDelivery(*row) if row else None


def nearest_live_delivery(
    conn: psycopg.Connection, source: str, period: str
) -> LiveDelivery | None:
    """The live delivery of the nearest earlier period; without one, of the nearest later."""
    row = (
        conn.execute(
            _LIVE + "and period < %s order by period desc limit 1", (source, period)
        ).fetchone()
        or conn.execute(
            _LIVE + "and period > %s order by period limit 1", (source, period)
        ).fetchone()
    )
    return LiveDelivery(*row) if row else None


def live_file_with_content(conn: psycopg.Connection, sha256: str) -> str | None:
    """The name of a loaded file with exactly this content, if any."""
    row = conn.execute(
        "select source || '/' || file_name from raw.load_ledger "
        "where sha256 = %s and status = 'loaded' limit 1",
        (sha256,),
    ).fetchone()
    return row[0] if row else None


@dataclass(frozen=True)
class Counts:
    """What became of a loaded file's rows and lines.

    Every physical line (sheet row) is accounted for:
    `lines_total = 1 (the header) + lines_loaded + lines_set_aside + lines_blank`.
    """

    rows_loaded: int
    rows_quarantined: int
    lines_total: int
    lines_loaded: int
    lines_set_aside: int
    lines_blank: int


def record(conn: psycopg.Connection, entry: Entry, status: LedgerStatus, reason: str | None) -> int:
    """Add a ledger row and return its load_id (a loaded file's counts follow: `complete`)."""
    row = conn.execute(
        "insert into raw.load_ledger (run_id, source, file_name, period, sha256, status, reason) "
        "values (%s, %s, %s, %s, %s, %s, %s) returning load_id",
        (entry.run_id, entry.source, entry.file_name, entry.period, entry.sha256, status, reason),
    ).fetchone()
    assert row is not None
    return int(row[0])


def record_once(conn: psycopg.Connection, entry: Entry, status: LedgerStatus, reason: str) -> bool:
    """Record a non-load outcome unless the same file already has it in the ledger.

    Returns whether it was recorded now (so that it is alerted once, not every night).
    """
    with conn.transaction():
        seen = conn.execute(
            "select 1 from raw.load_ledger where source = %s and file_name = %s "
            "and sha256 = %s and status = %s",
            (entry.source, entry.file_name, entry.sha256, status),
        ).fetchone()
        if seen is None:
            record(conn, entry, status, reason)
    return seen is None


def complete(
    conn: psycopg.Connection,
    load_id: int,
    reason: str | None,
    encoding: str | None,
    delimiter: str | None,
    counts: Counts,
) -> None:
    """Fill in a loaded file's ledger row once all its rows are read (`record` made it first,
    for the rows' load_id)."""
    conn.execute(
        "update raw.load_ledger set reason = %s, encoding = %s, delimiter = %s, "
        "rows_loaded = %s, rows_quarantined = %s, lines_total = %s, lines_loaded = %s, "
        "lines_set_aside = %s, lines_blank = %s where load_id = %s",
        (reason, encoding, delimiter, *vars(counts).values(), load_id),
    )


def check_live(conn: psycopg.Connection, load_id: int) -> None:
    """Check, once per file, what a foreign key would check for every row: the rows just
    written belong to a live ledger row (raw.hr_payroll has no foreign key, for speed)."""
    row = conn.execute(
        "select 1 from raw.load_ledger where load_id = %s and status = 'loaded'", (load_id,)
    ).fetchone()
    if row is None:
        raise LookupError(f"no live ledger row {load_id} for the rows just written")


def mark_superseded(conn: psycopg.Connection, load_id: int) -> None:
    conn.execute("update raw.load_ledger set status = 'superseded' where load_id = %s", (load_id,))
