"""Rolling twelve-month turnover on the model, as docs/definitions.md defines it.

The planner meets a rolling figure the city reported (`city_rolling_rate`) and scripts a unit
whose rolling figures climb (`unit_in_crisis`); both count here, on the same employments the
files are rendered from, so what they plan is what the warehouse will read. The rules, in short:
the population on a month's last day is every employment whose row of that month is permanent,
monthly paid, agreement 01 and not dormant (and, for an occupation group, in the group's
population), that has started and has not ended on or before that day; an exit is such an
employment whose last day falls in the window, counted where its last month's row puts it, if
its exit path (the 30-day rule with the merger rule) left the administration, or the city for
the city as a whole.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from hrwh_sample.dates import month_end, month_index
from hrwh_sample.formats import GENERAL_AGREEMENT, MONTHLY, PERMANENT
from hrwh_sample.model import Employment, Role
from hrwh_sample.organisation import render_admin, render_unit, scope_group
from hrwh_sample.plan.endings import forced_path
from hrwh_sample.plan.flows import WITHIN_ADMIN

ALL_TITLES = "Alla befattningar"  # every permanent monthly-paid employment, managers included
WINDOW_MONTHS = 12


@dataclass(frozen=True)
class Scope:
    """Whose figure: the city (no administration), an administration, or one of its units.

    Names are the extract's (the administration's full name, the unit as renamed that month).
    """

    admin: str | None = None
    unit: str | None = None

    def holds(self, emp: Employment, mi: int) -> bool:
        if self.admin is None:
            return True
        if render_admin(emp.admin, mi) != self.admin:
            return False
        return self.unit is None or render_unit(emp.admin, emp.role_at(mi).unit, mi) == self.unit


CITY = Scope()


@dataclass(frozen=True)
class RollingFigure:
    """The exits of a window and the population on each of its twelve month ends."""

    exits: int
    heads: tuple[int, ...]

    @property
    def avg_headcount(self) -> float:
        return sum(self.heads) / WINDOW_MONTHS

    @property
    def rate(self) -> float | None:
        return self.exits / self.avg_headcount if sum(self.heads) else None


def in_group(role: Role, group: str) -> bool:
    """Whether a payroll row with this role is in the population of `group` (its month)."""
    if group != ALL_TITLES:
        return scope_group(role) == group
    return (
        role.form == PERMANENT
        and role.pay == MONTHLY
        and role.agreement == GENERAL_AGREEMENT
        and not role.dormant
    )


def counted_on(emp: Employment, mi: int, group: str, scope: Scope) -> bool:
    """Whether `emp` is in the population of `group` and `scope` on the last day of month `mi`."""
    day = month_end(mi)
    if emp.start > day or (emp.end is not None and emp.end <= day):
        return False
    return in_group(emp.role_at(mi), group) and scope.holds(emp, mi)


def is_exit(emp: Employment, first: int, last: int, group: str, scope: Scope) -> bool:
    """Whether `emp` is an exit of `group` and `scope` in the months `first`..`last`."""
    if emp.end is None:
        return False
    mi = month_index(emp.end)
    if not first <= mi <= last or not in_group(emp.role_at(mi), group):
        return False
    if not scope.holds(emp, mi):
        return False
    path = forced_path(emp, emp.end)
    return path is None if scope.admin is None else path != WITHIN_ADMIN


def rolling_figure(
    employments: Iterable[Employment], last: int, group: str, scope: Scope = CITY
) -> RollingFigure:
    """The window of the twelve months ending with month `last`."""
    first = last - WINDOW_MONTHS + 1
    heads = [0] * WINDOW_MONTHS
    exits = 0
    for emp in employments:
        if emp.end is not None and month_index(emp.end) < first:
            continue
        exits += is_exit(emp, first, last, group, scope)
        for i in range(WINDOW_MONTHS):
            heads[i] += counted_on(emp, first + i, group, scope)
    return RollingFigure(exits, tuple(heads))
