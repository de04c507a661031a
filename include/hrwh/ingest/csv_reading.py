"""Reading a landing CSV: encoding, delimiter, header, and its records line by line.

The source systems write UTF-8 (with or without BOM), UTF-16 with a BOM or Windows-1252 (Swedish
Excel), with `;` or `,` between fields.

The file is split into physical lines at `\\r\\n`, `\\n` or `\\r`, and `csv.reader` is fed those
lines one at a time, so the lines each record takes are known. A record may run over several
lines only where a free-text column of its source holds a line break (a comment typed with
Enter) and it has the header's number of fields. Any other record that runs over its line - a
stray `"` at the start of `Enhet`, a quote that never closes - would swallow the following lines
into one field; instead its first line is set aside with the reason and reading resumes at the
next line, so no other line is lost. A line the reader cannot take at all (a field longer than
the reader's limit) is set aside the same way.

A file is read as a stream, so memory stays flat in file size: one pass decodes it whole to
settle its encoding (a Windows-1252 byte late in a file makes all of it Windows-1252) and count
its lines, the next hands out its records one at a time, holding only the lines a record may
still take. A line without a quote is split without the CSV reader: the same fields, in C.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from hrwh.ingest.tabular import FileRejected, Row, Table, check_header, too_many_rows

MAX_RECORD_LINES = 100
"""The most physical lines one record may take when its free text holds line breaks."""

_CHUNK = 1 << 20
_BOMS = (  # byte-order mark, its name, the encoding as recorded, the codec after the mark
    (codecs.BOM_UTF32_LE, "UTF-32", None, None),
    (codecs.BOM_UTF32_BE, "UTF-32", None, None),
    (codecs.BOM_UTF8, "UTF-8", "utf-8-sig", "utf-8"),
    (codecs.BOM_UTF16_LE, "UTF-16", "utf-16-le", "utf-16-le"),
    (codecs.BOM_UTF16_BE, "UTF-16", "utf-16-be", "utf-16-be"),
)

Opener = Callable[[], BinaryIO]


@dataclass(frozen=True)
class _Text:
    """How to read a file as text, found by `_scan`."""

    encoding: str
    """As recorded in the ledger."""
    codec: str
    skip: int
    """Bytes of the byte-order mark."""
    lines: int


def _bom(head: bytes) -> tuple[str, str, str, int] | None:
    """(name, encoding as recorded, codec, mark length) of the file's byte-order mark, if any."""
    for bom, name, encoding, codec in _BOMS:
        if head.startswith(bom):
            if encoding is None or codec is None:
                raise FileRejected(f"the file is {name} text; export it as UTF-8")
            return name, encoding, codec, len(bom)
    if head[:1024].count(0) * 4 >= len(head[:1024]):
        raise FileRejected(
            "the file looks like UTF-16 text without a byte-order mark (BOM); export it as "
            "UTF-8, or as UTF-16 with a BOM"
        )
    return None


def decode(data: bytes) -> tuple[str, str]:
    """Text and encoding name: a byte-order mark decides; else UTF-8, else Windows-1252."""
    text = _scan(lambda: io.BytesIO(data))
    with _open_text(lambda: io.BytesIO(data), text) as reader:
        return reader.read(), text.encoding


def _scan(open_file: Opener) -> _Text:
    """Settle the encoding by decoding the whole file once, and count its lines; reject a file
    that is not text in a known encoding, or is blank."""
    with open_file() as fh:
        head = fh.read(1024)
    if not head:
        raise FileRejected("the file is empty")
    mark = _bom(head)
    if mark is not None:
        name, encoding, codec, skip = mark
        lines = _lines_decoded(open_file, codec, skip)
        if lines is None:
            raise FileRejected(
                f"the file starts with a {name} byte-order mark (BOM) but is not {name} text"
            )
        return _Text(encoding, codec, skip, _nonblank(lines))
    for codec in ("utf-8", "cp1252"):
        lines = _lines_decoded(open_file, codec, 0)
        if lines is not None:
            return _Text(codec, codec, 0, _nonblank(lines))
    raise FileRejected("the file is neither UTF-8 nor Windows-1252 text")


def _nonblank(lines: int) -> int:
    if lines == 0:
        raise FileRejected("the file is empty")
    return lines


