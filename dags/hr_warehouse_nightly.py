"""Nightly build of the social-services workforce warehouse.

Thin on purpose: each task calls one step of `hrwh.pipeline`, the same functions `hrwh run` uses,
and imports it inside the task so that parsing this file stays cheap for the scheduler. The tasks
pass only the run id; the run's token in `raw.run_log` keeps the warehouse to this DAG run from
ingest to publish, and every failure, a killed task's included, is alerted.
"""

from __future__ import annotations

import sys
from datetime import timedelta

import pendulum
from airflow.sdk import Asset, dag, get_current_context, task
from airflow.sdk.definitions.callback import SyncCallback
from airflow.sdk.definitions.deadline import DeadlineAlert, DeadlineReference
from hrwh.catalog import MARTS_ASSET
from hrwh.dbt_tasks import after_build, dbt_task_group

DAG_ID = "hr_warehouse_nightly"
MARTS = Asset(MARTS_ASSET)
"""Updated by publish (its event carries the run id): what reads the marts is scheduled on it."""


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
    # Every task ends: a hung one fails (and alerts) rather than hold the night. Sized for the
    # whole city's history; the steps below set their own.
    "execution_timeout": timedelta(minutes=30),
}

# The night's marts are published by 06:00 Europe/Stockholm: the 02:00 run's logical date plus
# four hours, else `hrwh.deadline.publish_missed` alerts (a hung or stuck run included).
PUBLISHED_BY = DeadlineAlert(
    reference=DeadlineReference.DAGRUN_LOGICAL_DATE,
    interval=timedelta(hours=4),
    callback=SyncCallback("hrwh.deadline.publish_missed"),
    name="marts published by 06:00",
)


def _deadline() -> DeadlineAlert | None:
    """The deadline, except under `airflow dags test` (`make run`): Airflow 3.3.2's `dag.test`
    fails a run with a deadline when it succeeds (its copy of the DAG keeps the deadline encoded
    where the success path looks up the ids the dag processor stores). The scheduler and the
    dag processor always get it; tests/test_dag.py checks it."""
    return None if sys.argv[1:3] == ["dags", "test"] else PUBLISHED_BY


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
    deadline=_deadline(),
    tags=["hrwh", "nightly"],
    doc_md=__doc__,
)
def hr_warehouse_nightly() -> None:
    # A night with nothing new returns no run id: the dbt tasks, audit, publish
    # and report are then skipped.
    @task.short_circuit(execution_timeout=timedelta(hours=1))
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

    @task(execution_timeout=timedelta(hours=1))
    def build(hrwh_run: int) -> int:
        """Run dbt build into the run's build schema: seeds, models and their tests."""
        from hrwh import pipeline
        from hrwh.dag_support import step

        with step(hrwh_run) as (settings, run):
            pipeline.build(settings, run)
        return hrwh_run

    # A failed gate is deterministic: retrying would only repeat the failure and the alert.
    @task(retries=0, execution_timeout=timedelta(minutes=30))
    def audit(hrwh_run: int) -> int:
        """Quality gate (Great Expectations) on raw and on the run's build."""
        from hrwh import pipeline
        from hrwh.dag_support import step

        with step(hrwh_run) as (settings, run):
            print(pipeline.audit(settings, run))
        return hrwh_run

    @task(execution_timeout=timedelta(minutes=15), outlets=[MARTS])
    def publish(hrwh_run: int) -> int:
        """Publish the audited build as `marts`, record the run and log its summary; the
        asset's event tells the DAGs that read the marts (hr_warehouse_report)."""
        from hrwh import pipeline
        from hrwh.dag_support import step

        with step(hrwh_run) as (settings, run):
            pipeline.publish(settings, run)
            print("\n".join(pipeline.run_summary(run)))
        get_current_context()["outlet_events"][MARTS].extra = {"hrwh_run": hrwh_run}
        return hrwh_run

    # The marts are published by now: a failed report is alerted by the step itself and
    # retrying would alert again, so the task just fails (red) and leaves the publish alone.
    @task(retries=0, execution_timeout=timedelta(minutes=10))
    def report(hrwh_run: int) -> None:
        """Write the follow-up report (HTML and PDF) from the published marts."""
        from hrwh import pipeline
        from hrwh.settings import Settings

        written = pipeline.write_report(Settings.from_env(), hrwh_run)
        if not written:
            raise RuntimeError(f"run {hrwh_run}: the follow-up report was not written (alerted)")
        print(f"  report: {', '.join(str(path) for path in written)}")

    hrwh_run = ingest()
    dbt = dbt_task_group(run_id_from="ingest")
    if dbt is None:  # no dbt manifest: the whole build as one task (see the DAG's docs)
        checked = audit(build(hrwh_run))
    else:
        hrwh_run >> dbt
        after_build(dbt)
        checked = audit(hrwh_run)
        dbt >> checked
    report(publish(checked))


hr_warehouse_nightly()
