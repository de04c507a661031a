"""How the HR system shows a district merger in the payroll extracts.

Most employments of a merging district simply go on: the same AnstallningsID, with the new
administration's name from the merger month (`organisation.render_admin`) and for some units a
new unit name (`organisation.MERGER_UNIT_NAMES`). Some are closed on the day before the merger
(reason `Övrigt`) and reopened in the new administration under a new id on the merger day: the
same person in the same job. That happens to social workers and background staff alike; the
warehouse's merger rule reads such an end as a move within the administration, not turnover.

Only people with no other employment in the city are reopened, so that the new employment is
the successor of no other end under the 30-day rule. This runs on the finished world, after the
plan and the background staff: no population on a 31 December changes.
"""

from __future__ import annotations

from hrwh_sample.formats import OTHER_REASON
from hrwh_sample.model import Employment
from hrwh_sample.organisation import MERGERS
from hrwh_sample.world import World

# the share of a merging district's employments that are closed and reopened
REOPENED_SHARE = 0.04


def reopen_at_mergers(world: World) -> list[Employment]:
    """Close and reopen some employments that run across a merger; returns the new ones."""
    rng = world.rng
    reopened = []
    for emp in list(world.employments):
        merger = MERGERS.get(emp.admin)
        if merger is None:
            continue
        day = merger.first_day
        runs_across = emp.start < day and (emp.end is None or emp.end > day)
        if runs_across and len(emp.person.employments) == 1 and rng.random() < REOPENED_SHARE:
            reopened.append(world.reopen(emp, day, OTHER_REASON))
    return reopened
