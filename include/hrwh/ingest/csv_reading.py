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
"""

from __future__ import annotations

import codecs
import csv
import io

from hrwh.ingest.tabular import FileRejected, Row, Table, check_header, too_many_rows

MAX_RECORD_LINES = 100
"""The most physical lines one record may take when its free text holds line breaks."""

_BOMS = (  # byte-order mark, its name, the encoding as recorded, the codec after the mark
    (codecs.BOM_UTF32_LE, "UTF-32", None, None),
    (codecs.BOM_UTF32_BE, "UTF-32", None, None),
    (codecs.BOM_UTF8, "UTF-8", "utf-8-sig", "utf-8"),
    (codecs.BOM_UTF16_LE, "UTF-16", "utf-16-le", "utf-16-le"),
    (codecs.BOM_UTF16_BE, "UTF-16", "utf-16-be", "utf-16-be"),
)


def decode(data: bytes) -> tuple[str, str]:
    """Text and encoding name: a byte-order mark decides; else UTF-8, else Windows-1252."""
    for bom, name, encoding, codec in _BOMS:
        if data.startswith(bom):
            if encoding is None or codec is None:
                raise FileRejected(f"the file is {name} text; export it as UTF-8")
            try:
                return data[len(bom) :].decode(codec), encoding
            except UnicodeDecodeError as exc:
                raise FileRejected(
                    f"the file starts with a {name} byte-order mark (BOM) but is not {name} text"
                ) from exc
    head = data[:1024]
    if head.count(0) * 4 >= len(head):
        raise FileRejected(
            "the file looks like UTF-16 text without a byte-order mark (BOM); export it as "
            "UTF-8, or as UTF-16 with a BOM"
        )
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError as exc:
        raise FileRejected("the file is neither UTF-8 nor Windows-1252 text") from exc


class _Records:
    """`csv.reader` over physical lines it is fed one at a time, read one record at a time.

    `record(first, max_lines)` reads the record that starts at line index `first` and may take
    at most `max_lines` lines: asking for one more, or for a line past the end, ends the feed
    and counts as an overrun, so a quote that never closes stops at the record's allowance
    instead of swallowing the rest of the file. Reading resumes wherever the caller says, on a
    fresh reader when it is not where the last record ended or that record went wrong.
    """

    def __init__(self, lines: list[str], delimiter: str) -> None:
        self.lines = lines
        self.delimiter = delimiter
        self.next = self.end = 0
        self.overrun = self.stale = False
        self.reader = csv.reader(self, delimiter=delimiter)

    def __iter__(self) -> _Records:
        return self

    def __next__(self) -> str:
        i = self.next
        if i >= self.end:  # the record's allowance or the file is used up
            self.overrun = True
            raise StopIteration
        self.next = i + 1
        return self.lines[i]

    def record(self, first: int, max_lines: int) -> tuple[list[str] | None, int, bool]:
        """(fields, lines taken, overrun); fields is None when the reader cannot take the
        record (a field longer than its limit)."""
        if first != self.next or self.stale:
            self.next = first
            self.reader = csv.reader(self, delimiter=self.delimiter)
        self.end, self.overrun = min(first + max_lines, len(self.lines)), False
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
    """Decode the file, check its header, and split its records; count every line."""
    text, encoding = decode(data)
    if not text.strip():
        raise FileRejected("the file is empty")
    lines = io.StringIO(text, newline="").readlines()
    if max_rows is not None and len(lines) - 1 > max_rows:
        raise too_many_rows(max_rows)
    delimiter = ";" if lines[0].count(";") >= lines[0].count(",") else ","
    records = _Records(lines, delimiter)
    header, _, overrun = records.record(0, 1)
    if header is None or overrun:
        raise FileRejected("the header line cannot be read: a quote in it does not close")
    positions, unknown = check_header(header, required, f"delimiter {delimiter!r}")
    names = [name if name in required else "" for name in (n.strip() for n in header)]
    free = {i for i, name in enumerate(names) if name in free_text}
    max_lines = MAX_RECORD_LINES if free else 1
    unclosed = "and does not close on its line" if max_lines == 1 else "and does not close"
    too_long = f"a field is longer than {csv.field_size_limit():,} characters"
    rows: list[Row] = []
    set_aside: list[tuple[int, str]] = []
    blank = 0
    first = 1
    while first < len(lines):
        fields, taken, overrun = records.record(first, max_lines)
        if fields is None:
            problem: str | None = too_long
        elif overrun:
            problem = f"a quote opens in {_column(names, len(fields) - 1)} {unclosed}"
        elif taken > 1:
            problem = _runs_over_wrongly(fields, names, free, unclosed)
        else:
            problem = None
        if problem is not None:
            set_aside.append((first + 1, problem))  # only this line: reading resumes after it
            first += 1
            continue
        if "".join(fields).strip():  # a field that is not blank (in one pass, in C)
            rows.append((first + 1, taken, fields))
        else:
            blank += taken
        first += max(taken, 1)
    return Table(
        encoding, delimiter, positions, unknown, len(header), rows, set_aside, len(lines), blank
    )


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
