"""Writing payroll extracts by hand for tests, in the source system's exact format.

Independent of the code under test: the check digit and the file layout are written out here
from the source format's description, not imported from `hrwh`.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

HEADER = (
    "Period",
    "AnstallningsID",
    "Personnummer",
    "Namn",
    "Forvaltning",
    "Enhet",
    "Verksamhetsomrade",
    "Befattning",
    "Anstallningsform",
    "Loneform",
    "Avtal",
    "Vilande",
    "Sysselsattningsgrad",
    "Manadslon",
    "AnstalldFrom",
    "AnstalldTom",
    "Avgangsorsak",
)

DEFAULTS = {
    "Enhet": "Enheten för barn och unga",
    "Verksamhetsomrade": "Individ- och familjeomsorg",
    "Befattning": "Socialsekreterare",
    "Anstallningsform": "Tillsvidareanställning",
    "Loneform": "Månadslön",
    "Avtal": "01",
    "Vilande": "N",
    "Sysselsattningsgrad": "100,0",
    "Manadslon": "38500,00",
    "AnstalldTom": "",
    "Avgangsorsak": "",
}


def personnummer(birth: str, serial: str) -> str:
    """A valid identity number: birth date YYYYMMDD, three serial digits, Luhn check digit."""
    digits = birth[2:] + serial
    total = 0
    for i, ch in enumerate(digits):
        n = int(ch) * (2 - i % 2)
        total += n // 10 + n % 10
    return f"{birth}-{serial}{(10 - total % 10) % 10}"


def write_payroll(
    landing: Path,
    period: str,
    rows: list[dict[str, str]],
    *,
    encoding: str = "utf-8",
    delimiter: str = ";",
    header: tuple[str, ...] = HEADER,
) -> Path:
    """Write `hr_payroll/payroll_<period>.csv`; each row is DEFAULTS overridden by the dict."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        full = {"Period": period, **DEFAULTS, **row}
        writer.writerow([full.get(col, "") for col in header])
    path = landing / "hr_payroll" / f"payroll_{period}.csv"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path
