"""Writing the monthly files the way the HR system's exports actually vary.

The format of each month is fixed here (not random) so the ingestion engineers can name the
months that exercise each variant: Windows-1252 Excel exports with CRLF line ends, UTF-8 with a
BOM, comma as delimiter (decimals then quoted), a different column order, every field quoted.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from hrwh_sample.formats import PAYROLL_COLUMNS as COLUMNS
from hrwh_sample.render import Row


@dataclass(frozen=True)
class FileFormat:
    encoding: str = "utf-8"
    delimiter: str = ";"
    lineterminator: str = "\n"
    quoting: int = csv.QUOTE_MINIMAL
    columns: tuple[str, ...] = COLUMNS


CP1252_MONTHS = ("2013-03", "2015-10", "2017-12", "2019-06")
BOM_MONTHS = (*(f"2014-{m:02d}" for m in range(1, 13)), "2020-03")
COMMA_MONTHS = ("2016-02", "2018-12")
QUOTE_ALL_MONTHS = ("2019-06",)
REORDERED_MONTHS: dict[str, tuple[str, ...]] = {
    "2015-04": (
        "AnstallningsID",
        "Period",
        "Namn",
        "Personnummer",
        "Forvaltning",
        "Verksamhetsomrade",
        "Enhet",
        "Befattning",
        "Anstallningsform",
        "Loneform",
        "Avtal",
        "Sysselsattningsgrad",
        "Manadslon",
        "Vilande",
        "AnstalldFrom",
        "AnstalldTom",
        "Avgangsorsak",
    ),
    "2019-11": (
        "Personnummer",
        "Namn",
        "AnstallningsID",
        "Forvaltning",
        "Enhet",
        "Befattning",
        "Verksamhetsomrade",
        "Anstallningsform",
        "Loneform",
        "Avtal",
        "Vilande",
        "AnstalldFrom",
        "AnstalldTom",
        "Avgangsorsak",
        "Sysselsattningsgrad",
        "Manadslon",
        "Period",
    ),
}


def file_format(period: str) -> FileFormat:
    """The export format of the month `period` (`YYYY-MM`)."""
    encoding, terminator = "utf-8", "\n"
    if period in CP1252_MONTHS:
        encoding, terminator = "cp1252", "\r\n"
    elif period in BOM_MONTHS:
        encoding = "utf-8-sig"
    return FileFormat(
        encoding=encoding,
        delimiter="," if period in COMMA_MONTHS else ";",
        lineterminator=terminator,
        quoting=csv.QUOTE_ALL if period in QUOTE_ALL_MONTHS else csv.QUOTE_MINIMAL,
        columns=REORDERED_MONTHS.get(period, COLUMNS),
    )


def write_payroll_file(path: Path, rows: list[Row], fmt: FileFormat) -> None:
    """Write one month; raises if a value cannot be encoded (never silently replaced)."""
    order = [COLUMNS.index(c) for c in fmt.columns]
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding=fmt.encoding, newline="") as fh:
        writer = csv.writer(
            fh, delimiter=fmt.delimiter, lineterminator=fmt.lineterminator, quoting=fmt.quoting
        )
        writer.writerow(fmt.columns)
        writer.writerows([row[i] for i in order] for row in rows)
