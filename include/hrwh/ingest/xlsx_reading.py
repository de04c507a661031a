"""Reading a landing Excel workbook: the table on its first sheet, cells as text.

Managers type dates and numbers into Excel as real cells; they are turned into the same text a
CSV export would hold (`2016-04-12`, `2016-04-12 09:30`, `3`), so one row parser serves both.

A workbook is a zip of XML files, and a small one can unpack to gigabytes or claim 16,384
columns and a million rows. So the members' unpacked size is checked before anything is parsed,
only the header's width of columns is read, and reading stops at the row cap. Whatever else goes
wrong inside (broken XML, a part missing) rejects the file with the kind of error and the sheet
row, never with the library's message, which may quote a cell.
"""

from __future__ import annotations

import io
import warnings
import zipfile
from datetime import date, datetime, time

from hrwh.ingest.tabular import FileRejected, Row, Table, check_header, too_many_rows

MB = 1024 * 1024


def cell_text(value: object) -> str:
    """The text of one cell as a CSV export would write it."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        if value.time() == time(0, 0):
            return value.date().isoformat()
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def read_xlsx(
    data: bytes,
    required: tuple[str, ...],
    *,
    max_rows: int | None = None,
    max_unpacked_bytes: int | None = None,
) -> Table:
    """The first sheet's rows; row 1 is the header."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(member.file_size for member in archive.infolist())
    except (zipfile.BadZipFile, OSError, EOFError, ValueError) as exc:
        raise FileRejected(
            "the file is not a readable Excel workbook: an .xlsx file is a zip archive and this "
            "is not one (an encrypted or old .xls workbook is not either; save it as .xlsx "
            "without a password)"
        ) from exc
    if max_unpacked_bytes is not None and unpacked > max_unpacked_bytes:
        raise FileRejected(
            f"the workbook unpacks to {unpacked / MB:,.0f} MB, more than the "
            f"{max_unpacked_bytes / MB:,.0f} MB a file may have (HRWH_MAX_FILE_MB)"
        )
    where = ["opening the workbook"]
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl's warnings go to the task log; no use
            return _first_sheet(data, required, max_rows, where)
    except FileRejected:
        raise
    except Exception as exc:
        raise FileRejected(
            f"the file is not a readable Excel workbook ({type(exc).__name__} while {where[0]})"
        ) from exc


def _first_sheet(
    data: bytes, required: tuple[str, ...], max_rows: int | None, where: list[str]
) -> Table:
    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        if not workbook.worksheets:
            raise FileRejected("the workbook has no worksheet")
        sheet = workbook.worksheets[0]
        where[0] = "reading the header row"
        header = next(sheet.iter_rows(max_row=1, values_only=True), None)
        names = [cell_text(v) for v in header or ()]
        while names and not names[-1].strip():
            names.pop()
        if not names:
            raise FileRejected("the workbook's first sheet is empty in row 1, the header row")
        positions, unknown = check_header(names, required, "first sheet")
        width = len(names)
        # One row past the cap is read, to tell a full sheet from one that goes on.
        last = None if max_rows is None else max_rows + 2
        rows: list[Row] = []
        number, blank = 1, 0
        for number, values in enumerate(
            sheet.iter_rows(min_row=2, max_row=last, max_col=width, values_only=True), start=2
        ):
            where[0] = f"reading sheet row {number}"
            if max_rows is not None and number > max_rows + 1:
                raise too_many_rows(max_rows)
            fields = [cell_text(v) for v in values]
            if any(f.strip() for f in fields):
                rows.append((number, 1, fields + [""] * (width - len(fields))))
            else:
                blank += 1
    finally:
        workbook.close()
    return Table("xlsx", None, positions, unknown, width, rows, [], number, blank)
