"""Data-quality audits (hrwh.quality, the GX project in expectations/gx) on a real database.

A small warehouse is built once through the real pipeline; its raw layer and marts pass every
check. Copies of the marts in other schemas are then broken on purpose, and each break must be
reported by name, with its table and the number of rows that break the rule.
"""

from __future__ import annotations

import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import psycopg
import pytest
from conftest import _new_database, configure
from hrwh.pipeline import ingest_only, run_nightly
from hrwh.quality import (
    GX_PROJECT_DIR,
    QualityReport,
    gx_connection_string,
    published_row_counts,
    validate_marts,
    validate_raw,
)
from hrwh.settings import PROJECT_ROOT, ConfigError, Settings
from other_files import CONSULTANT_HEADER, STATEMENTS, SURVEY_HEADER, write_rows
from scenario import write_small_landing
from sqlalchemy.engine import make_url

RAW_CHECKS = 17  # raw_hr_payroll 11, raw_consultant_reports 2, raw_survey_responses 4
TURNOVER_CHECKS = 10


def write_other_sources(landing: Path) -> None:
    """Consultant answers on two measurement days and one survey round, beside the payroll."""
    for day in ("2013-04-09", "2013-11-12"):
        rows = [
            {
                "Matdatum": day,
                "Forvaltning": "Bromma",
                "Enhet": unit,
                "Verksamhetsomrade": "Individ- och familjeomsorg",
                "AntalKonsulter": count,
                "RapporteradAv": f"chef{i}@stockholm.se",
                "Inskickad": f"{day} 09:00",
            }
            for i, (unit, count) in enumerate((("Vuxenenheten", "2"), ("Barnenheten", "1 st")))
        ]
        write_rows(landing / "consultants" / f"konsulter_{day}.csv", CONSULTANT_HEADER, rows)
    answers = ("Stämmer mycket bra", "Stämmer ganska bra", "Varken eller", None)
    respondents = [
        {
            "RespondentID": f"R{i}",
            "Epost": f"person{i}@stockholm.se",
            "Forvaltning": "Bromma",
            "Enhet": "Barnenheten",
            "Verksamhetsomrade": "Barn och unga",
            "Befattning": "Socialsekreterare",
            **{s: answers[(i + n) % len(answers)] for n, s in enumerate(STATEMENTS)},
            "Inskickad": "2013-11-14 10:00",
        }
        for i in range(8)
    ]
    write_rows(landing / "survey" / "enkat_2013-11.csv", SURVEY_HEADER, respondents)


@pytest.fixture(scope="module")
def warehouse(server_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Settings]:
    """A small warehouse run once through ingest, dbt build and publish."""
    tmp = tmp_path_factory.mktemp("quality")
    with pytest.MonkeyPatch.context() as mp:
        for url in _new_database(server_url):
            settings = configure(mp, tmp, url)
            mp.delenv("HRWH_FRESHNESS_MONTHS", raising=False)
            mp.delenv("HRWH_ROW_COUNT_TOLERANCE", raising=False)
            write_small_landing(settings.landing_dir)
            write_other_sources(settings.landing_dir)
            run_nightly(settings)
            yield settings


@pytest.fixture
def url(warehouse: Settings) -> str:
    assert warehouse.database_url
    return warehouse.database_url


@pytest.fixture
def scratch_schema(url: str) -> Iterator[str]:
    """A schema of its own for a test to put (broken) copies of the marts in."""
    schema = f"broken_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f"create schema {schema}")
    yield schema
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f"drop schema {schema} cascade")


def sql(url: str, *statements: str) -> None:
    with psycopg.connect(url, autocommit=True) as conn:
        for statement in statements:
            conn.execute(statement)


def failed(report: QualityReport) -> dict[str, tuple[str, int | None]]:
    """check name -> (table, unexpected rows) of every failure."""
    return {f.check: (f.table, f.unexpected_rows) for f in report.failures}


def socket_url(url: str) -> str | None:
    """The same database over the server's unix socket, in the embedded server's URL form."""
    with psycopg.connect(url) as conn:
        (directories,) = conn.execute("show unix_socket_directories").fetchone()
    for directory in filter(None, (d.strip() for d in directories.split(","))):
        if Path(directory).is_dir():
            return f"postgresql://postgres:@{urlsplit(url).path}?host={directory}"
    return None


# --------------------------------------------------------------------------------------------
# Configuration


