"""What changes for those who stay in their cell: nothing that takes them out of the population.

A stayer may move to another unit, take another title in the same occupation group, have a
short leave within the year or change their employment rate; most have none of these.
"""

from __future__ import annotations

from hrwh_sample.dates import december
from hrwh_sample.model import Employment
from hrwh_sample.organisation import employment_rate, other_unit, same_group_variation
from hrwh_sample.plan.state import PlanState
from hrwh_sample.targets import Cell

# by draw: below the first another unit, below the second another title in the group, below the
# third a short leave (starting by October, back by December), below the fourth another rate
UNIT_CHANGE = 0.05
TITLE_CHANGE = 0.08
SHORT_LEAVE = 0.105
RATE_CHANGE = 0.14
SHORT_LEAVE_LATEST_START = 2  # months before December


def everyday_change(plan: PlanState, emp: Employment, cell: Cell, year: int) -> None:
    """Changes that keep the employment in its cell: unit, title within group, short leave."""
    rng = plan.rng
    admin = cell[0]
    dec = december(year)
    month = rng.randint(dec - 11, dec)
    r = rng.random()
    if r < UNIT_CHANGE:
        emp.change(month, unit=other_unit(rng, admin, emp.role_at(month)))
    elif r < TITLE_CHANGE:
        new = same_group_variation(rng, admin, emp.role_at(month))
        emp.change(month, unit=new.unit, area=new.area, title=new.title)
    elif r < SHORT_LEAVE:
        leave = rng.randint(dec - 11, dec - SHORT_LEAVE_LATEST_START)
        emp.change(leave, dormant=True)
        emp.change(rng.randint(leave + 1, dec), dormant=False)
    elif r < RATE_CHANGE:
        emp.change(month, rate=employment_rate(rng))
