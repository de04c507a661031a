"""What follows a night's publish: scheduled on the marts' Asset, not on the clock.

The nightly DAG's publish task updates the Asset `hrwh_marts` (hrwh.catalog.MARTS_ASSET) once
the gate passed and the marts point at the new build; this DAG runs after each such update,
whenever it happens (a late night, a rerun by hand). It tells the alert channel that the marts
were published, naming the run (the asset event's extra).
"""

from __future__ import annotations

from datetime import timedelta

import pendulum
from airflow.sdk import Asset, dag, get_current_context, task
from hrwh.catalog import MARTS_ASSET


@dag(
    dag_id="hr_warehouse_report",
    description="After each publish of the marts: tell the alert channel",
    schedule=[Asset(MARTS_ASSET)],
    start_date=pendulum.datetime(2026, 1, 1, tz="Europe/Stockholm"),
    catchup=False,
    default_args={"owner": "data-engineering"},
    tags=["hrwh"],
    doc_md=__doc__,
)
def hr_warehouse_report() -> None:
    @task(retries=2, retry_delay=timedelta(minutes=1), execution_timeout=timedelta(minutes=10))
    def marts_published() -> None:
        """Send "marts published, run N" through the project's alert channel."""
        from hrwh.alerts import published_message, send
        from hrwh.settings import Settings

        events = get_current_context()["triggering_asset_events"].get(Asset(MARTS_ASSET), [])
        runs = [event.extra.get("hrwh_run") for event in events if event.extra]
        send(published_message(runs[-1] if runs else None), Settings.from_env())

    marts_published()


hr_warehouse_report()
