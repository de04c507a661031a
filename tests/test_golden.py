"""Golden test: the sample data, through the real pipeline, gives the city's published figures.

Also: a rerun loads nothing and changes no mart, no personal value from the landing files is
stored anywhere, and a re-delivered month replaces the earlier delivery.
"""

from __future__ import annotations

import csv
import shutil
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from conftest import _new_database, configure
from hrwh.pipeline import run_nightly
from hrwh.sample import write_sample
from hrwh.settings import PROJECT_ROOT, Settings
from privacy import files_containing, personal_values, stored_matches

PUBLISHED = PROJECT_ROOT / "include" / "hrwh" / "reference" / "published_turnover_2013_2018.csv"


@pytest.fixture(scope="module")
def sample_warehouse(
    server_url: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Settings, list[str]]]:
    """The sample written and run once through the whole pipeline."""
    tmp = tmp_path_factory.mktemp("golden")
    with pytest.MonkeyPatch.context() as mp:
        for url in _new_database(server_url):
            settings = configure(mp, tmp, url)
            write_sample(settings.landing_dir, seed=2015)
            summary = run_nightly(settings)
            yield settings, summary


def published_cells() -> dict[tuple[str, str, int], tuple[int, int]]:
    with PUBLISHED.open(encoding="utf-8") as fh:
        return {
            (r["administration"], r["occupation_group"], int(r["year"])): (
                int(r["exits"]),
                int(r["headcount"]),
            )
            for r in csv.DictReader(fh)
        }


def mart_cells(conn: psycopg.Connection, reason: str = "Alla avgångsorsaker") -> dict:
    rows = conn.execute(
        "select administration, occupation_group, year, exits, headcount "
        "from marts.rpt_turnover_yearly where exit_reason_group = %s "
        "and year between 2013 and 2018 and administration <> 'Staden totalt'",
        (reason,),
    ).fetchall()
    return {(a, g, y): (e, h) for a, g, y, e, h in rows}


def marts_fingerprint(conn: psycopg.Connection) -> dict[str, str]:
    tables = conn.execute(
        "select table_name from information_schema.tables where table_schema = 'marts' order by 1"
    ).fetchall()
    return {
        t: conn.execute(
            f"select md5(coalesce(string_agg(x::text, '|' order by x::text), '')) from marts.{t} x"
        ).fetchone()[0]
        for (t,) in tables
    }


def test_every_published_cell_is_reproduced(sample_warehouse) -> None:
    settings, _ = sample_warehouse
    expected = published_cells()
    assert len(expected) == 2 * 6 * 15 + 2 * 6 + 6  # districts + total; Socialförv.; Äldreförv.
    with psycopg.connect(settings.database_url) as conn:
        assert mart_cells(conn) == expected


def test_rates_are_exits_over_headcount(sample_warehouse) -> None:
    settings, _ = sample_warehouse
    with psycopg.connect(settings.database_url) as conn:
        wrong = conn.execute(
            "select count(*) from marts.rpt_turnover_yearly where "
            "(headcount = 0 and turnover_rate is not null) or "
            "(headcount > 0 and abs(turnover_rate - exits::numeric / headcount) > 1e-9)"
        ).fetchone()
    assert wrong == (0,)


def test_summary_names_what_was_loaded(sample_warehouse) -> None:
    _, summary = sample_warehouse
    assert "108 loaded" in summary[1]
    assert "0 rejected" in summary[1]


def test_no_identity_number_or_name_is_stored_or_logged(sample_warehouse) -> None:
    settings, _ = sample_warehouse
    needles = personal_values(settings.landing_dir)
    assert len(needles) > 1000
    with psycopg.connect(settings.database_url) as conn:
        assert stored_matches(conn, needles) == []
    assert files_containing(settings.home, needles) == []


def test_rerun_loads_nothing_and_changes_no_mart(sample_warehouse) -> None:
    settings, _ = sample_warehouse
    with psycopg.connect(settings.database_url) as conn:
        before = marts_fingerprint(conn)
        (ledger_rows,) = conn.execute("select count(*) from raw.load_ledger").fetchone()
    summary = run_nightly(settings)
    assert "0 loaded" in summary[1] and "108 skipped as already loaded" in summary[1]
    with psycopg.connect(settings.database_url) as conn:
        assert marts_fingerprint(conn) == before
        assert conn.execute("select count(*) from raw.load_ledger").fetchone() == (ledger_rows,)
    assert "rpt_turnover_yearly" in before


def test_redelivered_month_replaces_the_earlier_delivery(sample_warehouse) -> None:
    settings, _ = sample_warehouse
    redelivered = sorted((settings.landing_dir / "redelivered" / "hr_payroll").glob("*.csv"))
    assert len(redelivered) == 1
    with psycopg.connect(settings.database_url) as conn:
        own_request_before = mart_cells(conn, "Egen begäran extern")
    shutil.copy(redelivered[0], settings.landing_dir / "hr_payroll" / redelivered[0].name)
    summary = run_nightly(settings)
    assert "1 replaced" in summary[1]
    with psycopg.connect(settings.database_url) as conn:
        assert mart_cells(conn) == published_cells()
        own_request_after = mart_cells(conn, "Egen begäran extern")
        statuses = conn.execute(
            "select status from raw.load_ledger where file_name = %s order by load_id",
            (redelivered[0].name,),
        ).fetchall()
    assert statuses == [("superseded",), ("loaded",)]
    assert own_request_after != own_request_before


def test_sample_is_deterministic(tmp_path: Path) -> None:
    first = write_sample(tmp_path / "a", seed=7)
    second = write_sample(tmp_path / "b", seed=7)
    files_a = sorted(p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*.csv"))
    files_b = sorted(p.relative_to(tmp_path / "b") for p in (tmp_path / "b").rglob("*.csv"))
    assert files_a == files_b and len(files_a) >= 108
    for rel in files_a:
        assert (tmp_path / "a" / rel).read_bytes() == (tmp_path / "b" / rel).read_bytes()
    assert first.rows == second.rows
