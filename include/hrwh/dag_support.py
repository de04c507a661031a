"""What the Airflow DAG needs beyond the pipeline's steps: a step's run, and the failure callback.

Kept here, not in the DAG file, so that the DAG stays thin and cheap to parse.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from hrwh.alerts import Alert, send
from hrwh.database import resolve_database_url
from hrwh.runs import Run, airflow_owner, application_name, end_run_of_owner, step_of
from hrwh.settings import Settings


@contextmanager
def step(run_id: int) -> Iterator[tuple[Settings, Run]]:
    """A later task of the DAG run: the settings and the run, with its lock for the task."""
    settings = Settings.from_env()
    with step_of(resolve_database_url(settings), run_id, settings.run_lease_minutes) as run:
        yield settings, run


def dbt_task_started(context: dict[str, Any], run_id_from: str, *, build: bool) -> None:
    """Before a task of the dbt task group (hrwh.dbt_tasks): dbt gets the profile's connection
    from HRWH_DATABASE_URL, named for the run so that a later run can end its sessions.

    The build task, and a model's task retried or cleared (it then runs its model alone), first
    check that the run still holds the warehouse (its token, under the lock) and record the run's
    build schema and how the incremental models are built (`pipeline.start_build`: the same on
    a retry): dbt gets the vars and `--full-refresh` flag of that plan, as `hrwh run` does. A
    model's first try only reads the build's result, so it shows its model's outcome even once
    another model ended the run.
    """
    from hrwh.pipeline import build_vars, start_build
    from hrwh.transform import profile_environment

    run_id = int(context["ti"].xcom_pull(task_ids=run_id_from))
    settings = Settings.from_env()
    url = resolve_database_url(settings)
    task = context["task"]
    if build or context["ti"].try_number > 1:
        with step(run_id) as (_, run):
            plan = start_build(settings, run)
        task.vars = {**(task.vars or {}), **build_vars(run_id, plan)}
        task.full_refresh = plan.full_refresh is not None
    task.env = {**(task.env or {}), **profile_environment(url, application_name(run_id, "dbt"))}


def dbt_build_finished(context: dict[str, Any], run_id_from: str) -> None:
    """After the build task's `dbt build` passed: the run's token is still its own (else the
    task fails and nothing is audited), and the run's summary names where the build's details
    are (each model's task in the Airflow grid)."""
    with step(int(context["ti"].xcom_pull(task_ids=run_id_from))) as (_, run):
        task_id = context["ti"].task_id
        run.record(build=f"build passed (Airflow task {task_id}, a task per model beside it)")


def dbt_build_failed(context: dict[str, Any]) -> None:
    """The build task's failure callback: the run goes on, so that the model tasks show (and
    alert) which model failed and a failed model can be retried alone; should no model task fail,
    the DAG run's failure callback ends the run and alerts."""
    exception = context.get("exception")
    print(f"dbt build failed ({type(exception).__name__}): see the model tasks", file=sys.stderr)


def task_failed(context: dict[str, Any]) -> None:
    """Failure callback of every task and of the DAG run: end the DAG run's hrwh run as failed
    and alert, unless that was done already.

    A step that fails ends its run and alerts itself; a task killed by a signal, a timeout or a
    lost worker never reaches that code, and Airflow calls this instead (for a killed task
    process only the DAG-level callback is called, and the task-level one may be called twice):
    the alert goes out only when this call is the one that ended a running run.
    """
    exception = context.get("exception")
    if exception is not None and getattr(exception, "hrwh_alerted", False):
        return
    ti = context.get("task_instance") or context.get("ti")
    dag_run = context.get("dag_run")
    task_id = getattr(ti, "task_id", None)
    dag_id = getattr(dag_run, "dag_id", None) or getattr(ti, "dag_id", "?")
    dag_run_id = getattr(dag_run, "run_id", None) or context.get("run_id", "?")
    where = f"Airflow task {task_id}" if task_id else f"Airflow DAG run {dag_run_id}"
    what = (
        f"{type(exception).__name__}: {str(exception).strip().splitlines()[0]}"
        if exception is not None and str(exception).strip()
        else "the task was killed, timed out or failed outside the step's own code"
    )
    settings = Settings.from_env()
    try:
        run_id = end_run_of_owner(
            resolve_database_url(settings),
            airflow_owner(str(dag_id), str(dag_run_id)),
            f"{where} failed: {what}",
        )
    except Exception as exc:  # the alert must go out even when the database is what failed
        run_id = None
        what += f" (the run could not be marked failed: {type(exc).__name__})"
    else:
        if run_id is None:
            return  # no run of this DAG run was still running: its failure was handled
    run = f"run {run_id}" if run_id is not None else f"DAG run {dag_run_id}"
    send(
        Alert(
            f"[hrwh] {run}: {where} failed, nothing was published",
            [
                what,
                "",
                f"DAG {dag_id}, run {dag_run_id}"
                + (f", task {task_id}" if task_id else "")
                + ": see the task's log in Airflow.",
                "The marts BI and HR read are still those of the last good run.",
            ],
        ),
        settings,
    )
