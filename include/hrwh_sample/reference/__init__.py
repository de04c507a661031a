"""The city's reference data the generator works from, read from the CSVs beside this file.

The CSVs are verbatim copies of `shared/reference/` (a test keeps them so): the administrations
and their mergers, which job titles make up the two occupation groups, the survey's statements
and answer scale, and the published figures the sample must reproduce. Nothing here is the
generator's own invention; that lives in `organisation.py`, `targets.py` and the like.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import date
from pathlib import Path

FOLDER = Path(__file__).parent
PUBLISHED_TURNOVER_CSV = FOLDER / "published_turnover_2013_2018.csv"
PUBLISHED_CONSULTANTS_CSV = FOLDER / "published_consultants_2016_2018.csv"

Published = dict[tuple[str, str, int], tuple[int, int]]
"""(administration short name, occupation group, year) -> (exits, headcount)."""


def read(name: str) -> list[dict[str, str]]:
    """The rows of the reference file `name` (UTF-8, comma-separated, with a header)."""
    with (FOLDER / name).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


@dataclass(frozen=True)
class Administration:
    """One row of `administrations.csv`: a district or specialist administration."""

    short_name: str
    full_name: str
    kind: str  # "district" or "specialist"
    valid_from: date | None
    valid_to: date | None
    merged_into: str | None  # short name of the administration it became part of


def _day(text: str) -> date | None:
    return date.fromisoformat(text) if text else None


ADMINISTRATIONS: tuple[Administration, ...] = tuple(
    Administration(
        r["administration"],
        r["full_name"],
        r["kind"],
        _day(r["valid_from"]),
        _day(r["valid_to"]),
        r["merged_into"] or None,
    )
    for r in read("administrations.csv")
)

JOB_TITLES: dict[str, str] = {r["job_title"]: r["occupation_group"] for r in read("job_titles.csv")}
"""Job title -> occupation group, for the titles in the official population."""

SURVEY_STATEMENTS: tuple[str, ...] = tuple(
    r["statement_sv"]
    for r in sorted(read("survey_statements.csv"), key=lambda r: int(r["statement_no"]))
)
"""The survey's statements, statement 1 first, as the export's headers spell them."""

SURVEY_SCALE: tuple[tuple[str, str], ...] = tuple(
    (r["answer_sv"], r["sentiment"])
    for r in sorted(read("survey_scale.csv"), key=lambda r: -int(r["score"]))
)
"""(answer, sentiment) from the best answer to the worst."""

PUBLISHED_TURNOVER: Published = {
    (r["administration"], r["occupation_group"], int(r["year"])): (
        int(r["exits"]),
        int(r["headcount"]),
    )
    for r in read(PUBLISHED_TURNOVER_CSV.name)
}
"""The report's tables 1 and 2: counted exits and cohort per administration, group and year."""

PUBLISHED_CONSULTANTS: dict[str, int] = {
    r["measurement_month"]: int(r["consultants"]) for r in read(PUBLISHED_CONSULTANTS_CSV.name)
}
"""The city's total of hired consultant social workers per measurement month (`YYYY-MM`)."""