def _lines_decoded(open_file: Opener, codec: str, skip: int) -> int | None:
    """The file's physical lines (split at `\\r\\n`, `\\n` or `\\r`, as the reader splits them),
    0 when its text is blank, None when it is not text in `codec`."""
    decoder = codecs.getincrementaldecoder(codec)()
    breaks, last, blank = 0, "", True
    with open_file() as fh:
        fh.seek(skip)
        while True:
            chunk = fh.read(_CHUNK)
            try:
                text = decoder.decode(chunk, final=not chunk)
            except UnicodeDecodeError:
                return None
            if text:
                breaks += text.count("\n") + text.count("\r") - text.count("\r\n")
                if last == "\r" and text[0] == "\n":
                    breaks -= 1
                last = text[-1]
                blank = blank and not text.strip()
            if not chunk:
                break
    if blank:
        return 0
    return breaks + (last not in "\r\n")


def _open_text(open_file: Opener, text: _Text) -> io.TextIOWrapper:
    fh = open_file()
    fh.seek(text.skip)
    return io.TextIOWrapper(fh, encoding=text.codec, newline="")


class _Window:
    """The file's lines from the record being read on, read ahead only as far as a record may
    reach; lines behind it are dropped. Indexed by line index in the file."""

    def __init__(self, lines: Iterator[str]) -> None:
        self.source = lines
        self.buffer: list[str] = []
        self.base = 0
        self.done = False

    def reach(self, end: int) -> int:
        """Read ahead to line index `end` (exclusive); return how far the file goes, up to it."""
        buffer = self.buffer
        while self.base + len(buffer) < end and not self.done:
            line = next(self.source, None)
            if line is None:
                self.done = True
            else:
                buffer.append(line)
        return min(end, self.base + len(buffer))

    def __getitem__(self, i: int) -> str:
        return self.buffer[i - self.base]

    def forget(self, before: int) -> None:
        """Drop the lines before index `before` (in batches: a drop moves the rest)."""
        if before - self.base >= 4096:
            del self.buffer[: before - self.base]
            self.base = before


class _Records:
    """`csv.reader` over physical lines it is fed one at a time, read one record at a time.

    `record(first, max_lines)` reads the record that starts at line index `first` and may take
    at most `max_lines` lines: asking for one more, or for a line past the end, ends the feed
    and counts as an overrun, so a quote that never closes stops at the record's allowance
    instead of swallowing the rest of the file. Reading resumes wherever the caller says, on a
    fresh reader when it is not where the last record ended or that record went wrong. A line
    without a quote is one record by itself, split at the delimiter without the reader (`plain`).
    """

    def __init__(self, lines: _Window, delimiter: str) -> None:
        self.lines = lines
        self.delimiter = delimiter
        self.next = self.end = 0
        self.overrun = self.stale = False
        self.reader = csv.reader(self, delimiter=delimiter)
        self.limit = csv.field_size_limit()

    def __iter__(self) -> _Records:
        return self

    def __next__(self) -> str:
        i = self.next
        if i >= self.end:  # the record's allowance or the file is used up
            self.overrun = True
            raise StopIteration
        self.next = i + 1
        return self.lines[i]

    def plain(self, line: str) -> list[str] | None:
        """The fields of a line without a quote, which is a record by itself (split in C, the
        same fields the reader gives), else None."""
        if '"' in line or len(line) > self.limit:
            return None
        return line.rstrip("\r\n").split(self.delimiter)

    def record(self, first: int, max_lines: int) -> tuple[list[str] | None, int, bool]:
        """(fields, lines taken, overrun); fields is None when the reader cannot take the
        record (a field longer than its limit)."""
        fields = self.plain(self.lines[first])
        if fields is not None:  # the reader, if clean, stays clean
            self.next = first + 1
            return fields, 1, False
        if first != self.next or self.stale:
            self.next = first
            self.reader = csv.reader(self, delimiter=self.delimiter)
        self.end, self.overrun = self.lines.reach(first + max_lines), False
        try:
            fields = next(self.reader, [])
        except csv.Error:
            fields = None
        self.stale = fields is None or self.overrun
        return fields, self.next - first, self.overrun


