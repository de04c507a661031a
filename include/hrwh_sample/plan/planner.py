"""The run: the opening stock, then each year's three passes, each year recounted."""

from __future__ import annotations

from hrwh_sample.dates import FIRST_YEAR, LAST_YEAR
from hrwh_sample.model import Employment
from hrwh_sample.plan.city_rolling_rate import meet_reported_rate
from hrwh_sample.plan.counted_exits import pick_exits
from hrwh_sample.plan.endings import carry_out_ending
from hrwh_sample.plan.everyday_changes import everyday_change
from hrwh_sample.plan.flows import ENDING_KINDS, CountedExit, Flow
from hrwh_sample.plan.inflows import inflow, short_stints
from hrwh_sample.plan.opening_stock import plan_opening_stock
from hrwh_sample.plan.state import PlanError, PlanState, population_group
from hrwh_sample.plan.uncounted_ends import retire_outside_population
from hrwh_sample.plan.uncounted_outflows import carry_out_outflow, extra_outflows, pick_outflow
from hrwh_sample.plan.unit_in_crisis import UnitInCrisis
from hrwh_sample.targets import REPORTED_ROLLING_RATES, Cell, Targets
from hrwh_sample.world import World

# parental leave over New Year is planned only in cohorts at least this large
LEAVE_MIN_COHORT = 15


class Planner:
    """Plans the social workers' and needs assessors' employments over the files' span."""

    def __init__(self, world: World, targets: Targets) -> None:
        self.state = PlanState(world, targets, list(targets.stock))
        self.crisis = UnitInCrisis(self.state)

    @property
    def counted_exits(self) -> list[CountedExit]:
        """Every exit planned to be counted, in the order carried out."""
        return self.state.counted_exits

    def run(self) -> None:
        plan_opening_stock(self.state)
        self._recount(FIRST_YEAR - 1)
        for year in range(FIRST_YEAR, LAST_YEAR + 1):
            self._plan_year(year)
            self._recount(year)
            for reported in REPORTED_ROLLING_RATES:
                if reported.last_day.year == year:
                    meet_reported_rate(self.state, reported)
        retire_outside_population(self.state)
        self.crisis.check(self.state.world.employments)

    def _recount(self, year: int) -> None:
        """The population on 31 Dec `year`, counted on the model, must be the target's."""
        plan = self.state
        counts = dict.fromkeys(plan.cells, 0)
        for emp in plan.tracked:
            group = population_group(emp, year)
            if group is not None:
                counts[(emp.admin, group)] += 1
        stock = plan.targets.stock
        wrong = [
            f"{c}: {counts[c]} != {stock[c][year]}"
            for c in plan.cells
            if counts[c] != stock[c][year]
        ]
        if wrong:
            raise PlanError(f"population on 31 Dec {year} is off: " + "; ".join(wrong[:5]))

    def _plan_year(self, year: int) -> None:
        plan = self.state
        rng = plan.rng
        self.crisis.start_year(year)
        cohort: dict[Cell, list[Employment]] = {c: [] for c in plan.cells}
        pending: dict[Cell, list[Employment]] = {c: [] for c in plan.cells}
        for emp in plan.tracked:
            group = population_group(emp, year - 1)
            if group is not None:
                cohort[(emp.admin, group)].append(emp)
                if population_group(emp, year) != group:
                    raise PlanError(f"{emp.emp_id} has an unplanned change in {year}")
                continue
            group = population_group(emp, year)
            if group is not None:
                pending[(emp.admin, group)].append(emp)

        # pass A: counted exits and uncounted outflows fix each cell's capacity; the scripted
        # unit's exits take the place of its members' share of the cell's own, and its hires
        # count as joining
        flows: list[Flow] = []
        stayers: dict[Cell, list[Employment]] = {}
        plan.capacity = {}
        for cell in plan.cells:
            members = cohort[cell]
            free = [e for e in members if e not in plan.reserved]
            target = plan.targets.stock[cell][year]
            exits = self.crisis.exits(cell, year)
            wanted = plan.targets.exits[cell][year]
            if exits:
                wanted = round(wanted * len(free) / len(members))
            exits += pick_exits(plan, cell, free, wanted, year)
            leaving = {f.emp.emp_id for f in exits}
            rest = [e for e in free if e.emp_id not in leaving]
            joining = len(pending[cell]) + self.crisis.joining(cell, year)
            base = len(members) - len(exits) + joining
            needed = max(0, base - target)
            count = min(len(rest), needed + extra_outflows(rng, members, rest))
            if count < needed:
                raise PlanError(f"{cell} {year}: cannot shrink to {target}")
            rng.shuffle(rest)
            big = len(members) >= LEAVE_MIN_COHORT
            flows.extend(exits)
            flows.extend(pick_outflow(plan, cell, e, year, big) for e in rest[:count])
            stayers[cell] = rest[count:]
            plan.capacity[cell] = target - base + count

        # pass B: carry them out; the stayers' everyday changes
        rng.shuffle(flows)
        for flow in flows:
            if flow.kind in ENDING_KINDS:
                carry_out_ending(plan, flow, year)
            else:
                carry_out_outflow(plan, flow, year)
        for cell in plan.cells:
            for emp in stayers[cell]:
                everyday_change(plan, emp, cell, year)

        # pass C: the scripted unit's hires, then fill what capacity is left
        for cell in plan.cells:
            self.crisis.hire(cell, year)
            for _ in range(plan.capacity[cell]):
                inflow(plan, cell, year)
            plan.capacity[cell] = 0
            short_stints(plan, cell, year)
