"""Loading one landing file into the raw schema, in one transaction, with its ledger row.

First, a file must be one the run can judge on its own: its name gives a period, the period does
not lie in the future, no other file of the run delivers the same period (two would replace each
other night after night, so all are rejected until one is delivered), and it is within the size
caps. Then the ledger decides what it is: content already live for its period is skipped;
content live under another name is a duplicate; anything else is a new delivery, which, once
past the delivery gate (`delivery_gate`), replaces the period's earlier delivery atomically.

No file can stop the run: whatever goes wrong while one is read or loaded becomes its outcome,
a rejection that names the kind of error and where (never the error's message, which may quote
a value), and the transaction leaves the database as it was before the file. Only a dropped
connection goes to the caller, which reconnects and loads the file again.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import psycopg

from hrwh.ingest import delivery_gate, ledger
from hrwh.ingest.fields import BadValue
from hrwh.ingest.set_aside import set_aside
from hrwh.ingest.sources import ParsedRow, Source
from hrwh.ingest.tabular import FileRejected, read_table
from hrwh.pseudonym import Pseudonymizer
from hrwh.settings import MB, Settings

LOCAL_TIME = ZoneInfo("Europe/Stockholm")


@dataclass
class FileOutcome:
    """What happened to one landing file in this run."""

    source: str
    file_name: str
    period: str | None
    status: str  # loaded | replaced | already_loaded | skipped_duplicate | rejected | held
    rows_loaded: int = 0
    rows_quarantined: int = 0
    lines_total: int = 0
    lines_loaded: int = 0
    lines_set_aside: int = 0
    lines_blank: int = 0
    reason: str | None = None
    unknown_columns: tuple[int, ...] = ()
    set_aside_to: str | None = None
    alert: bool = False
    """Whether this outcome is news to alert on (a held file is alerted once, not nightly)."""


@dataclass
class _Parsed:
    encoding: str
    delimiter: str | None
    rows: list[tuple[int, int, ParsedRow]]
    """(line, lines spanned, row)."""
    bad: list[tuple[int, int, str]]
    """(line, lines spanned, reason), in line order."""
    unknown_columns: tuple[int, ...]
    lines_total: int
    lines_blank: int

    @property
    def counts(self) -> ledger.Counts:
        return ledger.Counts(
            rows_loaded=len(self.rows),
            rows_quarantined=len(self.bad),
            lines_total=self.lines_total,
            lines_loaded=sum(span for _, span, _ in self.rows),
            lines_set_aside=sum(span for _, span, _ in self.bad),
            lines_blank=self.lines_blank,
        )


@dataclass
class _Progress:
    """How far a file's load got: named in the reason when something unexpected stops it."""

    entry: ledger.Entry | None = None
    step: str = "reading the file"
    line: int | None = None

    def __str__(self) -> str:
        return self.step if self.line is None else f"{self.step}, line {self.line}"


def load_file(
    conn: psycopg.Connection,
    source: Source,
    path: Path,
    pseudonyms: Pseudonymizer,
    run_id: int,
    settings: Settings,
    rivals: tuple[str, ...] = (),
) -> FileOutcome:
    """Take one file in; return what happened to it.

    `rivals` are the other files of this run that deliver the same period.
    """
    outcome = FileOutcome(source.name, path.name, source.period_of(path), "rejected")
    progress = _Progress()
    try:
        return _load(conn, source, path, pseudonyms, settings, rivals, outcome, progress, run_id)
    except psycopg.OperationalError:
        raise
    except Exception as exc:
        if conn.closed or conn.broken:
            raise
        entry = progress.entry or ledger.Entry(run_id, source.name, path.name, outcome.period, "")
        reason = f"the file could not be loaded: {type(exc).__name__} while {progress}"
        return _reject(conn, path, entry, outcome, reason)