def read_csv(
    data: bytes,
    required: tuple[str, ...],
    *,
    free_text: tuple[str, ...] = (),
    max_rows: int | None = None,
) -> Table:
    """A CSV file in memory, read whole: its rows as a list."""
    table = stream_csv(lambda: io.BytesIO(data), required, free_text=free_text, max_rows=max_rows)
    table.rows = list(table.rows)
    return table


def open_csv(
    path: Path,
    required: tuple[str, ...],
    *,
    free_text: tuple[str, ...] = (),
    max_rows: int | None = None,
) -> Table:
    """A CSV file on disk, its rows read as they are taken (see `stream_csv`)."""
    return stream_csv(lambda: path.open("rb"), required, free_text=free_text, max_rows=max_rows)


def stream_csv(
    open_file: Opener,
    required: tuple[str, ...],
    *,
    free_text: tuple[str, ...] = (),
    max_rows: int | None = None,
) -> Table:
    """Settle the encoding, check the header, and hand out the records: `rows` is an iterator,
    and `set_aside` and `lines_blank` are complete once it is used up. Every line is counted."""
    text = _scan(open_file)
    if max_rows is not None and text.lines - 1 > max_rows:
        raise too_many_rows(max_rows)
    reader = _open_text(open_file, text)
    try:
        lines = _Window(iter(reader))
        lines.reach(2)
        delimiter = ";" if lines[0].count(";") >= lines[0].count(",") else ","
        records = _Records(lines, delimiter)
        header, _, overrun = records.record(0, 1)
        if header is None or overrun:
            raise FileRejected("the header line cannot be read: a quote in it does not close")
        positions, unknown = check_header(header, required, f"delimiter {delimiter!r}")
    except BaseException:
        reader.close()
        raise
    table = Table(text.encoding, delimiter, positions, unknown, len(header), [], [], text.lines, 0)
    names = [name if name in required else "" for name in (n.strip() for n in header)]
    table.rows = _rows(table, reader, records, names, set(free_text))
    return table


def _rows(
    table: Table, reader: io.TextIOWrapper, records: _Records, names: list[str], free_text: set
) -> Iterator[Row]:
    """The table's records, one at a time; lines that are no record go to its `set_aside`."""
    free = {i for i, name in enumerate(names) if name in free_text}
    max_lines = MAX_RECORD_LINES if free else 1
    unclosed = "and does not close on its line" if max_lines == 1 else "and does not close"
    too_long = f"a field is longer than {csv.field_size_limit():,} characters"
    lines, plain = records.lines, records.plain
    first = 1
    with reader:
        while lines.reach(first + 1) > first:
            lines.forget(first)
            fields, taken = plain(lines[first]), 1
            if fields is None:  # a quote in the line: the reader, and what can go wrong there
                fields, taken, overrun = records.record(first, max_lines)
                problem = _problem(fields, taken, overrun, names, free, unclosed, too_long)
                if problem is not None:
                    table.set_aside.append((first + 1, problem))  # only this line: go on after
                    first += 1
                    continue
                assert fields is not None
            if "".join(fields).strip():  # a field that is not blank (in one pass, in C)
                yield (first + 1, taken, fields)
            else:
                table.lines_blank += taken
            first += max(taken, 1)


def _problem(
    fields: list[str] | None,
    taken: int,
    overrun: bool,
    names: list[str],
    free: set[int],
    unclosed: str,
    too_long: str,
) -> str | None:
    """Why a record the reader read may not stand, or None."""
    if fields is None:
        return too_long
    if overrun:
        return f"a quote opens in {_column(names, len(fields) - 1)} {unclosed}"
    if taken > 1:
        return _runs_over_wrongly(fields, names, free, unclosed)
    return None


def _column(names: list[str], i: int) -> str:
    """A field's column by its known name, else by its position."""
    return names[i] if i < len(names) and names[i] else f"field {i + 1}"


def _runs_over_wrongly(
    fields: list[str], names: list[str], free: set[int], unclosed: str
) -> str | None:
    """Why a record over several lines may not stand, or None when it may."""
    for i, value in enumerate(fields):
        if i not in free and ("\n" in value or "\r" in value):
            return f"a quote opens in {_column(names, i)} {unclosed} (it runs over lines)"
    if len(fields) != len(names):
        return f"expected {len(names)} fields, found {len(fields)} (a quoted field runs over lines)"
    return None
