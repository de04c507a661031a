"""Shared fixtures: a real PostgreSQL for every test that needs one.

The server is `HRWH_DATABASE_URL` when set, else the PostgreSQL at 127.0.0.1:5432 when it
answers, else the embedded server the project starts itself. Each test that loads data gets a
database of its own, created empty and dropped afterwards.
"""

from __future__ import annotations

import json
import os
import shutil
import threading
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import psycopg
import pytest
from hrwh.airflow_local import free_port
from hrwh.database import embedded_database_url
from hrwh.settings import PROJECT_ROOT, Settings

# Airflow reads its configuration when first imported: point it at the project's home first.
os.environ.setdefault("AIRFLOW_HOME", str(PROJECT_ROOT / ".hrwh" / "airflow"))
os.environ.setdefault("AIRFLOW__CORE__DAGS_FOLDER", str(PROJECT_ROOT / "dags"))
os.environ.setdefault("AIRFLOW__CORE__LOAD_EXAMPLES", "False")
os.environ.setdefault("AIRFLOW__CORE__DEFAULT_TIMEZONE", "Europe/Stockholm")


def _worker_airflow_home(worker: str) -> None:
    """Under pytest-xdist, an Airflow home of the worker's own beside the shared one: two
    processes running DAGs on one SQLite metadata database would collide. It starts from the
    migrated database `make test` leaves in the shared home, when there is one."""
    shared = Path(os.environ["AIRFLOW_HOME"])
    home = shared.with_name(f"{shared.name}-{worker}")
    home.mkdir(parents=True, exist_ok=True)
    if (shared / "airflow.db").is_file():
        shutil.copyfile(shared / "airflow.db", home / "airflow.db")
    os.environ["AIRFLOW_HOME"] = str(home)


if os.environ.get("PYTEST_XDIST_WORKER"):
    _worker_airflow_home(os.environ["PYTEST_XDIST_WORKER"])

LOCAL_SERVER = "postgresql://postgres@127.0.0.1:5432/postgres"


# The embedded server's TCP port: a free one, so that checkouts tested side by side on one
# machine do not fight over the default. pytest-xdist's workers inherit the one pytest's main
# process chose here: one server on the checkout's data folder, on one port, for them all.
os.environ.setdefault("HRWH_EMBEDDED_PORT", str(free_port()))
TEST_KEY = "test-key-0123456789abcdef0123456789abcdef"


def _answers(url: str) -> bool:
    try:
        with psycopg.connect(url, connect_timeout=3):
            return True
    except psycopg.OperationalError:
        return False


def with_database(url: str, dbname: str) -> str:
    """The same server URL, naming another database."""
    return urlsplit(url)._replace(path=f"/{dbname}").geturl()


@pytest.fixture(scope="session")
def embedded_server_url() -> str:
    """The embedded PostgreSQL a fresh machine falls back to."""
    return embedded_database_url(PROJECT_ROOT / ".hrwh", int(os.environ["HRWH_EMBEDDED_PORT"]))


def shared_server_url() -> str:
    """URL of a maintenance database on the server the tests (and the SQL lint) use."""
    if os.environ.get("HRWH_DATABASE_URL"):
        return os.environ["HRWH_DATABASE_URL"]
    if _answers(LOCAL_SERVER):
        return LOCAL_SERVER
    return embedded_database_url(PROJECT_ROOT / ".hrwh", int(os.environ["HRWH_EMBEDDED_PORT"]))


@pytest.fixture(scope="session")
def server_url() -> str:
    """URL of a maintenance database on the server the tests use."""
    return shared_server_url()


def _new_database(server: str) -> Iterator[str]:
    name = f"hrwh_test_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(server, autocommit=True) as conn:
        conn.execute(f"create database {name}")
    try:
        yield with_database(server, name)
    finally:
        with psycopg.connect(server, autocommit=True) as conn:
            conn.execute(f"drop database if exists {name} with (force)")


@pytest.fixture
def database_url(server_url: str) -> Iterator[str]:
    """A new, empty database for one test."""
    yield from _new_database(server_url)


@pytest.fixture
def embedded_database(embedded_server_url: str) -> Iterator[str]:
    """A new, empty database on the embedded server."""
    yield from _new_database(embedded_server_url)


@pytest.fixture
def warehouse_env(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, database_url: str
) -> Iterator[Settings]:
    """Environment for one warehouse: its own database, landing folder and home."""
    yield configure(monkeypatch, tmp_path, database_url)


def configure(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, database_url: str) -> Settings:
    """Point the HRWH_* variables at a test database and a landing folder in tmp_path."""
    landing = tmp_path / "landing"
    landing.mkdir(exist_ok=True)
    monkeypatch.setenv("HRWH_DATABASE_URL", database_url)
    monkeypatch.setenv("HRWH_LANDING_DIR", str(landing))
    monkeypatch.setenv("HRWH_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("HRWH_PSEUDONYM_KEY", TEST_KEY)
    return Settings.from_env()


@contextmanager
def webhook_receiver() -> Iterator[tuple[str, list[dict]]]:
    """A webhook receiver on the loopback interface: its URL and the JSON bodies it received."""
    received: list[dict] = []

    class Receiver(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            length = int(self.headers["Content-Length"])
            received.append(json.loads(self.rfile.read(length)))
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    server = HTTPServer(("127.0.0.1", 0), Receiver)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/hook", received
    finally:
        server.shutdown()


@pytest.fixture
def webhook(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[dict]]:
    """HRWH_ALERT_WEBHOOK pointed at a receiver; yields the JSON bodies it received.

    Name it before `warehouse_env` in a test's arguments: the settings are read once, so the
    receiver's address must be in the environment by then.
    """
    with webhook_receiver() as (url, received):
        monkeypatch.setenv("HRWH_ALERT_WEBHOOK", url)
        yield received


@pytest.fixture(scope="session")
def sample_warehouse(
    server_url: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Settings, list[str]]]:
    """The sample written and run once through the whole pipeline, shared by every test that
    only reads it (a test that changes it takes `sample_copy`): its settings and run summary."""
    from hrwh.pipeline import run_nightly
    from hrwh_sample import write_sample

    tmp = tmp_path_factory.mktemp("sample")
    for url in _new_database(server_url):
        with pytest.MonkeyPatch.context() as mp:
            settings = configure(mp, tmp, url)
            write_sample(settings.landing_dir, seed=2015)
            summary = run_nightly(settings)
        yield settings, summary


@pytest.fixture
def sample_copy(
    sample_warehouse: tuple[Settings, list[str]], server_url: str, tmp_path: Path
) -> Iterator[Settings]:
    """A copy of the sample warehouse (database, landing folder and home) for a test that
    changes it: PostgreSQL copies the database from it as a template in seconds."""
    settings, _ = sample_warehouse
    template = urlsplit(str(settings.database_url)).path.lstrip("/")
    name = f"hrwh_test_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(server_url, autocommit=True) as conn:
        conn.execute(f"create database {name} template {template}")
    try:
        shutil.copytree(settings.landing_dir, tmp_path / "landing")
        shutil.copytree(settings.home, tmp_path / "home")
        yield replace(
            settings,
            database_url=with_database(server_url, name),
            landing_dir=tmp_path / "landing",
            home=tmp_path / "home",
        )
    finally:
        with psycopg.connect(server_url, autocommit=True) as conn:
            conn.execute(f"drop database if exists {name} with (force)")
