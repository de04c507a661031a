"""Writing consultant reports and survey exports by hand for tests (CSV and Excel)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

CONSULTANT_HEADER = (
    "Matdatum",
    "Forvaltning",
    "Enhet",
    "Verksamhetsomrade",
    "AntalKonsulter",
    "RapporteradAv",
    "Inskickad",
    "Kommentar",
)
STATEMENTS = (
    "Jag har en bra arbetssituation",
    "Jag känner att jag kan göra ett gott arbete",
    "Jag kan rekommendera min arbetsplats till andra",
)
SURVEY_HEADER = (
    "RespondentID",
    "Epost",
    "Forvaltning",
    "Enhet",
    "Verksamhetsomrade",
    "Befattning",
    *STATEMENTS,
    *(f"Kommentar: {s}" for s in STATEMENTS),
    "Vad får dig att trivas på din arbetsplats?",
    "Inskickad",
)


def write_rows(
    path: Path, header: tuple[str, ...], rows: list[dict[str, object]], encoding: str = "utf-8"
) -> Path:
    """A `;`-separated CSV, or an Excel workbook when the name ends in .xlsx."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.suffix == ".xlsx":
        from openpyxl import Workbook

        book = Workbook()
        sheet = book.active
        sheet.append(list(header))
        for row in rows:
            sheet.append([row.get(c) for c in header])
        book.save(path)
        return path
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow(["" if row.get(c) is None else row.get(c) for c in header])
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path
