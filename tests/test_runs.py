"""One run at a time, from ingest to publish: the run token, a lost lock, a killed run.

Every test runs the real pipeline (dbt included) on a small scenario against real PostgreSQL.
"""

from __future__ import annotations

import os
import signal
import subprocess
import threading
import time
from collections.abc import Callable
from pathlib import Path

import psycopg
import pytest
from conftest import TEST_KEY
from hrwh import pipeline
from hrwh.dag_support import task_failed
from hrwh.runs import LockLost, RunInProgress, airflow_owner, step_of
from hrwh.settings import Settings
from scenario import write_small_landing
from test_cli import HRWH


def wait_for(condition: Callable[[], object], seconds: float = 120, what: str = "") -> object:
    deadline = time.time() + seconds
    while time.time() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


def sessions(url: str, pattern: str, *, waiting: bool = False) -> list[tuple[int, str]]:
    """(pid, application_name) of this database's sessions named like `pattern`; with
    `waiting`, only those waiting on a lock."""
    with psycopg.connect(url, autocommit=True) as conn:
        rows = conn.execute(
            "select pid, application_name from pg_stat_activity where application_name like %s "
            "and datname = current_database() and (wait_event_type = 'Lock' or not %s)",
            (pattern, waiting),
        ).fetchall()
    return [(int(pid), name) for pid, name in rows]


def run_statuses(url: str) -> list[str]:
    with psycopg.connect(url) as conn:
        return [s for (s,) in conn.execute("select status from raw.run_log order by run_id")]


def build_schemas(url: str) -> list[str]:
    with psycopg.connect(url) as conn:
        rows = conn.execute(
            "select nspname from pg_namespace where nspname like 'marts\\_build\\_%' order by 1"
        ).fetchall()
    return [r[0] for r in rows]


def cell(url: str) -> tuple[int, int] | None:
    with psycopg.connect(url) as conn:
        return conn.execute(
            "select exits, headcount from marts.rpt_turnover_yearly where year = 2013 "
            "and administration = 'Bromma' and occupation_group = 'Socialsekreterare' "
            "and exit_reason_group = 'Alla avgångsorsaker'"
        ).fetchone()


def test_no_run_can_start_between_the_steps_of_an_airflow_run(
    warehouse_env: Settings,
) -> None:
    """Another run's ingest and build between this run's audit and its publish was seen to
    publish a build no gate had checked: now the run token keeps the warehouse to one run."""
    write_small_landing(warehouse_env.landing_dir)
    url = warehouse_env.database_url
    assert url is not None
    owner = airflow_owner("hr_warehouse_nightly", "manual__test")
    run = pipeline.begin(warehouse_env, owner)
    try:
        pipeline.ingest(warehouse_env, run)
        run.extend_lease(warehouse_env.run_lease_minutes)
    finally:
        run.release()
    for step in (pipeline.build, pipeline.audit):
        with step_of(url, run.run_id, warehouse_env.run_lease_minutes) as later:
            step(warehouse_env, later)

    # nobody holds the lock now, but the Airflow run's token does: a hrwh run must not start
    with pytest.raises(RunInProgress, match="between its steps"):
        pipeline.run_nightly(warehouse_env)

    with step_of(url, run.run_id, warehouse_env.run_lease_minutes) as later:
        pipeline.publish(warehouse_env, later)
    assert run_statuses(url) == ["published"]
    assert cell(url) == (1, 2)
    assert build_schemas(url) == [f"marts_build_{run.run_id}"]


