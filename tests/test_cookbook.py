"""docs/sql-cookbook.md can never go stale: every query in it runs here, as bi_reader.

Each ```sql block of the cookbook is followed by its answer on the sample,
`<!-- expect {"id": ..., "rows": [...]} -->`: the query, run on the session's sample warehouse
with the role bi_reader (what a BI login can do), must return exactly those rows, in that
order. The answers are not only the queries' own output: each is cross-checked here against what
is known of the sample independently (the city's published tables in the reference folder, the
README's figures) or against another query over other tables (as the superuser, e.g. the
detailed facts in schema `hr`).
"""

from __future__ import annotations

import csv
import json
import math
import re
from collections.abc import Callable
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import psycopg
import pytest
from hrwh.settings import PROJECT_ROOT
from hrwh_sample.reference import PUBLISHED_CONSULTANTS_CSV
from test_golden import published_cells

COOKBOOK = PROJECT_ROOT / "docs" / "sql-cookbook.md"
ENTRY = re.compile(r"```sql\n(?P<sql>.*?)```\s*<!-- expect (?P<expect>\{.*?\}) -->", re.S)


def entries(path: Path = COOKBOOK) -> list[tuple[str, str, list[list]]]:
    """(id, sql, expected rows) of every query in the cookbook, in order."""
    text = path.read_text(encoding="utf-8")
    found = []
    for match in ENTRY.finditer(text):
        expect = json.loads(match["expect"])
        found.append((expect["id"], match["sql"], expect["rows"]))
    assert text.count("```sql") == len(found), "a query without its expected answer"
    return found


def plain(value: object) -> object:
    """A value as the cookbook's JSON writes it: numbers as numbers, dates as ISO text."""
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, date):
        return value.isoformat()
    return value


def run_as_bi_reader(url: str, query: str) -> list[list]:
    with psycopg.connect(url) as conn:
        conn.execute("set role bi_reader")
        conn.execute("set transaction read only")
        return [[plain(v) for v in row] for row in conn.execute(query).fetchall()]


def one(conn: psycopg.Connection, query: str, *args: object) -> list[tuple]:
    return conn.execute(query, args).fetchall()


# Cross-checks: id -> check(superuser connection, expected rows). Each states what is known of
# the answer without the cookbook's query.
Check = Callable[[psycopg.Connection, list[list]], None]


def published_consultants() -> dict[str, int]:
    with PUBLISHED_CONSULTANTS_CSV.open(encoding="utf-8") as fh:
        return {r["measurement_month"]: int(r["consultants"]) for r in csv.DictReader(fh)}


def ratio(numerator: int, denominator: int, places: int = 4, scale: int = 1) -> float:
    """scale x numerator / denominator rounded half up, as PostgreSQL's round() does."""
    exact = Decimal(scale * numerator) / Decimal(denominator)
    return float(exact.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP))


def poisson_tail(k: int, mean: float) -> float:
    """P(X >= k) for X ~ Poisson(mean)."""
    term, below = math.exp(-mean), 0.0
    for i in range(k):
        below += term
        term *= mean / (i + 1)
    return max(0.0, 1.0 - below)


def _district_years(conn: psycopg.Connection, rows: list[list]) -> None:
    published = published_cells()
    assert [r[0] for r in rows] == list(range(2013, 2019))
    for year, exits, headcount, rate, own_exits, own_rate in rows:
        assert (exits, headcount) == published[("Farsta", "Socialsekreterare", year)]
        assert rate == ratio(exits, headcount)
        assert own_exits is None or (own_exits <= exits and own_rate == ratio(own_exits, headcount))


def _units_flagged_latest(conn: psycopg.Connection, rows: list[list]) -> None:
    """The units whose exits would be unlikely (p <= 0.025) at the city's rate, recomputed from
    rpt_turnover_rolling_12m: the city's rate over its administrations, a Poisson tail per unit."""
    (latest,) = one(conn, "select max(period_end) from marts.rpt_turnover_rolling_12m")[0]
    city = dict(
        one(
            conn,
            "select occupation_group, sum(exits) / sum(avg_headcount) "
            "from marts.rpt_turnover_rolling_12m where period_end = %s and unit is null "
            "and administration_kind in ('district', 'specialist') group by 1",
            latest,
        )
    )
    units = one(
        conn,
        "select administration, unit, occupation_group, exits, avg_headcount "
        "from marts.rpt_turnover_rolling_12m where period_end = %s and unit is not null "
        "and avg_headcount >= 1",
        latest,
    )
    flagged = {
        (a, u, g)
        for a, u, g, exits, avg in units
        if exits > 0 and poisson_tail(exits, float(avg * city[g])) <= 0.025
    }
    assert {(r[1], r[2], r[3]) for r in rows} == flagged
    assert {r[0] for r in rows} == {latest.isoformat()}


