"""Nightly build of the social-services workforce warehouse.

Thin on purpose: each task calls one step of `hrwh.pipeline`, the same functions `hrwh run` uses,
and imports it inside the task so that parsing this file stays cheap for the scheduler. The tasks
pass only the run id; the run's token in `raw.run_log` keeps the warehouse to this DAG run from
ingest to publish, and every failure, a killed task's included, is alerted.
"""

from __future__ import annotations

from datetime import timedelta

import pendulum
from airflow.sdk import dag, get_current_context, task

DAG_ID = "hr_warehouse_nightly"


def task_failed(context: dict) -> None:
    """Failure callback of every task and of the DAG run: end the hrwh run and alert, unless
    the step already did (a killed or timed-out task never reaches the step's own alert)."""
    from hrwh.dag_support import task_failed as handle

    handle(context)


DEFAULT_ARGS = {
    "owner": "data-engineering",
    "retries": 2,
    "retry_delay": timedelta(minutes=5),
    "retry_exponential_backoff": True,
    "max_retry_delay": timedelta(minutes=30),
    "on_failure_callback": task_failed,
}


def _owner() -> str:
    from hrwh.runs import airflow_owner

    return airflow_owner(DAG_ID, get_current_context()["run_id"])


@dag(
    dag_id=DAG_ID,
    description="Landing files → raw → dbt build → quality gate → published marts",
    schedule="0 2 * * *",
    start_date=pendulum.datetime(2026, 1, 1, tz="Europe/Stockholm"),
    catchup=False,
    max_active_runs=1,
    default_args=DEFAULT_ARGS,
    on_failure_callback=task_failed,
    tags=["hrwh", "nightly"],
    doc_md=__doc__,
)
def hr_warehouse_nightly() -> None:
    # A night with nothing new returns no run id: build, audit and publish are then skipped.
    @task.short_circuit
    def ingest() -> int | None:
        """Start the run and load new and re-delivered landing files into raw; the run id, or
        None when nothing changed since the last published run (the run ends `unchanged`)."""
        from hrwh import pipeline
        from hrwh.settings import Settings

        settings = Settings.from_env()
        run = pipeline.begin(settings, _owner())
        try:
            pipeline.ingest(settings, run)
            if pipeline.skip_if_unchanged(settings, run):
                print("\n".join(pipeline.run_summary(run)))
                return None
            run.extend_lease(settings.run_lease_minutes)
            return run.run_id
        finally:
            run.release()

    @task
    def build(hrwh_run: int) -> int:
        """Run dbt build into the run's build schema: seeds, models and their tests."""
        from hrwh import pipeline
        from hrwh.dag_support import step

        with step(hrwh_run) as (settings, run):
            pipeline.build(settings, run)
        return hrwh_run

    # A failed gate is deterministic: retrying would only repeat the failure and the alert.
    @task(retries=0)
    def audit(hrwh_run: int) -> int:
        """Quality gate (Great Expectations) on raw and on the run's build."""
        from hrwh import pipeline
        from hrwh.dag_support import step

        with step(hrwh_run) as (settings, run):
            pipeline.audit(settings, run)
        return hrwh_run

    @task
    def publish(hrwh_run: int) -> None:
        """Publish the audited build as `marts`, record the run and log its summary."""
        from hrwh import pipeline
        from hrwh.dag_support import step

        with step(hrwh_run) as (settings, run):
            pipeline.publish(settings, run)
            print("\n".join(pipeline.run_summary(run)))

    publish(audit(build(ingest())))


hr_warehouse_nightly()
