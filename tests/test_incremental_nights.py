"""Nights proportional to what arrived: the marts after a sequence of nights, each building
only what changed, are exactly those of a full rebuild from the same landing files.

A small hand-made city of twelve employments is delivered over five nights:

1. 2012-12 … 2013-10 (eleven months);
2. one new month, 2013-11 (one employment ends in it with reason Övrigt);
3. 2013-05 re-delivered: one employment in another unit that month, one missing from it;
4. 2013-12, which registers a late end date (30 Sep 2013: months 10 and 11 no longer count it)
   and corrects the exit reason of November's leaver to Egen begäran;
5. nothing new: build, gate and publish are skipped.

Then the same landing folder is run once with `--full-refresh` into a second database, and every
table and view of `marts` (and of `hr`) must hold the same rows, duplicates included.
"""

from __future__ import annotations

import json
import re
import shutil
from collections import Counter
from pathlib import Path

import psycopg
import pytest
from conftest import _new_database, configure
from hrwh.dbt_tasks import MANIFEST
from hrwh.pipeline import run_nightly
from hrwh.settings import Settings
from hrwh.transform import write_manifest
from payroll_files import Employment, write_month

BROMMA = "Bromma stadsdelsförvaltning"
FARSTA = "Farsta stadsdelsförvaltning"
SF = "Socialförvaltningen"
FIRST_NIGHT = ("2012-12", *(f"2013-{m:02d}" for m in range(1, 11)))
REDELIVERED = "2013-05"
# The month-grain and turnover marts the scenario fills (consultants and survey stay empty).
EXERCISED = (
    "marts.fct_headcount_monthly",
    "marts.fct_employment_exits_monthly",
    "marts.rpt_turnover_rolling_12m",
    "marts.rpt_turnover_yearly",
    "hr.fct_headcount_monthly_detailed",
    "hr.fct_employment_exits_monthly_detailed",
)


def city(*, redelivered: bool = False) -> list[Employment]:
    """The employments; `redelivered`: 2013-05 as re-delivered on night 3."""
    moved = {REDELIVERED: {"Enhet": "Enheten för vuxna"}} if redelivered else {}
    return [
        Employment("B1", 1, BROMMA, "2010-01-01"),
        Employment("B2", 2, BROMMA, "2011-03-01", once=moved),
        Employment("B3", 3, BROMMA, "2012-06-01", end="2013-04-30", reason="Egen begäran"),
        Employment("B4", 4, BROMMA, "2013-05-01"),  # B3's successor: a move within Bromma
        Employment("F1", 5, FARSTA, "2009-09-01"),
        Employment("F2", 6, FARSTA, "2012-01-01", title="Biståndshandläggare"),
        # the late end date: delivered first in 2013-12 (night 4)
        Employment(
            "F3",
            7,
            FARSTA,
            "2011-05-01",
            end="2013-09-30",
            reason="Ålderspension",
            registered="2013-12",
        ),
        # ends in November as Övrigt; 2013-12 (night 4) corrects the reason
        Employment(
            "F4",
            8,
            FARSTA,
            "2012-02-01",
            end="2013-11-30",
            reason="Egen begäran",
            registered="2013-12",
            once={"2013-11": {"AnstalldTom": "2013-11-30", "Avgangsorsak": "Övrigt"}},
        ),
        Employment("S1", 9, SF, "2008-01-01"),
        Employment("S2", 10, SF, "2012-11-01", end="2013-07-31", reason="Övrigt"),
        Employment("S3", 11, SF, "2013-03-01", title="Biståndshandläggare"),
        Employment("S4", 12, SF, "2010-10-01", dormant=("2013-06",)),
    ]


def deliver(landing: Path, months: tuple[str, ...], employments: list[Employment]) -> None:
    for month in months:
        write_month(landing, month, employments)


def published_rows(url: str) -> dict[str, Counter]:
    """Every row of every table and view in marts and hr, as a multiset per relation."""
    with psycopg.connect(url) as conn:
        relations = conn.execute(
            "select table_schema, table_name from information_schema.tables "
            "where table_schema in ('marts', 'hr') order by 1, 2"
        ).fetchall()
        return {
            f"{schema}.{name}": Counter(conn.execute(f'select * from {schema}."{name}"').fetchall())
            for schema, name in relations
        }


