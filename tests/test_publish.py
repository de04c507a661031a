"""Write–audit–publish and safe reruns: BI sees the last good marts until a run passes its checks,
and a run killed mid-way then run again gives the same marts as one that never stopped."""

from __future__ import annotations

import shutil
import signal
import subprocess
import threading
import time
from pathlib import Path

import psycopg
import pytest
from conftest import TEST_KEY, _new_database
from hrwh.pipeline import GateFailed, run_nightly
from hrwh.publish import PublishBlocked, publish_build
from hrwh.settings import Settings
from hrwh_sample import write_sample
from payroll_files import personnummer, write_payroll
from scenario import write_small_landing
from test_cli import HRWH


def turnover(conn: psycopg.Connection) -> list[tuple]:
    return conn.execute(
        "select year, administration, occupation_group, exit_reason_group, exits, headcount "
        "from marts.rpt_turnover_yearly order by 1, 2, 3, 4"
    ).fetchall()


def write_year_2014(landing: Path) -> None:
    """Another year of the small scenario: the marts gain the year 2014."""
    row = {
        "AnstallningsID": "S1",
        "Personnummer": personnummer("19850505", "111"),
        "Namn": "Sara Lind",
        "Forvaltning": "Bromma stadsdelsförvaltning",
        "AnstalldFrom": "2011-02-01",
    }
    for month in range(1, 13):
        write_payroll(landing, f"2014-{month:02d}", [row])


