"""Reading a landing Excel workbook: the table on its first sheet, cells as text.

Managers type dates and numbers into Excel as real cells; they are turned into the same text a
CSV export would hold (`2016-04-12`, `2016-04-12 09:30`, `3`), so one row parser serves both.
"""

from __future__ import annotations

import io
import zipfile
from datetime import date, datetime, time

from hrwh.ingest.tabular import FileRejected, Table, check_header


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


def read_xlsx(data: bytes, required: tuple[str, ...]) -> Table:
    """The first sheet's rows; row 1 is the header."""
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise FileRejected(f"the file is not a readable Excel workbook ({exc})") from exc
    try:
        sheet = workbook.worksheets[0]
        rows_iter = sheet.iter_rows(values_only=True)
        header = next(rows_iter, None)
        if header is None:
            raise FileRejected("the workbook's first sheet is empty")
        names = [cell_text(v) for v in header]
        while names and not names[-1].strip():
            names.pop()
        positions, extra = check_header(names, required, f"sheet {sheet.title!r}")
        width = len(names)
        rows: list[tuple[int, list[str]]] = []
        for number, values in enumerate(rows_iter, start=2):
            fields = [cell_text(v) for v in values]
            if not any(f.strip() for f in fields):
                continue
            if len(fields) > width and not any(f.strip() for f in fields[width:]):
                fields = fields[:width]
            rows.append((number, fields + [""] * (width - len(fields))))
    finally:
        workbook.close()
    return Table("xlsx", None, positions, extra, rows)
