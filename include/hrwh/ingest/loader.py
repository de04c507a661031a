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
from array import array
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from zoneinfo import ZoneInfo

import psycopg

from hrwh.ingest import copy_text, delivery_gate, ledger
from hrwh.ingest.fields import BadValue
from hrwh.ingest.set_aside import set_aside
from hrwh.ingest.sources import ParsedRow, Source
from hrwh.ingest.tabular import FileRejected, Table, open_table
from hrwh.pseudonym import Pseudonymizer
from hrwh.recent import Recent
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
    """What became of a file's rows, once they are all copied."""

    rows: int = 0
    lines_loaded: int = 0
    bad: list[tuple[int, int, str]] = field(default_factory=list)
    """(line, lines spanned, reason), in line order."""

    def counts(self, table: Table) -> ledger.Counts:
        bad = self.bad
        return ledger.Counts(
            rows_loaded=self.rows,
            rows_quarantined=len(bad),
            lines_total=table.lines_total,
            lines_loaded=self.lines_loaded,
            lines_set_aside=sum(span for _, span, _ in bad),
            lines_blank=table.lines_blank,
        )


class _Undo(Exception):
    """Raised inside a file's transaction to undo its load: the file is rejected or held."""

    def __init__(self, reason: str, hold: bool = False) -> None:
        super().__init__(reason)
        self.reason, self.hold = reason, hold


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
    memo: RowMemo | None = None,
) -> FileOutcome:
    """Take one file in; return what happened to it.

    `rivals` are the other files of this run that deliver the same period; `memo` the rows
    the run has checked so far (give every file of a run the same one).
    """
    delivery = _Delivery(conn, source, path, run_id)
    try:
        return delivery.load(pseudonyms, RowMemo() if memo is None else memo, settings, rivals)
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
        self,
        pseudonyms: Pseudonymizer,
        memo: RowMemo,
        settings: Settings,
        rivals: tuple[str, ...],
    ) -> FileOutcome:
        conn, source, outcome, period = self.conn, self.source, self.outcome, self.outcome.period
        too_large, sha = _digest(self.path, settings.max_file_bytes)
        self.entry = replace(self.entry, sha256=sha)
        problem = self._unusable(too_large, rivals, settings)
        if problem is not None:  # else the file has a period and may be read
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
            table = open_table(
                self.path,
                source.columns,
                free_text=source.free_text_columns,
                max_rows=settings.max_file_rows,
                max_unpacked_bytes=settings.max_file_bytes,
            )
            return self._write(table, live, pseudonyms, memo, settings)
        except FileRejected as exc:
            return self.reject(str(exc))
        except _Undo as undo:
            return self._hold(undo.reason) if undo.hold else self.reject(undo.reason)

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
        self,
        table: Table,
        live: ledger.LiveDelivery | None,
        pseudonyms: Pseudonymizer,
        memo: RowMemo,
        settings: Settings,
    ) -> FileOutcome:
        """Load the rows, replacing the period's live delivery, in one transaction.

        The rows are checked and copied as they are read, so a file is never whole in memory;
        whether the file may stand (its share of bad rows, the delivery gate) is known only
        once all are read, so a file that may not is undone (`_Undo`) with its transaction.
        """
        conn, source, progress = self.conn, self.source, self.progress
        with conn.transaction():
            if live is not None:
                for name in source.tables:
                    conn.execute(f"delete from {name} where load_id = %s", (live.load_id,))
                ledger.mark_superseded(conn, live.load_id)
            load_id = ledger.record(conn, self.entry, ledger.LedgerStatus.LOADED, None)
            parsed, others = _copy_checked(
                conn, source, table, self.outcome.period, pseudonyms, memo, load_id, progress
            )
            problem = _too_bad(parsed, settings.max_bad_row_share)
            if problem is not None:
                raise _Undo(problem)
            note = self._past_gate(parsed.rows, live, settings)
            counts = parsed.counts(table)
            ledger.complete(conn, load_id, note, table.encoding, table.delimiter, counts)
            for name, rows in others.items():
                _copy(
                    conn,
                    name,
                    ("load_id", "line_no", *source.tables[name]),
                    load_id,
                    rows,
                    progress,
                )
            ledger.check_live(conn, load_id)
            quarantined = [(line, (reason,)) for line, _, reason in parsed.bad]
            columns = ("load_id", "line_no", "reason")
            _copy(conn, "raw.quarantine", columns, load_id, quarantined, progress)
        outcome = self.outcome
        outcome.status = FileStatus.REPLACED if live is not None else FileStatus.LOADED
        outcome.reason = note
        outcome.unknown_columns = table.unknown_columns
        for name, value in vars(counts).items():
            setattr(outcome, name, value)
        return outcome

    def _past_gate(
        self, count: int, live: ledger.LiveDelivery | None, settings: Settings
    ) -> str | None:
        """The note of a delivery accepted past the delivery gate, or None; raise `_Undo` to
        hold one that is not accepted."""
        if not self.source.gated:
            return None
        period = self.outcome.period
        assert period is not None
        hold = delivery_gate.reason_to_hold(
            self.conn, self.source, period, count, live, settings.delivery_tolerance
        )
        if hold is None:
            return None
        if not delivery_gate.is_accepted(self.conn, self.source, self.path.name, self.entry.sha256):
            raise _Undo(hold, hold=True)
        return f"accepted past the delivery gate: {hold}"

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
    bad = parsed.bad
    total = parsed.rows + len(bad)
    if total == 0:
        return "the file has a header but no rows"
    if len(bad) > max_bad_row_share * total:
        line, _, reason = bad[0]
        return (
            f"{len(bad)} of {total} rows are bad, more than the allowed "
            f"{max_bad_row_share:.0%} (first: line {line}: {reason})"
        )
    return None


