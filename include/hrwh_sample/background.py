"""Everyone else on the payroll: pre-school, elderly care, management, administration, temps.

These employments make the extracts look like a whole administration's staff and exercise every
population filter (temporary and hourly social workers, agreement codes other than 01, social
workers in the Administration area, other city administrations). None of them is ever in the
official population, so their comings and goings are simulated simply, position by position,
without touching the turnover plan.
"""

from __future__ import annotations

from datetime import date

from hrwh_sample.dates import FIRST_DAY, FIRST_YEAR, LAST_DAY, days, month_index
from hrwh_sample.formats import HOURLY, OTHER_REASON, OWN_REQUEST, PERMANENT, RETIREMENT
from hrwh_sample.model import Employment, Role
from hrwh_sample.organisation import (
    DISTRICT_STAFF,
    DISTRICTS,
    GROUPS,
    SPECIALIST_STAFF,
    employment_rate,
    other_unit,
    scope_group,
    unit,
)
from hrwh_sample.targets import Targets
from hrwh_sample.world import World

_EARLIEST_START = date(1980, 1, 1)
# a district's background staff is scaled by its size, within these bounds
MID_SIZED_DISTRICT = 130
MIN_SIZE_FACTOR = 0.6
MAX_SIZE_FACTOR = 1.5
_MANAGERS = ("chef", "direktör")


def size_factors(targets: Targets) -> dict[str, float]:
    """How large each district's background staff is, relative to a mid-sized district (one
    with MID_SIZED_DISTRICT social workers and needs assessors in the first year)."""
    factors = {}
    for short, admin in DISTRICTS.items():
        heads = sum(targets.stock[(admin, g)][FIRST_YEAR] for g in GROUPS)
        factors[short] = min(MAX_SIZE_FACTOR, max(MIN_SIZE_FACTOR, heads / MID_SIZED_DISTRICT))
    return factors


def _scaled(count: int, factor: float) -> int:
    return count if count <= 1 else max(1, round(count * factor))


def add_background_staff(world: World, size_factors: dict[str, float]) -> list[Employment]:
    """Simulate every background position 2012-2020 and return the employments created."""
    created: list[Employment] = []
    for short, admin in DISTRICTS.items():
        factor = size_factors.get(short, 1.0)
        for spec in DISTRICT_STAFF:
            for _ in range(_scaled(spec[-1], factor)):
                created.extend(_position(world, admin, spec))
    for admin, specs in SPECIALIST_STAFF.items():
        for spec in specs:
            for _ in range(spec[-1]):
                created.extend(_position(world, admin, spec))
    for emp in created:
        group = scope_group(emp.role_at(month_index(emp.start)))
        if group is not None:  # a guard: background staff must never enter the population
            raise AssertionError(f"background role in the population: {emp.roles[0]}")
    return created


def _position(
    world: World, admin: str, spec: tuple[str, str, str, str, str, str, int]
) -> list[Employment]:
    """The chain of employments holding one position, from before 2012 to the end of 2020."""
    rng = world.rng
    area, kind, title, form, pay, agreement, _ = spec
    mean_years = 7.5 if form == PERMANENT else 1.0
    if any(m in title.lower() for m in _MANAGERS):
        mean_years = 5.0
    start = FIRST_DAY - days(int(rng.expovariate(1 / (mean_years * 365))))
    start = max(start, _EARLIEST_START)
    chain: list[Employment] = []
    while start <= LAST_DAY:
        if form == PERMANENT:
            length = int(rng.expovariate(1 / (mean_years * 365))) + 60
        else:
            length = rng.randint(75, 560)
        end: date | None = start + days(length)
        following = end + days(rng.randint(1, 75))
        if end < FIRST_DAY:
            start = following
            continue
        lowest = 30 if any(m in title.lower() for m in _MANAGERS) else 20
        age = rng.uniform(lowest, 58 if form == PERMANENT else 45)
        if pay == HOURLY and rng.random() < 0.2:
            age = rng.uniform(62, 68)  # retired staff taking hourly shifts
        person = world.person_aged(age, start)
        reason = OWN_REQUEST
        if form == PERMANENT:
            retire = person.birth.replace(year=person.birth.year + 65, day=1) + days(
                rng.randint(0, 500)
            )
            if end > retire:
                end, reason = max(retire, start + days(30)), RETIREMENT
        else:
            reason = OTHER_REASON if rng.random() < 0.6 else OWN_REQUEST
        if reason == OWN_REQUEST and rng.random() < 0.12:
            reason = OTHER_REASON
        rate = 0.0 if pay == HOURLY else employment_rate(rng)
        role = Role(unit(rng, admin, kind), area, title, form, pay, agreement, rate=rate)
        emp = world.new_employment(person, admin, start, role)
        chain.append(emp)
        if end > LAST_DAY:
            end = None
        else:
            world.finish(emp, end, reason)
        _decorate(world, emp, admin)
        if end is None:
            break
        start = following
    return chain


def _decorate(world: World, emp: Employment, admin: str) -> None:
    """Parental leave (dormant months, some over New Year) and an occasional change of unit."""
    rng = world.rng
    first = max(month_index(emp.start), 0)
    last = month_index(emp.end) if emp.end else month_index(LAST_DAY)
    role = emp.roles[0]
    if role.form != PERMANENT or last - first < 14:
        return
    if rng.random() < 0.16 and role.title not in ("Stadsdelsdirektör", "Förvaltningsdirektör"):
        leave_from = rng.randint(first + 1, last - 10)
        leave_to = leave_from + rng.randint(4, 13)
        emp.change(leave_from, dormant=True)
        if leave_to < last:
            emp.change(leave_to, dormant=False)
    if rng.random() < 0.1:
        moved = rng.randint(first + 1, last - 1)
        emp.change(moved, unit=other_unit(rng, admin, emp.role_at(moved)))
