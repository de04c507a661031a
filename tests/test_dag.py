"""The Airflow DAG: it imports cleanly and cheaply, and one run publishes the marts."""

from __future__ import annotations

import importlib
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pendulum
import psycopg
import pytest
from hrwh.dbt_tasks import MANIFEST
from hrwh.settings import PROJECT_ROOT, Settings
from hrwh.transform import write_manifest
from scenario import write_small_landing

DAG_ID = "hr_warehouse_nightly"
REPORT_DAG_ID = "hr_warehouse_report"


@pytest.fixture(scope="module", autouse=True)
def airflow_db() -> None:
    """Airflow's own metadata database (SQLite under AIRFLOW_HOME), migrated once, and the dbt
    manifest the DAG renders its dbt tasks from."""
    airflow = Path(sys.executable).with_name("airflow")
    subprocess.run([str(airflow), "db", "migrate"], check=True, capture_output=True)
    if not MANIFEST.is_file():  # make test parses it first; a bare pytest on a fresh clone not
        write_manifest()


def load_dag(dag_id: str = DAG_ID):
    from airflow.dag_processing.dagbag import DagBag

    bag = DagBag(dag_folder=str(PROJECT_ROOT / "dags"))
    assert bag.import_errors == {}
    return bag.dags[dag_id]


def run_in_process(dag):
    """`dag.test()` as `airflow dags test` runs the DAG: without its deadline, which Airflow
    3.3.2's in-process run cannot finish a successful run with (see _deadline in the DAG)."""
    dag.deadline = None
    return dag.test()


def marts_asset_events() -> list[dict]:
    """The extras of the events of the asset `hrwh_marts`, oldest first."""
    from airflow.models.asset import AssetEvent, AssetModel
    from airflow.utils.session import create_session
    from sqlalchemy import select

    with create_session() as session:
        query = (
            select(AssetEvent.extra)
            .join(AssetModel, AssetModel.id == AssetEvent.asset_id)
            .where(AssetModel.name == "hrwh_marts")
            .order_by(AssetEvent.id)
        )
        return list(session.scalars(query))


def dbt_nodes() -> set[str]:
    """The project's models and seeds, from its files (not from the manifest the DAG reads)."""
    dbt = PROJECT_ROOT / "dbt"
    return {p.stem for p in (dbt / "models").rglob("*.sql")} | {
        p.stem for p in (dbt / "seeds").glob("*.csv")
    }


def test_dag_imports_without_errors_and_is_scheduled_nightly() -> None:
    dag = load_dag()
    assert dag is not None
    assert dag.timetable.expression == "0 2 * * *"
    assert str(dag.timetable.timezone.name) == "Europe/Stockholm"
    assert dag.catchup is False
    order = [t.task_id for t in dag.topological_sort()]
    assert order[:2] == ["ingest", "dbt.dbt_producer_watcher"]
    assert order[-3:] == ["audit", "publish", "report"]
    for task in dag.tasks:
        # a failed quality gate is deterministic: retrying the audit would only repeat it; a
        # retried dbt build task only skips (cosmos): the model tasks retry their own models; a
        # failed report alerts itself, and retrying would alert again
        once = task.task_id in ("audit", "dbt.dbt_producer_watcher", "report")
        assert task.retries == (0 if once else 2), task.task_id
        assert task.on_failure_callback, task.task_id
        # a hung task fails, and so alerts, within its limit
        assert timedelta(0) < task.execution_timeout <= timedelta(hours=1), task.task_id


def test_a_night_not_published_by_six_alerts_through_the_alert_channel(
    webhook: list[dict], warehouse_env: Settings
) -> None:
    from airflow.sdk.definitions.deadline import DeadlineReference

    dag = load_dag()
    (alert,) = dag.deadline
    assert alert.reference == DeadlineReference.DAGRUN_LOGICAL_DATE
    night = pendulum.datetime(2026, 3, 3, 2, 0, tz="Europe/Stockholm")  # the 02:00 run
    assert (night + alert.interval).strftime("%H:%M") == "06:00"
    module, _, name = alert.callback.path.rpartition(".")
    callback = getattr(importlib.import_module(module), name)
    deadline = (night + alert.interval).in_timezone("UTC").isoformat()
    run = {"dag_id": DAG_ID, "dag_run_id": "scheduled__2026-03-03", "state": "running"}
    callback(context={"dag_run": run, "deadline": {"deadline_time": deadline}})
    (body,) = webhook
    assert "not published by 06:00" in body["subject"]
    assert "scheduled__2026-03-03" in body["text"]


def test_what_reads_the_marts_is_scheduled_on_the_asset_publish_updates() -> None:
    publish = load_dag().get_task("publish")
    report = load_dag(REPORT_DAG_ID)
    assert [asset.name for asset in publish.outlets] == ["hrwh_marts"]
    assert [asset.name for asset in report.timetable.asset_condition.objects] == ["hrwh_marts"]