def _digest(path: Path, max_bytes: int) -> tuple[bool, str]:
    """Whether the file is over the size cap (then it is never read), and its sha256."""
    with path.open("rb") as fh:
        return path.stat().st_size > max_bytes, hashlib.file_digest(fh, "sha256").hexdigest()


class RowMemo(Recent[tuple[str, str]]):
    """The COPY text of the rows a run has checked, by their fields other than the period.

    A payroll row comes again every month with only `Period` changed (an employment of ten
    years is 120 rows alike): its checks, its two pseudonyms and its COPY text are the same
    each time, so the loader works them out for the first such row of the run and looks them
    up for the others. Only rows that passed are remembered, in memory, for one run (make one
    per run, with the run's `Pseudonymizer`), the recent ones only (`Recent`, `REMEMBERED`).
    The text is kept in two parts, before and after the period.
    """

    REMEMBERED = 1 << 16

    def __init__(self) -> None:
        super().__init__(self.REMEMBERED)


_Checked = tuple[int, int, list[str], ParsedRow]
"""A good row: its line, the lines it spans, the COPY text of its rows in the source's first
table, and its rows for the other tables (free text)."""


def _checked(
    source: Source,
    table: Table,
    period: str,
    pseudonyms: Pseudonymizer,
    memo: RowMemo,
    bad: list[tuple[int, int, str]],
    progress: _Progress,
) -> Iterator[_Checked]:
    """The file's good rows as they are read; each bad one goes to `bad` with its reason.

    With a `period_column`, a row whose period is the file's is looked up in `memo` by its
    fields joined by NUL (which no row that gets this far holds), its period cut out.
    """
    progress.step = "checking the rows"
    first_line_of: dict[str, int] = {}
    width, positions = table.width, table.positions.items()
    first, columns = next(iter(source.tables.items()))
    at = table.positions.get(source.period_column or "")
    slot = columns.index("period") if at is not None else 0
    key_at = None if source.key is None else table.positions[source.key]
    for line, span, values in table.rows:
        progress.line = line
        if len(values) != width:
            bad.append((line, span, f"expected {width} fields, found {len(values)}"))
            continue
        joined = "\x00".join(values)
        if joined.count("\x00") >= width:  # more than the separators: a field holds a NUL
            with_nul = next(
                (column for column, i in positions if "\x00" in values[i]), "a column it ignores"
            )
            bad.append((line, span, f"{with_nul} holds a NUL character"))
            continue
        texts, others, seen = None, {}, None
        if at is not None and values[at].strip() == period:
            start = sum(map(len, values[:at])) + at
            seen = joined[:start] + joined[start + len(values[at]) :]
            known = memo.get(seen)
            texts = None if known is None else [period.join(known)]
        if texts is None:
            try:
                others = source.parse_row(
                    {column: values[i] for column, i in positions}, period, pseudonyms
                )
            except BadValue as exc:
                bad.append((line, span, str(exc)))
                continue
            rows = others.pop(first)
            if seen is None:
                texts = [copy_text.line(row) for row in rows]
            else:
                (row,) = rows
                around = copy_text.line((*row[:slot], "\x00", *row[slot + 1 :])).split("\x00")
                memo.put(seen, (around[0], around[1]))
                texts = [period.join(around)]
        if key_at is not None:
            key = values[key_at].strip()
            if key in first_line_of:
                bad.append((line, span, f"{source.key} repeats line {first_line_of[key]}"))
                continue
            first_line_of[key] = line
        yield line, span, texts, others


def _copy_checked(
    conn: psycopg.Connection,
    source: Source,
    table: Table,
    period: str | None,
    pseudonyms: Pseudonymizer,
    memo: RowMemo,
    load_id: int,
    progress: _Progress,
) -> tuple[_Parsed, dict[str, list[tuple[int, tuple]]]]:
    """COPY the file's good rows into the source's first table as they are read, as COPY text
    in blocks of `_BLOCK` lines; return what became of the rows, and the rows for its other
    tables (free text: small, copied after)."""
    assert period is not None
    (name, columns), *rest = source.tables.items()
    others: dict[str, list[tuple[int, tuple]]] = {other: [] for other, _ in rest}
    parsed = _Parsed()
    lines = array("l")
    block: list[str] = []
    statement = f"copy {name} (load_id, line_no, {', '.join(columns)}) from stdin"
    try:
        with conn.cursor() as cur, cur.copy(statement) as copy:
            checked = _checked(source, table, period, pseudonyms, memo, parsed.bad, progress)
            for line, span, texts, other_rows in checked:
                for text in texts:
                    block.append(f"{load_id}\t{line}\t{text}\n")
                    lines.append(line)
                for other, rows in other_rows.items():
                    others[other].extend((line, values) for values in rows)
                parsed.rows += 1
                parsed.lines_loaded += span
                if len(block) >= _BLOCK:
                    copy.write("".join(block))
                    block.clear()
            copy.write("".join(block))
    except psycopg.DataError as exc:
        progress.step, progress.line = f"copying into {name}", _refused_line(exc, lines)
        raise
    parsed.bad.extend((line, 1, reason) for line, reason in table.set_aside)
    parsed.bad.sort()
    return parsed, others


_BLOCK = 256
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
        progress.line = _refused_line(exc, array("l", (line for line, _ in rows)))
        raise


def _refused_line(exc: psycopg.DataError, lines: array) -> int | None:
    """The file line of the row COPY refused, from the COPY line the server names."""
    match = _COPY_LINE.search(exc.diag.context or "")
    if match and 0 < int(match.group(1)) <= len(lines):
        return lines[int(match.group(1)) - 1]
    return None
