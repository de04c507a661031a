"""The dbt project as Airflow tasks (astronomer-cosmos): a task per seed and model, with its tests.

Cosmos's watcher mode runs ONE `dbt build` (the task `dbt_producer_watcher`, one dbt process, as
fast as the single build task it replaces) and gives each seed and model a task of its own that
shows the node's result from that build, so the Airflow grid shows which model failed; cleared or
retried, such a task runs its model (or its tests) alone. The model tasks run after the build
task, not beside it: they only read its results, and so `airflow dags test` (one task at a time)
never waits on a model task that polls for a build that has not started.

The graph comes from dbt's manifest (`dbt/target/manifest.json`, written by `dbt parse` at
`make install` and whenever the dbt project changes, `hrwh dbt-manifest`), never from running dbt
while the scheduler parses the DAG. Without a manifest, `dbt_task_group` returns None and the DAG
falls back to one `build` task (hrwh.pipeline.build, what `hrwh run` runs).

Every task of the group checks, before it starts, that the DAG run's hrwh run still holds the
warehouse (its token, taking the lock for the check: `hrwh.dag_support.step`); the build task also
records the run's build schema, which the build goes into, as `hrwh.pipeline.build` does. Imported
when the scheduler parses the DAG: only cosmos and light hrwh modules at the top.
"""

from __future__ import annotations

import functools
from datetime import timedelta
from pathlib import Path
from typing import Any

from hrwh.settings import DBT_PROJECT_DIR, dbt_executable, quiet_cosmos

quiet_cosmos()  # before cosmos is imported: it reads the setting then

from cosmos import (  # noqa: E402
    DbtTaskGroup,
    ExecutionConfig,
    ExecutionMode,
    InvocationMode,
    LoadMode,
    ProfileConfig,
    ProjectConfig,
    RenderConfig,
    TestBehavior,
)

from hrwh.catalog import BUILD_SCHEMA_PREFIX  # noqa: E402

BUILD_TIMEOUT = timedelta(hours=1)
MODEL_TIMEOUT = timedelta(minutes=20)
MANIFEST = DBT_PROJECT_DIR / "target" / "manifest.json"
GROUP_ID = "dbt"
BUILD_TASK_ID = "dbt_producer_watcher"
"""Cosmos's name for the task that runs `dbt build` (cosmos.constants.PRODUCER_WATCHER_TASK_ID)."""


def dbt_task_group(run_id_from: str, manifest: Path = MANIFEST) -> DbtTaskGroup | None:
    """The dbt project as a task group of the current DAG, or None without a manifest.

    `run_id_from` is the task whose XCom is the hrwh run id; the build goes into that run's
    build schema (dbt var `hrwh_marts_schema`, rendered by Airflow when the task runs).
    """
    if not manifest.is_file():
        return None
    run_id = f"{{{{ ti.xcom_pull(task_ids='{run_id_from}') }}}}"
    return DbtTaskGroup(
        group_id=GROUP_ID,
        project_config=ProjectConfig(
            dbt_project_path=DBT_PROJECT_DIR,
            manifest_path=manifest,
            project_name="hrwh",
            install_dbt_deps=False,  # the project has no dbt packages
        ),
        profile_config=ProfileConfig(
            profile_name="hrwh",
            target_name="default",
            profiles_yml_filepath=DBT_PROJECT_DIR / "profiles.yml",
        ),
        execution_config=ExecutionConfig(
            execution_mode=ExecutionMode.WATCHER,
            # dbt in a child process, as hrwh.transform runs it: its state never stays behind
            invocation_mode=InvocationMode.SUBPROCESS,
            dbt_executable_path=dbt_executable(),
            setup_operator_args={
                # A retried build task only skips (cosmos): the model tasks retry their models.
                "retries": 0,
                "execution_timeout": BUILD_TIMEOUT,
                "pre_execute": functools.partial(build_started, run_id_from),
                "post_execute": functools.partial(build_finished, run_id_from),
                # A failed model fails its own task, which ends the run and alerts, naming it.
                "on_failure_callback": build_failed,
            },
        ),
        render_config=RenderConfig(
            load_method=LoadMode.DBT_MANIFEST,
            test_behavior=TestBehavior.AFTER_EACH,
            emit_datasets=False,
        ),
        operator_args={
            "vars": {"hrwh_marts_schema": BUILD_SCHEMA_PREFIX + run_id},
            "pre_execute": functools.partial(model_task_started, run_id_from),
            # The results are there once the build task ended: read at once, never deferred.
            "deferrable": False,
            "poke_interval": 2,
            # a retried model's task runs its model alone; the sensor's own limit likewise
            "execution_timeout": MODEL_TIMEOUT,
            "timeout": MODEL_TIMEOUT.total_seconds(),
        },
    )


def after_build(group: DbtTaskGroup) -> None:
    """Make the model tasks wait for the build task (see the module's docstring); a model task
    still runs when the build failed, to show its own model's result."""
    build = group.children[f"{GROUP_ID}.{BUILD_TASK_ID}"]
    for task in group.get_roots():
        if task is not build and task.task_id != f"{GROUP_ID}.{BUILD_TASK_ID}_done":
            build >> task
            task.trigger_rule = "all_done_min_one_success"


def build_started(run_id_from: str, context: dict[str, Any]) -> None:
    """Before `dbt build`: the run still holds the warehouse; record its build schema."""
    from hrwh.dag_support import dbt_task_started

    dbt_task_started(context, run_id_from, build=True)


def build_finished(run_id_from: str, context: dict[str, Any], result: Any = None) -> None:
    """After `dbt build` passed: the run still holds the warehouse; the run's summary says so."""
    from hrwh.dag_support import dbt_build_finished

    dbt_build_finished(context, run_id_from)


def model_task_started(run_id_from: str, context: dict[str, Any]) -> None:
    """Before a model's task: the run still holds the warehouse (it may run dbt on a retry)."""
    from hrwh.dag_support import dbt_task_started

    dbt_task_started(context, run_id_from, build=False)


def build_failed(context: dict[str, Any]) -> None:
    """The build task failed: the model tasks show which model and alert; only logged here."""
    from hrwh.dag_support import dbt_build_failed

    dbt_build_failed(context)
