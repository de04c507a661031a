"""The Airflow DAG: it imports cleanly and cheaply, and one run publishes the marts."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import psycopg
import pytest
from hrwh.settings import PROJECT_ROOT, Settings
from scenario import write_small_landing

DAG_ID = "hr_warehouse_nightly"


@pytest.fixture(scope="module", autouse=True)
def airflow_db() -> None:
    """Airflow's own metadata database (SQLite under AIRFLOW_HOME), migrated once."""
    airflow = Path(sys.executable).with_name("airflow")
    subprocess.run([str(airflow), "db", "migrate"], check=True, capture_output=True)


def load_dag():
    from airflow.dag_processing.dagbag import DagBag

    bag = DagBag(dag_folder=str(PROJECT_ROOT / "dags"))
    assert bag.import_errors == {}
    return bag.get_dag(DAG_ID)


def test_dag_imports_without_errors_and_is_scheduled_nightly() -> None:
    dag = load_dag()
    assert dag is not None
    assert dag.timetable.expression == "0 2 * * *"
    assert str(dag.timetable.timezone.name) == "Europe/Stockholm"
    assert dag.catchup is False
    assert [t.task_id for t in dag.topological_sort()] == ["ingest", "build", "audit", "publish"]
    for task in dag.tasks:
        # a failed quality gate is deterministic: retrying the audit would only repeat it
        assert task.retries == (0 if task.task_id == "audit" else 2), task.task_id
        assert task.retry_exponential_backoff
        assert task.on_failure_callback, task.task_id


def test_dag_module_does_no_heavy_imports() -> None:
    code = (
        "import sys; sys.path.insert(0, 'dags'); import hr_warehouse_nightly; "
        "heavy = [m for m in ('hrwh.pipeline', 'psycopg', 'pandas', 'dbt') if m in sys.modules]; "
        "print(heavy)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=PROJECT_ROOT, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip().splitlines()[-1] == "[]"


def test_one_dag_run_publishes_the_marts(warehouse_env: Settings) -> None:
    write_small_landing(warehouse_env.landing_dir)
    dag = load_dag()
    for task in dag.tasks:
        task.retries = 0  # a failure must fail the test, not wait out the nightly backoff
    run = dag.test()
    assert run.state == "success"
    with psycopg.connect(warehouse_env.database_url) as conn:
        status = conn.execute("select status from raw.run_log").fetchall()
        cell = conn.execute(
            "select exits, headcount from marts.rpt_turnover_yearly where year = 2013 "
            "and administration = 'Bromma' and occupation_group = 'Socialsekreterare' "
            "and exit_reason_group = 'Alla avgångsorsaker'"
        ).fetchone()
    assert status == [("published",)]
    assert cell == (1, 2)


def test_a_dag_run_with_nothing_new_skips_build_audit_and_publish(warehouse_env: Settings) -> None:
    from hrwh.pipeline import run_nightly

    write_small_landing(warehouse_env.landing_dir)
    run_nightly(warehouse_env)
    dag = load_dag()
    for task in dag.tasks:
        task.retries = 0
    run = dag.test()
    states = {ti.task_id: ti.state for ti in run.get_task_instances()}
    with psycopg.connect(warehouse_env.database_url) as conn:
        status = conn.execute("select status from raw.run_log order by run_id").fetchall()
    assert status == [("published",), ("unchanged",)]
    assert states == {
        "ingest": "success",
        "build": "skipped",
        "audit": "skipped",
        "publish": "skipped",
    }, states
