"""The staff survey exports `survey/enkat_YYYY-MM.csv|xlsx`, one per round, from the payroll.

Respondents are the social workers and needs assessors on that month's payroll (monthly paid,
not on leave, in the unit and administration the extract names), of whom 60-80 % answer. Each
answers three statements on the five-point scale; a few skip one. Which answers are positive
follows `survey_targets` (see there for the findings and how they are guaranteed); who in a
group gets the positive answers follows a personal mood, so a respondent's three answers hang
together. Comments name real colleagues and managers of the same unit now and then.

Quirks a real export has and the warehouse must handle: one or two people answer twice in a
round (the later answer counts), administrations are written with short names in some rounds and
full names in others, one round is Windows-1252, two are Excel workbooks (one with real
date-time cells for `Inskickad`).
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path

from hrwh_sample import comments
from hrwh_sample.dates import month_index
from hrwh_sample.formats import SURVEY_COLUMNS, SURVEY_FOLDER, survey_file_name
from hrwh_sample.organisation import ELDERLY_CARE_ADMIN, SHORT_NAMES, TITLE_GROUP
from hrwh_sample.reference import SURVEY_SCALE
from hrwh_sample.render import Row
from hrwh_sample.roster import Roster, Staff
from hrwh_sample.rounding import controlled_round
from hrwh_sample.spreadsheets import (
    CP1252,
    UTF8,
    UTF8_BOM,
    Cell,
    CsvFormat,
    write_table,
)
from hrwh_sample.survey_areas import survey_area
from hrwh_sample.survey_targets import (
    N_STATEMENTS,
    ROUNDS,
    admin_effects,
    area_effects,
    solve_probabilities,
)

# the answer scale, best first (reference/survey_scale.csv)
SCALE = tuple(answer for answer, _ in SURVEY_SCALE)
VERY_GOOD, GOOD, NEUTRAL, BAD, VERY_BAD = SCALE
POSITIVE = tuple(answer for answer, sentiment in SURVEY_SCALE if sentiment == "positive")
NEGATIVE = tuple(answer for answer, sentiment in SURVEY_SCALE if sentiment == "negative")


@dataclass(frozen=True)
class RoundFormat:
    """How one round's export is delivered."""

    csv: CsvFormat | None  # None: an Excel workbook
    short_names: bool
    datetime_cells: bool = False  # Excel only: `Inskickad` as real date-time cells

    @property
    def extension(self) -> str:
        return "csv" if self.csv else "xlsx"


ROUND_FORMATS: dict[str, RoundFormat] = {
    "2016-11": RoundFormat(UTF8, short_names=False),
    "2017-04": RoundFormat(None, short_names=True, datetime_cells=True),
    "2017-11": RoundFormat(CP1252, short_names=True),
    "2018-04": RoundFormat(UTF8_BOM, short_names=False),
    "2018-11": RoundFormat(None, short_names=True),
}
# survey open (first day, last day) per round
WINDOWS: dict[str, tuple[date, date]] = {
    "2016-11": (date(2016, 11, 7), date(2016, 11, 25)),
    "2017-04": (date(2017, 4, 3), date(2017, 4, 21)),
    "2017-11": (date(2017, 11, 6), date(2017, 11, 24)),
    "2018-04": (date(2018, 4, 9), date(2018, 4, 27)),
    "2018-11": (date(2018, 11, 5), date(2018, 11, 23)),
}
RESPONSE_RATES = {
    "2016-11": 0.70,
    "2017-04": 0.66,
    "2017-11": 0.74,
    "2018-04": 0.71,
    "2018-11": 0.65,
}
# Äldreförvaltningen's two or three needs assessors nearly always answer: a group below the
# publication limit in every round, so the marts' suppression is exercised by real data
RESPONSE_OVERRIDES = {ELDERLY_CARE_ADMIN: 0.95}
SKIP_ONE, SKIP_TWO = 0.03, 0.004
COMMENT_RATE = {"positive": 0.07, "neutral": 0.18, "negative": 0.3}
THRIVE_RATE = 0.3


@dataclass
class Response:
    """One counted respondent of a round (their latest answer)."""

    staff: Staff
    area: str
    submitted: datetime
    mood: float
    answers: list[str | None] = field(default_factory=lambda: [None] * N_STATEMENTS)
    skipped: tuple[int, ...] = ()

    @property
    def cell(self) -> tuple[str, str]:
        return (SHORT_NAMES[self.staff.admin], self.area)


@dataclass(frozen=True)
class SurveyRound:
    """One round's export, as values (written by `write_survey_exports`)."""

    survey_round: str
    fmt: RoundFormat
    rows: list[list[Cell]]

    @property
    def file_name(self) -> str:
        return survey_file_name(self.survey_round, self.fmt.extension)


