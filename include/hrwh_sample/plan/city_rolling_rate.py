"""The rolling rate the city reported for itself, made exact once its window is planned.

The share of the counted exits that leaves the city (`counted_exits.LATER_LEFT_CITY_SHARE`)
brings the rate near the reported one; the last few exits are then put right on the model
without changing a yearly cohort or any month-end headcount of the window:

- too many leavers: a leaver of the window takes a job in one of the city's other
  administrations within 30 days instead (a school counsellor, an investigator): still an exit
  for the administration, no longer one for the city;
- too few: a leaver who left in the months just before the window leaves in its first month
  instead (no month end of the window counted them either way, and the year stays the same).

Only leavers with no other employment in the city are moved, so no other exit path changes, and
never the scripted unit's staff (`unit_in_crisis`). Like a year's population, the figure is
counted again at the end; a wrong one raises `PlanError`.
"""

from __future__ import annotations

from dataclasses import replace
from fractions import Fraction

from hrwh_sample.dates import days, month_end, month_index, month_start, random_day
from hrwh_sample.model import Employment
from hrwh_sample.organisation import OTHER_ADMINS, parked_role
from hrwh_sample.plan.flows import OTHER_ADMIN
from hrwh_sample.plan.next_jobs import RAISE
from hrwh_sample.plan.rolling_figures import WINDOW_MONTHS, in_group, rolling_figure
from hrwh_sample.plan.state import FOLLOW_ON_DAYS, PlanError, PlanState
from hrwh_sample.plan.uncounted_ends import park
from hrwh_sample.targets import ReportedRollingRate

# how many months before the window a leaver may be moved from, into its first month
MOVED_FROM_MONTHS = 3


def meet_reported_rate(plan: PlanState, reported: ReportedRollingRate) -> None:
    """Make the city's rolling rate of `reported` round to its percent, on the model."""
    rng = plan.rng
    group = reported.group
    last = month_index(reported.last_day)
    first = last - WINDOW_MONTHS + 1
    figure = rolling_figure(plan.tracked, last, group)
    # the number of exits nearest to the reported percent of the average headcount: its rate is
    # within 0.035 points of it, well inside what rounds to it
    wanted = round(Fraction(reported.percent) * sum(figure.heads) / (100 * WINDOW_MONTHS))
    if figure.exits > wanted:
        leavers = _lone_leavers(plan, first, last, group)
        if len(leavers) < figure.exits - wanted:
            raise PlanError(f"{reported}: cannot lower the exits from {figure.exits} to {wanted}")
        for emp in rng.sample(leavers, figure.exits - wanted):
            _take_job_elsewhere(plan, emp, group)
    elif figure.exits < wanted:
        early = [
            emp
            for emp in _lone_leavers(plan, first - MOVED_FROM_MONTHS, first - 1, group)
            if in_group(emp.role_at(first), group)
        ]
        if len(early) < wanted - figure.exits:
            raise PlanError(f"{reported}: cannot raise the exits from {figure.exits} to {wanted}")
        for emp in rng.sample(early, wanted - figure.exits):
            end = random_day(rng, month_start(first), month_end(first))
            plan.world.finish(emp, end, emp.reason or "")
    recount = rolling_figure(plan.tracked, last, group)
    rate = Fraction(recount.exits * WINDOW_MONTHS * 100, sum(recount.heads))
    if recount.heads != figure.heads or abs(rate - Fraction(reported.percent)) >= Fraction(1, 20):
        raise PlanError(f"{reported}: {recount.exits} exits over {sum(recount.heads)} / 12")


def _lone_leavers(plan: PlanState, first: int, last: int, group: str) -> list[Employment]:
    """Employments of `group` that ended in months `first`..`last`, of people with no other
    employment in the city (so they left it), outside the scripted unit."""
    return [
        emp
        for emp in plan.tracked
        if emp.end is not None
        and first <= month_index(emp.end) <= last
        and len(emp.person.employments) == 1
        and emp not in plan.reserved
        and in_group(emp.role_at(month_index(emp.end)), group)
    ]


def _take_job_elsewhere(plan: PlanState, emp: Employment, group: str) -> None:
    """`emp`'s person starts in one of the city's other administrations within 30 days."""
    rng = plan.rng
    assert emp.end is not None
    admin = rng.choice(OTHER_ADMINS)
    start = emp.end + days(rng.randint(1, FOLLOW_ON_DAYS))
    factor = emp.pay_factor * rng.uniform(*RAISE)
    park(plan, plan.employ(emp.person, admin, start, parked_role(rng, admin, group), factor))
    plan.counted_exits[:] = [
        replace(c, kind=OTHER_ADMIN) if c.emp is emp else c for c in plan.counted_exits
    ]
