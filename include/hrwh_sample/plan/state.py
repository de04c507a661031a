"""What the planner's parts share: the tracked employments, the year's capacities, the records."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date

from hrwh_sample.dates import december
from hrwh_sample.model import Employment, Person, Role
from hrwh_sample.organisation import scope_group
from hrwh_sample.plan.flows import CountedExit
from hrwh_sample.targets import Cell, Targets
from hrwh_sample.world import World

# A new employment starting no later than this many days after an end continues the person's
# career in the city (the rule of source-formats.md); the planner plans with it, on its model.
FOLLOW_ON_DAYS = 30


class PlanError(RuntimeError):
    """The plan could not meet a target; a bug in the planner, never expected at run time."""


@dataclass
class PlanState:
    """The planner's bookkeeping, handed to each part."""

    world: World
    targets: Targets
    cells: list[Cell]
    tracked: list[Employment] = field(default_factory=list)
    """The employments the plan made and recounts (not the background staff)."""
    ex_staff: list[Person] = field(default_factory=list)
    """People who left the city and may be hired again."""
    capacity: dict[Cell, int] = field(default_factory=dict)
    """Per cell, how many employments may still join its population before 31 December."""
    counted_exits: list[CountedExit] = field(default_factory=list)
    """Every exit planned to be counted, in the order carried out."""
    reserved: set[Employment] = field(default_factory=set)
    """Employments a script plans (`unit_in_crisis`): no random flow picks them."""

    @property
    def rng(self) -> random.Random:
        return self.world.rng

    def employ(
        self, person: Person, admin: str, start: date, role: Role, pay_factor: float | None = None
    ) -> Employment:
        """A new employment the plan tracks."""
        emp = self.world.new_employment(person, admin, start, role, pay_factor)
        self.tracked.append(emp)
        return emp


def population_group(emp: Employment, year: int) -> str | None:
    """The group `emp` counts in on 31 Dec `year` (in the population and still employed)."""
    last_day = date(year, 12, 31)
    if emp.start > last_day or (emp.end is not None and emp.end <= last_day):
        return None
    return scope_group(emp.role_at(december(year)))
