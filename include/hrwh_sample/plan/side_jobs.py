"""Hourly extra jobs in another administration, e.g. evening shifts at Socialjouren.

They are never in the population, but they matter to the exit paths: the warehouse reads an
employment that starts within 30 days after an ending as a move. The plan adds one on purpose
where a tie must be resolved, and drops the later ones of someone who left the city (who does
not come back for shifts).
"""

from __future__ import annotations

from datetime import date

from hrwh_sample.dates import LAST_DAY, days
from hrwh_sample.formats import HOURLY, OTHER_REASON, OWN_REQUEST
from hrwh_sample.model import Employment
from hrwh_sample.organisation import side_job_role
from hrwh_sample.plan.state import FOLLOW_ON_DAYS, PlanState

# a side job starts 60-900 days after the main job (or the first day), lasts 60-700 days and
# ends with "Övrigt" (the rest: own request)
START_AFTER_DAYS = (60, 900)
LENGTH_DAYS = (60, 700)
ENDS_OTHER_SHARE = 0.7
# a side job that starts the same day as a move within the administration lasts 60-500 days
SAME_DAY_LENGTH_DAYS = (60, 500)


def add_side_job(plan: PlanState, emp: Employment, group: str, earliest: date) -> None:
    rng = plan.rng
    admin, role = side_job_role(rng, emp.admin, group)
    start = max(emp.start, earliest) + days(rng.randint(*START_AFTER_DAYS))
    if start > LAST_DAY:
        return
    side = plan.world.new_employment(emp.person, admin, start, role)
    emp.person.has_side_job = True
    end = start + days(rng.randint(*LENGTH_DAYS))
    if end <= LAST_DAY:
        plan.world.finish(
            side, end, OTHER_REASON if rng.random() < ENDS_OTHER_SHARE else OWN_REQUEST
        )


def add_same_day_side_job(plan: PlanState, emp: Employment, group: str, start: date) -> None:
    """A tie: an hourly job elsewhere starts the same day as the next job in `emp`'s
    administration; the same administration wins, so the move stays within."""
    rng = plan.rng
    side_admin, side_role = side_job_role(rng, emp.admin, group)
    if side_admin != emp.admin:
        side = plan.world.new_employment(emp.person, side_admin, start, side_role)
        emp.person.has_side_job = True
        end_side = start + days(rng.randint(*SAME_DAY_LENGTH_DAYS))
        if end_side <= LAST_DAY:
            plan.world.finish(side, end_side, OTHER_REASON)


def drop_side_jobs_after(plan: PlanState, emp: Employment) -> None:
    """Someone who left the city does not start an extra job there weeks later."""
    assert emp.end is not None
    limit = emp.end + days(FOLLOW_ON_DAYS)
    person = emp.person
    for side in [o for o in person.employments if o is not emp and o.start > limit]:
        affects_other = any(
            o is not side
            and o is not emp
            and o.end is not None
            and o.start < side.start <= o.end + days(FOLLOW_ON_DAYS)
            for o in person.employments
        )
        if not affects_other:
            plan.world.remove_employment(side)
            if side in plan.tracked:
                plan.tracked.remove(side)
    person.has_side_job = any(o.roles[0].pay == HOURLY for o in person.employments if o is not emp)
