"""Endings: the day an employment ends, the path it will be read as, and carrying it out.

An ending is counted (left the city, or went to another administration) or not (a move within
the administration); which one the warehouse derives depends on the person's next employment,
so carrying out an ending also plans what comes next: the next job of a move, a return to the
city later, hourly shifts after retirement, or nothing.
"""

from __future__ import annotations

from datetime import date

from hrwh_sample.dates import days, december, month_end, month_index, random_day
from hrwh_sample.formats import RETIREMENT
from hrwh_sample.model import Employment
from hrwh_sample.organisation import MERGERS, TITLE_GROUP, render_admin
from hrwh_sample.plan.flows import (
    COUNTED_KINDS,
    LEFT_CITY,
    OTHER_ADMIN,
    WITHIN_ADMIN,
    CountedExit,
    Flow,
)
from hrwh_sample.plan.next_jobs import RETIRED, RETURNS_LATER, plan_next_job
from hrwh_sample.plan.side_jobs import drop_side_jobs_after
from hrwh_sample.plan.state import FOLLOW_ON_DAYS, PlanState

# draws below the first end an employment on 31 December, below the second on 1 January;
# the rest in a month drawn by EXIT_MONTH_WEIGHTS, on its last day for MONTH_END_SHARE of them
ON_31_DECEMBER = 0.05
ON_31_DECEMBER_OR_1_JANUARY = 0.07
EXIT_MONTH_WEIGHTS = (6, 6, 7, 7, 8, 12, 7, 11, 8, 8, 7, 9)  # January .. December
MONTH_END_SHARE = 0.4
# no exit in a merging district from mid-May to the end of July of its merger (2020-07-01):
# which administration a move there belongs to would depend on reporting details, not the plan
MERGER_QUIET_BEFORE = days(47)
MERGER_QUIET_AFTER = days(30)
# of those who left the city, the share who come back later (after more than 30 days), and of
# those who retired, the share who come back for hourly shifts
RETURNS_LATER_SHARE = 0.12
RETIRED_RETURNS_SHARE = 0.15


def exit_day(plan: PlanState, year: int, emp: Employment) -> date:
    """The last day of `emp` if it ends in `year`."""
    rng = plan.rng
    while True:
        r = rng.random()
        if r < ON_31_DECEMBER:
            day = date(year, 12, 31)
        elif r < ON_31_DECEMBER_OR_1_JANUARY:
            day = date(year, 1, 1)
        else:
            month = rng.choices(range(1, 13), weights=EXIT_MONTH_WEIGHTS)[0]
            last = month_end(month_index(date(year, month, 1)))
            day = (
                last
                if rng.random() < MONTH_END_SHARE
                else random_day(rng, last.replace(day=1), last)
            )
        merger = MERGERS.get(emp.admin)
        if merger is not None:
            merger_day = merger.first_day
            if merger_day - MERGER_QUIET_BEFORE <= day <= merger_day + MERGER_QUIET_AFTER:
                continue
        if day > emp.start:
            return day


def forced_path(emp: Employment, end: date) -> str | None:
    """The path the person's *existing* other employments give an end on `end`, if any.

    Planned on the model with the rule of source-formats.md: another employment starting after
    this one started and no later than 30 days after `end`; the earliest decides, the same
    administration wins a tie. With the merger rule of docs/definitions.md: a next employment in
    the administration that this one's was merged into is in the same administration.
    """
    limit = end + days(FOLLOW_ON_DAYS)
    starts = [o for o in emp.person.employments if o is not emp and emp.start < o.start <= limit]
    if not starts:
        return None
    first = min(o.start for o in starts)
    own = render_admin(emp.admin, month_index(end))
    merger = MERGERS.get(own)
    same = (own, merger.successor) if merger is not None else (own,)
    if any(render_admin(o.admin, month_index(o.start)) in same for o in starts if o.start == first):
        return WITHIN_ADMIN
    return OTHER_ADMIN


def carry_out_ending(plan: PlanState, flow: Flow, year: int) -> None:
    """End the employment as planned, record it if counted, and plan what follows."""
    rng = plan.rng
    emp = flow.emp
    group = TITLE_GROUP[emp.role_at(december(year - 1)).title]
    assert flow.end is not None and flow.reason is not None
    plan.world.finish(emp, flow.end, flow.reason)
    if flow.kind in COUNTED_KINDS:
        plan.counted_exits.append(CountedExit(emp, year, flow.kind, flow.reason))
    if flow.kind == LEFT_CITY:
        if flow.reason != RETIREMENT and rng.random() < RETURNS_LATER_SHARE:
            plan_next_job(plan, emp, group, year, RETURNS_LATER)
        elif flow.reason == RETIREMENT and rng.random() < RETIRED_RETURNS_SHARE:
            plan_next_job(plan, emp, group, year, RETIRED)
        else:
            drop_side_jobs_after(plan, emp)
            if not emp.person.has_side_job:
                plan.ex_staff.append(emp.person)
    elif flow.kind in (OTHER_ADMIN, WITHIN_ADMIN):
        plan_next_job(plan, emp, group, year, flow.kind)
