"""Pass C: what fills the capacity a cell has left, and short stints that come and go.

Most inflows are new hires; some are temporary staff made permanent or a Handläggare made
Socialsekreterare (a conversion: the employment was there before, outside the population), and
some are former employees who come back more than 30 days after they left (a new employment,
not a move). Short stints are permanent hires who leave again within the year: never in a
cohort, so never counted, but real in the files.
"""

from __future__ import annotations

from datetime import date

from hrwh_sample.dates import days, december, month_end, month_index, month_start, random_day
from hrwh_sample.formats import OTHER_REASON, OWN_REQUEST
from hrwh_sample.organisation import (
    ELDERLY_CARE_ADMIN,
    NEEDS_ASSESSOR,
    SOCIAL_SERVICES_ADMIN,
    SOCIAL_WORKER,
    pre_scope_role,
    scope_role,
)
from hrwh_sample.plan.side_jobs import add_side_job
from hrwh_sample.plan.state import FOLLOW_ON_DAYS, PlanState
from hrwh_sample.targets import Cell

# by draw: below the first a temporary employment made permanent, below the second a title
# changed into the group (neither in the small specialist cells), below the third a former
# employee comes back (if one can), else a new hire
CONVERT_TEMPORARY = 0.08
CONVERT_TITLE = 0.14
REHIRE = 0.22
NO_CONVERSION_CELLS = (
    (SOCIAL_SERVICES_ADMIN, NEEDS_ASSESSOR),
    (ELDERLY_CARE_ADMIN, NEEDS_ASSESSOR),
)
# a new hire's age: MIN + Beta(a, b) x SPAN years; a short stint's is younger
HIRE_AGE_MIN = 23
HIRE_AGE_BETA = (1.5, 3.0)
HIRE_AGE_SPAN = 35
SHORT_STINT_AGE_SPAN = 30
# share of new hires with an hourly side job (none at Äldreförvaltningen)
SIDE_JOB_SHARE = 0.04
# a hire starts on 1 January (draws below the first), on 31 December (below the second), else
# in a month drawn by HIRE_MONTH_WEIGHTS, on its first day for FIRST_OF_MONTH_SHARE of them
ON_1_JANUARY = 0.05
ON_1_JANUARY_OR_31_DECEMBER = 0.08
HIRE_MONTH_WEIGHTS = (10, 7, 7, 7, 6, 6, 2, 14, 10, 8, 8, 5)  # January .. December
FIRST_OF_MONTH_SHARE = 0.5
# a converted employment began 90-600 days (temporary) or 200-2500 days (another title) before
# the conversion, with someone aged between CONVERTED_AGES
TEMPORARY_LEAD_DAYS = (90, 600)
TITLE_LEAD_DAYS = (200, 2500)
CONVERTED_AGES = (23, 50)
# rehiring tries this many former employees, none older than REHIRE_MAX_AGE
REHIRE_TRIES = 6
REHIRE_MAX_AGE = 60
# short stints: this share of the cell's size, starting by the end of LAST_START_MONTH, lasting
# at least SHORT_STINT_MIN_DAYS; ending on 31 December for TO_YEAR_END_SHARE, mostly by own request
SHORT_STINT_SHARE = 0.025
SHORT_STINT_LAST_START_MONTH = 10
SHORT_STINT_MIN_DAYS = 30
SHORT_STINT_TO_YEAR_END_SHARE = 0.15
SHORT_STINT_OWN_REQUEST_SHARE = 0.8


def inflow(plan: PlanState, cell: Cell, year: int) -> None:
    """One employment that joins the population of `cell` during `year`."""
    rng = plan.rng
    admin, group = cell
    r = rng.random()
    if cell not in NO_CONVERSION_CELLS:
        if r < CONVERT_TEMPORARY:
            _convert(plan, cell, year, "temporary")
            return
        if r < CONVERT_TITLE:
            _convert(plan, cell, year, "title")
            return
    if r < REHIRE and _rehire(plan, cell, year):
        return
    start = _hire_day(plan, year)
    age = HIRE_AGE_MIN + rng.betavariate(*HIRE_AGE_BETA) * HIRE_AGE_SPAN
    person = plan.world.person_aged(age, start)
    emp = plan.employ(person, admin, start, scope_role(rng, admin, group))
    if admin != ELDERLY_CARE_ADMIN and rng.random() < SIDE_JOB_SHARE:
        add_side_job(plan, emp, group, start)


