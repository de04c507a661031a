"""`write_sample`: plan, render and write the synthetic extracts.

The payroll comes first and alone decides the payroll files (so they stay byte-identical for a
seed whatever the other sources do); the consultant reports and the survey are then derived from
the rendered payroll rows, with random generators of their own, and self-checked.

Whether the payroll gives the published turnover figures is not recomputed here: the tests run
the sample through the warehouse's own pipeline and compare every published cell
(`tests/test_golden.py`). What the generator knows for sure is what it planned, and that is
what the re-delivery is chosen from.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path

from hrwh_sample import consultants, survey_findings
from hrwh_sample.background import add_background_staff, size_factors
from hrwh_sample.consultants import consultant_reports, write_consultant_reports
from hrwh_sample.dates import period_label
from hrwh_sample.formats import OTHER_REASON, OWN_REQUEST, PAYROLL_FOLDER, payroll_file_name
from hrwh_sample.mergers import reopen_at_mergers
from hrwh_sample.plan import LEFT_CITY, CountedExit, Planner
from hrwh_sample.reference import PUBLISHED_TURNOVER
from hrwh_sample.render import Row, render_rows
from hrwh_sample.roster import shared_addresses
from hrwh_sample.scale import scaled
from hrwh_sample.survey import survey_exports, write_survey_exports
from hrwh_sample.targets import PUBLISHED_YEARS, build_targets
from hrwh_sample.world import World
from hrwh_sample.writer import file_format, write_payroll_file

REDELIVERED_FOLDER = "redelivered"


class SampleError(RuntimeError):
    """The sample cannot be made as designed (a generator bug, never expected at run time)."""


@dataclass(frozen=True)
class SampleReport:
    """What `write_sample` wrote.

    `files` are the 156 monthly files in `hr_payroll/` (2012-01..2024-12); `redelivered` is the
    later correction of one of those months (same file name, under `redelivered/hr_payroll/`),
    which changes one employment's exit reason from `Övrigt` to `Egen begäran` in its
    authoritative month.

    `consultant_files` are the six measurement days in `consultants/` (csv or xlsx, see
    `consultants.DAY_FORMATS`); `survey_files` the five rounds in `survey/` (see
    `survey.ROUND_FORMATS`).
    """

    out_dir: Path
    files: tuple[Path, ...]
    rows: int
    redelivered: Path
    redelivered_employment: str
    redelivered_year: int
    redelivered_administration: str
    consultant_files: tuple[Path, ...] = ()
    survey_files: tuple[Path, ...] = ()


def write_sample(out_dir: Path, seed: int = 2015, scale: int = 1) -> SampleReport:
    """Write realistic synthetic payroll extracts 2012-01..2024-12 (plus one re-delivery),
    consultant reports 2016-2018 and the staff survey's five rounds.

    The same seed always gives the same bytes. The extracts are planned to reproduce the
    published turnover table exactly under the official method and the rolling rate the city
    reported for April 2019 - March 2020, the consultant reports the published city totals, and
    the survey the report's findings. The district mergers of 2020 and 2023 show as the HR
    system shows them (`mergers.py`).

    `scale` writes each payroll row that many times, each copy another person's (`scale.py`),
    for measuring the warehouse on a larger city; the consultant reports and the survey stay.
    """
    out_dir = Path(out_dir)
    rng = random.Random(seed)
    targets = build_targets(rng, PUBLISHED_TURNOVER)
    world = World(rng)
    planner = Planner(world, targets)
    planner.run()
    add_background_staff(world, size_factors(targets))
    reopen_at_mergers(world)
    months = render_rows(world.employments)

    fix = rng.choice(_correctable_exits(planner))
    fixed_month = fix.emp.last_month
    fixed_period = period_label(fixed_month)
    corrected: list[Row] = [
        (*row[:16], OWN_REQUEST) if row[1] == fix.emp.emp_id and row[16] == OTHER_REASON else row
        for row in months[fixed_month]
    ]

    ambiguous = shared_addresses(months)
    consultant_days = consultant_reports(months, ambiguous, seed)
    rounds = survey_exports(months, ambiguous, seed)
    problems = consultants.problems(consultant_days)
    problems += survey_findings.problems(survey_findings.tally(rounds))
    if problems:
        raise SampleError(
            "the consultant reports or the survey are off: " + "; ".join(problems[:10])
        )

    *payroll, corrected = scaled([*months, corrected], scale)
    files = []
    for mi, rows in enumerate(payroll):
        period = period_label(mi)
        path = out_dir / PAYROLL_FOLDER / payroll_file_name(period)
        write_payroll_file(path, rows, file_format(period))
        files.append(path)
    redelivered = out_dir / REDELIVERED_FOLDER / PAYROLL_FOLDER / payroll_file_name(fixed_period)
    write_payroll_file(redelivered, corrected, file_format(fixed_period))
    consultant_files = write_consultant_reports(out_dir, consultant_days)
    survey_files = write_survey_exports(out_dir, rounds)
    return SampleReport(
        out_dir=out_dir,
        files=tuple(files),
        rows=sum(len(rows) for rows in payroll),
        redelivered=redelivered,
        redelivered_employment=fix.emp.emp_id,
        redelivered_year=fix.year,
        redelivered_administration=fix.emp.admin,
        consultant_files=tuple(consultant_files),
        survey_files=tuple(survey_files),
    )


def _correctable_exits(planner: Planner) -> list[CountedExit]:
    """The exits the re-delivery may correct: planned to leave the city in a published year and
    first reported as `Övrigt` (the correction makes it `Egen begäran`), by employment id."""
    candidates = sorted(
        (
            planned
            for planned in planner.counted_exits
            if planned.kind == LEFT_CITY
            and planned.reason == OTHER_REASON
            and planned.year in PUBLISHED_YEARS
        ),
        key=lambda planned: planned.emp.emp_id,
    )
    if not candidates:
        raise SampleError("no exit reported as Övrigt to correct in the re-delivery")
    return candidates
