"""The night's deadline: when the marts are not published by the morning, people hear of it.

A failed run alerts at once; this catches what a failure alert cannot: a run that hangs or waits
for a worker that never comes. Airflow's DeadlineAlert (hr_warehouse_nightly)
calls `publish_missed` when the DAG run has not succeeded by its deadline. Imported by the
scheduler when it parses the DAG: nothing heavy at the top.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

STOCKHOLM = ZoneInfo("Europe/Stockholm")


def publish_missed(context: dict[str, Any] | None = None, **_: Any) -> None:
    """Alert through the project's channels that the night's marts were not published in time.

    `context` is what Airflow passes a deadline callback: the DAG run and the deadline.
    """
    from hrwh.alerts import Alert, send
    from hrwh.settings import Settings

    context = context or {}
    dag_run = context.get("dag_run") or {}
    deadline = context.get("deadline") or {}
    when = deadline.get("deadline_time")
    if isinstance(when, str):
        when = datetime.fromisoformat(when)
    by = f"{when.astimezone(STOCKHOLM):%H:%M} (Europe/Stockholm)" if when else "its deadline"
    run = dag_run.get("dag_run_id") or dag_run.get("run_id") or "?"
    send(
        Alert(
            f"[hrwh] the marts were not published by {by}",
            [
                f"DAG {dag_run.get('dag_id', '?')}, run {run}, is {dag_run.get('state', '?')}: "
                "the night's run has not published the marts yet.",
                "",
                "BI and HR read the marts of the last good run. Look at the DAG run in Airflow: "
                "a task still running or queued (is a worker up?), or a failure already alerted.",
            ],
        ),
        Settings.from_env(),
    )
