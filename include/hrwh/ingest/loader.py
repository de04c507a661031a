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
from dataclasses import dataclass, replace
from datetime import datetime
from enum import StrEnum
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


class FileStatus(StrEnum):
    """What happened to one landing file in this run."""

    LOADED = "loaded"
    REPLACED = "replaced"
    """Loaded, replacing the period's earlier delivery."""
    ALREADY_LOADED = "already_loaded"
    SKIPPED_DUPLICATE = "skipped_duplicate"
    REJECTED = "rejected"
    HELD = "held"

    @property
    def is_load(self) -> bool:
        return self in (FileStatus.LOADED, FileStatus.REPLACED)


@dataclass
class FileOutcome:
    """What happened to one landing file in this run."""

    source: str
    file_name: str
    period: str | None
    status: FileStatus
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
    delivery = _Delivery(conn, source, path, run_id)
    try:
        return delivery.load(pseudonyms, settings, rivals)
    except psycopg.OperationalError:
        raise
    except Exception as exc:
        if conn.closed or conn.broken:
            raise
        kind = type(exc).__name__
        return delivery.reject(f"the file could not be loaded: {kind} while {delivery.progress}")


class _Delivery:
    """One landing file on its way in: its ledger facts, how far it got, and its outcome."""

    def __init__(self, conn: psycopg.Connection, source: Source, path: Path, run_id: int) -> None:
        self.conn, self.source, self.path = conn, source, path
        period = source.period_of(path)
        self.outcome = FileOutcome(source.name, path.name, period, FileStatus.REJECTED)
        self.entry = ledger.Entry(run_id, source.name, path.name, period, sha256="")
        self.progress = _Progress()

    def load(
        self, pseudonyms: Pseudonymizer, settings: Settings, rivals: tuple[str, ...]
    ) -> FileOutcome:
        conn, source, outcome, period = self.conn, self.source, self.outcome, self.outcome.period
        data, sha = _read(self.path, settings.max_file_bytes)
        self.entry = replace(self.entry, sha256=sha)
        problem = self._unusable(data is None, rivals, settings)
        if problem is not None:  # else the file has a period and was read
            return self.reject(problem)
        live = ledger.live_delivery(conn, source.name, period)
        if live is not None and live.sha256 == sha:
            outcome.status = FileStatus.ALREADY_LOADED
            return outcome
        twin = ledger.live_file_with_content(conn, sha)
        if twin is not None:
            outcome.status = FileStatus.SKIPPED_DUPLICATE
            outcome.reason = f"same content as {twin}, which is already loaded"
            ledger.record_once(
                conn, self.entry, ledger.LedgerStatus.SKIPPED_DUPLICATE, outcome.reason
            )
            return outcome
        try:
            parsed = _parse(
                source, self.path.name, data, period, pseudonyms, settings, self.progress
            )
        except FileRejected as exc:
            return self.reject(str(exc))
        problem = _too_bad(parsed, settings.max_bad_row_share)
        if problem is not None:
            return self.reject(problem)
        note = None
        if source.gated:
            hold = delivery_gate.reason_to_hold(
                conn, source, period, len(parsed.rows), live, settings.delivery_tolerance
            )
            if hold is not None and not delivery_gate.is_accepted(
                conn, source, self.path.name, sha
            ):
                return self._hold(hold)
            if hold is not None:
                note = f"accepted past the delivery gate: {hold}"
        return self._write(parsed, live, note)

    def _unusable(self, too_large: bool, rivals: tuple[str, ...], settings: Settings) -> str | None:
        """Why the file cannot be judged on its own at all, or None."""
        period = self.outcome.period
        if period is None:
            return f"the file name does not match {self.source.file_name_form}"
        today = datetime.now(LOCAL_TIME).date().isoformat()
        if period > today[: len(period)]:
            return f"its period {period} lies in the future (today is {today} in Stockholm)"
        if rivals:
            return (
                f"{', '.join(rivals)} also deliver(s) {period}, and the run cannot tell which "
                f"file is meant: none of them is loaded (what is live for {period} stays); "
                "deliver one"
            )
        if too_large:
            return (
                f"the file is {self.path.stat().st_size / MB:,.0f} MB, more than the "
                f"{settings.max_file_bytes / MB:,.0f} MB a file may have (HRWH_MAX_FILE_MB)"
            )
        return None

    def _hold(self, hold: str) -> FileOutcome:
        """Keep the delivery waiting in the landing folder; alert only the first time."""
        outcome = self.outcome
        outcome.status = FileStatus.HELD
        outcome.reason = (
            f"{hold}; it waits in the landing folder. If the change is real: "
            f"hrwh accept {self.source.folder}/{self.path.name}"
        )
        outcome.alert = ledger.record_once(
            self.conn, self.entry, ledger.LedgerStatus.HELD, outcome.reason
        )
        return outcome

    def _write(
        self, parsed: _Parsed, live: ledger.LiveDelivery | None, note: str | None
    ) -> FileOutcome:
        """Load the rows, replacing the period's live delivery, in one transaction."""
        conn, source, progress = self.conn, self.source, self.progress
        counts = parsed.counts
        with conn.transaction():
            if live is not None:
                for table in source.tables:
                    conn.execute(f"delete from {table} where load_id = %s", (live.load_id,))
                ledger.mark_superseded(conn, live.load_id)
            load_id = ledger.record(
                conn,
                self.entry,
                ledger.LedgerStatus.LOADED,
                note,
                encoding=parsed.encoding,
                delimiter=parsed.delimiter,
                counts=counts,
            )
            for table, columns in source.tables.items():
                rows = [(line, r) for line, _, row in parsed.rows for r in row[table]]
                _copy(conn, table, ("load_id", "line_no", *columns), load_id, rows, progress)
            quarantined = [(line, (reason,)) for line, _, reason in parsed.bad]
            columns = ("load_id", "line_no", "reason")
            _copy(conn, "raw.quarantine", columns, load_id, quarantined, progress)
        outcome = self.outcome
        outcome.status = FileStatus.REPLACED if live is not None else FileStatus.LOADED
        outcome.reason = note
        outcome.unknown_columns = parsed.unknown_columns
        for name, value in vars(counts).items():
            setattr(outcome, name, value)
        return outcome

    def reject(self, reason: str) -> FileOutcome:
        """Record the rejection, then move the file aside (a failed move is retried next run)."""
        ledger.record_once(self.conn, self.entry, ledger.LedgerStatus.REJECTED, reason)
        outcome = self.outcome
        outcome.status, outcome.reason, outcome.alert = FileStatus.REJECTED, reason, True
        try:
            outcome.set_aside_to = str(set_aside(self.path, reason))
        except OSError as exc:
            outcome.reason = f"{reason} (and it could not be moved aside: {type(exc).__name__})"
        return outcome


def _too_bad(parsed: _Parsed, max_bad_row_share: float) -> str | None:
    """Why the file is to be rejected whole for its rows, or None."""
    total = len(parsed.rows) + len(parsed.bad)
    if total == 0:
        return "the file has a header but no rows"
    if len(parsed.bad) > max_bad_row_share * total:
        line, _, reason = parsed.bad[0]
        return (
            f"{len(parsed.bad)} of {total} rows are bad, more than the allowed "
            f"{max_bad_row_share:.0%} (first: line {line}: {reason})"
        )
    return None


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