def test_the_dag_has_a_task_per_dbt_model_and_seed_before_the_gate() -> None:
    dag = load_dag()
    ids = set(dag.task_ids)
    for node in dbt_nodes():
        assert f"dbt.{node}.run" in ids or f"dbt.{node}.seed" in ids, node
    # a model's tests run in a task of their own after the model's
    assert dag.get_task("dbt.fct_consultants.test").upstream_task_ids == {"dbt.fct_consultants.run"}
    # nothing reaches marts before the gate: every dbt task is upstream of the audit
    upstream = dag.get_task("audit").get_flat_relative_ids(upstream=True)
    assert {t for t in ids if t.startswith("dbt.")} <= upstream


def test_dag_module_parses_cheaply_without_running_dbt() -> None:
    """Parsing the DAG file (as the scheduler does, in a DagBag) imports no dbt and starts no
    process: the task group comes from dbt's manifest."""
    code = (
        "import subprocess, sys, time; started = []; real = subprocess.Popen.__init__\n"
        "def spy(self, args, *a, **k):\n"
        "    started.append(str(args)); real(self, args, *a, **k)\n"
        "subprocess.Popen.__init__ = spy\n"
        "from airflow.dag_processing.dagbag import DagBag\n"
        "t = time.perf_counter(); bag = DagBag(dag_folder='dags')\n"
        "seconds = time.perf_counter() - t; assert not bag.import_errors, bag.import_errors\n"
        "heavy = [m for m in ('hrwh.pipeline', 'psycopg', 'pandas', 'dbt') if m in sys.modules]\n"
        "dbt = [a for a in started if 'dbt' in a]\n"
        "print(f'{seconds:.2f}', len(bag.dags['hr_warehouse_nightly'].tasks), heavy, dbt)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=PROJECT_ROOT, capture_output=True, text=True, check=True
    )
    seconds, tasks, rest = out.stdout.strip().splitlines()[-1].split(" ", 2)
    print(f"DAG parse (DagBag of dags/, {tasks} tasks): {seconds} s")
    assert rest == "[] []"  # no heavy module imported, no dbt process started
    assert int(tasks) > len(dbt_nodes())
    assert float(seconds) < 60  # a sanity bound only: the figure is printed above


def test_one_dag_run_publishes_the_marts(webhook: list[dict], warehouse_env: Settings) -> None:
    write_small_landing(warehouse_env.landing_dir)
    dag = load_dag()
    for task in dag.tasks:
        task.retries = 0  # a failure must fail the test, not wait out the nightly backoff
    run = run_in_process(dag)
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
    # the report task wrote the follow-up report from the published marts
    html, pdf = (
        warehouse_env.home / "report" / name for name in ("uppfoljning.html", "uppfoljning.pdf")
    )
    assert "Tabell 2. Socialsekreterare" in html.read_text(encoding="utf-8")
    assert pdf.read_bytes().startswith(b"%PDF")
    # publish updated the marts' asset, naming the run; the report DAG is scheduled on it
    assert marts_asset_events()[-1] == {"hrwh_run": 1}
    report = load_dag(REPORT_DAG_ID)
    assert report.test().state == "success"
    assert [body["subject"] for body in webhook] == ["[hrwh] marts published, a run"]


def test_a_failing_model_fails_its_task_and_nothing_is_published(
    webhook: list[dict], warehouse_env: Settings
) -> None:
    """The consultants' staging model cannot read its raw table: its task fails, the models
    after it do not run, the gate and publish do not run, and the alert names the model."""
    from hrwh.database import ensure_raw_schema

    write_small_landing(warehouse_env.landing_dir)  # payroll only: no consultants are loaded
    with psycopg.connect(warehouse_env.database_url, autocommit=True) as conn:
        ensure_raw_schema(conn)
        conn.execute("alter table raw.consultant_reports rename antal_konsulter to broken")
    dag = load_dag()
    for task in dag.tasks:
        task.retries = 0
    run = dag.test()
    states = {ti.task_id: ti.state for ti in run.get_task_instances()}
    assert run.state == "failed"
    assert states["dbt.stg_consultants__reports.run"] == "failed"
    for later in ("dbt.stg_consultants__reports.test", "dbt.fct_consultants.run", "audit"):
        assert states[later] == "upstream_failed", later
    assert states["publish"] == "upstream_failed"
    assert states["dbt.stg_hr_payroll__employment_months.test"] == "success"
    with psycopg.connect(warehouse_env.database_url) as conn:
        assert conn.execute("select status from raw.run_log").fetchall() == [("failed",)]
        published = conn.execute(
            "select count(*) from information_schema.tables where table_schema = 'marts'"
        ).fetchone()
    assert published == (0,)
    assert any("dbt.stg_consultants__reports.run" in body["text"] for body in webhook)


def test_a_dag_run_with_nothing_new_skips_build_audit_and_publish(warehouse_env: Settings) -> None:
    from hrwh.pipeline import run_nightly

    write_small_landing(warehouse_env.landing_dir)
    run_nightly(warehouse_env)
    dag = load_dag()
    run = run_in_process(dag)
    states = {ti.task_id: ti.state for ti in run.get_task_instances()}
    with psycopg.connect(warehouse_env.database_url) as conn:
        status = conn.execute("select status from raw.run_log order by run_id").fetchall()
    assert status == [("published",), ("unchanged",)]
    assert states.pop("ingest") == "success"
    # everything after the ingest: the dbt tasks (or the one build task), audit, publish, report
    assert set(states) >= {"audit", "publish", "report"}
    assert set(states.values()) == {"skipped"}, states