def _hire_day(plan: PlanState, year: int) -> date:
    rng = plan.rng
    r = rng.random()
    if r < ON_1_JANUARY:
        return date(year, 1, 1)
    if r < ON_1_JANUARY_OR_31_DECEMBER:
        return date(year, 12, 31)
    month = rng.choices(range(1, 13), weights=HIRE_MONTH_WEIGHTS)[0]
    first = date(year, month, 1)
    if rng.random() < FIRST_OF_MONTH_SHARE:
        return first
    return random_day(rng, first, month_end(month_index(first)))


def _convert(plan: PlanState, cell: Cell, year: int, kind: str) -> None:
    """A temporary employment made permanent, or a Handläggare made Socialsekreterare."""
    rng = plan.rng
    admin, group = cell
    month = rng.randint(december(year) - 11, december(year))
    before, after = pre_scope_role(rng, admin, group, kind)
    if kind == "temporary":
        lead = rng.randint(*TEMPORARY_LEAD_DAYS)
    else:
        lead = rng.randint(*TITLE_LEAD_DAYS)
    start = month_start(month) - days(lead)
    person = plan.world.person_aged(rng.uniform(*CONVERTED_AGES), start)
    emp = plan.employ(person, admin, start, before)
    emp.change(month, unit=after.unit, area=after.area, title=after.title, form=after.form)


def _rehire(plan: PlanState, cell: Cell, year: int) -> bool:
    """A former employee comes back (more than 30 days after leaving: a new employment)."""
    rng = plan.rng
    admin, group = cell
    for _ in range(REHIRE_TRIES):
        if not plan.ex_staff:
            return False
        i = rng.randrange(len(plan.ex_staff))
        person = plan.ex_staff[i]
        ends = [o.end for o in person.employments]
        if any(e is None for e in ends):
            plan.ex_staff.pop(i)
            continue
        earliest = max(e for e in ends if e is not None) + days(FOLLOW_ON_DAYS + 1)
        lo = max(date(year, 1, 1), earliest)
        hi = date(year, 12, 31)
        if lo > hi or person.age_on(lo) > REHIRE_MAX_AGE:
            continue
        plan.ex_staff.pop(i)
        start = random_day(rng, lo, hi)
        plan.employ(person, admin, start, scope_role(rng, admin, group))
        return True
    return False


def short_stints(plan: PlanState, cell: Cell, year: int) -> None:
    """Permanent hires who leave again within the year: never in a cohort."""
    rng = plan.rng
    admin, group = cell
    if cell == (ELDERLY_CARE_ADMIN, SOCIAL_WORKER):
        return
    count = sum(
        1 for _ in range(plan.targets.stock[cell][year]) if rng.random() < SHORT_STINT_SHARE
    )
    for _ in range(count):
        start = random_day(rng, date(year, 1, 1), date(year, SHORT_STINT_LAST_START_MONTH, 31))
        if rng.random() < SHORT_STINT_TO_YEAR_END_SHARE:
            end = date(year, 12, 31)
        else:
            end = random_day(rng, start + days(SHORT_STINT_MIN_DAYS), date(year, 12, 31))
        age = HIRE_AGE_MIN + rng.betavariate(*HIRE_AGE_BETA) * SHORT_STINT_AGE_SPAN
        person = plan.world.person_aged(age, start)
        emp = plan.employ(person, admin, start, scope_role(rng, admin, group))
        reason = OWN_REQUEST if rng.random() < SHORT_STINT_OWN_REQUEST_SHARE else OTHER_REASON
        plan.world.finish(emp, end, reason)
        plan.ex_staff.append(person)