def test_publish_refuses_a_build_that_changed_after_its_audit(
    webhook: list[dict], warehouse_env: Settings
) -> None:
    write_small_landing(warehouse_env.landing_dir)
    run = pipeline.begin(warehouse_env, "cli:test")
    try:
        pipeline.ingest(warehouse_env, run)
        pipeline.build(warehouse_env, run)
        pipeline.audit(warehouse_env, run)
        schema = f"marts_build_{run.run_id}"
        # a table of the checked build is replaced after the audit
        run.conn.execute(f"create table {schema}.swap as select * from {schema}.rpt_consultants")
        run.conn.execute(f"drop table {schema}.rpt_consultants")
        run.conn.execute(f"alter table {schema}.swap rename to rpt_consultants")
        with pytest.raises(pipeline.PublishFailed, match="not the one the quality gate passed"):
            pipeline.publish(warehouse_env, run)
    finally:
        run.release()
    url = warehouse_env.database_url
    with psycopg.connect(url) as conn:
        assert conn.execute("select to_regnamespace('marts')").fetchone() == (None,)
    assert run_statuses(url) == ["failed"]
    assert len(webhook) == 1 and "publishing failed" in webhook[0]["text"]


def test_a_run_that_loses_its_lock_stops_and_publishes_nothing(
    webhook: list[dict], warehouse_env: Settings
) -> None:
    write_small_landing(warehouse_env.landing_dir)
    url = warehouse_env.database_url
    assert url is not None
    errors: list[BaseException] = []

    def nightly() -> None:
        try:
            pipeline.run_nightly(warehouse_env)
        except BaseException as exc:
            errors.append(exc)

    thread = threading.Thread(target=nightly)
    thread.start()
    wait_for(lambda: sessions(url, "hrwh-run-%-dbt"), what="dbt to connect")
    with psycopg.connect(url, autocommit=True) as thief:
        # the lock's connection is killed, and another process takes the lock at once
        (lock_pid,) = (pid for pid, name in sessions(url, "hrwh-run-%-lock"))
        thief.execute("select pg_terminate_backend(%s)", (lock_pid,))
        wait_for(
            lambda: thief.execute("select pg_try_advisory_lock(71402015)").fetchone()[0],
            what="the lock to be free",
        )
        thread.join(timeout=120)
        assert not thread.is_alive()
        assert len(errors) == 1 and isinstance(errors[0], LockLost), errors
        # dbt was stopped with the run: none of its sessions is left
        wait_for(lambda: not sessions(url, "hrwh-run-%-dbt"), 30, "dbt's sessions to end")
    with psycopg.connect(url) as conn:
        assert conn.execute("select to_regclass('marts.rpt_turnover_yearly')").fetchone() == (None,)
    assert run_statuses(url) == ["failed"]
    assert any("lost" in alert["text"] or "took the lock" in alert["text"] for alert in webhook)


def hrwh_env(settings: Settings, hook: str | None = None) -> dict[str, str]:
    env = {
        "PATH": os.environ["PATH"],
        "HRWH_LANDING_DIR": str(settings.landing_dir),
        "HRWH_DATABASE_URL": str(settings.database_url),
        "HRWH_PSEUDONYM_KEY": TEST_KEY,
        "HRWH_HOME": str(settings.home),
    }
    return env | ({"HRWH_ALERT_WEBHOOK": hook} if hook else {})


def dbt_processes(home: Path) -> list[int]:
    """Processes whose command line names this warehouse's dbt target folder."""
    found = []
    for proc in Path("/proc").iterdir():
        if proc.name.isdigit():
            try:
                cmdline = (proc / "cmdline").read_bytes().decode(errors="replace")
            except OSError:
                continue
            if "dbt" in cmdline and str(home) in cmdline:
                found.append(int(proc.name))
    return found


def test_a_killed_run_leaves_no_orphan_and_the_next_run_takes_over(
    webhook: list[dict], warehouse_env: Settings
) -> None:
    write_small_landing(warehouse_env.landing_dir)
    url = warehouse_env.database_url
    assert url is not None
    hook = os.environ["HRWH_ALERT_WEBHOOK"]
    first = subprocess.Popen([HRWH, "run"], env=hrwh_env(warehouse_env, hook))
    wait_for(lambda: sessions(url, "hrwh-run-1-dbt"), what="the first run's dbt")
    assert dbt_processes(warehouse_env.home)
    first.send_signal(signal.SIGKILL)
    first.wait()
    # dbt dies with its parent: nothing of the dead run goes on writing
    wait_for(lambda: not dbt_processes(warehouse_env.home), 30, "dbt to die with its parent")
    wait_for(lambda: not sessions(url, "hrwh-run-1-%"), 30, "the dead run's sessions to end")
    assert run_statuses(url) == ["running"]

    second = subprocess.run(
        [HRWH, "run"], env=hrwh_env(warehouse_env, hook), capture_output=True, text=True
    )
    assert second.returncode == 0, second.stderr
    assert run_statuses(url) == ["abandoned", "published"]
    assert cell(url) == (1, 2)
    assert build_schemas(url) == ["marts_build_2"]
    assert any("run 1 was abandoned" in alert["text"] for alert in webhook)