def test_connection_string_tcp_and_socket() -> None:
    tcp = gx_connection_string("postgresql://postgres:s%40cret@db.example:6543/hrwh", "marts")
    parsed = make_url(tcp)
    assert parsed.drivername == "postgresql+psycopg"
    assert (parsed.host, parsed.port, parsed.database) == ("db.example", 6543, "hrwh")
    assert parsed.password == "s@cret"
    assert parsed.query == {"options": "-csearch_path=marts"}

    socket = gx_connection_string("postgresql://postgres:@/hrwh?host=/tmp/pg sock", "raw")
    parsed = make_url(socket)
    assert (parsed.host, parsed.database, parsed.password) == (None, "hrwh", "")
    assert parsed.query == {"host": "/tmp/pg sock", "options": "-csearch_path=raw"}

    kept = make_url(gx_connection_string("postgres://u@h/d?options=-cstatement_timeout%3D0", "x"))
    assert kept.query["options"] == "-cstatement_timeout=0 -csearch_path=x"

    with pytest.raises(ConfigError):
        gx_connection_string("postgresql://u@h/d", "marts; drop table x")
    with pytest.raises(ConfigError):
        gx_connection_string("mysql://u@h/d", "marts")


def test_committed_gx_project_is_what_define_writes() -> None:
    """expectations/gx is the output of expectations/define.py, nothing edited by hand."""
    assert (GX_PROJECT_DIR / "great_expectations.yml").is_file()
    proc = subprocess.run(
        [sys.executable, str(PROJECT_ROOT / "expectations" / "define.py"), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


# --------------------------------------------------------------------------------------------
# A good warehouse passes


def test_raw_layer_passes(warehouse: Settings, url: str) -> None:
    report = validate_raw(url, warehouse.home)
    assert report.passed, report.summary_lines()
    assert report.failures == []
    assert report.checks_run == RAW_CHECKS
    assert report.docs_path == warehouse.home / "gx-docs" / "index.html"
    assert report.docs_path.is_file()


def test_old_results_are_pruned(warehouse: Settings, url: str) -> None:
    old_run = warehouse.home / "gx-results" / "raw_hr_payroll" / "raw" / "20200101T000000.000000Z"
    old_run.mkdir(parents=True)
    (old_run / "hrwh_raw-hr_payroll.json").write_text("{}", encoding="utf-8")
    report = validate_raw(url, warehouse.home)
    assert report.passed
    assert not old_run.exists()
    assert report.as_dict()["docs_path"] == str(report.docs_path)


def test_raw_layer_passes_over_unix_socket(warehouse: Settings, url: str) -> None:
    socket = socket_url(url)
    if socket is None:
        pytest.skip("the test server's unix socket is not reachable from here")
    report = validate_raw(socket, warehouse.home)
    assert report.passed, report.summary_lines()
    assert report.checks_run == RAW_CHECKS


def test_published_marts_pass(warehouse: Settings, url: str) -> None:
    counts = published_row_counts(url)
    assert counts["rpt_turnover_yearly"] > 0
    report = validate_marts(url, "marts", warehouse.home, previous_row_counts=counts)
    assert report.passed, report.summary_lines()
    # Every mart table present gets its suite; rpt_turnover_yearly always.
    assert report.checks_run >= TURNOVER_CHECKS
    assert report.skipped_tables == [
        f"marts.{t}" for t in ("rpt_consultants", "rpt_survey_results") if t not in counts
    ]
    assert report.docs_path is not None
    assert report.docs_path.is_file()


# --------------------------------------------------------------------------------------------
# Broken marts fail, naming the check, the table and the rows


def test_broken_turnover_fails_naming_check_table_and_rows(
    warehouse: Settings, url: str, scratch_schema: str
) -> None:
    table = f"{scratch_schema}.rpt_turnover_yearly"
    sql(
        url,
        f"create table {table} as select * from marts.rpt_turnover_yearly",
        # One district row with more exits than its cohort; its district total no longer adds
        # up then either.
        f"""update {table} set exits = headcount + 1
            where administration = 'Bromma' and occupation_group = 'Socialsekreterare'
              and exit_reason_group = 'Alla avgångsorsaker'
              and year = (select min(year) from {table})""",
        # The last year once more, two years later: the year between is missing.
        f"""insert into {table}
            select (year + 2) as year, administration, occupation_group, exit_reason_group,
                   exits, headcount, turnover_rate, administration_kind
            from marts.rpt_turnover_yearly
            where year = (select max(year) from marts.rpt_turnover_yearly)""",
    )
    report = validate_marts(url, scratch_schema, warehouse.home, previous_row_counts={})

    assert not report.passed
    problems = failed(report)
    assert problems == {
        "exits_not_above_headcount": (table, 1),
        "district_total_is_sum_of_districts": (table, 1),
        "no_missing_years": (table, 1),
    }
    by_check = {f.check: f for f in report.failures}
    assert by_check["no_missing_years"].description.startswith("Every year between")
    assert "missing_year=" in by_check["no_missing_years"].detail
    assert report.docs_path is not None
    assert report.docs_path.is_file()
    assert any(f"{table}: exits_not_above_headcount" in line for line in report.summary_lines())


def test_exact_counts_of_broken_rows(warehouse: Settings, url: str, scratch_schema: str) -> None:
    table = f"{scratch_schema}.rpt_turnover_yearly"
    sql(
        url,
        f"create table {table} as select * from marts.rpt_turnover_yearly",
        f"update {table} set turnover_rate = 15.38 where ctid in "
        f"(select ctid from {table} where turnover_rate is not null limit 3)",
        f"update {table} set exit_reason_group = 'Egen begäran' where ctid in "
        f"(select ctid from {table} limit 2)",
        f"update {table} set occupation_group = 'Enhetschef' where ctid in "
        f"(select ctid from {table} order by ctid desc limit 1)",
    )
    report = validate_marts(url, scratch_schema, warehouse.home, previous_row_counts={})
    problems = failed(report)
    assert problems["turnover_rate_is_fraction"] == (table, 3)
    assert problems["exit_reason_group_known"] == (table, 2)
    assert problems["occupation_group_known"][0] == table
    assert problems["occupation_group_known"][1] == 1
    # Renamed groups no longer line up with their district total either; the counts are intact.
    assert problems["district_total_is_sum_of_districts"][0] == table
    assert "exits_not_above_headcount" not in problems
    assert "no_missing_years" not in problems


def test_row_count_must_stay_near_the_published_count(
    warehouse: Settings, url: str, scratch_schema: str
) -> None:
    sql(
        url,
        f"create table {scratch_schema}.rpt_turnover_yearly as "
        "select * from marts.rpt_turnover_yearly",
    )
    count = published_row_counts(url)["rpt_turnover_yearly"]
    # Read from marts by default: the copy has the published count.
    assert validate_marts(url, scratch_schema, warehouse.home).passed
    within = validate_marts(
        url, scratch_schema, warehouse.home, {"rpt_turnover_yearly": round(count * 1.15)}
    )
    assert within.passed, within.summary_lines()
    doubled = validate_marts(
        url, scratch_schema, warehouse.home, {"rpt_turnover_yearly": count * 2}
    )
    assert failed(doubled) == {
        "row_count_near_published": (f"{scratch_schema}.rpt_turnover_yearly", None)
    }
    assert str(count) in doubled.failures[0].detail


def test_missing_turnover_table_fails_and_optional_tables_are_skipped(
    warehouse: Settings, url: str, scratch_schema: str
) -> None:
    missing = validate_marts(url, scratch_schema, warehouse.home)
    assert failed(missing) == {
        "table_exists": (f"{scratch_schema}.rpt_turnover_yearly", None),
    }
    sql(
        url,
        f"create table {scratch_schema}.rpt_turnover_yearly as "
        "select * from marts.rpt_turnover_yearly",
    )
    only_turnover = validate_marts(url, scratch_schema, warehouse.home)
    assert only_turnover.passed
    assert only_turnover.checks_run == TURNOVER_CHECKS
    assert only_turnover.skipped_tables == [
        f"{scratch_schema}.rpt_consultants",
        f"{scratch_schema}.rpt_survey_results",
        f"{scratch_schema}.rpt_turnover_yearly_restated",
        f"{scratch_schema}.rpt_turnover_rolling_12m",
        f"{scratch_schema}.rpt_turnover_rolling_12m_restated",
        f"{scratch_schema}.rpt_turnover_activity_area_yearly",
        f"{scratch_schema}.rpt_turnover_activity_area_rolling_12m",
        f"{scratch_schema}.rpt_unit_turnover_watch",
    ]


def test_a_check_that_cannot_run_fails(warehouse: Settings, url: str, scratch_schema: str) -> None:
    table = f"{scratch_schema}.rpt_turnover_yearly"
    sql(
        url,
        f"create table {table} as select * from marts.rpt_turnover_yearly",
        f"alter table {table} drop column administration_kind",
    )
    report = validate_marts(url, scratch_schema, warehouse.home, previous_row_counts={})
    assert failed(report) == {"district_total_is_sum_of_districts": (table, None)}
    assert "administration_kind" in report.failures[0].detail


def test_consultant_and_survey_rules(warehouse: Settings, url: str, scratch_schema: str) -> None:
    s = scratch_schema
    sql(
        url,
        f"create table {s}.rpt_turnover_yearly as select * from marts.rpt_turnover_yearly",
        f"""create table {s}.rpt_consultants (
                measurement_date date, administration text, consultants integer,
                units_reported integer)""",
        # April 2016 adds up; November 2016 is missing; the city total of April 2017 is off.
        f"""insert into {s}.rpt_consultants values
                ('2016-04-12', 'Bromma', 3, 2), ('2016-04-12', 'Farsta', 1, 1),
                ('2016-04-12', 'Staden totalt', 4, 3),
                ('2017-04-11', 'Bromma', 2, 2), ('2017-04-11', 'Staden totalt', 5, 2)""",
        f"""create table {s}.rpt_survey_results (
                survey_round text, statement_no integer, breakdown text, breakdown_value text,
                respondents integer, share_positive numeric, share_neutral numeric,
                share_negative numeric, suppressed boolean)""",
        f"""insert into {s}.rpt_survey_results values
                ('2016-11', 1, 'Staden', 'Staden totalt', 40, 0.5, 0.25, 0.25, false),
                ('2016-11', 1, 'Förvaltning', 'Bromma', 3, 0.5, 0.5, 0, false),
                ('2016-11', 1, 'Förvaltning', 'Farsta', 4, null, null, null, true),
                ('2016-11', 1, 'Förvaltning', 'Kista', null, null, null, null, true),
                ('2016-11', 1, 'Förvaltning', 'Skarpnäck', 33, 1.2, 0, 0, false)""",
    )
    report = validate_marts(url, s, warehouse.home, previous_row_counts={})
    assert failed(report) == {
        "city_total_is_sum_of_administrations": (f"{s}.rpt_consultants", 1),
        "no_missing_measurement_days": (f"{s}.rpt_consultants", 1),
        "published_groups_have_five_respondents": (f"{s}.rpt_survey_results", 1),
        "suppressed_groups_hide_respondents": (f"{s}.rpt_survey_results", 1),
        "share_positive_is_fraction": (f"{s}.rpt_survey_results", 1),
    }
    details = {f.check: f.detail for f in report.failures}
    assert "missing_measurement_month=2016-11" in details["no_missing_measurement_days"]
    # both were checked; only the turnover-over-time marts, not made here, were skipped
    assert f"{s}.rpt_consultants" not in report.skipped_tables
    assert f"{s}.rpt_survey_results" not in report.skipped_tables
    assert len(report.skipped_tables) == 6


# --------------------------------------------------------------------------------------------
# Freshness (off unless HRWH_FRESHNESS_MONTHS is set)


def test_freshness_runs_only_when_configured(
    warehouse: Settings, url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    off = validate_marts(url, "marts", warehouse.home, previous_row_counts={})
    assert off.passed
    monkeypatch.setenv("HRWH_FRESHNESS_MONTHS", "off")
    assert validate_marts(url, "marts", warehouse.home, {}).checks_run == off.checks_run
    monkeypatch.setenv("HRWH_FRESHNESS_MONTHS", "on")  # the default, 2 months
    stale = validate_marts(url, "marts", warehouse.home, previous_row_counts={})
    assert failed(stale) == {"payroll_recent": ("raw.hr_payroll", 1)}
    assert stale.checks_run == off.checks_run + 2
    monkeypatch.setenv("HRWH_FRESHNESS_MONTHS", "100000")
    assert validate_marts(url, "marts", warehouse.home, previous_row_counts={}).passed
    monkeypatch.setenv("HRWH_FRESHNESS_MONTHS", "two")
    with pytest.raises(ConfigError, match="HRWH_FRESHNESS_MONTHS"):
        validate_marts(url, "marts", warehouse.home)


# --------------------------------------------------------------------------------------------
# Broken raw rows fail, and their values stay out of the report and the Data Docs


def test_broken_raw_rows_fail_without_showing_their_values(warehouse_env: Settings) -> None:
    write_small_landing(warehouse_env.landing_dir)
    ingest_only(warehouse_env)
    url = warehouse_env.database_url
    assert url
    leaked = "19790303-2228"
    sql(
        url,
        f"""update raw.hr_payroll set person_key = '{leaked}'
            where anstallnings_id = 'L1' and period = '2013-01'""",
        """update raw.hr_payroll set anstalld_tom = anstalld_from - 1, avtal = '1'
            where anstallnings_id = 'S1' and period in ('2013-05', '2013-06')""",
        "update raw.hr_payroll set sysselsattningsgrad = 150 where period = '2013-07'",
    )
    report = validate_raw(url, warehouse_env.home)

    assert failed(report) == {
        "person_key_is_hex": ("raw.hr_payroll", 1),
        "person_key_is_64_characters": ("raw.hr_payroll", 1),
        "end_not_before_start": ("raw.hr_payroll", 2),
        "avtal_two_digits": ("raw.hr_payroll", 2),
        "sysselsattningsgrad_is_percent": ("raw.hr_payroll", 1),
    }
    assert leaked not in "\n".join(report.summary_lines())
    assert report.docs_path is not None
    docs = report.docs_path.parent
    assert not [p for p in docs.rglob("*.html") if leaked in p.read_text(encoding="utf-8")]
