"""Writing payroll extracts by hand for tests, in the source system's exact format.

Independent of the code under test: the check digit and the file layout are written out here
from the source format's description, not imported from `hrwh`.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import date, timedelta
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


@dataclass
class Employment:
    """One employment of a hand-made scenario, written into every month it appears in.

    It appears in each month it is active at least one day, and also in the months after its
    last day up to `registered` (the month its end date is first delivered, when that is late).
    `changes` are monthly attributes that hold from a month on; `once` overrides one month only.
    """

    emp_id: str
    person: int
    administration: str
    start: str
    end: str | None = None
    reason: str = ""
    registered: str | None = None
    title: str = DEFAULTS["Befattning"]
    area: str = DEFAULTS["Verksamhetsomrade"]
    unit: str = DEFAULTS["Enhet"]
    form: str = DEFAULTS["Anstallningsform"]
    pay: str = DEFAULTS["Loneform"]
    agreement: str = DEFAULTS["Avtal"]
    dormant: tuple[str, ...] = ()
    changes: dict[str, dict[str, str]] = field(default_factory=dict)
    once: dict[str, dict[str, str]] = field(default_factory=dict)

    @property
    def registered_month(self) -> str | None:
        if self.end is None:
            return None
        return self.registered or self.end[:7]

    def appears_in(self, month: str) -> bool:
        first = date.fromisoformat(month + "-01")
        last = (first + timedelta(days=32)).replace(day=1) - timedelta(days=1)
        if date.fromisoformat(self.start) > last:
            return False
        if self.end is None or date.fromisoformat(self.end) >= first:
            return True
        return month <= self.registered_month

    def row(self, month: str) -> dict[str, str]:
        row = {
            "AnstallningsID": self.emp_id,
            "Personnummer": personnummer("19800101", f"{self.person:03d}"),
            "Namn": f"Åsa Öberg-Ängström {self.person}",
            "Forvaltning": self.administration,
            "Enhet": self.unit,
            "Verksamhetsomrade": self.area,
            "Befattning": self.title,
            "Anstallningsform": self.form,
            "Loneform": self.pay,
            "Avtal": self.agreement,
            "Vilande": "J" if month in self.dormant else "N",
            "AnstalldFrom": self.start,
        }
        for since in sorted(self.changes):
            if since <= month:
                row.update(self.changes[since])
        if self.end is not None and month >= self.registered_month:
            row["AnstalldTom"] = self.end
            row["Avgangsorsak"] = self.reason
        row.update(self.once.get(month, {}))
        return row


def write_month(
    landing: Path,
    month: str,
    employments: list[Employment],
    *,
    encoding: str = "utf-8",
    delimiter: str = ";",
) -> Path:
    """Write the month's extract: the row of every employment that appears in it."""
    rows = [e.row(month) for e in employments if e.appears_in(month)]
    return write_payroll(landing, month, rows, encoding=encoding, delimiter=delimiter)
