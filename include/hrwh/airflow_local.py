"""Airflow for real on one machine: scheduler, dag-processor and api-server as child processes.

`airflow dags test` runs the DAG in one process and hides what only the real services show:
tasks in processes of their own, the metadata in PostgreSQL, the executor's parallelism, a
killed task, the unpause. This module starts the real services with the settings they need
here, and is what `make airflow` runs (`python -m hrwh.airflow_local`, in the foreground,
Ctrl-C stops them all) and what the tests that run the DAG under the scheduler use.

The settings it gives every service, and why:
- `PATH` starts with the virtualenv's `bin/`: a task runs `dbt` (and Airflow runs `airflow`) by
  name, and the services do not inherit an activated virtualenv;
- the metadata database is PostgreSQL (`postgresql+psycopg://`, and its asynchronous twin for
  the api-server) and the executor the LocalExecutor, or the CeleryExecutor with Redis as broker
  and the metadata database as result backend;
- `parallelism` is the number of CPUs: Airflow's default of 32 starts 32 worker processes;
- the DAGs folder is the project's `dags/`, and new DAGs start paused;
- the scheduler may be told not to schedule by the clock (`use_job_schedule`): with
  `catchup=False` Airflow still runs the latest missed tick at once when a DAG is unpaused
  after it, so a machine that should only run what it is asked to needs the schedule off;
- the api-server's simple auth manager has one user, `admin`, whose password is in
  `<AIRFLOW_HOME>/passwords.json`.
"""

from __future__ import annotations

import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, urlsplit

import psycopg

from hrwh.settings import PROJECT_ROOT, child_environment

ADMIN = "admin"
METADATA_DB = "hrwh_airflow"
BIN = Path(sys.executable).parent
SERVICES = ("scheduler", "dag-processor", "api-server")
FINISHED = ("success", "failed")


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def with_driver(url: str, driver: str) -> str:
    """A PostgreSQL URL with SQLAlchemy's dialect+driver as its scheme (`postgresql+psycopg`)."""
    return f"{driver}:{url.split(':', 1)[1]}"


def create_database(server_url: str, name: str, *, fresh: bool = False) -> str:
    """Create the database `name` on the server unless it exists (`fresh`: drop it first);
    its URL."""
    with psycopg.connect(server_url, autocommit=True) as conn:
        if fresh:
            conn.execute(f'drop database if exists "{name}" with (force)')
        exists = conn.execute("select 1 from pg_database where datname = %s", (name,)).fetchone()
        if not exists:
            conn.execute(f'create database "{name}"')
    return urlsplit(server_url)._replace(path=f"/{name}").geturl()


@dataclass(frozen=True)
class Celery:
    """The CeleryExecutor's broker (a Redis database) for the services and the workers."""

    broker_url: str = "redis://127.0.0.1:6379/0"
    workers: int = 1


def airflow_environment(
    home: Path,
    metadata_url: str,
    api_port: int,
    *,
    celery: Celery | None = None,
    schedule: bool = True,
) -> dict[str, str]:
    """The environment of every Airflow service and task: this process's, with the settings the
    module docstring explains."""
    cpus = str(os.cpu_count() or 1)
    env = {
        "PATH": str(BIN),
        "AIRFLOW_HOME": str(home),
        "AIRFLOW__CORE__DAGS_FOLDER": str(PROJECT_ROOT / "dags"),
        "AIRFLOW__CORE__LOAD_EXAMPLES": "False",
        "AIRFLOW__CORE__DEFAULT_TIMEZONE": "Europe/Stockholm",
        "AIRFLOW__CORE__DAGS_ARE_PAUSED_AT_CREATION": "True",
        "AIRFLOW__CORE__PARALLELISM": cpus,
        "AIRFLOW__CORE__EXECUTOR": "CeleryExecutor" if celery else "LocalExecutor",
        "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN": with_driver(metadata_url, "postgresql+psycopg"),
        "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN_ASYNC": with_driver(
            metadata_url, "postgresql+psycopg_async"
        ),
        "AIRFLOW__CORE__EXECUTION_API_SERVER_URL": f"http://127.0.0.1:{api_port}/execution/",
        "AIRFLOW__API__HOST": "127.0.0.1",
        "AIRFLOW__API__PORT": str(api_port),
        "AIRFLOW__CORE__AUTH_MANAGER": (
            "airflow.api_fastapi.auth.managers.simple.simple_auth_manager.SimpleAuthManager"
        ),
        "AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_USERS": f"{ADMIN}:admin",
        "AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_PASSWORDS_FILE": str(home / "passwords.json"),
        "AIRFLOW__SCHEDULER__CATCHUP_BY_DEFAULT": "False",
        "AIRFLOW__SCHEDULER__USE_JOB_SCHEDULE": str(schedule),
        # The port a worker serves its task logs on to the api-server: free, not the fixed 8793,
        # so that two of these on one machine do not collide.
        "AIRFLOW__LOGGING__WORKER_LOG_SERVER_PORT": str(free_port()),
    }
    if celery:
        env |= {
            "AIRFLOW__CELERY__BROKER_URL": celery.broker_url,
            "AIRFLOW__CELERY__RESULT_BACKEND": "db+"
            + with_driver(metadata_url, "postgresql+psycopg"),
            "AIRFLOW__CELERY__WORKER_CONCURRENCY": cpus,
        }
    return child_environment(env)