def _load(
    conn: psycopg.Connection,
    source: Source,
    path: Path,
    pseudonyms: Pseudonymizer,
    settings: Settings,
    rivals: tuple[str, ...],
    outcome: FileOutcome,
    progress: _Progress,
    run_id: int,
) -> FileOutcome:
    data, sha = _read(path, settings.max_file_bytes)
    period = outcome.period
    entry = progress.entry = ledger.Entry(run_id, source.name, path.name, period, sha)

    if period is None:
        reason = f"the file name does not match {source.file_name_form}"
        return _reject(conn, path, entry, outcome, reason)
    today = datetime.now(LOCAL_TIME).date().isoformat()
    if period > today[: len(period)]:
        reason = f"its period {period} lies in the future (today is {today} in Stockholm)"
        return _reject(conn, path, entry, outcome, reason)
    if rivals:
        reason = (
            f"{', '.join(rivals)} also deliver(s) {period}, and the run cannot tell which file "
            f"is meant: none of them is loaded (what is live for {period} stays); deliver one"
        )
        return _reject(conn, path, entry, outcome, reason)
    if data is None:
        reason = (
            f"the file is {path.stat().st_size / MB:,.0f} MB, more than the "
            f"{settings.max_file_bytes / MB:,.0f} MB a file may have (HRWH_MAX_FILE_MB)"
        )
        return _reject(conn, path, entry, outcome, reason)
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

    try:
        parsed = _parse(source, path.name, data, period, pseudonyms, settings, progress)
    except FileRejected as exc:
        return _reject(conn, path, entry, outcome, str(exc))
    total = len(parsed.rows) + len(parsed.bad)
    if total == 0:
        return _reject(conn, path, entry, outcome, "the file has a header but no rows")
    if len(parsed.bad) > settings.max_bad_row_share * total:
        line, _, reason = parsed.bad[0]
        return _reject(
            conn,
            path,
            entry,
            outcome,
            f"{len(parsed.bad)} of {total} rows are bad, more than the allowed "
            f"{settings.max_bad_row_share:.0%} (first: line {line}: {reason})",
        )
    note = None
    if source.gated:
        hold = delivery_gate.reason_to_hold(
            conn, source, period, len(parsed.rows), live, settings.delivery_tolerance
        )
        if hold is not None and not delivery_gate.is_accepted(conn, source, path.name, sha):
            outcome.status = "held"
            outcome.reason = (
                f"{hold}; it waits in the landing folder. If the change is real: "
                f"hrwh accept {source.folder}/{path.name}"
            )
            outcome.alert = ledger.record_once(conn, entry, "held", outcome.reason)
            return outcome
        if hold is not None:
            note = f"accepted past the delivery gate: {hold}"

    progress.line = None
    counts = parsed.counts
    with conn.transaction():
        if live is not None:
            for table in source.tables:
                conn.execute(f"delete from {table} where load_id = %s", (live.load_id,))
            ledger.mark_superseded(conn, live.load_id)
        load_id = ledger.record(
            conn,
            entry,
            "loaded",
            note,
            encoding=parsed.encoding,
            delimiter=parsed.delimiter,
            counts=counts,
        )
        for table, columns in source.tables.items():
            rows = [(line, r) for line, _, parsed_row in parsed.rows for r in parsed_row[table]]
            _copy(conn, table, ("load_id", "line_no", *columns), load_id, rows, progress)
        quarantined = [(line, (reason,)) for line, _, reason in parsed.bad]
        columns = ("load_id", "line_no", "reason")
        _copy(conn, "raw.quarantine", columns, load_id, quarantined, progress)
    outcome.status = "replaced" if live is not None else "loaded"
    outcome.reason = note
    outcome.unknown_columns = parsed.unknown_columns
    for name, value in vars(counts).items():
        setattr(outcome, name, value)
    return outcome


def _read(path: Path, max_bytes: int) -> tuple[bytes | None, str]:
    """The file's bytes (None when it is over the size cap, so it is never read whole) and
    their sha256."""
    if path.stat().st_size > max_bytes:
        with path.open("rb") as fh:
            return None, hashlib.file_digest(fh, "sha256").hexdigest()
    data = path.read_bytes()
    return data, hashlib.sha256(data).hexdigest()


def _parse(
    source: Source,
    file_name: str,
    data: bytes,
    period: str,
    pseudonyms: Pseudonymizer,
    settings: Settings,
    progress: _Progress,
) -> _Parsed:
    table = read_table(
        data,
        file_name,
        source.columns,
        free_text=source.free_text_columns,
        max_rows=settings.max_file_rows,
        max_unpacked_bytes=settings.max_file_bytes,
    )
    progress.step = "checking the rows"
    rows: list[tuple[int, int, ParsedRow]] = []
    bad = [(line, 1, reason) for line, reason in table.set_aside]
    first_line_of: dict[str, int] = {}
    for line, span, values in table.rows:
        progress.line = line
        if len(values) != table.width:
            bad.append((line, span, f"expected {table.width} fields, found {len(values)}"))
            continue
        named = {name: values[i] for name, i in table.positions.items()}
        with_nul = next((name for name, value in named.items() if "\x00" in value), None)
        if with_nul is not None:
            bad.append((line, span, f"{with_nul} holds a NUL character"))
            continue
        try:
            row = source.parse_row(named, period, pseudonyms)
        except BadValue as exc:
            bad.append((line, span, str(exc)))
            continue
        if source.key is not None:
            key = named[source.key].strip()
            if key in first_line_of:
                bad.append((line, span, f"{source.key} repeats line {first_line_of[key]}"))
                continue
            first_line_of[key] = line
        rows.append((line, span, row))
    bad.sort()
    return _Parsed(
        table.encoding,
        table.delimiter,
        rows,
        bad,
        table.unknown_columns,
        table.lines_total,
        table.lines_blank,
    )


def _reject(
    conn: psycopg.Connection, path: Path, entry: ledger.Entry, outcome: FileOutcome, reason: str
) -> FileOutcome:
    """Record the rejection, then move the file aside (a failed move is retried next run)."""
    ledger.record_once(conn, entry, "rejected", reason)
    outcome.status, outcome.reason, outcome.alert = "rejected", reason, True
    try:
        outcome.set_aside_to = str(set_aside(path, reason))
    except OSError as exc:
        outcome.reason = f"{reason} (and it could not be moved aside: {type(exc).__name__})"
    return outcome


_COPY_LINE = re.compile(r"\bline (\d+)")


def _copy(
    conn: psycopg.Connection,
    table: str,
    columns: tuple[str, ...],
    load_id: int,
    rows: list[tuple[int, tuple]],
    progress: _Progress,
) -> None:
    """COPY (load_id, line, *values) rows into a table; a refused value names its file line."""
    progress.step, progress.line = f"copying into {table}", None
    try:
        statement = f"copy {table} ({', '.join(columns)}) from stdin"
        with conn.cursor() as cur, cur.copy(statement) as copy:
            for line, values in rows:
                copy.write_row((load_id, line, *values))
    except psycopg.DataError as exc:
        match = _COPY_LINE.search(exc.diag.context or "")
        if match and 0 < int(match.group(1)) <= len(rows):
            progress.line = rows[int(match.group(1)) - 1][0]
        raise
