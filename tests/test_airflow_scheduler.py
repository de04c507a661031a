"""The nightly DAG under Airflow's real services: scheduler, dag-processor and api-server, with
the metadata in PostgreSQL, unpaused and triggered through the REST API.

A small scenario keeps the runs short. The tests wait for the DAG run's state and name no task
but the one they kill, so they hold whatever the DAG's tasks are. The killed task is the audit:
it has no retries, so its death fails the DAG run at once (a task with retries would wait out
its retry delay), and it can be held mid-run from outside by locking a published mart that the
gate compares its build with.
"""

from __future__ import annotations

import os
import signal
from collections.abc import Iterator

import psutil
import psycopg
import pytest
from airflow_services import DAG_ID, RUN_SECONDS, Scheduled, scheduled
from hrwh.airflow_local import FINISHED, wait_for
from scenario import write_next_month

KILLED_TASK = "audit"


@pytest.fixture(scope="module")
def local(server_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Scheduled]:
    """The LocalExecutor, with as many worker processes as the machine has CPUs."""
    yield from scheduled(server_url, tmp_path_factory.mktemp("local"))


@pytest.fixture(scope="module")
def first_run(local: Scheduled) -> tuple[str, str]:
    """The first run of the DAG under the scheduler: its run id and final state."""
    return local.run()


def test_the_scheduler_runs_the_dag_to_success(
    local: Scheduled, first_run: tuple[str, str]
) -> None:
    run_id, state = first_run
    assert state == "success", local.explain(run_id)
    # Unpausing started no run of its own: the one triggered is the only one.
    assert [run["dag_run_id"] for run in local.airflow.api.runs(DAG_ID)] == [run_id]
    assert local.airflow.env["AIRFLOW__CORE__PARALLELISM"] == str(os.cpu_count())
    assert local.statuses() == ["published"]
    with psycopg.connect(str(local.settings.database_url)) as conn:
        cell = conn.execute(
            "select exits, headcount from marts.rpt_turnover_yearly where year = 2013 "
            "and administration = 'Bromma' and occupation_group = 'Socialsekreterare' "
            "and exit_reason_group = 'Alla avgångsorsaker'"
        ).fetchone()
    assert cell == (1, 2)
    assert local.alerts == []


def task_process(ti_id: str) -> psutil.Process:
    """The process running a task instance's code, which names itself after the instance (its
    parent, the supervisor that reports the task's end to Airflow, is `airflow supervisor: …`)."""
    title = f"airflow worker -- {ti_id}"
    for process in psutil.process_iter(["cmdline"]):
        if " ".join(process.info["cmdline"] or []).strip() == title:
            return process
    raise LookupError(f"no process runs task instance {ti_id}")


def test_a_task_killed_mid_run_fails_the_run_and_alerts(
    local: Scheduled, first_run: tuple[str, str]
) -> None:
    assert first_run[1] == "success", "the killed run needs the published marts of the first"
    api = local.airflow.api
    url = str(local.settings.database_url)
    write_next_month(local.settings.landing_dir)  # a night with nothing new would not build
    # The lock is held in a transaction, whose view of pg_stat_activity stays as it was at its
    # start: another connection watches.
    with psycopg.connect(url) as holder, psycopg.connect(url, autocommit=True) as watcher:
        holder.execute("lock table marts.rpt_turnover_yearly in access exclusive mode")
        run_id = api.trigger(DAG_ID)

        def audit_waits_on_the_lock() -> bool:
            assert api.run_state(DAG_ID, run_id) not in FINISHED, local.explain(run_id)
            state = api.task_instance(DAG_ID, run_id, KILLED_TASK)["state"]
            (waiting,) = watcher.execute(
                "select count(*) from pg_stat_activity where datname = current_database() "
                "and wait_event_type = 'Lock'"
            ).fetchone()
            return state == "running" and waiting > 0

        wait_for("the audit held by the lock", audit_waits_on_the_lock, RUN_SECONDS)
        ti = api.task_instance(DAG_ID, run_id, KILLED_TASK)
        task_process(ti["id"]).send_signal(signal.SIGKILL)
        holder.rollback()
    state = api.wait_for_run(DAG_ID, run_id, RUN_SECONDS)
    assert state == "failed", local.explain(run_id)
    assert api.task_instance(DAG_ID, run_id, KILLED_TASK)["state"] == "failed"
    # The DAG-level failure callback runs in the dag-processor, after the run has failed.
    wait_for("the alert", lambda: len(local.alerts) > 0, seconds=120)
    [alert] = local.alerts
    assert "nothing was published" in alert["subject"]
    assert run_id in alert["text"]
    assert local.statuses() == ["published", "failed"]