def _consultants_per_100(conn: psycopg.Connection, rows: list[list]) -> None:
    city = {r[0][:7]: r[2] for r in rows if r[1] == "Staden totalt"}
    assert city == published_consultants()
    reported = dict(
        one(
            conn,
            "select measurement_date::text, sum(consultants) from marts.fct_consultants "
            "where administration = 'Rinkeby-Kista' group by 1",
        )
    )
    for day, administration, consultants, handlaggare, per_100 in rows:
        assert per_100 == ratio(consultants, handlaggare, 2, 100)
        if administration == "Rinkeby-Kista":
            assert consultants == reported[day]


def _survey_trend_district(conn: psycopg.Connection, rows: list[list]) -> None:
    """From the answers themselves (restricted.fct_survey_answers, not readable by BI)."""
    answers = {
        r: (n, positive, negative)
        for r, n, positive, negative in one(
            conn,
            "select survey_round, sum(respondents), "
            "sum(respondents) filter (where sentiment = 'positive'), "
            "sum(respondents) filter (where sentiment = 'negative') "
            "from restricted.fct_survey_answers where administration = 'Skarpnäck' "
            "and statement_no = 1 group by 1",
        )
    }
    assert [r[0] for r in rows] == sorted(answers)
    for survey_round, respondents, positive, negative, suppressed in rows:
        n, pos, neg = answers[survey_round]
        if suppressed:
            assert (respondents, positive, negative) == (None, None, None)
        else:
            assert n >= 5
            assert (respondents, positive, negative) == (n, ratio(pos, n), ratio(neg or 0, n))


def _restated_vs_as_was(conn: psycopg.Connection, rows: list[list]) -> None:
    published = published_cells()
    for year, exits, headcount, as_was_exits, as_was_headcount, districts in rows:
        # the same employments on 31 December, under today's name: a move between the two old
        # districts is no exit any more
        assert headcount == as_was_headcount and exits <= as_was_exits
        if year == 2018:
            old = [published[(d, "Socialsekreterare", 2018)] for d in districts.split(" + ")]
            assert (as_was_exits, as_was_headcount) == tuple(map(sum, zip(*old, strict=True)))
    assert [r[5] for r in rows][-1] == "Hägersten-Älvsjö"


def _left_where(conn: psycopg.Connection, rows: list[list]) -> None:
    published = published_cells()
    detailed = {
        (a, g): e
        for a, g, e in one(
            conn,
            "select administration, exit_reason_group, exits from hr.rpt_turnover_yearly_detailed "
            "where year = 2018 and occupation_group = 'Socialsekreterare'",
        )
    }
    assert len(rows) == 14  # the districts of 2018
    for administration, internal, external, all_exits, hidden in rows:
        assert all_exits == published[(administration, "Socialsekreterare", 2018)][0]
        if not hidden:
            assert internal == detailed[(administration, "Egen begäran intern")]
            assert external == detailed[(administration, "Egen begäran extern")]
            assert internal + external <= all_exits


def _headcount_by_month(conn: psycopg.Connection, rows: list[list]) -> None:
    detailed = one(
        conn,
        "select month::text, sum(headcount) from hr.fct_headcount_monthly_detailed "
        "where administration = 'Farsta' and occupation_group = 'Socialsekreterare' "
        "and extract(year from month) = 2018 group by 1 order by 1",
    )
    assert [tuple(r) for r in rows] == detailed


def _city_rolling_reported(conn: psycopg.Connection, rows: list[list]) -> None:
    """The city reported 10.6 % for April 2019 - March 2020 (README, the sample's facts)."""
    ((start, end, exits, avg, rate),) = rows
    assert (start, end) == ("2019-04-01", "2020-03-31")
    assert 0.1055 <= rate < 0.1065 and abs(rate - exits / avg) < 0.0001