def survey_exports(months: list[list[Row]], ambiguous: set[str], seed: int) -> list[SurveyRound]:
    """The five rounds' rows, from the payroll rows of their months.

    `ambiguous` are addresses that would not identify one person (`roster.shared_addresses`);
    nobody with such an address is in the sample's survey (their share of the staff is made up
    for by the others' response rate, so the rate over all staff stays as planned).
    """
    rounds = []
    for survey_round in ROUNDS:
        rng = random.Random(f"survey:{seed}:{survey_round}")
        year, month = map(int, survey_round.split("-"))
        roster = Roster(survey_round, months[month_index(date(year, month, 1))], ambiguous)
        responses = _respondents(rng, survey_round, roster)
        _answer(rng, survey_round, responses)
        rows = _rows(rng, survey_round, roster, responses)
        fmt = ROUND_FORMATS[survey_round]
        rounds.append(SurveyRound(survey_round, fmt, [_cells(r, fmt) for r in rows]))
    return rounds


def write_survey_exports(out_dir: Path, rounds: list[SurveyRound]) -> list[Path]:
    return [
        write_table(
            out_dir / SURVEY_FOLDER / written.file_name,
            SURVEY_COLUMNS,
            written.rows,
            written.fmt.csv,
            "Svar",
            datetime.combine(WINDOWS[written.survey_round][1] + timedelta(days=3), time(9, 12)),
        )
        for written in rounds
    ]


def _respondents(rng: random.Random, survey_round: str, roster: Roster) -> list[Response]:
    first, last = WINDOWS[survey_round]
    everyone = roster.caseworkers()
    asked = [s for s in everyone if s.email not in roster.ambiguous]
    base_rate = RESPONSE_RATES[survey_round] * len(everyone) / len(asked)
    rates: dict[str, float] = {}
    responses = []
    for staff in asked:
        rate = rates.setdefault(
            staff.admin,
            RESPONSE_OVERRIDES.get(staff.admin, base_rate + rng.uniform(-0.06, 0.06)),
        )
        if rng.random() >= rate:
            continue
        open_from = max(first, staff.start)
        open_to = min(last, staff.end) if staff.end else last
        if open_to < open_from:
            continue
        submitted = _submit_time(rng, open_from, open_to, first)
        area = survey_area(staff.admin, staff.unit, staff.area, staff.title)
        response = Response(staff, area, submitted, rng.gauss(0.0, 1.0))
        r = rng.random()
        if r < SKIP_TWO:
            response.skipped = tuple(sorted(rng.sample(range(N_STATEMENTS), 2)))
        elif r < SKIP_TWO + SKIP_ONE:
            response.skipped = (rng.randrange(N_STATEMENTS),)
        responses.append(response)
    return responses


def _submit_time(rng: random.Random, first: date, last: date, opened: date) -> datetime:
    """Many answer in the first days after the invitation, the rest over the weeks the survey is
    open; mostly on weekdays in office hours, some in the evening."""
    span = (last - first).days
    if rng.random() < 0.55 and first == opened:
        day = first + timedelta(days=min(span, int(rng.expovariate(1 / 2.0))))
    else:
        day = first + timedelta(days=rng.randint(0, span))
    if day.weekday() >= 5 and rng.random() < 0.8:
        day -= timedelta(days=day.weekday() - 4)
        day = max(day, first)
    hour = rng.choices((7, 8, 9, 10, 11, 13, 14, 15, 16, 19, 21), (2, 6, 9, 8, 6, 7, 7, 6, 4, 2, 1))
    return datetime.combine(day, time(hour[0], rng.randint(0, 59)))


def _answer(rng: random.Random, survey_round: str, responses: list[Response]) -> None:
    """Give each response its answers: per cell and statement, the expected number of positive
    answers (rounded so that administrations' and areas' totals stay on target, see
    `rounding`) goes to the respondents in the best mood for that statement."""
    answered: list[dict[tuple[str, str], int]] = [{} for _ in range(N_STATEMENTS)]
    groups: list[dict[tuple[str, str], list[Response]]] = [{} for _ in range(N_STATEMENTS)]
    for response in sorted(responses, key=lambda r: (r.cell, r.staff.identity_number)):
        for s in range(N_STATEMENTS):
            if s not in response.skipped:
                answered[s][response.cell] = answered[s].get(response.cell, 0) + 1
                groups[s].setdefault(response.cell, []).append(response)
    probabilities = solve_probabilities(
        survey_round, answered, admin_effects(survey_round, rng), area_effects(survey_round)
    )
    for s in range(N_STATEMENTS):
        expected = {cell: p * answered[s][cell] for cell, p in probabilities[s].items()}
        positives = controlled_round(expected, answered[s])
        for cell in sorted(groups[s]):
            members = groups[s][cell]
            scored = sorted(members, key=lambda r: r.mood + rng.gauss(0.0, 0.7), reverse=True)
            _grade(rng, s, scored, positives[cell])


