"""The turnover plan: social workers and needs assessors, year by year, with exact bookkeeping.

The published figures fix, per administration and occupation group, the cohort on 31 December
and the counted exits of the following year. Realistic data also has flows that the official
method does not count (moves within the administration, promotions, parental leave over New
Year, a move to the Administration area) and inflows (new hires, arrivals from other
administrations, temporary staff made permanent, returns from leave). The planner chooses these
flows so that every year the next cohort comes out exactly, and it does so on the same employment
model the files are rendered from, so the exit paths the warehouse will derive (the 30-day rule,
on person level) are the ones planned.

Each year is planned in three passes over all cells (administration x group):

A. pick the counted exits and the uncounted outflows among the cohort, which fixes how many
   employments must flow in before 31 December (the cell's capacity);
B. carry out exits and outflows; a move's new employment lands in the population of some cell
   only while that cell has capacity left (else it is outside the population);
C. fill what capacity is left with hires, conversions and returning former employees.

Every year ends by recounting the population from the model; a wrong count raises `PlanError`.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date

from hrwh_sample.dates import (
    FIRST_DAY,
    FIRST_YEAR,
    LAST_DAY,
    LAST_YEAR,
    N_MONTHS,
    days,
    december,
    month_end,
    month_index,
    month_start,
    random_day,
)
from hrwh_sample.formats import HOURLY, OTHER_REASON, OWN_REQUEST, RETIREMENT, TEMPORARY
from hrwh_sample.model import Employment, Person, Role
from hrwh_sample.organisation import (
    DISTRICTS,
    ELDERLY_CARE_ADMIN,
    GROUPS,
    MERGERS,
    NEEDS_ASSESSOR,
    OTHER_ADMINS,
    SOCIAL_SERVICES_ADMIN,
    SOCIAL_WORKER,
    TITLE_GROUP,
    administration_area_role,
    employment_rate,
    merging_partners,
    other_unit,
    parked_role,
    pre_scope_role,
    promotion_role,
    render_admin,
    same_group_variation,
    scope_group,
    scope_role,
    side_job_role,
)
from hrwh_sample.targets import Cell, Targets
from hrwh_sample.world import World

# Exit kinds. Counted: left the city, or went to another administration. Not counted: moved
# within the administration. "forced" = the person's other employments already decide the path.
LEFT_CITY = "left_city"
OTHER_ADMIN = "other_admin"
OTHER_ADMIN_FORCED = "other_admin_forced"
WITHIN_ADMIN = "within_admin"
WITHIN_ADMIN_FORCED = "within_admin_forced"
# Outflows that keep the employment but take it out of the population.
PROMOTION = "promotion"
DORMANT = "dormant"
TO_ADMINISTRATION = "to_administration"
GROUP_SWITCH = "group"
ENDING_KINDS = (LEFT_CITY, OTHER_ADMIN, OTHER_ADMIN_FORCED, WITHIN_ADMIN, WITHIN_ADMIN_FORCED)
COUNTED_KINDS = (LEFT_CITY, OTHER_ADMIN, OTHER_ADMIN_FORCED)

_EXIT_MONTH_WEIGHTS = (6, 6, 7, 7, 8, 12, 7, 11, 8, 8, 7, 9)
_HIRE_MONTH_WEIGHTS = (10, 7, 7, 7, 6, 6, 2, 14, 10, 8, 8, 5)
_SPECIALIST_SMALL = ((SOCIAL_SERVICES_ADMIN, NEEDS_ASSESSOR), (ELDERLY_CARE_ADMIN, NEEDS_ASSESSOR))
# no exit in a merging district from mid-May to the end of July of the merger (2020-07-01)
MERGER_QUIET_BEFORE = days(47)
MERGER_QUIET_AFTER = days(30)


class PlanError(RuntimeError):
    """The plan could not meet a target; a bug in the planner, never expected at run time."""


@dataclass
class Flow:
    """One planned event for a cohort member."""

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


def pop_group(emp: Employment, year: int) -> str | None:
    """The group `emp` counts in on 31 Dec `year` (in the population and still employed)."""
    last_day = date(year, 12, 31)
    if emp.start > last_day or (emp.end is not None and emp.end <= last_day):
        return None
    return scope_group(emp.role_at(december(year)))


class Planner:
    """Plans the social workers' and needs assessors' employments 2012-2020."""

    def __init__(self, world: World, targets: Targets) -> None:
        self.w = world
        self.rng: random.Random = world.rng
        self.t = targets
        self.cells: list[Cell] = list(targets.stock)
        self.tracked: list[Employment] = []
        self.ex_staff: list[Person] = []
        self.cap: dict[Cell, int] = {}
        self.counted_exits: list[CountedExit] = []
        """Every exit planned to be counted, in the order carried out."""

    # ------------------------------------------------------------------------------------------
    def run(self) -> None:
        self._initial_stock()
        self._check_stock(FIRST_YEAR - 1)
        for year in range(FIRST_YEAR, LAST_YEAR + 1):
            self._plan_year(year)
            self._check_stock(year)
        self._retire_outside_population()

    def _check_stock(self, year: int) -> None:
        counts = dict.fromkeys(self.cells, 0)
        for emp in self.tracked:
            group = pop_group(emp, year)
            if group is not None:
                counts[(emp.admin, group)] += 1
        wrong = [
            f"{c}: {counts[c]} != {self.t.stock[c][year]}"
            for c in self.cells
            if counts[c] != self.t.stock[c][year]
        ]
        if wrong:
            raise PlanError(f"population on 31 Dec {year} is off: " + "; ".join(wrong[:5]))

    def _retire_outside_population(self) -> None:
        """Employments that left the population (promotions, other areas, temps) do not run on
        past 66: they end in retirement, unless they were in a cohort that year (never counted).
        """
        rng = self.rng
        for emp in self.tracked:
            if emp.end is not None:
                continue
            retire = date(emp.person.birth.year + 66, emp.person.birth.month, 1) - days(
                rng.randint(0, 300)
            )
            if retire > LAST_DAY or retire <= emp.start:
                continue
            since = max(december(retire.year - 1), month_index(emp.start))
            if any(scope_group(emp.role_at(mi)) for mi in range(since, N_MONTHS)):
                continue
            self.w.finish(emp, max(retire, date(retire.year, 1, 1)), RETIREMENT)

    # the stock on 31 Dec 2011 -------------------------------------------------------------------
    def _initial_stock(self) -> None:
        rng = self.rng
        on = date(FIRST_YEAR - 1, 12, 31)
        for admin, group in self.cells:
            target = self.t.stock[(admin, group)][FIRST_YEAR - 1]
            for _ in range(target):
                age = 24 + rng.betavariate(1.8, 2.1) * 40
                person = self.w.person_aged(age, on)
                career_start = date(person.birth.year + 23, person.birth.month, 1)
                tenure = min(int(rng.expovariate(1 / (5.5 * 365))), (on - career_start).days)
                start = max(on - days(max(tenure, 0)), date(1980, 1, 1))
                emp = self._employ(person, admin, start, scope_role(rng, admin, group))
                if admin != ELDERLY_CARE_ADMIN and rng.random() < 0.035:
                    self._add_side_job(emp, group, FIRST_DAY)
            if target >= 30:  # a few are on parental leave over New Year and return in 2012
                for _ in range(round(target * 0.03)):
                    person = self.w.person_aged(rng.uniform(27, 38), on)
                    leave = -rng.randint(1, 9)
                    start = month_start(leave) - days(rng.randint(200, 2500))
                    emp = self._employ(person, admin, start, scope_role(rng, admin, group))
                    emp.change(leave, dormant=True)
                    emp.change(rng.randint(0, 9), dormant=False)

    def _employ(
        self, person: Person, admin: str, start: date, role: Role, pay_factor: float | None = None
    ) -> Employment:
        emp = self.w.new_employment(person, admin, start, role, pay_factor)
        self.tracked.append(emp)
        return emp

    # one year ---------------------------------------------------------------------------------
    def _plan_year(self, year: int) -> None:
        rng = self.rng
        cohort: dict[Cell, list[Employment]] = {c: [] for c in self.cells}
        pending: dict[Cell, list[Employment]] = {c: [] for c in self.cells}
        for emp in self.tracked:
            group = pop_group(emp, year - 1)
            if group is not None:
                cohort[(emp.admin, group)].append(emp)
                if pop_group(emp, year) != group:
                    raise PlanError(f"{emp.emp_id} has an unplanned change in {year}")
                continue
            group = pop_group(emp, year)
            if group is not None:
                pending[(emp.admin, group)].append(emp)

        flows: list[Flow] = []
        stayers: dict[Cell, list[Employment]] = {}
        self.cap = {}
        for cell in self.cells:
            members = cohort[cell]
            target = self.t.stock[cell][year]
            exits = self._pick_exits(cell, members, self.t.exits[cell][year], year)
            leaving = {f.emp.emp_id for f in exits}
            rest = [e for e in members if e.emp_id not in leaving]
            base = len(members) - len(exits) + len(pending[cell])
            needed = max(0, base - target)
            extra = sum(1 for _ in rest if rng.random() < 0.06) if len(members) >= 8 else 0
            count = min(len(rest), needed + extra)
            if count < needed:
                raise PlanError(f"{cell} {year}: cannot shrink to {target}")
            rng.shuffle(rest)
            big = len(members) >= 15
            flows.extend(exits)
            flows.extend(self._pick_outflow(cell, e, year, big) for e in rest[:count])
            stayers[cell] = rest[count:]
            self.cap[cell] = target - base + count

        rng.shuffle(flows)
        for flow in flows:
            self._carry_out(flow, year)
        for cell in self.cells:
            for emp in stayers[cell]:
                self._everyday_change(emp, cell, year)
        for cell in self.cells:
            for _ in range(self.cap[cell]):
                self._inflow(cell, year)
            self.cap[cell] = 0
            self._short_stints(cell, year)

    # pass A -----------------------------------------------------------------------------------
    def _pick_exits(
        self, cell: Cell, members: list[Employment], wanted: int, year: int
    ) -> list[Flow]:
        rng = self.rng
        if wanted == 0:
            return []
        mid = date(year, 7, 1)
        keyed = []
        for i, emp in enumerate(members):
            age = emp.person.age_on(mid)
            weight = 14.0 if age >= 66 else 5.0 if age >= 63 else 1.0
            if (date(year, 1, 1) - emp.start).days < 730:
                weight *= 1.5
            keyed.append((rng.random() ** (1.0 / weight), i))
        keyed.sort(reverse=True)
        chosen: list[Flow] = []
        for _, i in keyed:
            emp = members[i]
            end = self._exit_day(year, emp)
            forced = self._forced_path(emp, end)
            if forced == WITHIN_ADMIN:
                continue
            kind = (
                OTHER_ADMIN_FORCED
                if forced == OTHER_ADMIN
                else LEFT_CITY
                if rng.random() < 0.62
                else OTHER_ADMIN
            )
            reason = self._exit_reason(emp.person.age_on(end), kind)
            if reason == RETIREMENT and kind == OTHER_ADMIN:
                kind = LEFT_CITY
            chosen.append(Flow(emp, kind, end, reason))
            if len(chosen) == wanted:
                return chosen
        raise PlanError(f"{cell} {year}: only {len(chosen)} of {wanted} exits possible")

    def _pick_outflow(self, cell: Cell, emp: Employment, year: int, big: bool) -> Flow:
        rng = self.rng
        admin = cell[0]
        kinds = [WITHIN_ADMIN, PROMOTION, TO_ADMINISTRATION]
        weights = [38.0, 17.0, 8.0]
        if big:
            kinds.append(DORMANT)
            weights.append(25.0)
        if admin != ELDERLY_CARE_ADMIN:
            kinds.append(GROUP_SWITCH)
            weights.append(6.0)
        kind = rng.choices(kinds, weights=weights)[0]
        if kind != WITHIN_ADMIN:
            return Flow(emp, kind)
        end = self._exit_day(year, emp)
        forced = self._forced_path(emp, end)
        if forced == OTHER_ADMIN:
            return Flow(emp, PROMOTION)
        reason = OWN_REQUEST if rng.random() < 0.75 else OTHER_REASON
        return Flow(
            emp, WITHIN_ADMIN_FORCED if forced == WITHIN_ADMIN else WITHIN_ADMIN, end, reason
        )

    def _exit_day(self, year: int, emp: Employment) -> date:
        rng = self.rng
        while True:
            r = rng.random()
            if r < 0.05:
                day = date(year, 12, 31)
            elif r < 0.07:
                day = date(year, 1, 1)
            else:
                month = rng.choices(range(1, 13), weights=_EXIT_MONTH_WEIGHTS)[0]
                last = month_end(month_index(date(year, month, 1)))
                day = last if rng.random() < 0.4 else random_day(rng, last.replace(day=1), last)
            # no exit around the 2020 merger in the merging districts: which administration a
            # move there belongs to would depend on reporting details, not on the plan
            merger = MERGERS.get(emp.admin)
            if merger is not None:
                merger_day = merger.first_day
                if merger_day - MERGER_QUIET_BEFORE <= day <= merger_day + MERGER_QUIET_AFTER:
                    continue
            if day > emp.start:
                return day

    def _exit_reason(self, age: int, kind: str) -> str:
        rng = self.rng
        if age >= 61 and kind != OTHER_ADMIN_FORCED and rng.random() < 0.8:
            return RETIREMENT
        other_share = 0.06 if kind in (OTHER_ADMIN, OTHER_ADMIN_FORCED) else 0.14
        return OTHER_REASON if rng.random() < other_share else OWN_REQUEST

    @staticmethod
    def _forced_path(emp: Employment, end: date) -> str | None:
        """The path the person's *existing* other employments give an end on `end`, if any.

        Same rule as the warehouse: another employment starting after this one started and no
        later than 30 days after `end`; the earliest decides, the same administration wins a tie.
        """
        limit = end + days(30)
        starts = [
            o for o in emp.person.employments if o is not emp and emp.start < o.start <= limit
        ]
        if not starts:
            return None
        first = min(o.start for o in starts)
        own = render_admin(emp.admin, month_index(end))
        if any(
            render_admin(o.admin, month_index(o.start)) == own for o in starts if o.start == first
        ):
            return WITHIN_ADMIN
        return OTHER_ADMIN

    # pass B -----------------------------------------------------------------------------------
    def _carry_out(self, flow: Flow, year: int) -> None:
        rng = self.rng
        emp = flow.emp
        group = TITLE_GROUP[emp.role_at(december(year - 1)).title]
        if flow.kind in ENDING_KINDS:
            assert flow.end is not None and flow.reason is not None
            self.w.finish(emp, flow.end, flow.reason)
            if flow.kind in COUNTED_KINDS:
                self.counted_exits.append(CountedExit(emp, year, flow.kind, flow.reason))
            if flow.kind == LEFT_CITY:
                if flow.reason != RETIREMENT and rng.random() < 0.12:
                    self._successor(emp, group, year, "later")
                elif flow.reason == RETIREMENT and rng.random() < 0.15:
                    self._successor(emp, group, year, "retired")
                else:
                    self._drop_side_jobs_after(emp)
                    if not emp.person.has_side_job:
                        self.ex_staff.append(emp.person)
            elif flow.kind in (OTHER_ADMIN, WITHIN_ADMIN):
                self._successor(emp, group, year, flow.kind)
            return
        month = rng.randint(december(year) - 11, december(year))
        admin = emp.admin
        if flow.kind == GROUP_SWITCH:
            other = (admin, NEEDS_ASSESSOR if group == SOCIAL_WORKER else SOCIAL_WORKER)
            if self.cap.get(other, 0) > 0:
                self.cap[other] -= 1
                new = scope_role(rng, admin, other[1])
                emp.change(month, unit=new.unit, area=new.area, title=new.title)
                return
            flow.kind = PROMOTION
        if flow.kind == PROMOTION:
            new = promotion_role(rng, emp.role_at(month))
            emp.change(month, title=new.title, rate=new.rate)
            self._maybe_end_later(emp, year, 0.25)
        elif flow.kind == TO_ADMINISTRATION:
            new = administration_area_role(rng, admin, emp.role_at(month))
            emp.change(month, unit=new.unit, area=new.area)
            self._maybe_end_later(emp, year, 0.15)
        elif flow.kind == DORMANT:
            leave = rng.randint(december(year) - 6, december(year))
            back = max(leave + rng.randint(4, 15), december(year) + 1)
            emp.change(leave, dormant=True)
            if back < N_MONTHS:
                emp.change(back, dormant=False)
        else:
            raise PlanError(f"unknown flow {flow.kind}")

    def _maybe_end_later(self, emp: Employment, year: int, share: float) -> None:
        """Employments that left the population may end in a later year (never counted)."""
        rng = self.rng
        if rng.random() < share:
            end = date(year + 1, 1, 1) + days(rng.randint(30, 2000))
            if end <= LAST_DAY:
                self.w.finish(emp, end, OWN_REQUEST if rng.random() < 0.8 else OTHER_REASON)

    def _successor(self, emp: Employment, group: str, year: int, mode: str) -> None:
        """The person's next employment after `emp` ended.

        `mode`: WITHIN_ADMIN, OTHER_ADMIN, "later" (after leaving the city) or "retired".
        """
        rng = self.rng
        assert emp.end is not None
        end = emp.end
        admin = emp.admin
        if mode in ("later", "retired"):
            offset = 31 if rng.random() < 0.3 else rng.randint(32, 150)
        else:
            r = rng.random()
            if r < 0.09:
                offset = 30
            elif r < 0.15:
                offset = -rng.randint(1, 20)  # starts a little before the old one ends
            elif r < 0.6:
                offset = 1
            else:
                offset = rng.randint(2, 29)
        start = max(end + days(offset), emp.start + days(1), date(year, 1, 1))
        if start > LAST_DAY:
            if mode in ("later", "retired"):
                return
            start = LAST_DAY
        if mode == "retired":
            last = emp.role_at(month_index(end))
            role = Role(last.unit, last.area, last.title, TEMPORARY, HOURLY, rate=0.0)
            succ = self._employ(emp.person, admin, start, role)
            self._maybe_end_later(succ, year, 0.7)
            return
        landing = self._landing_cell(admin, group, year, start, mode)
        if landing is not None:
            dest, dest_group = landing
            role = scope_role(rng, dest, dest_group)
            if start <= date(year, 12, 31):
                self.cap[landing] -= 1
        else:
            dest = self._parked_admin(admin, year, mode)
            role = parked_role(rng, dest, group)
        factor = emp.pay_factor * rng.uniform(1.0, 1.06)
        succ = self._employ(emp.person, dest, start, role, factor)
        if landing is None:
            self._park(succ)
        if mode == WITHIN_ADMIN and rng.random() < 0.06:
            # a tie: an hourly job elsewhere starts the same day; the same administration wins
            side_admin, side_role = side_job_role(rng, admin, group)
            if side_admin != admin:
                side = self.w.new_employment(emp.person, side_admin, start, side_role)
                emp.person.has_side_job = True
                end_side = start + days(rng.randint(60, 500))
                if end_side <= LAST_DAY:
                    self.w.finish(side, end_side, OTHER_REASON)

    def _landing_cell(
        self, admin: str, group: str, year: int, start: date, mode: str
    ) -> Cell | None:
        """A cell whose population the new employment may join, respecting capacities."""
        rng = self.rng
        share = {WITHIN_ADMIN: 0.7, OTHER_ADMIN: 0.6}.get(mode, 0.45)
        if rng.random() >= share:
            return None
        if mode == WITHIN_ADMIN:
            other = NEEDS_ASSESSOR if group == SOCIAL_WORKER else SOCIAL_WORKER
            options = [(admin, group)] if rng.random() < 0.88 else [(admin, other)]
        else:
            options = [
                (a, group) for a in self._other_admins(admin, year, same_ok=mode != OTHER_ADMIN)
            ]
        options = [c for c in options if c in self.cap and c != (ELDERLY_CARE_ADMIN, SOCIAL_WORKER)]
        if start <= date(year, 12, 31):
            weighted = [(c, self.cap[c]) for c in options if self.cap[c] > 0]
        else:
            weighted = [
                (c, self.t.stock[c][year + 1])
                for c in options
                if year + 1 <= LAST_YEAR and self.t.stock[c][year + 1] >= 20
            ]
        if not weighted:
            return None
        return rng.choices([c for c, _ in weighted], weights=[w for _, w in weighted])[0]

    def _other_admins(self, admin: str, year: int, same_ok: bool) -> list[str]:
        admins = [*DISTRICTS.values(), SOCIAL_SERVICES_ADMIN, ELDERLY_CARE_ADMIN]
        if not same_ok:
            admins = [a for a in admins if a != admin]
        merger = MERGERS.get(admin)
        if merger is not None and year == merger.first_day.year:
            # in the merger's year a move between the merging districts would read as within
            partners = merging_partners(admin)
            admins = [a for a in admins if a not in partners or (a == admin and same_ok)]
        return admins

    def _parked_admin(self, admin: str, year: int, mode: str) -> str:
        rng = self.rng
        if mode == WITHIN_ADMIN:
            return admin
        if rng.random() < 0.35:
            return rng.choice(OTHER_ADMINS)
        return rng.choice(self._other_admins(admin, year, same_ok=mode != OTHER_ADMIN))

    def _park(self, emp: Employment) -> None:
        """A new employment outside the population: temporary ones end, some others too."""
        rng = self.rng
        role = emp.roles[0]
        if role.form == TEMPORARY:
            end = emp.start + days(rng.randint(90, 500))
            reason = OTHER_REASON if rng.random() < 0.6 else OWN_REQUEST
        elif rng.random() < 0.3:
            end = emp.start + days(rng.randint(200, 1800))
            reason = OWN_REQUEST if rng.random() < 0.85 else OTHER_REASON
        else:
            return
        if end <= LAST_DAY:
            self.w.finish(emp, end, reason)

    def _drop_side_jobs_after(self, emp: Employment) -> None:
        """Someone who left the city does not start an extra job there weeks later."""
        assert emp.end is not None
        limit = emp.end + days(30)
        person = emp.person
        for side in [o for o in person.employments if o is not emp and o.start > limit]:
            affects_other = any(
                o is not side
                and o is not emp
                and o.end is not None
                and o.start < side.start <= o.end + days(30)
                for o in person.employments
            )
            if not affects_other:
                self.w.remove_employment(side)
                if side in self.tracked:
                    self.tracked.remove(side)
        person.has_side_job = any(
            o.roles[0].pay == HOURLY for o in person.employments if o is not emp
        )

    def _add_side_job(self, emp: Employment, group: str, earliest: date) -> None:
        rng = self.rng
        admin, role = side_job_role(rng, emp.admin, group)
        start = max(emp.start, earliest) + days(rng.randint(60, 900))
        if start > LAST_DAY:
            return
        side = self.w.new_employment(emp.person, admin, start, role)
        emp.person.has_side_job = True
        end = start + days(rng.randint(60, 700))
        if end <= LAST_DAY:
            self.w.finish(side, end, OTHER_REASON if rng.random() < 0.7 else OWN_REQUEST)

    # stayers ----------------------------------------------------------------------------------
    def _everyday_change(self, emp: Employment, cell: Cell, year: int) -> None:
        """Changes that keep the employment in its cell: unit, title within group, short leave."""
        rng = self.rng
        admin = cell[0]
        dec = december(year)
        month = rng.randint(dec - 11, dec)
        r = rng.random()
        if r < 0.05:
            emp.change(month, unit=other_unit(rng, admin, emp.role_at(month)))
        elif r < 0.08:
            new = same_group_variation(rng, admin, emp.role_at(month))
            emp.change(month, unit=new.unit, area=new.area, title=new.title)
        elif r < 0.105:
            leave = rng.randint(dec - 11, dec - 2)
            emp.change(leave, dormant=True)
            emp.change(rng.randint(leave + 1, dec), dormant=False)
        elif r < 0.14:
            emp.change(month, rate=employment_rate(rng))

    # pass C -----------------------------------------------------------------------------------
    def _inflow(self, cell: Cell, year: int) -> None:
        rng = self.rng
        admin, group = cell
        r = rng.random()
        if cell not in _SPECIALIST_SMALL:
            if r < 0.08:
                self._convert(cell, year, "temporary")
                return
            if r < 0.14:
                self._convert(cell, year, "title")
                return
        if r < 0.22 and self._rehire(cell, year):
            return
        start = self._hire_day(year)
        person = self.w.person_aged(23 + rng.betavariate(1.5, 3.0) * 35, start)
        emp = self._employ(person, admin, start, scope_role(rng, admin, group))
        if admin != ELDERLY_CARE_ADMIN and rng.random() < 0.04:
            self._add_side_job(emp, group, start)

    def _hire_day(self, year: int) -> date:
        rng = self.rng
        r = rng.random()
        if r < 0.05:
            return date(year, 1, 1)
        if r < 0.08:
            return date(year, 12, 31)
        month = rng.choices(range(1, 13), weights=_HIRE_MONTH_WEIGHTS)[0]
        first = date(year, month, 1)
        if rng.random() < 0.5:
            return first
        return random_day(rng, first, month_end(month_index(first)))

    def _convert(self, cell: Cell, year: int, kind: str) -> None:
        """A temporary employment made permanent, or a Handläggare made Socialsekreterare."""
        rng = self.rng
        admin, group = cell
        month = rng.randint(december(year) - 11, december(year))
        before, after = pre_scope_role(rng, admin, group, kind)
        lead = rng.randint(90, 600) if kind == "temporary" else rng.randint(200, 2500)
        start = month_start(month) - days(lead)
        person = self.w.person_aged(rng.uniform(23, 50), start)
        emp = self._employ(person, admin, start, before)
        emp.change(month, unit=after.unit, area=after.area, title=after.title, form=after.form)

    def _rehire(self, cell: Cell, year: int) -> bool:
        """A former employee comes back (more than 30 days after leaving: a new employment)."""
        rng = self.rng
        admin, group = cell
        for _ in range(6):
            if not self.ex_staff:
                return False
            i = rng.randrange(len(self.ex_staff))
            person = self.ex_staff[i]
            ends = [o.end for o in person.employments]
            if any(e is None for e in ends):
                self.ex_staff.pop(i)
                continue
            lo = max(date(year, 1, 1), max(e for e in ends if e is not None) + days(31))
            hi = date(year, 12, 31)
            if lo > hi or person.age_on(lo) > 60:
                continue
            self.ex_staff.pop(i)
            start = random_day(rng, lo, hi)
            self._employ(person, admin, start, scope_role(rng, admin, group))
            return True
        return False

    def _short_stints(self, cell: Cell, year: int) -> None:
        """Permanent hires who leave again within the year: never in a cohort."""
        rng = self.rng
        admin, group = cell
        if cell == (ELDERLY_CARE_ADMIN, SOCIAL_WORKER):
            return
        count = sum(1 for _ in range(self.t.stock[cell][year]) if rng.random() < 0.025)
        for _ in range(count):
            start = random_day(rng, date(year, 1, 1), date(year, 10, 31))
            if rng.random() < 0.15:
                end = date(year, 12, 31)
            else:
                end = random_day(rng, start + days(30), date(year, 12, 31))
            person = self.w.person_aged(23 + rng.betavariate(1.5, 3.0) * 30, start)
            emp = self._employ(person, admin, start, scope_role(rng, admin, group))
            self.w.finish(emp, end, OWN_REQUEST if rng.random() < 0.8 else OTHER_REASON)
            self.ex_staff.append(person)


def size_factors(targets: Targets) -> dict[str, float]:
    """How large each district's background staff is, relative to a mid-sized district."""
    factors = {}
    for short, admin in DISTRICTS.items():
        heads = sum(targets.stock[(admin, g)][FIRST_YEAR] for g in GROUPS)
        factors[short] = min(1.5, max(0.6, heads / 130))
    return factors


__all__ = ["CountedExit", "PlanError", "Planner", "pop_group", "size_factors"]
