"""The unit managers' consultant reports `consultants/konsulter_YYYY-MM-DD.csv|xlsx`.

Twice a year (one day in April, one in November, 2016-2018) the unit managers of the social
services' units report how many hired-in consultant social workers work in their unit that day.
The city totals are published (`reference/published_consultants_2016_2018.csv`); the sample's
answers give exactly those totals under the warehouse's rule (per unit the latest answer counts;
an empty number means the unit did not answer).

Realism, and what the warehouse must cope with: consultants sit where turnover is high (the
districts named in `ADMIN_FACTORS`, child and youth units above all) and most units have none;
some units answer twice (the same number again, or a changed one), one answer per day is
corrected a week later, some numbers are written `3 st`, some units leave the number empty,
comments are Swedish free text that sometimes names a person. Every reporter is a manager on
that month's payroll (of the unit if it has one, else of the administration), with the city's
address `work_email(Namn)`. There are no invalid rows: those belong in the bad-input tests.
"""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path

from hrwh_sample import comments
from hrwh_sample.dates import month_index
from hrwh_sample.formats import CONSULTANT_COLUMNS, CONSULTANTS_FOLDER, consultants_file_name
from hrwh_sample.organisation import DISTRICTS, SHORT_NAMES, SOCIAL_SERVICES_ADMIN
from hrwh_sample.reference import PUBLISHED_CONSULTANTS
from hrwh_sample.render import Row
from hrwh_sample.roster import Roster, Staff
from hrwh_sample.spreadsheets import (
    CP1252,
    UTF8,
    UTF8_BOM,
    Cell,
    CsvFormat,
    write_table,
)
from hrwh_sample.survey_areas import (
    ADDICTION,
    CHILDREN_AND_YOUTH,
    DISABILITY,
    ECONOMIC_ASSISTANCE,
    SOCIAL_PSYCHIATRY,
    survey_area,
)

REPORTING_ADMINS = (*DISTRICTS.values(), SOCIAL_SERVICES_ADMIN)

# where consultants are used: high-turnover administrations, and child and youth cases
ADMIN_FACTORS: dict[str, float] = {
    "Hässelby-Vällingby": 3.0,
    "Enskede-Årsta-Vantör": 2.6,
    "Farsta": 2.4,
    "Rinkeby-Kista": 2.4,
    "Skärholmen": 2.4,
    "Socialförvaltningen": 2.2,
    "Spånga-Tensta": 1.3,
    "Skarpnäck": 1.0,
    "Södermalm": 1.0,
    "Hägersten-Liljeholmen": 0.9,
    "Bromma": 0.7,
    "Älvsjö": 0.5,
    "Kungsholmen": 0.5,
    "Östermalm": 0.5,
    "Norrmalm": 0.4,
}
AREA_FACTORS: dict[str, float] = {
    CHILDREN_AND_YOUTH: 3.0,
    ADDICTION: 1.2,
    ECONOMIC_ASSISTANCE: 1.2,
    SOCIAL_PSYCHIATRY: 0.4,
    DISABILITY: 0.5,
}
OTHER_AREA_FACTOR = 0.5
# share of units that never hire consultants, divided by the administration's factor: most
# units in low-turnover districts manage without, most in high-turnover ones do not
NEVER_SHARE = 0.5

NO_ROW, EMPTY = 0.1, 0.1  # of units without consultants: no answer at all, an empty answer
RESEND, CHANGE, WITH_ST = 0.05, 0.05, 0.12


@dataclass(frozen=True)
class DayFormat:
    """How one measurement day's file is delivered."""

    csv: CsvFormat | None  # None: an Excel workbook
    names: str  # "full", "short" or "mixed" (per administration)
    typed_date: bool = False  # Excel: Matdatum as a date cell
    typed_count: bool = False  # Excel: AntalKonsulter as a number cell (unless "3 st")
    typed_time: bool = False  # Excel: Inskickad as a date-time cell

    @property
    def extension(self) -> str:
        return "csv" if self.csv else "xlsx"


# the measurement day of each published month, and how that day's file is delivered
DAY_FORMATS: dict[date, DayFormat] = {
    date(2016, 4, 12): DayFormat(UTF8, "full"),
    date(2016, 11, 15): DayFormat(None, "short", typed_date=True, typed_count=True),
    date(2017, 4, 11): DayFormat(CP1252, "short"),
    date(2017, 11, 14): DayFormat(UTF8_BOM, "mixed"),
    date(2018, 4, 17): DayFormat(None, "full", typed_count=True, typed_time=True),
    date(2018, 11, 13): DayFormat(UTF8, "mixed"),
}
# the city totals the sample must give (reference/published_consultants_2016_2018.csv)
PUBLISHED_TOTALS: dict[date, int] = {
    day: PUBLISHED_CONSULTANTS[day.isoformat()[:7]] for day in DAY_FORMATS
}


@dataclass(frozen=True)
class Unit:
    admin: str  # full name
    name: str
    area: str  # payroll activity area
    survey_area: str
    size: int  # handläggare this month


