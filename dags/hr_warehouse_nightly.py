"""Nightly build of the social-services workforce warehouse.

Thin on purpose: each task calls one step of `hrwh.pipeline`, the same functions `hrwh run` uses,
and imports it inside the task so that parsing this file stays cheap for the scheduler.
"""

from __future__ import annotations

from datetime import timedelta

import pendulum
from airflow.sdk import dag, task

DEFAULT_ARGS = {
    "owner": "data-engineering",
    "retries": 2,
    "retry_delay": timedelta(minutes=5),
    "retry_exponential_backoff": True,
    "max_retry_delay": timedelta(minutes=30),
}


@dag(
    dag_id="hr_warehouse_nightly",
    description="Landing files → raw → dbt build → quality gate → published marts",
    schedule="0 2 * * *",
    start_date=pendulum.datetime(2026, 1, 1, tz="Europe/Stockholm"),
    catchup=False,
    max_active_runs=1,
    default_args=DEFAULT_ARGS,
    tags=["hrwh", "nightly"],
    doc_md=__doc__,
)
def hr_warehouse_nightly() -> None:
    @task
    def ingest() -> dict:
        """Load new and re-delivered landing files into raw (COPY, one transaction a file)."""
        from dataclasses import asdict

        from hrwh.pipeline import ingest as ingest_step
        from hrwh.settings import Settings

        return asdict(ingest_step(Settings.from_env()))

    @task
    def build(ingested: dict) -> dict:
        """Run dbt build: seeds, staging, intermediate and marts with their tests."""
        from hrwh.pipeline import IngestResult
        from hrwh.pipeline import build as build_step
        from hrwh.settings import Settings

        detail = build_step(Settings.from_env(), IngestResult(**ingested))
        return {"ingested": ingested, "detail": detail}

    @task
    def audit(built: dict) -> dict:
        """Quality gate (Great Expectations) on raw and on the built marts."""
        from hrwh.pipeline import IngestResult
        from hrwh.pipeline import audit as audit_step
        from hrwh.settings import Settings

        checked = audit_step(Settings.from_env(), IngestResult(**built["ingested"]))
        return {**built, "detail": f"{built['detail']}; {checked}"}

    @task
    def publish(audited: dict) -> None:
        """Swap the checked build in as `marts`, record the run and log its summary."""
        from hrwh.pipeline import IngestResult, summary_lines
        from hrwh.pipeline import publish as publish_step
        from hrwh.settings import Settings

        result = IngestResult(**audited["ingested"])
        publish_step(Settings.from_env(), result, audited["detail"])
        print("\n".join(summary_lines(result, audited["detail"])))

    publish(audit(build(ingest())))


hr_warehouse_nightly()
