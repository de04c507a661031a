"""A larger city from the same sample: every employment N times, for measuring the warehouse.

`scaled(months, n)` repeats each payroll row n times. Copy 0 is the row as planned; copy k
(1 .. n-1) belongs to a person of its own: the same birth date and sex with another birth serial
(so the identity number is valid, Luhn check digit included, and distinct from every other one),
the name with a hyphenated surname of its own (so work e-mail addresses stay distinct too), and
the employment id with `-k` appended. The months, units and all other values stay, so a scaled
sample has the same history with n times the staff; the published figures of a scaled sample
are not the city's.
"""

from __future__ import annotations

from datetime import date

from hrwh_sample.identity_numbers import identity_number
from hrwh_sample.names import LAST_NAMES
from hrwh_sample.render import Row

MAX_SCALE = len(LAST_NAMES) + 1

_SERIALS = 1000
_STRIDE = 74
"""How far apart the copies' first-tried serials are (even, so the sex digit stays)."""


class _Copies:
    """The identity numbers and names of each person's copies, made once per person."""

    def __init__(self, n: int, used: set[str]) -> None:
        self.n, self.used = n, used
        self.persons: dict[str, list[tuple[str, str]]] = {}

    def of(self, number: str, name: str) -> list[tuple[str, str]]:
        copies = self.persons.get(number)
        if copies is None:
            copies = self.persons[number] = [
                (self._new_number(number, k), f"{name}-{LAST_NAMES[k - 1]}")
                for k in range(1, self.n)
            ]
        return copies

    def _new_number(self, number: str, k: int) -> str:
        """A free identity number of the same birth date and sex."""
        birth = date(int(number[0:4]), int(number[4:6]), int(number[6:8]))
        serial = int(number[9:12])
        for step in range(_SERIALS // 2):
            candidate = identity_number(birth, (serial + _STRIDE * k + 2 * step) % _SERIALS)
            if candidate not in self.used:
                self.used.add(candidate)
                return candidate
        raise ValueError(f"no free identity number left for a birth date ({birth:%Y})")


def scaled(months: list[list[Row]], n: int) -> list[list[Row]]:
    """Each month's rows, each followed by its n-1 copies (the months themselves unchanged
    when n is 1)."""
    if not 1 <= n <= MAX_SCALE:
        raise ValueError(f"the scale must be from 1 to {MAX_SCALE}")
    if n == 1:
        return months
    copies = _Copies(n, {row[2] for rows in months for row in rows})
    return [
        [
            scaled_row
            for row in rows
            for scaled_row in (
                row,
                *(
                    (row[0], f"{row[1]}-{k}", number, name, *row[4:])
                    for k, (number, name) in enumerate(copies.of(row[2], row[3]), start=1)
                ),
            )
        ]
        for rows in months
    ]
