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
from dataclasses import dataclass
from pathlib import Path

import psutil
import psycopg
import pytest
from conftest import _new_database, configure, webhook_receiver
from hrwh.airflow_local import FINISHED, Celery, LocalAirflow, local_airflow, wait_for
from hrwh.settings import Settings
from scenario import write_next_month, write_small_landing

DAG_ID = "hr_warehouse_nightly"
KILLED_TASK = "audit"
REDIS = ("127.0.0.1", 6379)
# A Redis database of its own, apart from what else uses the machine's Redis (db 0).
CELERY = Celery(broker_url=f"redis://{REDIS[0]}:{REDIS[1]}/13", workers=1)
# Generous: a shared, loaded machine has taken minutes for a run that takes one when idle.
RUN_SECONDS = 600


@dataclass
class Scheduled:
    """Airflow's services and the warehouse (with its alert receiver) their DAG runs on."""

    airflow: LocalAirflow
    settings: Settings
    alerts: list[dict]

    def run(self) -> tuple[str, str]:
        """Trigger the DAG and wait for the run; its run id and final state."""
        run_id = self.airflow.api.trigger(DAG_ID)
        return run_id, self.airflow.api.wait_for_run(DAG_ID, run_id, RUN_SECONDS)

    def explain(self, run_id: str) -> str:
        """What a failing assertion shows: the run's task states and the scheduler's log."""
        tis = self.airflow.api.call(
            "GET", f"{self.airflow.api.run_path(DAG_ID, run_id)}/taskInstances"
        )
        states = {ti["task_id"]: ti["state"] for ti in tis["task_instances"]}
        return f"tasks: {states}\nscheduler log:\n{self.airflow.log('scheduler')[-2000:]}"

    def statuses(self) -> list[str]:
        with psycopg.connect(str(self.settings.database_url)) as conn:
            rows = conn.execute("select status from raw.run_log order by run_id").fetchall()
        return [status for (status,) in rows]


def scheduled(server_url: str, tmp_path: Path, celery: Celery | None = None) -> Iterator[Scheduled]:
    """A fresh warehouse holding the small scenario, alerts to a receiver of the test's own,
    and Airflow's services on a fresh metadata database, the DAG parsed and unpaused."""
    for warehouse in _new_database(server_url):
        for metadata in _new_database(server_url):
            with pytest.MonkeyPatch.context() as env, webhook_receiver() as (hook, alerts):
                settings = configure(env, tmp_path, warehouse)
                env.setenv("HRWH_ALERT_WEBHOOK", hook)
                write_small_landing(settings.landing_dir)
                home = tmp_path / "airflow"
                with local_airflow(home, metadata, celery=celery, schedule=False) as airflow:
                    wait_for(
                        "the DAG parsed",
                        lambda: airflow.api.answers(f"/api/v2/dags/{DAG_ID}"),
                        seconds=120,
                    )
                    airflow.api.unpause(DAG_ID)
                    yield Scheduled(airflow, Settings.from_env(), alerts)


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


def redis_answers() -> str | None:
    """None when the Redis the Celery test uses as broker answers, else why not."""
    import redis

    try:
        redis.Redis(*REDIS, socket_connect_timeout=3).ping()
    except redis.RedisError as exc:
        return f"Redis at {REDIS[0]}:{REDIS[1]} does not answer ({exc}): no broker for Celery"
    return None


@pytest.fixture
def on_celery(server_url: str, tmp_path: Path) -> Iterator[Scheduled]:
    """The CeleryExecutor with one `airflow celery worker`, Redis as its broker."""
    reason = redis_answers()
    if reason:
        pytest.skip(reason)
    yield from scheduled(server_url, tmp_path, CELERY)


def test_the_dag_runs_on_a_celery_worker(on_celery: Scheduled) -> None:
    assert on_celery.airflow.env["AIRFLOW__CORE__EXECUTOR"] == "CeleryExecutor"
    run_id, state = on_celery.run()
    assert state == "success", on_celery.explain(run_id)
    assert on_celery.statuses() == ["published"]
    # Every task instance of the run went through the worker (it logs each workload it takes).
    api = on_celery.airflow.api
    tis = api.call("GET", f"{api.run_path(DAG_ID, run_id)}/taskInstances")["task_instances"]
    taken = [
        line
        for line in on_celery.airflow.log("celery-worker-0").splitlines()
        if "Executing workload in Celery" in line
    ]
    # (the scheduler marks an EmptyOperator, such as cosmos's `..._done`, done by itself)
    ran = [ti for ti in tis if ti["operator"] != "EmptyOperator"]
    assert ran
    for ti in ran:
        assert any(ti["id"] in line for line in taken), ti["task_id"]
