"""Pass A for the counted exits: who of a cohort leaves in a way the official method counts.

The published table fixes how many leave each cell; the plan picks who, weighting older staff
(retirement) and recent hires (who leave more often), and whether each leaves the city or goes
to another administration. Someone whose other employments would make the exit a move within
the administration is passed over: that exit would not be counted.
"""

from __future__ import annotations

from datetime import date

from hrwh_sample.formats import OTHER_REASON, OWN_REQUEST, RETIREMENT
from hrwh_sample.model import Employment
from hrwh_sample.plan.endings import exit_day, forced_path
from hrwh_sample.plan.flows import (
    LEFT_CITY,
    OTHER_ADMIN,
    OTHER_ADMIN_FORCED,
    WITHIN_ADMIN,
    Flow,
)
from hrwh_sample.plan.state import PlanError, PlanState
from hrwh_sample.targets import PUBLISHED_YEARS, Cell

# how much likelier than others to be among a year's exits: the oldest, those close to
# retirement, and those hired less than NEW_HIRE_DAYS before the year began
OLDEST_AGE = 66
OLDEST_WEIGHT = 14.0
SENIOR_AGE = 63
SENIOR_WEIGHT = 5.0
NEW_HIRE_DAYS = 730
NEW_HIRE_WEIGHT = 1.5
# of the exits the person's other employments leave open, the share that leave the city (the
# rest go to another administration); after the report's years the districts' own rates run on
# at their levels while fewer leave the city (the city reported 10.6 % of its socialsekreterare
# leaving it over April 2019 - March 2020, against some 20 % leaving a district)
LEFT_CITY_SHARE = 0.62
LATER_LEFT_CITY_SHARE = 0.42
# from this age, this share of exits is a retirement (except a forced move elsewhere)
RETIREMENT_FROM_AGE = 61
RETIREMENT_SHARE = 0.8
# of the other exits, the share with reason "Övrigt" (the rest: own request)
OTHER_REASON_SHARE_TO_OTHER_ADMIN = 0.06
OTHER_REASON_SHARE_LEAVING = 0.14


def pick_exits(
    plan: PlanState, cell: Cell, members: list[Employment], wanted: int, year: int
) -> list[Flow]:
    """`wanted` counted exits among the cohort `members` of `cell` in `year`."""
    rng = plan.rng
    if wanted == 0:
        return []
    mid = date(year, 7, 1)
    keyed = []
    for i, emp in enumerate(members):
        age = emp.person.age_on(mid)
        weight = OLDEST_WEIGHT if age >= OLDEST_AGE else SENIOR_WEIGHT if age >= SENIOR_AGE else 1.0
        if (date(year, 1, 1) - emp.start).days < NEW_HIRE_DAYS:
            weight *= NEW_HIRE_WEIGHT
        keyed.append((rng.random() ** (1.0 / weight), i))
    keyed.sort(reverse=True)  # a weighted order without replacement (Efraimidis-Spirakis)
    chosen: list[Flow] = []
    for _, i in keyed:
        emp = members[i]
        end = exit_day(plan, year, emp)
        forced = forced_path(emp, end)
        if forced == WITHIN_ADMIN:
            continue
        if forced == OTHER_ADMIN:
            kind = OTHER_ADMIN_FORCED
        else:
            share = LEFT_CITY_SHARE if year <= max(PUBLISHED_YEARS) else LATER_LEFT_CITY_SHARE
            kind = LEFT_CITY if rng.random() < share else OTHER_ADMIN
        reason = _exit_reason(plan, emp.person.age_on(end), kind)
        if reason == RETIREMENT and kind == OTHER_ADMIN:
            kind = LEFT_CITY
        chosen.append(Flow(emp, kind, end, reason))
        if len(chosen) == wanted:
            return chosen
    raise PlanError(f"{cell} {year}: only {len(chosen)} of {wanted} exits possible")


def _exit_reason(plan: PlanState, age: int, kind: str) -> str:
    rng = plan.rng
    if (
        age >= RETIREMENT_FROM_AGE
        and kind != OTHER_ADMIN_FORCED
        and rng.random() < RETIREMENT_SHARE
    ):
        return RETIREMENT
    if kind in (OTHER_ADMIN, OTHER_ADMIN_FORCED):
        other_share = OTHER_REASON_SHARE_TO_OTHER_ADMIN
    else:
        other_share = OTHER_REASON_SHARE_LEAVING
    return OTHER_REASON if rng.random() < other_share else OWN_REQUEST