def admin_password(home: Path) -> str:
    """The admin's password: the one in `passwords.json` under `home`, else a new one there."""
    passwords = home / "passwords.json"
    if passwords.is_file():
        known = json.loads(passwords.read_text(encoding="utf-8")).get(ADMIN)
        if known:
            return str(known)
    password = secrets.token_urlsafe(12)
    home.mkdir(parents=True, exist_ok=True)
    passwords.touch(mode=0o600)
    passwords.write_text(json.dumps({ADMIN: password}) + "\n", encoding="utf-8")
    return password


class Api:
    """Airflow's REST API (v2) as the admin: the few calls that run a DAG."""

    def __init__(self, base_url: str, password: str) -> None:
        self.base_url = base_url
        self.password = password
        self.token = ""

    def call(self, method: str, path: str, body: object = None) -> dict:
        if not self.token and path != "/auth/token":
            self.token = self.call(
                "POST", "/auth/token", {"username": ADMIN, "password": self.password}
            )["access_token"]
        request = urllib.request.Request(
            f"{self.base_url}{path}",
            data=None if body is None else json.dumps(body).encode(),
            method=method,
            headers={"Content-Type": "application/json"},
        )
        if self.token:
            request.add_header("Authorization", f"Bearer {self.token}")
        with urllib.request.urlopen(request, timeout=30) as response:
            return json.loads(response.read())

    def answers(self, path: str) -> bool:
        """Whether GET `path` succeeds (the api-server is up, a DAG is parsed)."""
        try:
            self.call("GET", path)
            return True
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            return False

    def unpause(self, dag_id: str) -> None:
        self.call("PATCH", f"/api/v2/dags/{dag_id}", {"is_paused": False})

    def trigger(self, dag_id: str) -> str:
        """Start a run of the DAG now; its run id."""
        run = self.call("POST", f"/api/v2/dags/{dag_id}/dagRuns", {"logical_date": None})
        return str(run["dag_run_id"])

    def run_path(self, dag_id: str, run_id: str) -> str:
        return f"/api/v2/dags/{dag_id}/dagRuns/{quote(run_id, safe='')}"

    def run_state(self, dag_id: str, run_id: str) -> str:
        return str(self.call("GET", self.run_path(dag_id, run_id))["state"])

    def runs(self, dag_id: str) -> list[dict]:
        return list(self.call("GET", f"/api/v2/dags/{dag_id}/dagRuns")["dag_runs"])

    def task_instance(self, dag_id: str, run_id: str, task_id: str) -> dict:
        return self.call("GET", f"{self.run_path(dag_id, run_id)}/taskInstances/{task_id}")

    def wait_for_run(self, dag_id: str, run_id: str, seconds: float) -> str:
        """Wait until the run has finished; its state ('success' or 'failed')."""
        wait_for(f"DAG run {run_id}", lambda: self.run_state(dag_id, run_id) in FINISHED, seconds)
        return self.run_state(dag_id, run_id)


def wait_for(what: str, check: Callable[[], bool], seconds: float, every: float = 1) -> None:
    """Poll `check` until it is true; `TimeoutError` after `seconds`."""
    deadline = time.monotonic() + seconds
    while not check():
        if time.monotonic() > deadline:
            raise TimeoutError(f"{what}: not done after {seconds:.0f} s")
        time.sleep(every)


@dataclass
class LocalAirflow:
    """Airflow's services running on this machine, and how to reach them."""

    home: Path
    env: dict[str, str]
    api: Api
    processes: dict[str, subprocess.Popen]

    @property
    def url(self) -> str:
        return self.api.base_url

    def log(self, service: str) -> str:
        """The output of one service so far (for a failing test's message)."""
        return (self.home / "services" / f"{service}.log").read_text(errors="replace")

    def check_alive(self) -> None:
        """Raise if a service has exited: waiting on it would be in vain."""
        for name, process in self.processes.items():
            if process.poll() is not None:
                raise RuntimeError(
                    f"airflow {name} exited ({process.returncode}):\n{self.log(name)[-3000:]}"
                )


