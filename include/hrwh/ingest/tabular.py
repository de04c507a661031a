"""A landing file read as a table: header checked, rows as lists of text.

CSV and Excel files arrive for the same sources; after reading, the loader sees one shape for
both. A file that cannot be read as a whole raises `FileRejected`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePath


class FileRejected(Exception):
    """The file cannot be used at all; the message is the reason recorded for it."""


@dataclass(frozen=True)
class Table:
    """A file's rows as text, with its header mapped to field positions."""

    encoding: str
    delimiter: str | None
    positions: dict[str, int]
    extra_columns: tuple[str, ...]
    rows: list[tuple[int, list[str]]]
    """(line or sheet row number, fields); the header is line 1."""

    @property
    def width(self) -> int:
        return len(self.positions) + len(self.extra_columns)


def check_header(
    names: list[str], required: tuple[str, ...], how: str
) -> tuple[dict[str, int], tuple[str, ...]]:
    """Positions of the required columns and the names of extra ones; reject a bad header."""
    names = [n.strip() for n in names]
    duplicated = sorted({n for n in names if names.count(n) > 1 and n})
    if duplicated:
        raise FileRejected(f"the header repeats the column(s) {', '.join(duplicated)}")
    missing = [c for c in required if c not in names]
    if missing:
        raise FileRejected(
            f"the header lacks the column(s) {', '.join(missing)} "
            f"({how}; found: {', '.join(names)})"
        )
    positions = {name: i for i, name in enumerate(names) if name in required}
    return positions, tuple(n for n in names if n and n not in required)


def read_table(data: bytes, file_name: str, required: tuple[str, ...]) -> Table:
    """Read a `.csv` or `.xlsx` landing file."""
    if not data.strip():
        raise FileRejected("the file is empty")
    if PurePath(file_name).suffix.lower() == ".xlsx":
        from hrwh.ingest.xlsx_reading import read_xlsx

        return read_xlsx(data, required)
    from hrwh.ingest.csv_reading import read_csv

    return read_csv(data, required)
