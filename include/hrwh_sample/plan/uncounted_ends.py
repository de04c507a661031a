"""How employments outside the population end: none of these ends is ever counted.

An employment that left the population (a promotion, the Administration area, a parked next
job, a retiree's shifts) may end in a later year; temporary ones end after months; and none
runs on past 66: it ends in retirement unless it was in a cohort that year.
"""

from __future__ import annotations

from datetime import date

from hrwh_sample.dates import LAST_DAY, N_MONTHS, days, december, month_index
from hrwh_sample.formats import OTHER_REASON, OWN_REQUEST, RETIREMENT, TEMPORARY
from hrwh_sample.model import Employment
from hrwh_sample.organisation import scope_group
from hrwh_sample.plan.state import PlanState

# a later end comes 30-2000 days into the next year; own request for this share, else "Övrigt"
LATER_END_DAYS = (30, 2000)
LATER_END_OWN_REQUEST_SHARE = 0.8
# a parked temporary employment lasts 90-500 days, ending "Övrigt" for this share
TEMPORARY_DAYS = (90, 500)
TEMPORARY_ENDS_OTHER_SHARE = 0.6
# of the other parked employments, this share ends after 200-1800 days, mostly by own request
PARKED_END_SHARE = 0.3
PARKED_DAYS = (200, 1800)
PARKED_OWN_REQUEST_SHARE = 0.85
# retirement in the months before turning this age (up to RETIRE_EARLY_DAYS earlier)
RETIREMENT_AGE = 66
RETIRE_EARLY_DAYS = (0, 300)


def end_later_perhaps(plan: PlanState, emp: Employment, year: int, share: float) -> None:
    """For `share` of them, end an employment that left the population in a later year."""
    rng = plan.rng
    if rng.random() < share:
        end = date(year + 1, 1, 1) + days(rng.randint(*LATER_END_DAYS))
        if end <= LAST_DAY:
            reason = OWN_REQUEST if rng.random() < LATER_END_OWN_REQUEST_SHARE else OTHER_REASON
            plan.world.finish(emp, end, reason)


def park(plan: PlanState, emp: Employment) -> None:
    """A new employment outside the population: temporary ones end, some others too."""
    rng = plan.rng
    role = emp.roles[0]
    if role.form == TEMPORARY:
        end = emp.start + days(rng.randint(*TEMPORARY_DAYS))
        reason = OTHER_REASON if rng.random() < TEMPORARY_ENDS_OTHER_SHARE else OWN_REQUEST
    elif rng.random() < PARKED_END_SHARE:
        end = emp.start + days(rng.randint(*PARKED_DAYS))
        reason = OWN_REQUEST if rng.random() < PARKED_OWN_REQUEST_SHARE else OTHER_REASON
    else:
        return
    if end <= LAST_DAY:
        plan.world.finish(emp, end, reason)


def retire_outside_population(plan: PlanState) -> None:
    """Employments that left the population (promotions, other areas, temps) do not run on
    past 66: they end in retirement, unless they were in a cohort that year (never counted).
    """
    rng = plan.rng
    for emp in plan.tracked:
        if emp.end is not None:
            continue
        birth = emp.person.birth
        retire = date(birth.year + RETIREMENT_AGE, birth.month, 1) - days(
            rng.randint(*RETIRE_EARLY_DAYS)
        )
        if retire > LAST_DAY or retire <= emp.start:
            continue
        since = max(december(retire.year - 1), month_index(emp.start))
        if any(scope_group(emp.role_at(mi)) for mi in range(since, N_MONTHS)):
            continue
        plan.world.finish(emp, max(retire, date(retire.year, 1, 1)), RETIREMENT)
