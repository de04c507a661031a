"""The span of the payroll files, and month arithmetic within it.

The span (FIRST_YEAR-01 to LAST_YEAR-12, today 2012-01 to 2024-12) is set here and nowhere
else: the number of monthly files, the years planned, the mergers that fall within the span
(from `reference/administrations.csv`) and the background staff's history all follow from it.
Months are numbered from 0 (2012-01) to N_MONTHS - 1 (2024-12); employments that began before
the span get negative month numbers, which is why the helpers accept them.
"""

from __future__ import annotations

import calendar
import random
from datetime import date, timedelta

FIRST_YEAR = 2012  # the first payroll month is January of this year
LAST_YEAR = 2024  # the last payroll month is December of this year
N_MONTHS = (LAST_YEAR - FIRST_YEAR + 1) * 12
FIRST_DAY = date(FIRST_YEAR, 1, 1)
LAST_DAY = date(LAST_YEAR, 12, 31)


def month_index(d: date) -> int:
    """0 for 2012-01, 155 for 2024-12, negative before 2012."""
    return (d.year - FIRST_YEAR) * 12 + d.month - 1


def month_start(mi: int) -> date:
    years, month0 = divmod(mi, 12)
    return date(FIRST_YEAR + years, month0 + 1, 1)


def month_end(mi: int) -> date:
    first = month_start(mi)
    return first.replace(day=calendar.monthrange(first.year, first.month)[1])


def period_label(mi: int) -> str:
    """`YYYY-MM`, as in the file names and the `Period` column."""
    first = month_start(mi)
    return f"{first.year:04d}-{first.month:02d}"


def december(year: int) -> int:
    """Month number of December of `year` (the month whose file defines a cohort)."""
    return (year - FIRST_YEAR) * 12 + 11


def days(n: int) -> timedelta:
    return timedelta(days=n)


def random_day(rng: random.Random, first: date, last: date) -> date:
    """A uniformly drawn day in [first, last]."""
    return first + timedelta(days=rng.randint(0, max(0, (last - first).days)))
