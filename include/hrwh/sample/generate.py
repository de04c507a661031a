"""`write_sample`: plan, render, self-check and write the synthetic payroll extracts."""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path

from hrwh.sample.background import add_background_staff
from hrwh.sample.check import SLUTAT, compare_with_published, official_turnover
from hrwh.sample.dates import N_MONTHS, period_label
from hrwh.sample.model import OTHER_REASON, OWN_REQUEST
from hrwh.sample.plan import Planner, size_factors
from hrwh.sample.render import Row, render_rows
from hrwh.sample.targets import PUBLISHED_YEARS, build_targets, read_published
from hrwh.sample.world import World
from hrwh.sample.writer import file_format, write_payroll_file

SOURCE_FOLDER = "hr_payroll"
REDELIVERED_FOLDER = "redelivered"


class SampleError(RuntimeError):
    """The generated rows do not reproduce the published figures (a generator bug)."""


@dataclass(frozen=True)
class SampleReport:
    """What `write_sample` wrote.

    `files` are the 108 monthly files in `hr_payroll/`; `redelivered` is the later correction of
    one of those months (same file name, under `redelivered/hr_payroll/`), which changes one
    employment's exit reason from `Övrigt` to `Egen begäran` in its authoritative month.
    """

    out_dir: Path
    files: tuple[Path, ...]
    rows: int
    redelivered: Path
    redelivered_employment: str
    redelivered_year: int
    redelivered_administration: str


def file_name(period: str) -> str:
    return f"payroll_{period}.csv"


def write_sample(out_dir: Path, seed: int = 2015) -> SampleReport:
    """Write realistic synthetic payroll extracts 2012-01..2020-12 (plus one re-delivery).

    The same seed always gives the same bytes. The extracts reproduce the published turnover
    table exactly under the official method; that is checked before anything is written.
    """
    out_dir = Path(out_dir)
    rng = random.Random(seed)
    published = read_published()
    targets = build_targets(rng, published)
    world = World(rng)
    Planner(world, targets).run()
    add_background_staff(world, size_factors(targets))
    months = render_rows(world.employments)

    figures = official_turnover(months)
    problems = compare_with_published(figures, published)
    if problems:
        raise SampleError(
            "the sample does not reproduce the published figures: " + "; ".join(problems[:10])
        )

    # the re-delivery: a counted exit that left the city, first reported as "Övrigt"
    candidates = sorted(
        (
            x
            for x in figures.cohort_exits
            if x.path == SLUTAT and x.reason == OTHER_REASON and x.year in PUBLISHED_YEARS
        ),
        key=lambda x: x.emp_id,
    )
    if not candidates:
        raise SampleError("no exit reported as Övrigt to correct in the re-delivery")
    fix = rng.choice(candidates)
    fixed_month = next(mi for mi in range(N_MONTHS) if period_label(mi) == fix.last_period)
    corrected: list[Row] = [
        (*row[:16], OWN_REQUEST) if row[1] == fix.emp_id and row[16] == OTHER_REASON else row
        for row in months[fixed_month]
    ]

    files = []
    for mi, rows in enumerate(months):
        period = period_label(mi)
        path = out_dir / SOURCE_FOLDER / file_name(period)
        write_payroll_file(path, rows, file_format(period))
        files.append(path)
    redelivered = out_dir / REDELIVERED_FOLDER / SOURCE_FOLDER / file_name(fix.last_period)
    write_payroll_file(redelivered, corrected, file_format(fix.last_period))
    return SampleReport(
        out_dir=out_dir,
        files=tuple(files),
        rows=sum(len(rows) for rows in months),
        redelivered=redelivered,
        redelivered_employment=fix.emp_id,
        redelivered_year=fix.year,
        redelivered_administration=fix.administration,
    )
