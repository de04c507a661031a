"""Airflow's real services (scheduler, dag-processor, api-server; LocalExecutor or Celery) over
a warehouse holding the small scenario, for the tests that run the nightly DAG under them."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import psycopg
import pytest
from conftest import _new_database, configure, webhook_receiver
from hrwh.airflow_local import Celery, LocalAirflow, local_airflow, wait_for
from hrwh.settings import Settings
from scenario import write_small_landing

DAG_ID = "hr_warehouse_nightly"
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
