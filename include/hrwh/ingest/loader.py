"""Loading one landing file into the raw schema, in one transaction, with its ledger row.

The ledger decides what a file is: content already live for its period is skipped; content live
under another name is a duplicate; anything else is a new delivery, which replaces the period's
earlier delivery atomically. A crash anywhere leaves the database as it was before the file.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

import psycopg

from hrwh.ingest import ledger
from hrwh.ingest.fields import BadValue
from hrwh.ingest.set_aside import set_aside
from hrwh.ingest.sources import ParsedRow, Source
from hrwh.ingest.tabular import FileRejected, read_table
from hrwh.pseudonym import Pseudonymizer


@dataclass
class FileOutcome:
    """What happened to one landing file in this run."""

    source: str
    file_name: str
    period: str | None
    status: str  # loaded | replaced | already_loaded | skipped_duplicate | rejected
    rows_loaded: int = 0
    rows_quarantined: int = 0
    reason: str | None = None
    extra_columns: tuple[str, ...] = field(default_factory=tuple)
    set_aside_to: str | None = None


@dataclass
class _Parsed:
    encoding: str
    delimiter: str | None
    rows: list[tuple[int, ParsedRow]]
    bad: list[tuple[int, str]]
    extra_columns: tuple[str, ...]


def load_file(
    conn: psycopg.Connection,
    source: Source,
    path: Path,
    pseudonyms: Pseudonymizer,
    run_id: int,
    max_bad_row_share: float,
) -> FileOutcome:
    """Take one file in; return what happened to it."""
    data = path.read_bytes()
    sha = hashlib.sha256(data).hexdigest()
    period = source.period_of(path)
    outcome = FileOutcome(source.name, path.name, period, "rejected")
    entry = ledger.Entry(run_id, source.name, path.name, period, sha)

    if period is None:
        return _reject(
            conn, path, entry, outcome, f"the file name does not match {source.file_name_form}"
        )
    live = ledger.live_delivery(conn, source.name, period)
    if live is not None and live.sha256 == sha:
        outcome.status = "already_loaded"
        return outcome
    twin = ledger.live_file_with_content(conn, sha)
    if twin is not None:
        outcome.status = "skipped_duplicate"
        outcome.reason = f"same content as {twin}, which is already loaded"
        ledger.record_once(conn, entry, "skipped_duplicate", outcome.reason)
        return outcome
    earlier = ledger.earlier_rejection(conn, source.name, path.name, sha)
    if earlier is not None:
        outcome.reason = f"rejected in an earlier run: {earlier}"
        outcome.set_aside_to = str(set_aside(path, earlier))
        return outcome

    try:
        parsed = _parse(source, path.name, data, period, pseudonyms)
    except FileRejected as exc:
        return _reject(conn, path, entry, outcome, str(exc))
    total = len(parsed.rows) + len(parsed.bad)
    if total == 0:
        return _reject(conn, path, entry, outcome, "the file has a header but no rows")
    if len(parsed.bad) > max_bad_row_share * total:
        line, reason = parsed.bad[0]
        return _reject(
            conn,
            path,
            entry,
            outcome,
            f"{len(parsed.bad)} of {total} rows are bad, more than the allowed "
            f"{max_bad_row_share:.0%} (first: line {line}: {reason})",
        )

    with conn.transaction():
        if live is not None:
            for table in source.tables:
                conn.execute(f"delete from {table} where load_id = %s", (live.load_id,))
            ledger.mark_superseded(conn, live.load_id)
        load_id = ledger.record(
            conn,
            entry,
            "loaded",
            None,
            encoding=parsed.encoding,
            delimiter=parsed.delimiter,
            rows_loaded=len(parsed.rows),
            rows_quarantined=len(parsed.bad),
        )
        for table, columns in source.tables.items():
            rows = [(line, r) for line, parsed_row in parsed.rows for r in parsed_row[table]]
            _copy(conn, table, ("load_id", "line_no", *columns), load_id, rows)
        quarantined = [(line, (reason,)) for line, reason in parsed.bad]
        _copy(conn, "raw.quarantine", ("load_id", "line_no", "reason"), load_id, quarantined)
    outcome.status = "replaced" if live is not None else "loaded"
    outcome.rows_loaded = len(parsed.rows)
    outcome.rows_quarantined = len(parsed.bad)
    outcome.extra_columns = parsed.extra_columns
    return outcome


def _parse(
    source: Source, file_name: str, data: bytes, period: str, pseudonyms: Pseudonymizer
) -> _Parsed:
    table = read_table(data, file_name, source.columns)
    rows: list[tuple[int, ParsedRow]] = []
    bad: list[tuple[int, str]] = []
    first_line_of: dict[str, int] = {}
    for line, values in table.rows:
        if len(values) != table.width:
            bad.append((line, f"expected {table.width} fields, found {len(values)}"))
            continue
        named = {name: values[i] for name, i in table.positions.items()}
        try:
            row = source.parse_row(named, period, pseudonyms)
        except BadValue as exc:
            bad.append((line, str(exc)))
            continue
        if source.key is not None:
            key = source.key(row)
            if key in first_line_of:
                bad.append((line, f"{key} repeats line {first_line_of[key]}"))
                continue
            first_line_of[key] = line
        rows.append((line, row))
    return _Parsed(table.encoding, table.delimiter, rows, bad, table.extra_columns)


def _reject(
    conn: psycopg.Connection, path: Path, entry: ledger.Entry, outcome: FileOutcome, reason: str
) -> FileOutcome:
    """Record the rejection, then move the file aside (a failed move is retried next run)."""
    ledger.record_once(conn, entry, "rejected", reason)
    outcome.reason = reason
    outcome.set_aside_to = str(set_aside(path, reason))
    return outcome


def _copy(
    conn: psycopg.Connection,
    table: str,
    columns: tuple[str, ...],
    load_id: int,
    rows: list[tuple[int, tuple]],
) -> None:
    """COPY (load_id, line, *values) rows into a table."""
    with conn.cursor() as cur, cur.copy(f"copy {table} ({', '.join(columns)}) from stdin") as copy:
        for line, values in rows:
            copy.write_row((load_id, line, *values))
