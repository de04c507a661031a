"""The nightly DAG on a Celery worker (Redis as broker), under Airflow's real services.

Its own file, so that it runs beside the LocalExecutor tests (test_airflow_scheduler.py) on the
other test worker rather than after them.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from airflow_services import DAG_ID, Scheduled, scheduled
from hrwh.airflow_local import Celery

REDIS = ("127.0.0.1", 6379)
# A Redis database of its own, apart from what else uses the machine's Redis (db 0).
CELERY = Celery(broker_url=f"redis://{REDIS[0]}:{REDIS[1]}/13", workers=1)


def redis_answers() -> str | None:
    """None when the Redis the Celery test uses as broker answers, else why not."""
    import redis

    try:
        redis.Redis(*REDIS, socket_connect_timeout=3).ping()
    except redis.RedisError as exc:
        return f"Redis at {REDIS[0]}:{REDIS[1]} does not answer ({exc}): no broker for Celery"
    return None


@pytest.fixture
def on_celery(server_url: str, tmp_path: Path) -> Iterator[Scheduled]:
    """The CeleryExecutor with one `airflow celery worker`, Redis as its broker."""
    reason = redis_answers()
    if reason:
        pytest.skip(reason)
    yield from scheduled(server_url, tmp_path, CELERY)


def test_the_dag_runs_on_a_celery_worker(on_celery: Scheduled) -> None:
    assert on_celery.airflow.env["AIRFLOW__CORE__EXECUTOR"] == "CeleryExecutor"
    run_id, state = on_celery.run()
    assert state == "success", on_celery.explain(run_id)
    assert on_celery.statuses() == ["published"]
    # Every task instance of the run went through the worker (it logs each workload it takes).
    api = on_celery.airflow.api
    tis = api.call("GET", f"{api.run_path(DAG_ID, run_id)}/taskInstances")["task_instances"]
    taken = [
        line
        for line in on_celery.airflow.log("celery-worker-0").splitlines()
        if "Executing workload in Celery" in line
    ]
    # (the scheduler marks an EmptyOperator, such as cosmos's `..._done`, done by itself)
    ran = [ti for ti in tis if ti["operator"] != "EmptyOperator"]
    assert ran
    for ti in ran:
        assert any(ti["id"] in line for line in taken), ti["task_id"]
