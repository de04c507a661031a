"""Reading a landing CSV as a whole: encoding, delimiter, header.

The source systems write UTF-8 (with or without BOM) or Windows-1252 (Swedish Excel), with `;`
or `,` between fields. A file that cannot be read as a whole raises `FileRejected`; a single
broken line does not: it comes back as a row with the wrong number of fields, for the caller to
set aside.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass


class FileRejected(Exception):
    """The file cannot be used at all; the message is the reason recorded for it."""


@dataclass(frozen=True)
class CsvFile:
    """A decoded CSV file with its header mapped to field positions."""

    text: str
    encoding: str
    delimiter: str
    positions: dict[str, int]
    extra_columns: tuple[str, ...]

    def rows(self) -> Iterator[tuple[int, list[str]]]:
        """(line number, fields) for each data row; the header is line 1."""
        reader = csv.reader(io.StringIO(self.text, newline=""), delimiter=self.delimiter)
        next(reader)
        line = 1
        for fields in reader:
            line += 1
            start = line
            line = reader.line_num
            if not any(f.strip() for f in fields):
                continue
            yield start, fields


def decode(data: bytes) -> tuple[str, str]:
    """Text and encoding name: UTF-8 (BOM or not) first, Windows-1252 when UTF-8 fails."""
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            return data[3:].decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError as exc:
            raise FileRejected("the file starts with a UTF-8 BOM but is not UTF-8") from exc
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError as exc:
        raise FileRejected("the file is neither UTF-8 nor Windows-1252 text") from exc


def read_csv(data: bytes, required: tuple[str, ...]) -> CsvFile:
    """Decode the file and check its header has every required column."""
    if not data.strip():
        raise FileRejected("the file is empty")
    text, encoding = decode(data)
    header_line = text.splitlines()[0]
    delimiter = ";" if header_line.count(";") >= header_line.count(",") else ","
    header = next(csv.reader(io.StringIO(header_line), delimiter=delimiter))
    names = [h.strip() for h in header]
    duplicated = sorted({n for n in names if names.count(n) > 1 and n})
    if duplicated:
        raise FileRejected(f"the header repeats the column(s) {', '.join(duplicated)}")
    missing = [c for c in required if c not in names]
    if missing:
        raise FileRejected(
            f"the header lacks the column(s) {', '.join(missing)} "
            f"(delimiter {delimiter!r}; found: {', '.join(names)})"
        )
    positions = {name: i for i, name in enumerate(names) if name in required}
    extra = tuple(n for n in names if n not in required)
    return CsvFile(text, encoding, delimiter, positions, extra)
