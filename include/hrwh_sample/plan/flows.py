"""The events the planner plans for the members of a cohort, and the record it keeps of them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from hrwh_sample.model import Employment

# Endings. Counted: left the city, or went to another administration. Not counted: moved within
# the administration. "forced": the person's other employments already decide the path.
LEFT_CITY = "left_city"
OTHER_ADMIN = "other_admin"
OTHER_ADMIN_FORCED = "other_admin_forced"
WITHIN_ADMIN = "within_admin"
WITHIN_ADMIN_FORCED = "within_admin_forced"
ENDING_KINDS = (LEFT_CITY, OTHER_ADMIN, OTHER_ADMIN_FORCED, WITHIN_ADMIN, WITHIN_ADMIN_FORCED)
COUNTED_KINDS = (LEFT_CITY, OTHER_ADMIN, OTHER_ADMIN_FORCED)

# Outflows that keep the employment but take it out of the population.
PROMOTION = "promotion"
DORMANT = "dormant"
TO_ADMINISTRATION = "to_administration"
GROUP_SWITCH = "group"


@dataclass
class Flow:
    """One planned event for a cohort member (`end` and `reason` for endings only)."""

    emp: Employment
    kind: str
    end: date | None = None
    reason: str | None = None


@dataclass(frozen=True)
class CountedExit:
    """A record of the plan: `emp` ends in `year` in a way the official method counts."""

    emp: Employment
    year: int
    kind: str  # LEFT_CITY, OTHER_ADMIN or OTHER_ADMIN_FORCED
    reason: str
