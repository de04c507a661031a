"""Who is on the payroll in a given month, read back from the rendered payroll rows.

The consultant reports and the survey exports are written from the very rows the payroll files
hold, so every unit, manager and respondent they name exists in that month's extract under the
same administration and unit, and every e-mail address is `work_email(Namn)` of such a row. That
is what lets the warehouse link the three sources; planning them on the world model instead
could drift from what the files say (unit renames, late end dates, the 2020 merger).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from hrwh_sample.formats import DORMANT_YES, MONTHLY, work_email
from hrwh_sample.formats import PAYROLL_COLUMNS as COLUMNS
from hrwh_sample.organisation import FULL_NAMES, SCOPE_AREAS, TITLE_GROUP
from hrwh_sample.render import Row

_IDENTITY_NUMBER = COLUMNS.index("Personnummer")
_NAME = COLUMNS.index("Namn")
_ADMIN = COLUMNS.index("Forvaltning")
_UNIT = COLUMNS.index("Enhet")
_AREA = COLUMNS.index("Verksamhetsomrade")
_TITLE = COLUMNS.index("Befattning")
_FORM = COLUMNS.index("Anstallningsform")
_PAY = COLUMNS.index("Loneform")
_DORMANT = COLUMNS.index("Vilande")
_START = COLUMNS.index("AnstalldFrom")
_END = COLUMNS.index("AnstalldTom")

UNIT_MANAGER_TITLES = ("Enhetschef", "Sektionschef")
SENIOR_MANAGER_TITLES = ("Avdelningschef", "Stadsdelsdirektör", "Förvaltningsdirektör")


@dataclass(frozen=True, slots=True)
class Staff:
    """One payroll row of the month, reduced to what the other sources need."""

    identity_number: str
    name: str
    email: str
    admin: str  # full name, as the extract writes it
    unit: str
    area: str  # the payroll's activity area (Individ- och familjeomsorg, ...)
    title: str
    form: str
    monthly: bool
    dormant: bool
    start: date
    end: date | None  # as this month's file shows it

    @property
    def first_name(self) -> str:
        return self.name.split()[0]

    @property
    def is_caseworker(self) -> bool:
        """A social worker or needs assessor at work in the social services this month."""
        return (
            self.title in TITLE_GROUP
            and self.area in SCOPE_AREAS
            and self.admin in FULL_NAMES.values()
            and self.monthly
            and not self.dormant
        )


def shared_addresses(months: Iterable[list[Row]]) -> set[str]:
    """Addresses that two different people (same name) would share anywhere in the payroll.

    Such a person is never asked in the survey, and reports consultants only when the unit has
    no other manager, so nearly every address in those files links to exactly one person.
    """
    owners: dict[str, str] = {}
    shared: set[str] = set()
    for rows in months:
        for row in rows:
            name, identity_number = row[_NAME], row[_IDENTITY_NUMBER]
            seen = owners.setdefault(name, identity_number)
            if seen != identity_number:
                shared.add(name)
    by_address: dict[str, set[str]] = defaultdict(set)
    for name in owners:
        by_address[work_email(name)].add(name)
    addresses = {a for a, names in by_address.items() if len(names) > 1}
    return addresses | {work_email(n) for n in shared}


class Roster:
    """The staff of one payroll month, indexed by administration and unit."""

    def __init__(self, period: str, rows: list[Row], ambiguous: set[str]) -> None:
        self.period = period
        self.ambiguous = ambiguous
        self.staff: list[Staff] = []
        for row in rows:
            email = work_email(row[_NAME])
            self.staff.append(
                Staff(
                    identity_number=row[_IDENTITY_NUMBER],
                    name=row[_NAME],
                    email=email,
                    admin=row[_ADMIN],
                    unit=row[_UNIT],
                    area=row[_AREA],
                    title=row[_TITLE],
                    form=row[_FORM],
                    monthly=row[_PAY] == MONTHLY,
                    dormant=row[_DORMANT] == DORMANT_YES,
                    start=date.fromisoformat(row[_START]),
                    end=date.fromisoformat(row[_END]) if row[_END] else None,
                )
            )
        self.by_unit: dict[tuple[str, str], list[Staff]] = defaultdict(list)
        self.by_admin: dict[str, list[Staff]] = defaultdict(list)
        for s in self.staff:
            self.by_unit[(s.admin, s.unit)].append(s)
            self.by_admin[s.admin].append(s)

    def caseworkers(self) -> list[Staff]:
        """One row per person (a person's latest-started employment wins), in row order."""
        best: dict[str, Staff] = {}
        for s in self.staff:
            if s.is_caseworker and (
                s.identity_number not in best or s.start > best[s.identity_number].start
            ):
                best[s.identity_number] = s
        return list(best.values())

    def unit_managers(self, admin: str, unit: str) -> list[Staff]:
        """The unit's managers at work this month (one on leave does not answer for it)."""
        return [
            s
            for s in self.by_unit[(admin, unit)]
            if s.title in UNIT_MANAGER_TITLES and not s.dormant and s.monthly
        ]

    def admin_managers(self, admin: str) -> list[Staff]:
        """Managers anywhere in the administration, senior managers first."""
        managers = [s for s in self.by_admin[admin] if not s.dormant and s.monthly]
        senior = [s for s in managers if s.title in SENIOR_MANAGER_TITLES]
        return senior or [s for s in managers if s.title in UNIT_MANAGER_TITLES]
