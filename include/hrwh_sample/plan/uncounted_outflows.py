"""Pass A and B for the uncounted outflows: members of a cohort who leave the population without
being counted.

A cell must shrink to its next target after its counted exits, and a realistic cell loses a few
more each year (who are replaced by inflows). They move within the administration (an ending,
not counted), are promoted to a title outside both groups, move to the Administration area, go
on leave over New Year (larger cells only) or change to the other occupation group.
"""

from __future__ import annotations

import random

from hrwh_sample.dates import N_MONTHS, december
from hrwh_sample.formats import OTHER_REASON, OWN_REQUEST
from hrwh_sample.model import Employment
from hrwh_sample.organisation import (
    ELDERLY_CARE_ADMIN,
    NEEDS_ASSESSOR,
    SOCIAL_WORKER,
    TITLE_GROUP,
    administration_area_role,
    promotion_role,
    scope_role,
)
from hrwh_sample.plan.endings import exit_day, forced_path
from hrwh_sample.plan.flows import (
    DORMANT,
    GROUP_SWITCH,
    OTHER_ADMIN,
    PROMOTION,
    TO_ADMINISTRATION,
    WITHIN_ADMIN,
    WITHIN_ADMIN_FORCED,
    Flow,
)
from hrwh_sample.plan.state import PlanError, PlanState
from hrwh_sample.plan.uncounted_ends import end_later_perhaps
from hrwh_sample.targets import Cell

# beyond what the targets require, this share of a cohort of at least EXTRA_MIN_COHORT leaves
# the population uncounted each year
EXTRA_SHARE = 0.06
EXTRA_MIN_COHORT = 8
# relative weights of the kinds of outflow (leave only in larger cells, switching group only
# where there are both groups)
WEIGHTS = {
    WITHIN_ADMIN: 38.0,
    PROMOTION: 17.0,
    TO_ADMINISTRATION: 8.0,
    DORMANT: 25.0,
    GROUP_SWITCH: 6.0,
}
# a move within the administration is by own request for this share, else "Övrigt"
WITHIN_OWN_REQUEST_SHARE = 0.75
# of the promoted and of those moved to the Administration area, the share who leave later
PROMOTED_LATER_END_SHARE = 0.25
MOVED_LATER_END_SHARE = 0.15
# leave over New Year starts in the last LEAVE_START_MONTHS months and lasts 4-15 months
LEAVE_START_MONTHS = 6
LEAVE_MONTHS = (4, 15)


def extra_outflows(rng: random.Random, members: list[Employment], rest: list[Employment]) -> int:
    """How many of `rest` (the cohort `members` less the counted exits) leave beyond need."""
    if len(members) < EXTRA_MIN_COHORT:
        return 0
    return sum(1 for _ in rest if rng.random() < EXTRA_SHARE)


def pick_outflow(plan: PlanState, cell: Cell, emp: Employment, year: int, big: bool) -> Flow:
    """The way `emp` leaves the population of `cell` in `year` uncounted."""
    rng = plan.rng
    admin = cell[0]
    kinds = [WITHIN_ADMIN, PROMOTION, TO_ADMINISTRATION]
    if big:
        kinds.append(DORMANT)
    if admin != ELDERLY_CARE_ADMIN:
        kinds.append(GROUP_SWITCH)
    kind = rng.choices(kinds, weights=[WEIGHTS[k] for k in kinds])[0]
    if kind != WITHIN_ADMIN:
        return Flow(emp, kind)
    end = exit_day(plan, year, emp)
    forced = forced_path(emp, end)
    if forced == OTHER_ADMIN:
        return Flow(emp, PROMOTION)
    reason = OWN_REQUEST if rng.random() < WITHIN_OWN_REQUEST_SHARE else OTHER_REASON
    return Flow(emp, WITHIN_ADMIN_FORCED if forced == WITHIN_ADMIN else WITHIN_ADMIN, end, reason)


def carry_out_outflow(plan: PlanState, flow: Flow, year: int) -> None:
    """Change the employment of `flow` in some month of `year` so it leaves the population."""
    rng = plan.rng
    emp = flow.emp
    group = TITLE_GROUP[emp.role_at(december(year - 1)).title]
    month = rng.randint(december(year) - 11, december(year))
    admin = emp.admin
    if flow.kind == GROUP_SWITCH:
        other = (admin, NEEDS_ASSESSOR if group == SOCIAL_WORKER else SOCIAL_WORKER)
        if plan.capacity.get(other, 0) > 0:
            plan.capacity[other] -= 1
            new = scope_role(rng, admin, other[1])
            emp.change(month, unit=new.unit, area=new.area, title=new.title)
            return
        flow.kind = PROMOTION
    if flow.kind == PROMOTION:
        new = promotion_role(rng, emp.role_at(month))
        emp.change(month, title=new.title, rate=new.rate)
        end_later_perhaps(plan, emp, year, PROMOTED_LATER_END_SHARE)
    elif flow.kind == TO_ADMINISTRATION:
        new = administration_area_role(rng, admin, emp.role_at(month))
        emp.change(month, unit=new.unit, area=new.area)
        end_later_perhaps(plan, emp, year, MOVED_LATER_END_SHARE)
    elif flow.kind == DORMANT:
        leave = rng.randint(december(year) - LEAVE_START_MONTHS, december(year))
        back = max(leave + rng.randint(*LEAVE_MONTHS), december(year) + 1)
        emp.change(leave, dormant=True)
        if back < N_MONTHS:
            emp.change(back, dormant=False)
    else:
        raise PlanError(f"unknown flow {flow.kind}")