@pytest.mark.parametrize("problem", ["no landing folder", "no database"])
def test_a_run_that_cannot_even_start_is_alerted(
    problem: str, webhook: list[dict], warehouse_env: Settings
) -> None:
    env = hrwh_env(warehouse_env, os.environ["HRWH_ALERT_WEBHOOK"])
    if problem == "no landing folder":
        env["HRWH_LANDING_DIR"] = str(warehouse_env.landing_dir / "missing")
    else:
        env["HRWH_DATABASE_URL"] = "postgresql://postgres@127.0.0.1:1/hrwh"
    out = subprocess.run([HRWH, "run"], env=env, capture_output=True, text=True)
    assert out.returncode == 2 and "Traceback" not in out.stderr
    assert len(webhook) == 1
    assert "nothing was published" in webhook[0]["text"]
    expected = "does not exist" if problem == "no landing folder" else "Cannot connect"
    assert expected in webhook[0]["text"]


def test_a_killed_airflow_task_ends_its_run_and_alerts(
    webhook: list[dict], warehouse_env: Settings
) -> None:
    """Airflow calls the failure callback for a killed task with no exception of ours."""
    write_small_landing(warehouse_env.landing_dir)
    owner = airflow_owner("hr_warehouse_nightly", "scheduled__x")
    run = pipeline.begin(warehouse_env, owner)
    try:
        pipeline.ingest(warehouse_env, run)
        run.extend_lease(60)
    finally:
        run.release()

    class Ti:
        task_id = "build"
        dag_id = "hr_warehouse_nightly"

    class DagRun:
        dag_id = "hr_warehouse_nightly"
        run_id = "scheduled__x"

    task_failed({"ti": Ti(), "dag_run": DagRun(), "exception": None})
    assert run_statuses(str(warehouse_env.database_url)) == ["failed"]
    assert len(webhook) == 1
    assert "Airflow task build failed" in webhook[0]["text"]
    # the DAG-level callback that follows, and a repeated task callback, alert no more
    task_failed({"dag_run": DagRun(), "exception": None})
    task_failed({"ti": Ti(), "dag_run": DagRun(), "exception": None})
    assert len(webhook) == 1
    # the warehouse is free for the next run at once
    assert pipeline.run_nightly(warehouse_env)[0].startswith("hrwh run 2: marts published")


def test_a_dropped_dbt_connection_is_retried(warehouse_env: Settings) -> None:
    write_small_landing(warehouse_env.landing_dir)
    url = warehouse_env.database_url
    assert url is not None
    run = pipeline.begin(warehouse_env, "cli:test")
    try:
        pipeline.ingest(warehouse_env, run)
        result = []
        with psycopg.connect(url) as blocker:
            # dbt's first statement on the payroll waits on this lock; its session is then
            # ended, as a dropped connection would end it
            blocker.execute("lock table raw.hr_payroll in access exclusive mode")
            thread = threading.Thread(
                target=lambda: result.append(pipeline.build(warehouse_env, run))
            )
            thread.start()
            (pid, _), *_ = wait_for(
                lambda: sessions(url, "hrwh-run-%-dbt", waiting=True),
                what="dbt to wait on the lock",
            )
            blocker.execute("select pg_terminate_backend(%s)", (pid,))
        thread.join(timeout=300)
    finally:
        run.release()
    assert result, "the build failed"
    assert result[0].retries == 1
    assert "retry of dropped connections" in result[0].summary()