@pytest.fixture
def night_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    # the hand-made months differ by more than the delivery gate's ±20 % and the marts by more
    # than the quality gate's row-count tolerance: neither gate is what this test is about
    monkeypatch.setenv("HRWH_DELIVERY_TOLERANCE", "100")
    monkeypatch.setenv("HRWH_ROW_COUNT_TOLERANCE", "100")


def test_incremental_nights_publish_exactly_the_full_rebuild(
    night_settings: None, server_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    nightly, rebuilt = _new_database(server_url), _new_database(server_url)
    try:
        (tmp_path / "nightly").mkdir()
        settings = configure(monkeypatch, tmp_path / "nightly", next(nightly))
        landing = settings.landing_dir
        deliver(landing, FIRST_NIGHT, city())
        summaries = [run_nightly(Settings.from_env())]
        deliver(landing, ("2013-11",), city())
        summaries.append(run_nightly(Settings.from_env()))
        # the re-delivered 2013-05 also lacks S4's row (the source system corrected it away)
        redelivered = [e for e in city(redelivered=True) if e.emp_id != "S4"]
        deliver(landing, (REDELIVERED,), redelivered)
        summaries.append(run_nightly(Settings.from_env()))
        deliver(landing, ("2013-12",), city())
        summaries.append(run_nightly(Settings.from_env()))
        summaries.append(run_nightly(Settings.from_env()))
        nights = published_rows(str(settings.database_url))

        rebuild_landing = tmp_path / "rebuilt" / "landing"
        shutil.copytree(landing, rebuild_landing)
        configure(monkeypatch, tmp_path / "rebuilt", next(rebuilt))
        full = run_nightly(Settings.from_env(), full_refresh=True)
        once = published_rows(str(Settings.from_env().database_url))
        with psycopg.connect(str(settings.database_url)) as conn:
            statuses = [s for (s,) in conn.execute("select status from raw.run_log order by 1")]
    finally:
        nightly.close()
        rebuilt.close()

    assert statuses == ["published"] * 4 + ["unchanged"], statuses
    assert "1 replaced an earlier delivery" in summaries[2][1], summaries[2]
    assert summaries[4][0].startswith(
        "hrwh run 5: nothing new: build, gate and publish skipped (marts unchanged since run 4)"
    ), summaries[4]
    assert not any("checks:" in line for line in summaries[4])
    for night in summaries[1:4]:
        assert re.search(r"checks: dbt PASS=\d+ .*, incremental;", "\n".join(night)), night
    assert re.search(r"full refresh: asked for \(--full-refresh\)", "\n".join(full)), full

    for relation in EXERCISED:
        assert once[relation], f"{relation} is empty: the scenario does not exercise it"
    assert sorted(nights) == sorted(once)
    for relation, rows in once.items():
        missing, extra = rows - nights[relation], nights[relation] - rows
        assert not missing and not extra, (relation, sorted(missing)[:5], sorted(extra)[:5])


ROW_LOCAL = {"not_null", "accepted_values", "accepted_range", "expression_is_true", "relationships"}
"""The generic tests whose rule one row passes or fails on its own values."""


def test_row_local_checks_of_the_payroll_rows_look_only_at_the_loads_the_build_took() -> None:
    """The payroll rows' row-local tests check the loads after var hrwh_loads_built_up_to (every
    load after a full refresh, when it is 0); the tests across rows check every row."""
    if not MANIFEST.is_file():  # make test parses it first; a bare pytest may not have
        write_manifest()
    nodes = json.loads(MANIFEST.read_text(encoding="utf-8"))["nodes"].values()
    tests = {
        node["name"]: (node["test_metadata"]["name"], node["config"]["where"])
        for node in nodes
        if node["resource_type"] == "test"
        and node.get("attached_node") == "model.hrwh.stg_hr_payroll__employment_months"
        and node.get("test_metadata")
    }
    assert len(tests) >= 15
    limited = {name for name, (kind, where) in tests.items() if where == "load_id > 0"}
    assert limited == {name for name, (kind, _) in tests.items() if kind in ROW_LOCAL}
    assert {kind for kind, where in tests.values() if where is None} == {
        "unique_combination_of_columns",
        "comes_from_live_loads",
    }