def _city_rolling_latest(conn: psycopg.Connection, rows: list[list]) -> None:
    """The sample's payroll ends 2024-12; the activity areas add up to the city."""
    areas = dict(
        one(
            conn,
            "select occupation_group, sum(exits) from marts.rpt_turnover_activity_area_rolling_12m "
            "where period_end = '2024-12-31' group by 1",
        )
    )
    assert {r[0] for r in rows} == {"2024-12-31"}
    for _, group, exits, _avg, _rate, _preliminary in rows:
        assert exits == areas[group]


def _reason_groups(conn: psycopg.Connection, rows: list[list]) -> None:
    published = published_cells()
    external = dict(
        one(
            conn,
            "select year, sum(exits) from hr.rpt_turnover_yearly_detailed t "
            "join marts.dim_administration a using (administration) where a.kind = 'district' "
            "and occupation_group = 'Socialsekreterare' and exit_reason_group = "
            "'Egen begäran extern' group by year",
        )
    )
    for year, all_exits, left_city, _moved, rest in rows:
        assert all_exits == published[("Stadsdelar total", "Socialsekreterare", year)][0]
        assert left_city == external[year] and rest >= 0


def _districts_total_years(conn: psycopg.Connection, rows: list[list]) -> None:
    published = published_cells()
    assert len(rows) == 12
    for group, year, exits, headcount, rate in rows:
        assert (exits, headcount) == published[("Stadsdelar total", group, year)]
        assert rate == ratio(exits, headcount)


def _unit_watch_alvsjo(conn: psycopg.Connection, rows: list[list]) -> None:
    """README: 14 exits over an average of 15.6 month-end heads; far beyond the limits."""
    ((exits, avg, rate, _city, expected, upper, status),) = rows
    assert (exits, avg) == (14, 15.6) and rate > upper
    assert poisson_tail(exits, expected) < 0.001 and status == "Kraftigt över förväntat"
    rolling = one(
        conn,
        "select exits, turnover_rate from marts.rpt_turnover_rolling_12m where period_end = "
        "'2020-03-31' and administration = 'Älvsjö' and unit = 'Enheten för barn och familj' "
        "and occupation_group = 'Alla befattningar'",
    )
    assert rolling == [(exits, Decimal(str(rate)))]


def _activity_areas_year(conn: psycopg.Connection, rows: list[list]) -> None:
    """The activity areas add up to the city's row of the yearly table."""
    city = one(
        conn,
        "select exits, headcount from marts.rpt_turnover_yearly where year = 2024 "
        "and administration = 'Staden totalt' and occupation_group = 'Socialsekreterare' "
        "and exit_reason_group = 'Alla avgångsorsaker'",
    )
    assert city == [(sum(r[1] for r in rows), sum(r[2] for r in rows))]


CHECKS: dict[str, Check] = {
    "district_years": _district_years,
    "units_flagged_latest": _units_flagged_latest,
    "consultants_per_100": _consultants_per_100,
    "survey_trend_district": _survey_trend_district,
    "restated_vs_as_was": _restated_vs_as_was,
    "left_where": _left_where,
    "headcount_by_month": _headcount_by_month,
    "city_rolling_reported": _city_rolling_reported,
    "city_rolling_latest": _city_rolling_latest,
    "reason_groups": _reason_groups,
    "districts_total_years": _districts_total_years,
    "unit_watch_alvsjo": _unit_watch_alvsjo,
    "activity_areas_year": _activity_areas_year,
}


@pytest.fixture(scope="module")
def cookbook() -> list[tuple[str, str, list[list]]]:
    return entries()


def test_the_cookbook_has_a_dozen_questions_each_checked(cookbook) -> None:
    ids = [entry_id for entry_id, _, _ in cookbook]
    assert len(ids) >= 12 and len(set(ids)) == len(ids)
    assert set(ids) == set(CHECKS), "every answer is cross-checked independently"
    for _, query, _ in cookbook:
        # only marts (bi_reader could read nothing else anyway)
        assert set(re.findall(r"\b(?:from|join)\s+(\w+)\.", query, re.I)) == {"marts"}, query


@pytest.mark.parametrize("entry_id", [e[0] for e in entries()])
def test_cookbook_query_gives_its_answer(sample_warehouse, cookbook, entry_id: str) -> None:
    settings, _ = sample_warehouse
    url = str(settings.database_url)
    _, query, expected = next(e for e in cookbook if e[0] == entry_id)
    assert run_as_bi_reader(url, query) == expected
    with psycopg.connect(url) as conn:
        CHECKS[entry_id](conn, expected)