@dataclass(frozen=True)
class Answer:
    unit: Unit
    count: int | None
    reporter: str
    sent: datetime
    comment: str
    with_st: bool = False


@dataclass(frozen=True)
class ConsultantDay:
    """One measurement day's file, as values (written by `write_consultant_reports`)."""

    day: date
    fmt: DayFormat
    rows: list[list[Cell]]
    counted: dict[tuple[str, str], int]  # (administration full name, unit) -> counted number

    @property
    def file_name(self) -> str:
        return consultants_file_name(self.day, self.fmt.extension)


def consultant_reports(
    months: list[list[Row]], ambiguous: set[str], seed: int
) -> list[ConsultantDay]:
    """The six measurement days' answers, from the payroll rows of their months.

    `ambiguous` are addresses that would not identify one person (`roster.shared_addresses`).
    """
    days = []
    for day, total in PUBLISHED_TOTALS.items():
        rng = random.Random(f"consultants:{seed}:{day.isoformat()}")
        roster = Roster(day.isoformat()[:7], months[month_index(day)], ambiguous)
        units = _units(roster)
        counts = _allocate(rng, seed, units, total)
        answers = _answers(rng, day, roster, units, counts)
        fmt = DAY_FORMATS[day]
        days.append(ConsultantDay(day, fmt, _rows(rng, day, answers, fmt), _counted(answers)))
    return days


def write_consultant_reports(out_dir: Path, days: list[ConsultantDay]) -> list[Path]:
    return [
        write_table(
            out_dir / CONSULTANTS_FOLDER / report.file_name,
            CONSULTANT_COLUMNS,
            report.rows,
            report.fmt.csv,
            "Konsulter",
            datetime.combine(report.day + timedelta(days=12), time(16, 41)),
        )
        for report in days
    ]


def problems(days: list[ConsultantDay]) -> list[str]:
    """Days whose counted answers do not give the published city total (a generator bug)."""
    return [
        f"{d.day}: {sum(d.counted.values())} consultants, published {PUBLISHED_TOTALS[d.day]}"
        for d in days
        if sum(d.counted.values()) != PUBLISHED_TOTALS[d.day]
    ]


def _units(roster: Roster) -> list[Unit]:
    """The units with handläggare in the reporting administrations, with their main area."""
    members: dict[tuple[str, str], list[Staff]] = {}
    for staff in roster.caseworkers():
        if staff.admin in REPORTING_ADMINS:
            members.setdefault((staff.admin, staff.unit), []).append(staff)
    units = []
    for (admin, name), staff in sorted(members.items()):
        area = Counter(s.area for s in staff).most_common(1)[0][0]
        areas = Counter(survey_area(s.admin, s.unit, s.area, s.title) for s in staff)
        units.append(Unit(admin, name, area, areas.most_common(1)[0][0], len(staff)))
    return units


def _allocate(
    rng: random.Random, seed: int, units: list[Unit], total: int
) -> dict[Unit, int | None]:
    """Consultants per unit (None: the unit did not answer); the answered numbers sum to `total`.

    A unit's appetite for consultants is its own and lasts (drawn from the unit's name), so the
    same units report consultants day after day while the city total falls.
    """
    weights = []
    for unit in units:
        own = random.Random(f"consultant-unit:{seed}:{unit.admin}:{unit.name}")
        factor = ADMIN_FACTORS[SHORT_NAMES[unit.admin]]
        never = min(0.85, NEVER_SHARE / factor)
        appetite = 0.0 if own.random() < never else own.lognormvariate(0.0, 0.7)
        weights.append(
            factor * AREA_FACTORS.get(unit.survey_area, OTHER_AREA_FACTOR) * appetite * unit.size
        )
    counts: dict[Unit, int | None] = dict.fromkeys(units, 0)
    for i in rng.choices(range(len(units)), weights=weights, k=total):
        count = counts[units[i]]
        counts[units[i]] = (count or 0) + 1
    for unit in units:
        if counts[unit] == 0 and rng.random() < EMPTY:
            counts[unit] = None
    return counts


def _reporter(rng: random.Random, roster: Roster, unit: Unit) -> str:
    """A manager of the unit at work that month, else a manager of the administration; one
    whose address identifies them alone if there is such a one."""
    managers = roster.unit_managers(unit.admin, unit.name) or roster.admin_managers(unit.admin)
    addresses = sorted({m.email for m in managers})
    return rng.choice([a for a in addresses if a not in roster.ambiguous] or addresses)


