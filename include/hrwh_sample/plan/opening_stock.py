"""The population on 31 December before the first year: the first cohort, with its history.

Each cell starts with exactly its target, people of working age with some years in the job
already, a few with an hourly side job. Larger cells also have a few people on parental leave
over New Year (dormant, so not in the population) who return during the first year.
"""

from __future__ import annotations

from datetime import date

from hrwh_sample.dates import FIRST_DAY, FIRST_YEAR, days, month_start
from hrwh_sample.organisation import ELDERLY_CARE_ADMIN, scope_role
from hrwh_sample.plan.side_jobs import add_side_job
from hrwh_sample.plan.state import PlanState

# age on 31 December: MIN + Beta(a, b) x SPAN years
AGE_MIN = 24
AGE_BETA = (1.8, 2.1)
AGE_SPAN = 40
# people start their careers at this age; the time in the job is exponential with this mean
CAREER_START_AGE = 23
MEAN_TENURE_YEARS = 5.5
EARLIEST_START = date(1980, 1, 1)
# share with an hourly side job in another administration (none at Äldreförvaltningen)
SIDE_JOB_SHARE = 0.035
# parental leave over New Year: only in cells of at least MIN_CELL, this share of the target;
# aged between the two ages, employed 200-2500 days before the leave began 1-9 months before
# New Year, back in one of the first ten months
LEAVE_MIN_CELL = 30
LEAVE_SHARE = 0.03
LEAVE_AGES = (27, 38)
LEAVE_MONTHS_BEFORE = (1, 9)
LEAVE_TENURE_DAYS = (200, 2500)
LEAVE_RETURN_MONTHS = (0, 9)


def plan_opening_stock(plan: PlanState) -> None:
    rng = plan.rng
    world = plan.world
    on = date(FIRST_YEAR - 1, 12, 31)
    for admin, group in plan.cells:
        target = plan.targets.stock[(admin, group)][FIRST_YEAR - 1]
        for _ in range(target):
            age = AGE_MIN + rng.betavariate(*AGE_BETA) * AGE_SPAN
            person = world.person_aged(age, on)
            career_start = date(person.birth.year + CAREER_START_AGE, person.birth.month, 1)
            tenure = min(
                int(rng.expovariate(1 / (MEAN_TENURE_YEARS * 365))), (on - career_start).days
            )
            start = max(on - days(max(tenure, 0)), EARLIEST_START)
            emp = plan.employ(person, admin, start, scope_role(rng, admin, group))
            if admin != ELDERLY_CARE_ADMIN and rng.random() < SIDE_JOB_SHARE:
                add_side_job(plan, emp, group, FIRST_DAY)
        if target >= LEAVE_MIN_CELL:
            for _ in range(round(target * LEAVE_SHARE)):
                person = world.person_aged(rng.uniform(*LEAVE_AGES), on)
                leave = -rng.randint(*LEAVE_MONTHS_BEFORE)
                start = month_start(leave) - days(rng.randint(*LEAVE_TENURE_DAYS))
                emp = plan.employ(person, admin, start, scope_role(rng, admin, group))
                emp.change(leave, dormant=True)
                emp.change(rng.randint(*LEAVE_RETURN_MONTHS), dormant=False)
