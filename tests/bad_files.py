"""Broken landing files made by hand: CSV text exactly as given, workbooks broken inside."""

from __future__ import annotations

import io
import zipfile

SHEET = "xl/worksheets/sheet1.xml"


def joined(header: tuple[str, ...], rows: list[dict[str, object]]) -> str:
    """Rows joined with `;` exactly as given: no quoting, so a stray `"` stays stray."""
    lines = [";".join(header), *(";".join(str(row.get(c, "")) for c in header) for row in rows)]
    return "\r\n".join(lines) + "\r\n"


def xlsx_bytes(header: tuple[str, ...], rows: list[dict[str, object]]) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(list(header))
    for row in rows:
        book.active.append([row.get(c) for c in header])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def with_sheet(workbook: bytes, sheet_xml: bytes) -> bytes:
    """The workbook with its first sheet's XML replaced."""
    source = zipfile.ZipFile(io.BytesIO(workbook))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = sheet_xml if item.filename == SHEET else source.read(item.filename)
            target.writestr(item, data)
    return buffer.getvalue()


def truncated_sheet(header: tuple[str, ...], rows: list[dict[str, object]]) -> bytes:
    """A valid workbook whose sheet XML stops two thirds of the way through."""
    book = xlsx_bytes(header, rows)
    xml = zipfile.ZipFile(io.BytesIO(book)).read(SHEET)
    return with_sheet(book, xml[: len(xml) * 2 // 3])


def bomb(header: tuple[str, ...], value: str, rows: int = 40_000) -> bytes:
    """A few kB that unpack to megabytes: a sheet that claims 16,384 columns and a million
    rows, and holds `rows` rows of `value` under the header."""
    cells = "".join(
        f'<c r="{chr(65 + i)}1" t="inlineStr"><is><t>{name}</t></is></c>'
        for i, name in enumerate(header)
    )
    body = "".join(
        f'<row r="{r}"><c r="A{r}" t="inlineStr"><is><t>{value}</t></is></c></row>'
        for r in range(2, rows + 2)
    )
    xml = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        '<dimension ref="A1:XFD1048576"/>'
        f'<sheetData><row r="1">{cells}</row>{body}</sheetData></worksheet>'
    )
    return with_sheet(xlsx_bytes(header, []), xml.encode())