def test_a_failing_gate_leaves_the_published_marts_as_they_were(
    webhook: list[dict], warehouse_env: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_small_landing(warehouse_env.landing_dir)
    run_nightly(warehouse_env)
    with psycopg.connect(warehouse_env.database_url) as reader:
        before = turnover(reader)
        assert {r[0] for r in before} == {2013}

        # A new year changes the row count far beyond a tolerance of 0: the gate must stop it.
        write_year_2014(warehouse_env.landing_dir)
        monkeypatch.setenv("HRWH_ROW_COUNT_TOLERANCE", "0")
        seen_during_run: list[list[tuple]] = []
        errors: list[BaseException] = []

        def failing_run() -> None:
            try:
                run_nightly(Settings.from_env())
            except BaseException as exc:  # the thread reports what ended it
                errors.append(exc)

        thread = threading.Thread(target=failing_run)
        thread.start()
        while thread.is_alive():
            seen_during_run.append(turnover(reader))
            reader.commit()
            time.sleep(0.2)
        thread.join()

        assert len(errors) == 1 and isinstance(errors[0], GateFailed)
        assert "row" in str(errors[0]).lower()
        # the alert names the check, the table and the rows, and says the marts are unchanged
        assert len(webhook) == 1
        alert = webhook[0]["text"]
        assert "the quality gate failed, nothing was published" in alert
        assert "marts_build_2.rpt_turnover_yearly" in alert
        assert "still those of the last good run" in alert
        assert len(seen_during_run) > 3
        assert all(seen == before for seen in seen_during_run)
        assert turnover(reader) == before
        status = reader.execute("select status from raw.run_log order by run_id").fetchall()
        assert status == [("published",), ("failed",)]
        reader.commit()  # an open read transaction would hold the publish back until it ends

        monkeypatch.setenv("HRWH_ROW_COUNT_TOLERANCE", "5")
        run_nightly(Settings.from_env())
        reader.commit()
        after = turnover(reader)
    assert {r[0] for r in after} == {2013, 2014}
    assert [r for r in after if r[0] == 2013] == before


def run_cli(landing: Path, url: str, home: Path) -> subprocess.Popen:
    env = {
        "PATH": "/usr/bin:/bin",
        "HRWH_LANDING_DIR": str(landing),
        "HRWH_DATABASE_URL": url,
        "HRWH_PSEUDONYM_KEY": TEST_KEY,
        "HRWH_HOME": str(home),
        "HRWH_ROW_COUNT_TOLERANCE": "100",
    }
    return subprocess.Popen([HRWH, "run"], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def test_killing_a_run_and_running_again_gives_the_same_marts(
    server_url: str, tmp_path: Path
) -> None:
    sample = tmp_path / "sample"
    write_sample(sample, seed=2015)
    landing = tmp_path / "landing"
    (landing / "hr_payroll").mkdir(parents=True)
    for path in sorted((sample / "hr_payroll").glob("payroll_201[234]-*.csv")):
        shutil.copy(path, landing / "hr_payroll" / path.name)

    for killed_url in _new_database(server_url):
        for clean_url in _new_database(server_url):
            process = run_cli(landing, killed_url, tmp_path / "home1")
            deadline = time.time() + 120
            loaded = 0
            while time.time() < deadline and loaded < 8:
                time.sleep(0.2)
                try:
                    with psycopg.connect(killed_url) as conn:
                        loaded = conn.execute("select count(*) from raw.load_ledger").fetchone()[0]
                except psycopg.errors.UndefinedTable:
                    continue
            process.send_signal(signal.SIGKILL)
            process.wait()
            assert 8 <= loaded < 36, loaded  # killed in the middle of loading

            rerun = run_cli(landing, killed_url, tmp_path / "home1")
            assert rerun.wait(timeout=600) == 0, rerun.stderr.read().decode()
            clean = run_cli(landing, clean_url, tmp_path / "home2")
            assert clean.wait(timeout=600) == 0, clean.stderr.read().decode()

            with psycopg.connect(killed_url) as a, psycopg.connect(clean_url) as b:
                assert turnover(a) == turnover(b)
                assert len(turnover(a)) > 0
                counts = "select count(*), count(distinct (load_id, line_no)) from raw.hr_payroll"
                assert a.execute(counts).fetchone() == b.execute(counts).fetchone()
                ledger = "select count(*) from raw.load_ledger where status = 'loaded'"
                assert a.execute(ledger).fetchone() == (36,)


def test_views_users_saved_on_marts_survive_a_publish_and_show_the_new_data(
    warehouse_env: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_small_landing(warehouse_env.landing_dir)
    run_nightly(warehouse_env)
    with psycopg.connect(warehouse_env.database_url, autocommit=True) as conn:
        conn.execute(
            "create view marts.bromma_turnover as select year, occupation_group, exits, headcount "
            "from marts.rpt_turnover_yearly where administration = 'Bromma' "
            "and exit_reason_group = 'Alla avgångsorsaker'"
        )
        conn.execute(
            "create materialized view marts.years_published as "
            "select distinct year from marts.rpt_turnover_yearly"
        )
        conn.execute("grant select on marts.bromma_turnover to bi_reader")

    write_year_2014(warehouse_env.landing_dir)
    monkeypatch.setenv("HRWH_ROW_COUNT_TOLERANCE", "5")
    run_nightly(Settings.from_env())

    with psycopg.connect(warehouse_env.database_url, autocommit=True) as conn:
        years = conn.execute("select distinct year from marts.bromma_turnover order by 1")
        assert [y for (y,) in years] == [2013, 2014]
        conn.execute("refresh materialized view marts.years_published")
        assert conn.execute("select count(*) from marts.years_published").fetchone() == (2,)
        grants = conn.execute(
            "select has_table_privilege('bi_reader', 'marts.bromma_turnover', 'SELECT')"
        ).fetchone()
        assert grants == (True,)
        # the published tables are views over one build schema, the readers' only way in
        kinds = conn.execute(
            "select distinct c.relkind from pg_class c join pg_namespace n "
            "on n.oid = c.relnamespace where n.nspname = 'marts' and c.relname like 'rpt\\_%'"
        ).fetchall()
        assert kinds == [("v",)]


def make_build(conn: psycopg.Connection, schema: str, columns: str) -> None:
    conn.execute(f"create schema {schema}")
    conn.execute(f"create table {schema}.rpt_x ({columns})")
    conn.execute(f"insert into {schema}.rpt_x (a) values (1)")


def test_a_removed_contract_column_stops_the_publish_instead_of_dropping_a_users_view(
    database_url: str,
) -> None:
    with psycopg.connect(database_url, autocommit=True) as conn:
        for role in ("bi_reader", "hr_analyst"):
            conn.execute(
                f"do $$ begin create role {role} nologin; "
                "exception when duplicate_object then null; end $$"
            )
        make_build(conn, "marts_build_1", "a integer, b integer")
        assert publish_build(conn, "marts_build_1") == ["rpt_x"]
        conn.execute("create view marts.users_b as select b from marts.rpt_x")

        # the next build lacks column b, which a user's view reads
        make_build(conn, "marts_build_2", "a integer")
        with pytest.raises(PublishBlocked, match=r"marts\.users_b"):
            publish_build(conn, "marts_build_2")
        assert conn.execute("select b from marts.users_b").fetchall() == [(None,)]
        source = conn.execute("select pg_get_viewdef('marts.rpt_x'::regclass)").fetchone()[0]
        assert "marts_build_1" in source

        # once the user's view is gone, the changed view is made anew
        conn.execute("drop view marts.users_b")
        assert publish_build(conn, "marts_build_2") == ["rpt_x"]
        names = conn.execute(
            "select column_name from information_schema.columns "
            "where table_schema = 'marts' and table_name = 'rpt_x'"
        ).fetchall()
        assert names == [("a",)]
