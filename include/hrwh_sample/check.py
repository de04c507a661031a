"""The official yearly turnover method, applied to the rendered rows: the sample's self-check.

`write_sample` refuses to write a sample whose rows do not give the published figures, so a
planner bug shows up as an error here rather than as a failing golden test far downstream. The
rules are those of `docs/domain.md` and `source-formats.md` (authoritative latest month, 30-day
rule on person level, counted = left the city or went to another administration).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from hrwh_sample.dates import december
from hrwh_sample.organisation import FULL_NAMES, SCOPE_AREAS, TITLE_GROUP
from hrwh_sample.reference import Published
from hrwh_sample.render import Row
from hrwh_sample.targets import PUBLISHED_YEARS, TOTAL_ROW

SLUTAT = "Slutat i staden"
ANNAN = "Till annan förvaltning"
INOM = "Inom förvaltning"

(
    PERIOD,
    EMP_ID,
    PNR,
    NAME,
    ADMIN,
    UNIT,
    AREA,
    TITLE,
    FORM,
    PAY,
    AGREEMENT,
    DORMANT,
    RATE,
    SALARY,
    FROM,
    TOM,
    REASON,
) = range(17)


@dataclass(frozen=True)
class CohortExit:
    emp_id: str
    administration: str
    group: str
    year: int
    path: str
    reason: str
    last_period: str


@dataclass
class Figures:
    """Headcount and counted exits per (administration full name, group, year)."""

    headcount: dict[tuple[str, str, int], int] = field(default_factory=dict)
    exits: dict[tuple[str, str, int], int] = field(default_factory=dict)
    cohort_exits: list[CohortExit] = field(default_factory=list)
    paths: dict[str, int] = field(default_factory=dict)


def in_population(row: Row) -> str | None:
    if (
        row[PAY] == "Månadslön"
        and row[AGREEMENT] == "01"
        and row[FORM] == "Tillsvidareanställning"
        and row[DORMANT] == "N"
        and row[AREA] in SCOPE_AREAS
    ):
        return TITLE_GROUP.get(row[TITLE])
    return None


def official_turnover(months: list[list[Row]], years: range = range(2013, 2022)) -> Figures:
    first: dict[str, Row] = {}
    last: dict[str, Row] = {}
    for rows in months:
        for row in rows:
            first.setdefault(row[EMP_ID], row)
            last[row[EMP_ID]] = row
    by_person: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for emp_id, row in last.items():
        by_person[row[PNR]].append((row[FROM], emp_id))

    def path(emp_id: str) -> str:
        row = last[emp_id]
        limit = (date.fromisoformat(row[TOM]) + timedelta(days=30)).isoformat()
        later = [(s, o) for s, o in by_person[row[PNR]] if o != emp_id and row[FROM] < s <= limit]
        if not later:
            return SLUTAT
        earliest = min(s for s, _ in later)
        if any(first[o][ADMIN] == row[ADMIN] for s, o in later if s == earliest):
            return INOM
        return ANNAN

    figures = Figures()
    for year in years:
        cutoff = f"{year - 1}-12-31"
        for row in months[december(year - 1)]:
            group = in_population(row)
            if group is None or row[FROM] > cutoff:
                continue
            final = last[row[EMP_ID]]
            if final[TOM] and final[TOM] <= cutoff:
                continue
            key = (row[ADMIN], group, year)
            figures.headcount[key] = figures.headcount.get(key, 0) + 1
            figures.exits.setdefault(key, 0)
            if final[TOM][:4] == str(year):
                way = path(row[EMP_ID])
                figures.paths[way] = figures.paths.get(way, 0) + 1
                if way != INOM:
                    figures.exits[key] += 1
                    figures.cohort_exits.append(
                        CohortExit(
                            row[EMP_ID], row[ADMIN], group, year, way, final[REASON], final[PERIOD]
                        )
                    )
    return figures


def compare_with_published(figures: Figures, published: Published) -> list[str]:
    """Every difference between the figures and the published table (empty when they agree)."""
    problems = []
    totals: dict[tuple[str, int], list[int]] = defaultdict(lambda: [0, 0])
    for (short, group, year), (exits, heads) in published.items():
        if short == TOTAL_ROW:
            continue
        key = (FULL_NAMES[short], group, year)
        got = (figures.exits.get(key, 0), figures.headcount.get(key, 0))
        if got != (exits, heads):
            problems.append(f"{short} {group} {year}: got {got}, published {(exits, heads)}")
    for (admin, group, year), heads in figures.headcount.items():
        if year in PUBLISHED_YEARS and admin in FULL_NAMES.values():
            short = next(s for s, f in FULL_NAMES.items() if f == admin)
            if (short, group, year) not in published and heads:
                problems.append(f"{short} {group} {year}: unexpected cohort of {heads}")
    for (short, group, year), (exits, heads) in published.items():
        if short != TOTAL_ROW and short not in ("Socialförvaltningen", "Äldreförvaltningen"):
            totals[(group, year)][0] += exits
            totals[(group, year)][1] += heads
    for (short, group, year), (exits, heads) in published.items():
        if short == TOTAL_ROW and totals[(group, year)] != [exits, heads]:
            problems.append(f"published total {group} {year} is not the sum of the districts")
    return problems
