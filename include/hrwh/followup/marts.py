"""Everything the follow-up report reads: the published `marts` and nothing else.

Each query is spelled once here; the printed table of `hrwh report` (`hrwh.report`) and the
HTML/PDF report (`hrwh.followup.content`) both read through these functions. The one read
outside `marts` is which run published them, for the report's source lines.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any, TypeVar

import psycopg
from psycopg.rows import class_row

ALL_REASONS = "Alla avgångsorsaker"
CITY = "Staden totalt"
DISTRICTS_TOTAL = "Stadsdelar total"
OCCUPATION_GROUPS = ("Biståndshandläggare", "Socialsekreterare")
ALL_TITLES = "Alla befattningar"


@dataclass(frozen=True)
class Administration:
    """An administration of the turnover report, as it was (`current` is what it is today)."""

    administration: str
    kind: str
    current_administration: str
    report_order: int


@dataclass(frozen=True)
class YearlyCell:
    """One `Alla avgångsorsaker` row of the yearly method, as-was or restated."""

    year: int
    administration: str
    occupation_group: str
    exits: int
    headcount: int
    turnover_rate: Decimal | None
    is_small_base: bool
    is_preliminary: bool


@dataclass(frozen=True)
class ConsultantCount:
    """Consultants on one measurement day in one administration (or the city), and per 100
    permanent handläggare."""

    measurement_date: date
    administration: str
    consultants: int | None
    consultants_per_100_handlaggare: Decimal | None


@dataclass(frozen=True)
class SurveyResult:
    """The shares of one statement in one round for one group (null shares when suppressed)."""

    survey_round: str
    statement_no: int
    statement_sv: str
    breakdown: str
    breakdown_value: str
    respondents: int | None
    share_positive: Decimal | None
    share_neutral: Decimal | None
    share_negative: Decimal | None
    suppressed: bool


@dataclass(frozen=True)
class RollingRate:
    """The rolling twelve months ending `period_end` for an administration (or the city)."""

    period_end: date
    administration: str
    occupation_group: str
    exits: int
    avg_headcount: Decimal
    turnover_rate: Decimal | None
    is_small_base: bool
    is_preliminary: bool


@dataclass(frozen=True)
class WatchedUnit:
    """A unit in the early-warning funnel of one month-end (`rpt_unit_turnover_watch`)."""

    period_end: date
    administration: str
    unit: str
    occupation_group: str
    exits: int
    avg_headcount: Decimal
    turnover_rate: Decimal
    city_turnover_rate: Decimal
    upper_limit_95: Decimal
    upper_limit_998: Decimal
    status: str
    is_preliminary: bool


Row = TypeVar("Row")


def _rows(conn: psycopg.Connection, row: type[Row], sql: str, params: Any = None) -> list[Row]:
    with conn.cursor(row_factory=class_row(row)) as cur:
        return cur.execute(sql, params).fetchall()


def administrations(conn: psycopg.Connection) -> list[Administration]:
    """The administrations of the turnover report, in the report's order."""
    return _rows(
        conn,
        Administration,
        "select administration, kind, current_administration, report_order "
        "from marts.dim_administration where report_order is not null order by report_order",
    )


def report_rows(admins: list[Administration]) -> list[str]:
    """Rows of tables 1 and 2: the districts, their total, the specialists and the city."""
    districts = [a.administration for a in admins if a.kind == "district"]
    specialists = [a.administration for a in admins if a.kind == "specialist"]
    return [*districts, DISTRICTS_TOTAL, *specialists, CITY]


def todays_districts(admins: list[Administration]) -> dict[str, list[str]]:
    """Today's districts, each with the districts it was (itself included), in report order."""
    districts: dict[str, list[str]] = {}
    for admin in admins:
        if admin.kind == "district":
            districts.setdefault(admin.current_administration, []).append(admin.administration)
    return districts


_YEARLY = """
select year, administration, occupation_group, exits, headcount, turnover_rate,
       is_small_base, is_preliminary
from marts.{table}
where exit_reason_group = %s and year between %s and %s
order by year, administration, occupation_group
"""


def yearly(
    conn: psycopg.Connection, *, restated: bool = False, first_year: int = 0, last_year: int = 9999
) -> list[YearlyCell]:
    """Exits/headcount per year, administration and occupation group, all exit reasons."""
    table = "rpt_turnover_yearly_restated" if restated else "rpt_turnover_yearly"
    return _rows(
        conn, YearlyCell, _YEARLY.format(table=table), (ALL_REASONS, first_year, last_year)
    )


def consultants(conn: psycopg.Connection) -> list[ConsultantCount]:
    """Consultants per measurement day and administration: the counts of `rpt_consultants`
    (table 3 reproduces its city totals) beside the ratio of `rpt_consultant_ratio`."""
    return _rows(
        conn,
        ConsultantCount,
        "select c.measurement_date, c.administration, c.consultants, "
        "       r.consultants_per_100_handlaggare "
        "from marts.rpt_consultants c "
        "left join marts.rpt_consultant_ratio r using (measurement_date, administration) "
        "order by c.measurement_date, c.administration",
    )


def survey(conn: psycopg.Connection) -> list[SurveyResult]:
    """Every survey result, suppressed groups included (the report shows only the others)."""
    return _rows(
        conn,
        SurveyResult,
        "select survey_round, statement_no, statement_sv, breakdown, breakdown_value, "
        "       respondents, share_positive, share_neutral, share_negative, suppressed "
        "from marts.rpt_survey_results "
        "order by statement_no, breakdown, breakdown_value, survey_round",
    )


def rolling(conn: psycopg.Connection, *, latest_only: bool) -> list[RollingRate]:
    """The rolling twelve months per administration and the city (no units): every month-end,
    or only the latest."""
    latest = (
        "and period_end = (select max(period_end) from marts.rpt_turnover_rolling_12m)"
        if latest_only
        else "and administration = %(city)s"
    )
    return _rows(
        conn,
        RollingRate,
        "select period_end, administration, occupation_group, exits, avg_headcount, "
        "       turnover_rate, is_small_base, is_preliminary "
        f"from marts.rpt_turnover_rolling_12m where unit is null {latest} "
        "order by period_end, administration, occupation_group",
        {"city": CITY},
    )


def watch_latest(conn: psycopg.Connection) -> list[WatchedUnit]:
    """Every watched unit of the latest month-end, for the funnel plot."""
    return _rows(
        conn,
        WatchedUnit,
        "select period_end, administration, unit, occupation_group, exits, avg_headcount, "
        "       turnover_rate, city_turnover_rate, upper_limit_95, upper_limit_998, status, "
        "       is_preliminary "
        "from marts.rpt_unit_turnover_watch "
        "where period_end = (select max(period_end) from marts.rpt_unit_turnover_watch) "
        "order by occupation_group, avg_headcount, administration, unit",
    )


def latest_published_run(conn: psycopg.Connection) -> int | None:
    """The run whose build `marts` shows now (the source lines name it)."""
    row = conn.execute("select max(run_id) from raw.run_log where status = 'published'").fetchone()
    return row[0] if row else None
