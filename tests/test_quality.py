"""Data-quality audits (hrwh.quality, the GX project in expectations/gx) on a real database.

A small warehouse is built once through the real pipeline; its raw layer and marts pass every
check. Copies of the marts in other schemas are then broken on purpose, and each break must be
reported by name, with its table and the number of rows that break the rule.
"""

from __future__ import annotations

import json
import logging
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

RAW_CHECKS = 11  # distributions: raw_hr_payroll 7, raw_consultant_reports 1, survey 3
TURNOVER_CHECKS = 1  # drift against the published table


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
    report = validate_raw(url, warehouse)
    assert report.passed, report.summary_lines()
    assert report.failures == []
    assert report.checks_run == RAW_CHECKS
    assert report.docs_path == warehouse.home / "gx-docs" / "index.html"
    assert report.docs_path.is_file()


def test_old_results_are_pruned(warehouse: Settings, url: str) -> None:
    old_run = warehouse.home / "gx-results" / "raw_hr_payroll" / "raw" / "20200101T000000.000000Z"
    old_run.mkdir(parents=True)
    (old_run / "hrwh_raw-hr_payroll.json").write_text("{}", encoding="utf-8")
    report = validate_raw(url, warehouse)
    assert report.passed
    assert not old_run.exists()
    assert report.as_dict()["docs_path"] == str(report.docs_path)


def test_raw_layer_passes_over_unix_socket(warehouse: Settings, url: str) -> None:
    socket = socket_url(url)
    if socket is None:
        pytest.skip("the test server's unix socket is not reachable from here")
    report = validate_raw(socket, warehouse)
    assert report.passed, report.summary_lines()
    assert report.checks_run == RAW_CHECKS


def test_published_marts_pass(warehouse: Settings, url: str) -> None:
    counts = published_row_counts(url)
    assert counts["rpt_turnover_yearly"] > 0
    report = validate_marts(url, "marts", warehouse, previous_row_counts=counts)
    assert report.passed, report.summary_lines()
    # Every mart table present gets its suite; rpt_turnover_yearly always.
    assert report.checks_run >= TURNOVER_CHECKS
    assert report.skipped_tables == [
        f"marts.{t}" for t in ("rpt_consultants", "rpt_survey_results") if t not in counts
    ]
    assert report.docs_path is not None
    assert report.docs_path.is_file()


# --------------------------------------------------------------------------------------------
# One owner per rule: GX watches drift, freshness and raw distributions; dbt owns the rest


def test_the_gate_owns_only_drift_freshness_and_raw_distributions() -> None:
    """Every expectation is a row count against the published mart, the freshness check, or a
    raw distribution of severity warning: a rule within or between tables is dbt's."""
    suites = sorted((GX_PROJECT_DIR / "expectations").glob("*.json"))
    assert len(suites) >= 5
    for path in suites:
        for expectation in json.loads(path.read_text(encoding="utf-8"))["expectations"]:
            kind, severity = expectation["type"], expectation.get("severity", "critical")
            if path.stem.startswith("marts_"):
                assert kind == "expect_table_row_count_to_be_between", path.stem
            elif path.stem == "payroll_freshness":
                assert kind.startswith("expect_column_values_to"), kind
            else:
                assert path.stem.startswith("raw_") and severity == "warning", (path.stem, kind)


def test_the_rules_the_gate_gave_up_are_dbt_tests() -> None:
    """The rules GX used to check on the marts and the raw layer are dbt tests now."""
    dbt = PROJECT_ROOT / "dbt"
    text = "\n".join(
        p.read_text(encoding="utf-8") for p in [*dbt.rglob("*.yml"), *dbt.rglob("tests/*.sql")]
    )
    for rule in (
        "rpt_turnover_yearly_exits_within_headcount",
        "assert_rpt_district_total_is_sum_of_districts",
        "assert_rpt_turnover_yearly_has_every_year",
        "assert_rpt_consultants_city_total_is_sum_of_administrations",
        "assert_rpt_consultants_has_every_measurement_month",
        "assert_rpt_survey_no_small_group_published",
        "assert_rpt_survey_suppressed_rows_have_no_numbers",
        "stg_hr_payroll__employment_months_person_key_is_a_pseudonym",
        "stg_hr_payroll__employment_months_agreement_code_two_digits",
        "stg_hr_payroll__employment_months_ends_after_start",
    ):
        assert rule in text or (dbt / "tests" / f"{rule}.sql").is_file(), rule


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
    assert validate_marts(url, scratch_schema, warehouse).passed
    within = validate_marts(
        url, scratch_schema, warehouse, {"rpt_turnover_yearly": round(count * 1.15)}
    )
    assert within.passed, within.summary_lines()
    doubled = validate_marts(url, scratch_schema, warehouse, {"rpt_turnover_yearly": count * 2})
    assert failed(doubled) == {
        "row_count_near_published": (f"{scratch_schema}.rpt_turnover_yearly", None)
    }
    assert str(count) in doubled.failures[0].detail


