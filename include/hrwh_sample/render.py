"""Turning the model into payroll rows: one row per employment and month, as the HR system saw it.

Rows are tuples of the exact strings written to the files (decimal comma, ISO dates, empty for
null), so the consultant reports and the survey (`roster.py`) are made from the same values the
warehouse will read.
"""

from __future__ import annotations

from datetime import date

from hrwh_sample.dates import N_MONTHS, month_index, period_label
from hrwh_sample.formats import DORMANT_NO, DORMANT_YES
from hrwh_sample.model import Employment
from hrwh_sample.organisation import (
    SALARY_2012,
    SOCIAL_WORKER,
    TITLE_GROUP,
    render_admin,
    render_unit,
)

Row = tuple[str, ...]

# the city's 2015 action plan raised social workers' pay beyond the yearly revision
_ACTION_PLAN_MONTH = month_index(date(2015, 4, 1))


def _salary_level(title: str, mi: int) -> float:
    base, growth = SALARY_2012.get(title, (30000.0, 1.026))
    revisions = (mi - 3) // 12  # revised every April; April 2012 is revision 0
    level = base * growth**revisions
    if title in TITLE_GROUP and mi >= _ACTION_PLAN_MONTH:
        level *= 1.04 if TITLE_GROUP[title] == SOCIAL_WORKER else 1.02
    return level


def _decimal(value: float, places: int) -> str:
    return f"{value:.{places}f}".replace(".", ",")


def render_rows(employments: list[Employment]) -> list[list[Row]]:
    """Rows per month (index 0 = 2012-01), each month sorted by administration, unit and id."""
    months: list[list[Row]] = [[] for _ in range(N_MONTHS)]
    periods = [period_label(mi) for mi in range(N_MONTHS)]
    levels: dict[tuple[str, int], float] = {}
    for emp in employments:
        first, last = emp.first_month, emp.last_month
        start = emp.start.isoformat()
        end = emp.end.isoformat() if emp.end else ""
        shown_early = emp.prelim.isoformat() if emp.prelim else end
        end_month = month_index(emp.end) if emp.end else N_MONTHS
        reason = emp.reason or ""
        identity_number, name = emp.person.identity_number, emp.person.name
        for mi in range(first, last + 1):
            role = emp.role_at(mi)
            if emp.end is None:
                end_shown = reason_shown = ""
            elif mi == last:
                end_shown, reason_shown = end, reason
            elif emp.lag == 0 and mi >= end_month - emp.advance:
                end_shown, reason_shown = shown_early, reason
            else:
                end_shown = reason_shown = ""
            key = (role.title, mi)
            level = levels.get(key)
            if level is None:
                level = levels[key] = _salary_level(role.title, mi)
            salary = round(level * emp.pay_factor / 25) * 25
            months[mi].append(
                (
                    periods[mi],
                    emp.emp_id,
                    identity_number,
                    name,
                    render_admin(emp.admin, mi),
                    render_unit(emp.admin, role.unit, mi),
                    role.area,
                    role.title,
                    role.form,
                    role.pay,
                    role.agreement,
                    DORMANT_YES if role.dormant else DORMANT_NO,
                    _decimal(role.rate, 1),
                    _decimal(salary, 2),
                    start,
                    end_shown,
                    reason_shown,
                )
            )
    for rows in months:
        rows.sort(key=lambda r: (r[4], r[5], r[1]))
    return months
