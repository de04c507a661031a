"""The in-memory model the sample is planned on: persons, employments and monthly roles.

An employment keeps a timeline of roles (unit, activity area, title, form, dormancy ...) that
change at month boundaries, because the payroll extract reports these attributes per month. The
planner edits timelines year by year; the writer renders one row per employment and month.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field, replace
from datetime import date

from hrwh_sample.dates import N_MONTHS, month_index
from hrwh_sample.formats import GENERAL_AGREEMENT, MONTHLY, PERMANENT


@dataclass(frozen=True, slots=True)
class Role:
    """The monthly attributes of an employment, as one payroll row reports them."""

    unit: str
    area: str
    title: str
    form: str = PERMANENT
    pay: str = MONTHLY
    agreement: str = GENERAL_AGREEMENT
    dormant: bool = False
    rate: float = 100.0


@dataclass(slots=True, eq=False)
class Person:
    """One person: the same identity number and name on every employment."""

    identity_number: str
    name: str
    birth: date
    female: bool
    employments: list[Employment] = field(default_factory=list)
    has_side_job: bool = False

    def age_on(self, day: date) -> int:
        before_birthday = (day.month, day.day) < (self.birth.month, self.birth.day)
        return day.year - self.birth.year - before_birthday


@dataclass(slots=True, eq=False)
class Employment:
    """One employment (AnstallningsID) with its role timeline and its (true) end.

    `lag`, `advance` and `prelim` only change how the end is *reported*: registered months late,
    registered ahead of time, or first registered with another date and corrected later. The
    true end date is what the latest file says, which is what the official method uses.
    """

    emp_id: str
    person: Person
    admin: str
    start: date
    pay_factor: float
    months: list[int]
    roles: list[Role]
    end: date | None = None
    reason: str | None = None
    lag: int = 0
    advance: int = 0
    prelim: date | None = None

    def role_at(self, mi: int) -> Role:
        i = bisect_right(self.months, mi) - 1
        return self.roles[i if i >= 0 else 0]

    def change(self, mi: int, **fields: object) -> None:
        """Change the given attributes from month `mi` on (later entries included)."""
        i = bisect_right(self.months, mi) - 1
        if i >= 0 and self.months[i] == mi:
            self.roles[i] = replace(self.roles[i], **fields)
        else:
            base = self.roles[i if i >= 0 else 0]
            i += 1
            self.months.insert(i, mi)
            self.roles.insert(i, replace(base, **fields))
        for j in range(i + 1, len(self.roles)):
            self.roles[j] = replace(self.roles[j], **fields)

    @property
    def first_month(self) -> int:
        return max(0, month_index(self.start))

    @property
    def last_month(self) -> int:
        """The last payroll month the employment appears in (late registration included)."""
        if self.end is None:
            return N_MONTHS - 1
        return min(N_MONTHS - 1, month_index(self.end) + self.lag)
