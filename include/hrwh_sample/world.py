"""The registry every generator writes into: persons, employments, ids, and how ends are reported.

One `World` per `write_sample` call, driven by one `random.Random(seed)`, so that the same seed
gives the same bytes. Nothing here iterates over a `set` (string hashing is randomised per
process), only over lists and insertion-ordered dicts.
"""

from __future__ import annotations

import random
from bisect import bisect_left, bisect_right
from datetime import date

from hrwh_sample.dates import (
    N_MONTHS,
    days,
    month_end,
    month_index,
)
from hrwh_sample.identity_numbers import identity_number as new_identity_number
from hrwh_sample.model import Employment, Person, Role
from hrwh_sample.names import random_name
from hrwh_sample.organisation import MERGERS


class World:
    """All persons and employments of the sample, with unique identity numbers and ids."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.persons: list[Person] = []
        self.employments: list[Employment] = []
        self._identity_numbers: set[str] = set()
        self._next_id = 10_000 + rng.randint(0, 5_000)

    # persons ---------------------------------------------------------------------------------
    def new_person(self, birth: date, female: bool | None = None) -> Person:
        rng = self.rng
        if female is None:
            female = rng.random() < 0.78  # the social services' staff are mostly women
        while True:
            serial = rng.randint(0, 499) * 2 + (0 if female else 1)
            identity_number = new_identity_number(birth, serial)
            if identity_number not in self._identity_numbers:
                break
        self._identity_numbers.add(identity_number)
        person = Person(identity_number, random_name(rng, female), birth, female)
        self.persons.append(person)
        return person

    def person_aged(self, age: float, on: date, female: bool | None = None) -> Person:
        """A new person who is `age` years old (fractional) on `on`."""
        birth = on - days(int(age * 365.25) + self.rng.randint(0, 364))
        return self.new_person(birth, female)

    # employments -----------------------------------------------------------------------------
    def new_employment(
        self, person: Person, admin: str, start: date, role: Role, pay_factor: float | None = None
    ) -> Employment:
        rng = self.rng
        self._next_id += rng.randint(1, 23)
        if pay_factor is None:
            pay_factor = min(1.2, max(0.86, rng.gauss(1.0, 0.055)))
        emp = Employment(
            emp_id=f"A{self._next_id:07d}",
            person=person,
            admin=admin,
            start=start,
            pay_factor=pay_factor,
            months=[month_index(start)],
            roles=[role],
        )
        person.employments.append(emp)
        self.employments.append(emp)
        return emp

    def reopen(self, emp: Employment, day: date, reason: str) -> Employment:
        """Close `emp` on the day before `day` and go on under a new id from `day` (the first of
        a month): the same person, the roles from `day`'s month on, and `emp`'s end if any."""
        mi = month_index(day)
        later = bisect_right(emp.months, mi)
        kept = bisect_left(emp.months, mi)
        new = self.new_employment(emp.person, emp.admin, day, emp.role_at(mi), emp.pay_factor)
        new.months += emp.months[later:]
        new.roles += emp.roles[later:]
        new.end, new.reason, new.lag, new.advance, new.prelim = (
            emp.end,
            emp.reason,
            emp.lag,
            emp.advance,
            emp.prelim,
        )
        del emp.months[kept:]
        del emp.roles[kept:]
        self.finish(emp, day - days(1), reason, report_late=False)
        return new

    def remove_employment(self, emp: Employment) -> None:
        """Forget an employment that was planned but must not happen (never rendered yet)."""
        emp.person.employments.remove(emp)
        self.employments.remove(emp)

    def finish(self, emp: Employment, end: date, reason: str, *, report_late: bool = True) -> None:
        """End `emp` on `end` and choose how the HR system reports it.

        Most ends are registered in the month they happen, some one or two months ahead (notice
        periods), some one to three months late (the employment keeps appearing without an end
        date), and a few are first registered with another date and corrected later. The true end
        always appears in the employment's last month, which is the authoritative one.
        """
        rng = self.rng
        emp.end = end
        emp.reason = reason
        emp.lag = emp.advance = 0
        emp.prelim = None
        m = month_index(end)
        start_m = month_index(emp.start)
        if report_late:
            r = rng.random()
            lag = 1 if r < 0.08 else 2 if r < 0.13 else 3 if r < 0.16 else 0
            lag = min(lag, N_MONTHS - 1 - m)
            merger = MERGERS.get(emp.admin)
            if merger is not None and m < merger.first_month <= m + lag:
                lag = merger.first_month - 1 - m  # the end is reported before the merger
            emp.lag = max(0, lag)
        if emp.lag == 0 and rng.random() < 0.3:
            advance = rng.choice((1, 1, 2))
            if m - advance >= max(start_m, 0) + 1:
                emp.advance = advance
                if rng.random() < 0.08:
                    earlier = month_end(m - 1)
                    later = end + days(rng.randint(10, 40))
                    emp.prelim = earlier if rng.random() < 0.5 else later