def _grade(rng: random.Random, statement: int, ranked: list[Response], positives: int) -> None:
    """Best-placed first: `positives` positive answers, then neutral, then negative ones."""
    very_good_share = (0.38, 0.48, 0.36)[statement]
    rest = len(ranked) - positives
    negatives = round(rest * rng.uniform(0.35, 0.5))
    for i, response in enumerate(ranked):
        if i < positives:
            answer = VERY_GOOD if i < round(positives * very_good_share) else GOOD
        elif i < len(ranked) - negatives:
            answer = NEUTRAL
        else:
            answer = VERY_BAD if i >= len(ranked) - round(negatives * 0.25) else BAD
        response.answers[statement] = answer


def _sentiment(answer: str | None) -> str:
    if answer in POSITIVE:
        return "positive"
    return "negative" if answer in NEGATIVE else "neutral"


def _comment(
    rng: random.Random, statement: int, answer: str | None, names: dict[str, list[str]]
) -> str:
    sentiment = _sentiment(answer)
    if answer is None or rng.random() >= COMMENT_RATE[sentiment]:
        return ""
    for _ in range(5):
        text = comments.fill(
            rng.choice(comments.SURVEY_COMMENTS[(statement + 1, sentiment)]), rng, **names
        )
        if text is not None:
            return text
    return ""


def _thrive(rng: random.Random, names: dict[str, list[str]]) -> str:
    if rng.random() >= THRIVE_RATE:
        return ""
    for _ in range(5):
        text = comments.fill(rng.choice(comments.THRIVE), rng, **names)
        if text is not None:
            return text
    return ""


def _names(roster: Roster, staff: Staff) -> dict[str, list[str]]:
    """First names a respondent might mention: the unit's manager(s) and colleagues."""
    managers = sorted({m.first_name for m in roster.unit_managers(staff.admin, staff.unit)})
    colleagues = sorted(
        {
            s.first_name
            for s in roster.by_unit[(staff.admin, staff.unit)]
            if s.identity_number != staff.identity_number and s.title in TITLE_GROUP
        }
    )
    return {"manager": managers, "colleague": colleagues}


def _rows(
    rng: random.Random, survey_round: str, roster: Roster, responses: list[Response]
) -> list[list[Cell]]:
    """The export's rows in order of submission, with ids; adds the earlier answers of one or two
    respondents who answered twice."""
    entries: list[tuple[datetime, Response, list[str | None]]] = [
        (r.submitted, r, list(r.answers)) for r in responses
    ]
    first_day = WINDOWS[survey_round][0]
    twice_count = 2 if survey_round in ("2017-04", "2018-04") else 1
    candidates = sorted(
        (
            r
            for r in responses
            if r.submitted.date() >= max(first_day, r.staff.start) + timedelta(days=2)
        ),
        key=lambda r: r.staff.identity_number,
    )
    twice = rng.sample(candidates, twice_count)
    for response in twice:
        opened = max(first_day, response.staff.start)
        earlier = response.submitted - timedelta(
            days=rng.randint(1, max(1, (response.submitted.date() - opened).days)),
            minutes=rng.randint(5, 300),
        )
        if earlier.date() < opened or earlier.hour < 7:
            earlier = datetime.combine(opened, time(8, rng.randint(0, 59)))
        changed = [_shifted(rng, a) for a in response.answers]
        if changed == response.answers:
            changed[0] = NEUTRAL if response.answers[0] != NEUTRAL else GOOD
        entries.append((earlier, response, changed))
    entries.sort(key=lambda e: (e[0], e[1].staff.identity_number))

    number = rng.randint(100, 400)
    rows: list[list[Cell]] = []
    for submitted, response, answers in entries:
        number += rng.choice((1, 1, 1, 2, 3))
        staff = response.staff
        names = _names(roster, staff)
        rows.append(
            [
                f"R{survey_round}-{number:06d}",
                staff.email,
                staff.admin,
                staff.unit,
                response.area,
                TITLE_GROUP[staff.title],
                *answers,
                *(_comment(rng, s, answers[s], names) for s in range(N_STATEMENTS)),
                _thrive(rng, names),
                submitted,
            ]
        )
    return rows


def _shifted(rng: random.Random, answer: str | None) -> str | None:
    """An earlier, different answer (people change their mind, or clicked wrong)."""
    if answer is None:
        return None
    i = SCALE.index(answer)
    return SCALE[min(len(SCALE) - 1, max(0, i + rng.choice((-1, 1, 1))))]


def _cells(row: list[Cell], fmt: RoundFormat) -> list[Cell]:
    """The row as this round's file holds it: names, and text or date-time for `Inskickad`."""
    out = list(row)
    if fmt.short_names:
        out[2] = SHORT_NAMES[str(row[2])]
    submitted = row[-1]
    assert isinstance(submitted, datetime)
    out[-1] = submitted if fmt.datetime_cells else submitted.strftime("%Y-%m-%d %H:%M")
    return out