def migrate(env: Mapping[str, str]) -> None:
    """`airflow db migrate` of the metadata database; its output only if it fails."""
    done = subprocess.run(
        ["airflow", "db", "migrate"], env=env, capture_output=True, text=True, check=False
    )
    if done.returncode:
        raise RuntimeError(f"airflow db migrate failed:\n{done.stdout[-3000:]}{done.stderr}")


@contextmanager
def local_airflow(
    home: Path,
    metadata_url: str,
    *,
    api_port: int | None = None,
    celery: Celery | None = None,
    schedule: bool = True,
    startup_seconds: float = 180,
) -> Iterator[LocalAirflow]:
    """Migrate the metadata database, start the services (and Celery workers), wait until the
    api-server answers; stop every one of them, with its children, on the way out."""
    port = api_port or free_port()
    env = airflow_environment(home, metadata_url, port, celery=celery, schedule=schedule)
    password = admin_password(home)
    migrate(env)
    commands = {name: ["airflow", name] for name in SERVICES}
    if celery:
        for n in range(celery.workers):
            commands[f"celery-worker-{n}"] = [
                "airflow", "celery", "worker", "--celery-hostname", f"hrwh-{n}-{port}@%h",
            ]  # fmt: skip
    logs = home / "services"
    logs.mkdir(parents=True, exist_ok=True)
    processes: dict[str, subprocess.Popen] = {}
    try:
        for name, command in commands.items():
            with (logs / f"{name}.log").open("w") as log:
                processes[name] = subprocess.Popen(
                    command, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
                )
        airflow = LocalAirflow(home, env, Api(f"http://127.0.0.1:{port}", password), processes)

        def up() -> bool:
            airflow.check_alive()
            return airflow.api.answers("/api/v2/monitor/health")

        wait_for("the api-server", up, startup_seconds)
        yield airflow
    finally:
        stop(processes.values())


def stop(processes: Iterable[subprocess.Popen]) -> None:
    """End each process's group (the service and the task processes it started): SIGTERM, and
    SIGKILL for a group still there after 10 s (a task still running is lost either way, and
    Airflow's services need no more to end cleanly)."""
    started = list(processes)
    for process in started:
        _signal_group(process, signal.SIGTERM)
    deadline = time.monotonic() + 10
    for process in started:
        with suppress(subprocess.TimeoutExpired):
            process.wait(timeout=max(deadline - time.monotonic(), 0.1))
        _signal_group(process, signal.SIGKILL)
        process.wait()


def _signal_group(process: subprocess.Popen, sig: int) -> None:
    with suppress(ProcessLookupError):  # the group has ended already
        os.killpg(process.pid, sig)


def main() -> int:
    """`make airflow`: the services on localhost until Ctrl-C, the metadata in the database
    `hrwh_airflow` on the warehouse's PostgreSQL server (or AIRFLOW__DATABASE__SQL_ALCHEMY_CONN)."""
    from hrwh.database import resolve_database_url
    from hrwh.settings import LocalAirflowSettings, Settings

    given = LocalAirflowSettings.from_env()
    home, metadata = given.home, given.metadata_url
    if not metadata.startswith("postgresql"):
        metadata = create_database(resolve_database_url(Settings.from_env()), METADATA_DB)
    port = given.api_port
    with socket.socket() as probe:
        if probe.connect_ex(("127.0.0.1", port)) == 0:
            port = free_port()  # 8080 is taken: any free port
    # Off unless asked for: a DAG unpaused after 02:00 would otherwise run at once (docstring).
    schedule = given.use_job_schedule
    print("Starting Airflow (migrating its database first) …", flush=True)
    try:
        with local_airflow(home, metadata, api_port=port, schedule=schedule) as airflow:
            print(
                f"Airflow UI: {airflow.url}  login: {ADMIN} / {airflow.api.password}\n"
                f"LocalExecutor, parallelism {airflow.env['AIRFLOW__CORE__PARALLELISM']}, "
                f"schedule {'on' if schedule else 'off (trigger runs in the UI)'}; "
                f"the services' logs in {home / 'services'}. Ctrl-C stops them all.",
                flush=True,
            )
            while True:
                airflow.check_alive()
                time.sleep(2)
    except KeyboardInterrupt:
        print("\nStopped.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
