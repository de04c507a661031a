"""Writing the managers' spreadsheets and the survey tool's exports, reproducibly.

Both sources arrive as CSV (`;`, UTF-8 with or without BOM, or Windows-1252 with CRLF as Swedish
Excel saves it) or as Excel workbooks with the table on the first sheet. In a workbook a cell
holds what its author typed: text, an integer, a date or a date-time, so rows here are lists of
such values and the CSV writer renders them the way an export would.

openpyxl stamps the current time into a workbook's properties and into its zip entries; both
are pinned to a fixed time, so the same seed always gives the same bytes.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

Cell = str | int | date | datetime | None

DATE_FORMAT = "yyyy-mm-dd"
TIMESTAMP_FORMAT = "yyyy-mm-dd hh:mm"


@dataclass(frozen=True)
class CsvFormat:
    """How one CSV file is encoded."""

    encoding: str = "utf-8"
    lineterminator: str = "\n"


UTF8 = CsvFormat()
UTF8_BOM = CsvFormat("utf-8-sig")
CP1252 = CsvFormat("cp1252", "\r\n")


def cell_text(value: Cell) -> str:
    """A cell as a CSV export writes it: `2016-04-12`, `2016-04-12 09:30`, `3`, or empty."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def write_csv(path: Path, header: tuple[str, ...], rows: list[list[Cell]], fmt: CsvFormat) -> None:
    """`;`-delimited; raises if a value cannot be encoded (never silently replaced)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding=fmt.encoding, newline="") as fh:
        writer = csv.writer(fh, delimiter=";", lineterminator=fmt.lineterminator)
        writer.writerow(header)
        writer.writerows([cell_text(v) for v in row] for row in rows)


def write_table(
    path: Path,
    header: tuple[str, ...],
    rows: list[list[Cell]],
    csv_format: CsvFormat | None,
    sheet_title: str,
    stamp: datetime,
) -> Path:
    """A CSV in `csv_format`, or, when that is None, a workbook saved at `stamp`."""
    if csv_format is not None:
        write_csv(path, header, rows, csv_format)
    else:
        write_xlsx(path, header, rows, sheet_title, stamp)
    return path


def write_xlsx(
    path: Path,
    header: tuple[str, ...],
    rows: list[list[Cell]],
    sheet_title: str,
    stamp: datetime,
) -> None:
    """The table on the first sheet; date cells shown as dates, `stamp` as the save time."""
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = sheet_title
    sheet.append(list(header))
    for row in rows:
        sheet.append(list(row))
    for cells in sheet.iter_rows(min_row=2):
        for cell in cells:
            if isinstance(cell.value, datetime):
                at_midnight = cell.value.hour == 0 and cell.value.minute == 0
                cell.number_format = DATE_FORMAT if at_midnight else TIMESTAMP_FORMAT
    for letter, name in zip("ABCDEFGHIJKLMNOPQRSTUVWXYZ", header, strict=False):
        sheet.column_dimensions[letter].width = min(45, max(12, len(name) + 2))
    sheet.freeze_panes = "A2"
    workbook.properties.creator = "Stockholms stad"
    workbook.properties.created = stamp
    buffer = io.BytesIO()
    workbook.save(buffer)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(_pinned(buffer.getvalue(), stamp))


def _pinned(data: bytes, stamp: datetime) -> bytes:
    """The workbook with its modification time and zip entry times set to `stamp`."""
    iso = stamp.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = re.sub(
                    rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)",
                    rb"\g<1>" + iso + rb"\g<2>",
                    content,
                )
            pinned = zipfile.ZipInfo(info.filename, date_time=stamp.timetuple()[:6])
            pinned.compress_type = zipfile.ZIP_DEFLATED
            pinned.external_attr = info.external_attr
            target.writestr(pinned, content)
    return out.getvalue()
