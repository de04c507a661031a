"""The employment that follows an ending: a move's next job, a return to the city, shifts.

A move's next job starts within 30 days (so the warehouse reads a move) in the same
administration or another one. It joins the population of a cell only while that cell has
capacity left this year (or, starting next year, a cell large enough to absorb it); otherwise it
is "parked" outside the population: temporary, another title, another area or another
administration. Someone who left the city may come back more than 30 days later (a new
employment, not a move), and a retiree may take hourly shifts.
"""

from __future__ import annotations

from datetime import date

from hrwh_sample.dates import LAST_DAY, LAST_YEAR, days, month_index
from hrwh_sample.formats import HOURLY, TEMPORARY
from hrwh_sample.model import Employment, Role
from hrwh_sample.organisation import (
    DISTRICTS,
    ELDERLY_CARE_ADMIN,
    MERGERS,
    NEEDS_ASSESSOR,
    OTHER_ADMINS,
    SOCIAL_SERVICES_ADMIN,
    SOCIAL_WORKER,
    merging_partners,
    parked_role,
    scope_role,
)
from hrwh_sample.plan.flows import OTHER_ADMIN, WITHIN_ADMIN
from hrwh_sample.plan.side_jobs import add_same_day_side_job
from hrwh_sample.plan.state import FOLLOW_ON_DAYS, PlanState
from hrwh_sample.plan.uncounted_ends import end_later_perhaps, park
from hrwh_sample.targets import Cell

# modes besides WITHIN_ADMIN and OTHER_ADMIN (a move)
RETURNS_LATER = "later"  # left the city, comes back more than 30 days later
RETIRED = "retired"  # retired, comes back for hourly shifts

# a return: on the 31st day for this share, else 32-150 days after the end
RETURN_ON_FIRST_DAY_SHARE = 0.3
RETURN_AFTER_DAYS = (32, 150)
# a move's next job, by draw: below the first on the 30th day after the end (the limit), below
# the second a few days before the end, below the third the next day, else 2-29 days after
ON_THE_LIMIT = 0.09
OVERLAPPING = 0.15
NEXT_DAY = 0.6
OVERLAP_DAYS = (1, 20)
GAP_DAYS = (2, 29)
# of retirees' hourly shifts, the share that end within the files' span
RETIRED_SHIFTS_END_SHARE = 0.7
# a new job pays up to 6 % more
RAISE = (1.0, 1.06)
# of moves within the administration, the share where an hourly job elsewhere starts the same day
SAME_DAY_SIDE_JOB_SHARE = 0.06
# the share of next jobs that join a cell's population: moves within, moves elsewhere, returns
LANDING_SHARE = {WITHIN_ADMIN: 0.7, OTHER_ADMIN: 0.6}
LANDING_SHARE_RETURNING = 0.45
# a move within lands in the same group for this share, else in the other group
SAME_GROUP_SHARE = 0.88
# a next job that starts next year joins only a cell at least this large next year
NEXT_YEAR_MIN_CELL = 20
# a parked job elsewhere is in one of the city's other administrations for this share
OTHER_CITY_ADMIN_SHARE = 0.35


def plan_next_job(plan: PlanState, emp: Employment, group: str, year: int, mode: str) -> None:
    """The person's next employment after `emp` ended.

    `mode`: WITHIN_ADMIN, OTHER_ADMIN, RETURNS_LATER (after leaving the city) or RETIRED.
    """
    rng = plan.rng
    assert emp.end is not None
    end = emp.end
    admin = emp.admin
    if mode in (RETURNS_LATER, RETIRED):
        if rng.random() < RETURN_ON_FIRST_DAY_SHARE:
            offset = FOLLOW_ON_DAYS + 1
        else:
            offset = rng.randint(*RETURN_AFTER_DAYS)
    else:
        r = rng.random()
        if r < ON_THE_LIMIT:
            offset = FOLLOW_ON_DAYS
        elif r < OVERLAPPING:
            offset = -rng.randint(*OVERLAP_DAYS)  # starts a little before the old one ends
        elif r < NEXT_DAY:
            offset = 1
        else:
            offset = rng.randint(*GAP_DAYS)
    start = max(end + days(offset), emp.start + days(1), date(year, 1, 1))
    if start > LAST_DAY:
        if mode in (RETURNS_LATER, RETIRED):
            return
        start = LAST_DAY
    if mode == RETIRED:
        last = emp.role_at(month_index(end))
        role = Role(last.unit, last.area, last.title, TEMPORARY, HOURLY, rate=0.0)
        shifts = plan.employ(emp.person, admin, start, role)
        end_later_perhaps(plan, shifts, year, RETIRED_SHIFTS_END_SHARE)
        return
    landing = _landing_cell(plan, admin, group, year, start, mode)
    if landing is not None:
        dest, dest_group = landing
        role = scope_role(rng, dest, dest_group)
        if start <= date(year, 12, 31):
            plan.capacity[landing] -= 1
    else:
        dest = _parked_admin(plan, admin, year, mode)
        role = parked_role(rng, dest, group)
    factor = emp.pay_factor * rng.uniform(*RAISE)
    next_job = plan.employ(emp.person, dest, start, role, factor)
    if landing is None:
        park(plan, next_job)
    if mode == WITHIN_ADMIN and rng.random() < SAME_DAY_SIDE_JOB_SHARE:
        add_same_day_side_job(plan, emp, group, start)


def _landing_cell(
    plan: PlanState, admin: str, group: str, year: int, start: date, mode: str
) -> Cell | None:
    """A cell whose population the new employment may join, respecting capacities."""
    rng = plan.rng
    share = LANDING_SHARE.get(mode, LANDING_SHARE_RETURNING)
    if rng.random() >= share:
        return None
    if mode == WITHIN_ADMIN:
        other = NEEDS_ASSESSOR if group == SOCIAL_WORKER else SOCIAL_WORKER
        options = [(admin, group)] if rng.random() < SAME_GROUP_SHARE else [(admin, other)]
    else:
        options = [(a, group) for a in _other_admins(admin, year, same_ok=mode != OTHER_ADMIN)]
    options = [
        c for c in options if c in plan.capacity and c != (ELDERLY_CARE_ADMIN, SOCIAL_WORKER)
    ]
    if start <= date(year, 12, 31):
        weighted = [(c, plan.capacity[c]) for c in options if plan.capacity[c] > 0]
    else:
        stock = plan.targets.stock
        weighted = [
            (c, stock[c][year + 1])
            for c in options
            if year + 1 <= LAST_YEAR and stock[c][year + 1] >= NEXT_YEAR_MIN_CELL
        ]
    if not weighted:
        return None
    return rng.choices([c for c, _ in weighted], weights=[w for _, w in weighted])[0]


def _other_admins(admin: str, year: int, same_ok: bool) -> list[str]:
    admins = [*DISTRICTS.values(), SOCIAL_SERVICES_ADMIN, ELDERLY_CARE_ADMIN]
    if not same_ok:
        admins = [a for a in admins if a != admin]
    merger = MERGERS.get(admin)
    if merger is not None and year >= merger.first_day.year:
        # from the merger's year on a move between the merging districts reads as within
        partners = merging_partners(admin)
        admins = [a for a in admins if a not in partners or (a == admin and same_ok)]
    return admins


def _parked_admin(plan: PlanState, admin: str, year: int, mode: str) -> str:
    rng = plan.rng
    if mode == WITHIN_ADMIN:
        return admin
    if rng.random() < OTHER_CITY_ADMIN_SHARE:
        return rng.choice(OTHER_ADMINS)
    return rng.choice(_other_admins(admin, year, same_ok=mode != OTHER_ADMIN))
