"""Älvsjö's child and family unit: formed in 2018, emptied by turnover in 2019, merged in 2020.

Districts report rolling twelve-month turnover per unit, and the domain brief describes a child
and family unit that lost 89.76 % of its average staff over April 2019 - March 2020, all its
managers included. The sample has one such unit, so that a watch list has something clearly
unusual to find. Its story is a script, not a draw: in January 2018 thirteen of Älvsjö's social
workers form `CRISIS_UNIT` with a unit manager, a deputy and an administrator; 2018 is calm;
from January 2019 someone leaves every month, mostly by their own request, for another
employer or another administration; the managers go in May and September, an acting manager
stays five months; newcomers are hired as fast as people leave, and some of them leave again.
The rolling rate for all staff climbs month by month through 2019 to 14 exits over an average
of 187 / 12 = 15.6 month-end heads (89.8 %) for April 2019 - March 2020; a new manager arrives
in February 2020 and the unit calms down until the merger, where it joins Hägersten-Älvsjö's
Enheten för barn och unga (organisation.MERGER_UNIT_NAMES).

The social workers are part of Älvsjö's Socialsekreterare cell: the planner keeps them out of
every random flow while the script runs (`PlanState.reserved`) and takes the script's exits and
hires into the cell's bookkeeping (on top of the district's ordinary exits). The managers and
the administrator are outside both occupation groups and are made here whole.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from hrwh_sample.dates import days, month_index
from hrwh_sample.formats import OTHER_REASON, OWN_REQUEST
from hrwh_sample.model import Employment, Role
from hrwh_sample.organisation import (
    CRISIS_UNIT,
    DISTRICTS,
    FAMILY_CARE,
    SOCIAL_WORKER,
    unit,
)
from hrwh_sample.plan.flows import LEFT_CITY, OTHER_ADMIN, Flow
from hrwh_sample.plan.rolling_figures import ALL_TITLES, Scope, rolling_figure
from hrwh_sample.plan.state import PlanError, PlanState, population_group
from hrwh_sample.targets import Cell

ADMIN = DISTRICTS["Älvsjö"]
CELL: Cell = (ADMIN, SOCIAL_WORKER)
SCOPE = Scope(ADMIN, CRISIS_UNIT)
FORMED = date(2018, 1, 1)
RELEASED_YEAR = 2021  # from this year on its remaining staff are ordinary members of the cell
# the unit's social workers come from the district's cohort: people with no other employment in
# the city (so that every exit path is the planned one), younger than this on FORMED
MEMBER_MAX_AGE = 56

CHILD_CASES = "Socialsekreterare myndighet barn och unga"
GENERAL = "Socialsekreterare"
FAMILY_TALKS = "Socialsekreterare samtal och rådgivning"
UNIT_MANAGER = "Enhetschef"
DEPUTY_MANAGER = "Biträdande enhetschef"
ADMINISTRATOR = "Administratör"


@dataclass(frozen=True)
class Track:
    """One post-holder: the title, from when (None: a social worker of the district's cohort,
    in the unit from FORMED), and when and where to they leave, if they do."""

    title: str
    start: date | None
    end: date | None = None
    kind: str | None = None  # LEFT_CITY, or OTHER_ADMIN: a job in another administration
    reason: str = OWN_REQUEST


SOCIAL_WORKERS: tuple[Track, ...] = (
    # the thirteen who form the unit
    Track(CHILD_CASES, None, date(2019, 1, 31), LEFT_CITY),
    Track(CHILD_CASES, None, date(2019, 2, 15), OTHER_ADMIN),
    Track(GENERAL, None, date(2019, 3, 20), LEFT_CITY),
    Track(CHILD_CASES, None, date(2019, 4, 30), LEFT_CITY),
    Track(CHILD_CASES, None, date(2019, 6, 14), OTHER_ADMIN),
    Track(FAMILY_TALKS, None, date(2019, 7, 31), LEFT_CITY),
    Track(CHILD_CASES, None, date(2019, 8, 9), LEFT_CITY, OTHER_REASON),
    Track(CHILD_CASES, None, date(2019, 9, 13), OTHER_ADMIN),
    Track(GENERAL, None, date(2019, 10, 31), LEFT_CITY),
    Track(CHILD_CASES, None, date(2019, 12, 31), LEFT_CITY),
    Track(CHILD_CASES, None, date(2020, 1, 17), OTHER_ADMIN),
    Track(CHILD_CASES, None, date(2020, 3, 31), LEFT_CITY),
    Track(FAMILY_TALKS, None),
    # hired as the unit empties; the first two leave again
    Track(CHILD_CASES, date(2019, 2, 1), date(2019, 11, 22), LEFT_CITY),
    Track(CHILD_CASES, date(2019, 3, 1), date(2020, 1, 31), LEFT_CITY),
    Track(CHILD_CASES, date(2019, 3, 18)),
    Track(GENERAL, date(2019, 4, 1)),
    Track(CHILD_CASES, date(2019, 5, 6)),
    Track(CHILD_CASES, date(2019, 6, 1)),
    Track(CHILD_CASES, date(2019, 8, 1)),
    Track(GENERAL, date(2019, 8, 15)),
    Track(CHILD_CASES, date(2019, 9, 1)),
    Track(CHILD_CASES, date(2019, 11, 1)),
    Track(FAMILY_TALKS, date(2019, 11, 4)),
    Track(CHILD_CASES, date(2020, 1, 7)),
    Track(CHILD_CASES, date(2020, 1, 20)),
    Track(GENERAL, date(2020, 2, 3)),
    Track(CHILD_CASES, date(2020, 3, 9)),
)
MANAGEMENT: tuple[Track, ...] = (
    Track(UNIT_MANAGER, date(2014, 3, 1), date(2019, 9, 30), OTHER_ADMIN),
    Track(DEPUTY_MANAGER, date(2016, 9, 1), date(2019, 5, 31), LEFT_CITY),
    Track(ADMINISTRATOR, date(2011, 5, 1)),
    Track(UNIT_MANAGER, date(2019, 9, 16), date(2020, 2, 29), LEFT_CITY),  # acting manager
    Track(UNIT_MANAGER, date(2020, 3, 2)),
)
# where the staff worked before the unit was formed, and where the manager who leaves goes
EARLIER_UNIT_KIND = "children"
MANAGER_LEAVES_FOR = "Skärholmen"
# ages when they start: the social workers hired into the unit, and its managers and staff
HIRE_AGES = (24, 40)
MANAGEMENT_AGES = (35, 50)
# the figures the script gives, checked on the model: (window's last month, exits, heads summed
# over its twelve month ends) for all staff, April 2019 - March 2020
SCRIPTED_WINDOW = (date(2020, 3, 1), 14, 187)


class UnitInCrisis:
    """The script, carried out year by year inside the planner's passes."""

    def __init__(self, plan: PlanState) -> None:
        self.plan = plan
        self.members: list[tuple[Track, Employment]] = []

    def start_year(self, year: int) -> None:
        """Form the unit in its first year; release its staff when the script is over."""
        if year == FORMED.year:
            self._form()
        if year == RELEASED_YEAR:
            self.plan.reserved.difference_update(emp for _, emp in self.members)

    def exits(self, cell: Cell, year: int) -> list[Flow]:
        """Pass A: the script's exits of `cell` in `year` (members of its cohort)."""
        if cell != CELL:
            return []
        return [
            Flow(emp, track.kind, track.end, track.reason)
            for track, emp in self.members
            if track.end is not None and track.end.year == year and emp.start.year < year
        ]

    def joining(self, cell: Cell, year: int) -> int:
        """Pass A: how many the script hires into `cell` in `year` that are there on 31 Dec."""
        if cell != CELL:
            return 0
        return sum(1 for t in SOCIAL_WORKERS if t.start and t.start.year == year and _stays(t))

    def hire(self, cell: Cell, year: int) -> None:
        """Pass C: the script's hires of `cell` in `year`; those who leave the same year go."""
        if cell != CELL:
            return
        plan = self.plan
        for track in SOCIAL_WORKERS:
            if track.start is None or track.start.year != year:
                continue
            person = plan.world.person_aged(plan.rng.uniform(*HIRE_AGES), track.start)
            emp = plan.employ(person, ADMIN, track.start, _role(track.title))
            self.members.append((track, emp))
            plan.reserved.add(emp)
            if not _stays(track):
                assert track.end is not None
                plan.world.finish(emp, track.end, track.reason)
                plan.ex_staff.append(person)

    def check(self, employments: list[Employment]) -> None:
        """The unit's rolling figure on the model must be the script's."""
        month, exits, heads = SCRIPTED_WINDOW
        staff = [e for e in employments if e.admin == ADMIN and _ever_in_unit(e)]
        figure = rolling_figure(staff, month_index(month), ALL_TITLES, SCOPE)
        if (figure.exits, sum(figure.heads)) != (exits, heads):
            raise PlanError(f"{CRISIS_UNIT}: {figure} is not the script's {exits} / {heads}")

    def _form(self) -> None:
        """January of FORMED's year: social workers of the district's cohort move in, and the
        managers and the administrator are made."""
        plan = self.plan
        rng = plan.rng
        formed = month_index(FORMED)
        previous = FORMED.year - 1
        candidates = [
            e
            for e in plan.tracked
            if e.admin == ADMIN
            and population_group(e, previous) == SOCIAL_WORKER
            and len(e.person.employments) == 1
            and e.person.age_on(FORMED) < MEMBER_MAX_AGE
        ]
        founders = [t for t in SOCIAL_WORKERS if t.start is None]
        if len(candidates) < len(founders):
            raise PlanError(f"{CRISIS_UNIT}: only {len(candidates)} social workers to form it")
        for track, emp in zip(founders, rng.sample(candidates, len(founders)), strict=True):
            emp.change(formed, unit=CRISIS_UNIT, area=FAMILY_CARE, title=track.title)
            self.members.append((track, emp))
            plan.reserved.add(emp)
        for track in MANAGEMENT:
            self._manager(track, formed)

    def _manager(self, track: Track, formed: int) -> None:
        """One post of MANAGEMENT, whole: in the unit from FORMED (or from its start), and the
        next job of a manager who leaves for another administration."""
        plan = self.plan
        world = plan.world
        rng = plan.rng
        assert track.start is not None
        person = world.person_aged(rng.uniform(*MANAGEMENT_AGES), track.start)
        if track.start < FORMED:
            earlier = unit(rng, ADMIN, EARLIER_UNIT_KIND)
            emp = world.new_employment(person, ADMIN, track.start, _role(track.title, earlier))
            emp.change(formed, unit=CRISIS_UNIT)
        else:
            emp = world.new_employment(person, ADMIN, track.start, _role(track.title))
        if track.end is None:
            return
        world.finish(emp, track.end, track.reason)
        if track.kind == OTHER_ADMIN:
            elsewhere = DISTRICTS[MANAGER_LEAVES_FOR]
            role = _role(track.title, unit(rng, elsewhere, EARLIER_UNIT_KIND))
            world.new_employment(person, elsewhere, track.end + days(1), role)


def _stays(track: Track) -> bool:
    """Whether a hire is still there on 31 December of the year they start."""
    assert track.start is not None
    return track.end is None or track.end.year > track.start.year


def _role(title: str, unit_name: str = CRISIS_UNIT) -> Role:
    return Role(unit_name, FAMILY_CARE, title)


def _ever_in_unit(emp: Employment) -> bool:
    return any(role.unit == CRISIS_UNIT for role in emp.roles)
