"""Reading a landing CSV as a whole: encoding, delimiter, header.

The source systems write UTF-8 (with or without BOM) or Windows-1252 (Swedish Excel), with `;`
or `,` between fields. A single broken line does not reject the file: it comes back as a row
with the wrong number of fields, for the loader to set aside.
"""

from __future__ import annotations

import csv
import io

from hrwh.ingest.tabular import FileRejected, Table, check_header


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


def read_csv(data: bytes, required: tuple[str, ...]) -> Table:
    """Decode the file, check its header, and split its rows."""
    text, encoding = decode(data)
    if not text.strip():
        raise FileRejected("the file is empty")
    header_line = text.splitlines()[0]
    delimiter = ";" if header_line.count(";") >= header_line.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header = next(reader)
    positions, extra = check_header(header, required, f"delimiter {delimiter!r}")
    rows: list[tuple[int, list[str]]] = []
    end = reader.line_num
    for fields in reader:
        start, end = end + 1, reader.line_num
        if any(f.strip() for f in fields):
            rows.append((start, fields))
    return Table(encoding, delimiter, positions, extra, rows)