def test_missing_turnover_table_fails_and_optional_tables_are_skipped(
    warehouse: Settings, url: str, scratch_schema: str
) -> None:
    missing = validate_marts(url, scratch_schema, warehouse)
    assert failed(missing) == {
        "table_exists": (f"{scratch_schema}.rpt_turnover_yearly", None),
    }
    sql(
        url,
        f"create table {scratch_schema}.rpt_turnover_yearly as "
        "select * from marts.rpt_turnover_yearly",
    )
    only_turnover = validate_marts(url, scratch_schema, warehouse)
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
    # counting its rows divides by zero
    sql(url, f"create view {table} as select x from generate_series(1, 1) x where x / (x - 1) > 0")
    report = validate_marts(url, scratch_schema, warehouse, previous_row_counts={})
    assert failed(report) == {"row_count_near_published": (table, None)}
    assert "division by zero" in report.failures[0].detail


# --------------------------------------------------------------------------------------------
# Freshness (off unless HRWH_FRESHNESS_MONTHS is set)


def test_freshness_runs_only_when_configured(
    warehouse: Settings, url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    def validate(freshness: str) -> QualityReport:
        monkeypatch.setenv("HRWH_FRESHNESS_MONTHS", freshness)
        return validate_marts(url, "marts", Settings.from_env(), previous_row_counts={})

    off = validate_marts(url, "marts", warehouse, previous_row_counts={})
    assert off.passed
    assert validate("off").checks_run == off.checks_run
    stale = validate("on")  # the default, 2 months
    assert failed(stale) == {"payroll_recent": ("raw.hr_payroll", 1)}
    assert stale.checks_run == off.checks_run + 2
    assert validate("100000").passed
    with pytest.raises(ConfigError, match="HRWH_FRESHNESS_MONTHS"):
        validate("two")


# --------------------------------------------------------------------------------------------
# An odd raw distribution warns, names the check and shows no values; it stops nothing


def test_odd_raw_distributions_warn_without_failing_or_showing_values(
    warehouse_env: Settings,
) -> None:
    write_small_landing(warehouse_env.landing_dir)
    ingest_only(warehouse_env)
    url = warehouse_env.database_url
    assert url
    sql(
        url,
        "update raw.hr_payroll set vilande = 'J' where period >= '2013-06'",
        "update raw.hr_payroll set manadslon = 385000000 where period >= '2013-01'",
    )
    report = validate_raw(url, warehouse_env)

    assert report.passed, report.summary_lines()
    warned = {w.check: w.table for w in report.warnings}
    assert warned == {
        "mostly_not_dormant": "raw.hr_payroll",
        "salary_level_plausible": "raw.hr_payroll",
    }
    lines = "\n".join(report.summary_lines())
    assert "warning: raw.hr_payroll: mostly_not_dormant" in lines
    assert "385000000" not in lines  # the median is not quoted: counts and names only


def test_the_gate_tells_its_result_in_a_dozen_lines_without_gx_chatter(
    warehouse: Settings, url: str, caplog: pytest.LogCaptureFixture, capfd: pytest.CaptureFixture
) -> None:
    """What the audit step leaves in an Airflow task's log: the checks' summary lines, and of
    Great Expectations' own logging only warnings and errors."""
    caplog.set_level(logging.DEBUG)  # whatever any logger lets through, as a task's log would
    reports = [validate_raw(url, warehouse), validate_marts(url, "marts", warehouse)]
    summary = [line for report in reports for line in report.summary_lines()]
    printed = capfd.readouterr()
    chatter = [
        r.getMessage()
        for r in caplog.records
        if r.name.startswith("great_expectations") and r.levelno < logging.WARNING
    ]
    total = len(caplog.records) + len((printed.out + printed.err).splitlines()) + len(summary)
    print(f"the gate's output: {total} lines ({len(summary)} summary lines)")
    assert chatter == []
    assert all(report.passed for report in reports)
    assert total <= 15
