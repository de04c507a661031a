"""A landing file read as a table: header checked, rows as lists of text, every line counted.

CSV and Excel files arrive for the same sources; after reading, the loader sees one shape for
both. A file that cannot be read as a whole raises `FileRejected`. A line the reader cannot turn
into a row (a quote that never closes, a field longer than the CSV reader takes) is set aside on
its own, so that no other line is lost with it.

Messages describe the file's structure only (column names, positions, line numbers, counts) and
never quote what a line holds: a file without a header row, or one whose columns slipped, can
put a name or an identity number anywhere.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path, PurePath

Row = tuple[int, int, list[str]]
"""(first line or sheet row number, lines the row spans, fields)."""


class FileRejected(Exception):
    """The file cannot be used at all; the message is the reason recorded for it."""


@dataclass
class Table:
    """A file's rows as text, with its header mapped to field positions.

    `rows` is a list, or (a CSV file read from disk) an iterator that reads the file as it is
    taken, once; `set_aside` and `lines_blank` are complete when the rows are.
    """

    encoding: str
    delimiter: str | None
    positions: dict[str, int]
    unknown_columns: tuple[int, ...]
    """1-based positions of header names the source does not know (ignored)."""
    width: int
    """Fields in the header: every row must have as many."""
    rows: Iterable[Row]
    set_aside: list[tuple[int, str]]
    """Lines the reader could not turn into a row, each with its reason."""
    lines_total: int
    """Physical lines (CSV) or sheet rows (Excel), the header included."""
    lines_blank: int


def check_header(
    names: list[str], required: tuple[str, ...], how: str
) -> tuple[dict[str, int], tuple[int, ...]]:
    """Positions of the required columns and of unknown ones; reject a bad header.

    Only names the source knows are ever repeated in a message; the others are counted.
    """
    names = [n.strip() for n in names]
    known = [n for n in names if n in required]
    repeated = sorted({n for n in known if names.count(n) > 1})
    if repeated:
        raise FileRejected(f"the header repeats the column(s) {', '.join(repeated)}")
    missing = [c for c in required if c not in names]
    if missing:
        found = f"found {len(names)} column(s)"
        found += (
            f", of them known: {', '.join(known)}"
            if known
            else ", none of them a known column name: is the header row missing?"
        )
        raise FileRejected(f"the header lacks the column(s) {', '.join(missing)} ({how}; {found})")
    positions = {name: i for i, name in enumerate(names) if name in required}
    unknown = tuple(i + 1 for i, n in enumerate(names) if n and n not in required)
    return positions, unknown


def read_table(
    data: bytes,
    file_name: str,
    required: tuple[str, ...],
    *,
    free_text: tuple[str, ...] = (),
    max_rows: int | None = None,
    max_unpacked_bytes: int | None = None,
) -> Table:
    """Read a `.csv` or `.xlsx` landing file.

    `free_text` are the columns whose values may hold line breaks; `max_rows` caps the lines
    (sheet rows) after the header and `max_unpacked_bytes` what a workbook may unpack to.
    """
    if not data.strip():
        raise FileRejected("the file is empty")
    if PurePath(file_name).suffix.lower() == ".xlsx":
        from hrwh.ingest.xlsx_reading import read_xlsx

        return read_xlsx(data, required, max_rows=max_rows, max_unpacked_bytes=max_unpacked_bytes)
    from hrwh.ingest.csv_reading import read_csv

    return read_csv(data, required, free_text=free_text, max_rows=max_rows)


def open_table(
    path: Path,
    required: tuple[str, ...],
    *,
    free_text: tuple[str, ...] = (),
    max_rows: int | None = None,
    max_unpacked_bytes: int | None = None,
) -> Table:
    """Open a landing file as `read_table` reads it; a CSV file's rows are streamed from disk
    (a workbook is unpacked whole anyway)."""
    if path.suffix.lower() == ".xlsx":
        return read_table(
            path.read_bytes(),
            path.name,
            required,
            free_text=free_text,
            max_rows=max_rows,
            max_unpacked_bytes=max_unpacked_bytes,
        )
    from hrwh.ingest.csv_reading import open_csv

    return open_csv(path, required, free_text=free_text, max_rows=max_rows)


def too_many_rows(max_rows: int) -> FileRejected:
    """The rejection of a file longer than HRWH_MAX_FILE_ROWS allows."""
    return FileRejected(
        f"the file has more than {max_rows:,} rows after its header, the most a file may have "
        "(HRWH_MAX_FILE_ROWS)"
    )