def _answers(
    rng: random.Random,
    day: date,
    roster: Roster,
    units: list[Unit],
    counts: dict[Unit, int | None],
) -> list[Answer]:
    """Every row of the day: first answers, resends, changes, and one late correction."""
    answers: list[Answer] = []
    corrected = _pick_correction(rng, units, counts)
    for unit in units:
        count = counts[unit]
        if count == 0 and rng.random() < NO_ROW:
            continue  # did not answer at all: no row
        reporter = _reporter(rng, roster, unit)
        sent = _sent(rng, day)
        st = count is not None and count > 0 and rng.random() < WITH_ST
        if unit is corrected:
            assert count is not None
            wrong = count + rng.choice((1, 2)) if count <= 1 else count + rng.choice((-1, 1, 2))
            answers.append(
                Answer(unit, wrong, reporter, sent, _comment(rng, day, roster, unit, wrong))
            )
            late = _weekday(sent + timedelta(days=7, minutes=rng.randint(-90, 90)))
            text = rng.choice(comments.LATE_CORRECTION)
            answers.append(Answer(unit, count, reporter, late, text, st))
            continue
        r = rng.random()
        if count is None:
            answers.append(
                Answer(unit, None, reporter, sent, rng.choice(comments.CONSULTANTS_UNANSWERED))
            )
        elif r < RESEND:
            first = Answer(unit, count, reporter, sent, _comment(rng, day, roster, unit, count), st)
            again = sent + timedelta(minutes=rng.randint(20, 60 * 30))
            answers += [first, Answer(unit, count, reporter, again, comments.RESENT, st)]
        elif r < RESEND + CHANGE:
            before = max(0, count + rng.choice((-2, -1, 1, 1, 2))) if count else 1
            if before == count:
                before = count + 1
            if rng.random() < 0.3:
                answers.append(Answer(unit, None, reporter, sent, comments.FIRST_UNANSWERED))
            else:
                answers.append(Answer(unit, before, reporter, sent, ""))
            later = sent + timedelta(minutes=rng.randint(30, 60 * 48))
            answers.append(Answer(unit, count, reporter, later, rng.choice(comments.CHANGED), st))
        else:
            text = _comment(rng, day, roster, unit, count)
            answers.append(Answer(unit, count, reporter, sent, text, st))
    answers.sort(key=lambda a: (a.sent, a.unit.admin, a.unit.name))
    return answers


def _counted(answers: list[Answer]) -> dict[tuple[str, str], int]:
    """Per unit its latest answer's number, for units whose latest answer has one."""
    latest: dict[tuple[str, str], Answer] = {}
    for a in answers:
        key = (a.unit.admin, a.unit.name)
        if key not in latest or a.sent > latest[key].sent:
            latest[key] = a
    return {key: a.count for key, a in latest.items() if a.count is not None}


def _pick_correction(
    rng: random.Random, units: list[Unit], counts: dict[Unit, int | None]
) -> Unit | None:
    """The unit whose answer is corrected a week later (one with consultants, if any)."""
    with_consultants = [u for u in units if counts[u]]
    return rng.choice(with_consultants) if with_consultants else None


def _weekday(moment: datetime) -> datetime:
    """The same time on the next working day if `moment` falls on a weekend."""
    while moment.weekday() >= 5:
        moment += timedelta(days=1)
    return moment


def _sent(rng: random.Random, day: date) -> datetime:
    """On the day or within four working days after it, in office hours."""
    offset = rng.choices((0, 1, 2, 3, 6), weights=(30, 30, 18, 12, 10))[0]
    sent_day = day + timedelta(days=offset)
    return datetime.combine(sent_day, time(rng.randint(8, 16), rng.randint(0, 59)))


def _comment(rng: random.Random, day: date, roster: Roster, unit: Unit, count: int) -> str:
    """A manager's note (a third of the answers with consultants, a few without); some name a
    colleague on leave whom a consultant replaces."""
    if count == 0:
        return rng.choice(comments.CONSULTANTS_NONE) if rng.random() < 0.08 else ""
    if rng.random() >= 0.35:
        return ""
    on_leave = sorted({s.first_name for s in roster.by_unit[(unit.admin, unit.name)] if s.dormant})
    if on_leave and rng.random() < 0.35:
        template = rng.choice(comments.CONSULTANTS_NAMING)
        return comments.fill(template, rng, person=on_leave) or ""
    template = rng.choice([t for least, t in comments.CONSULTANTS_WITH if count >= least])
    months = {
        "next": [comments.month_name(day.month + 1)],
        "later": [comments.month_name(day.month + 2)],
    }
    return comments.fill(template, rng, **months) or ""


def _admin_name(rng: random.Random, admin: str, fmt: DayFormat, mixed: dict[str, bool]) -> str:
    if fmt.names == "full":
        return admin
    if fmt.names == "short":
        return SHORT_NAMES[admin]
    short = mixed.setdefault(admin, rng.random() < 0.5)
    return SHORT_NAMES[admin] if short else admin


def _rows(rng: random.Random, day: date, answers: list[Answer], fmt: DayFormat) -> list[list[Cell]]:
    mixed: dict[str, bool] = {}
    rows: list[list[Cell]] = []
    for a in answers:
        count: Cell
        if a.count is None:
            count = None
        elif a.with_st:
            count = f"{a.count} st"
        else:
            count = a.count if fmt.typed_count else str(a.count)
        rows.append(
            [
                day if fmt.typed_date else day.isoformat(),
                _admin_name(rng, a.unit.admin, fmt, mixed),
                a.unit.name,
                a.unit.area,
                count,
                a.reporter,
                a.sent if fmt.typed_time else a.sent.strftime("%Y-%m-%d %H:%M"),
                a.comment,
            ]
        )
    return rows
