"""Running the dbt project against the run's database.

dbt runs as a child process of the same virtualenv: its logs and exit status stay its own, and a
long-lived process (an Airflow worker, the test suite) never carries dbt's global state from one
build into the next. The child cannot outlive its run: it is killed when the process that
started it dies (Linux parent-death signal) and when the run loses its lock (`guard`). What
failed is read from dbt's structured results (`run_results.json`), not from its console text; a
build that failed only because a database connection dropped is retried with `dbt retry`.
"""

from __future__ import annotations

import ctypes
import hashlib
import json
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from hrwh.database import dbt_environment
from hrwh.settings import DBT_PROJECT_DIR, child_environment, dbt_executable

# dbt's messages when the server ended a connection or could not be reached.
CONNECTION_ERRORS = (
    "server closed the connection",
    "terminating connection",
    "connection already closed",
    "could not connect to server",
    "connection to server",
    "ssl connection has been closed",
    "connection refused",
)
RETRIES_AFTER_DROPPED_CONNECTION = 2
# The profile's connection while only parsing (dbt parse opens no connection).
PARSE_ONLY_URL = "postgresql://postgres@127.0.0.1:5432/postgres"
GUARD_INTERVAL_SECONDS = 2.0
_PR_SET_PDEATHSIG = 1


class BuildFailed(Exception):
    """dbt build failed; the message names the failing models and tests."""


@dataclass(frozen=True)
class NodeFailure:
    """A model, seed, snapshot or test that did not pass."""

    unique_id: str
    status: str
    message: str
    """dbt's whole message; the summary shows its first line."""

    @property
    def first_line(self) -> str:
        lines = self.message.strip().splitlines()
        return lines[0] if lines else ""

    @property
    def name(self) -> str:
        """`model.hrwh.rpt_x` -> `model rpt_x`."""
        kind, _, rest = self.unique_id.partition(".")
        return f"{kind} {rest.partition('.')[2] or rest}"


@dataclass(frozen=True)
class BuildResult:
    """What dbt did: node counts by status, and the nodes that failed."""

    counts: dict[str, int]
    failures: tuple[NodeFailure, ...]
    retries: int = 0
    warnings: tuple[NodeFailure, ...] = ()
    """Tests of severity warn that found rows: reported, they do not fail the build."""

    @property
    def passed(self) -> bool:
        return not self.failures

    def summary(self) -> str:
        """`PASS=120 WARN=0 ERROR=0 SKIP=0 TOTAL=120` as dbt prints it."""
        total = sum(self.counts.values())
        keys = ("pass", "warn", "error", "skip")
        parts = [f"{key.upper()}={self.counts.get(key, 0)}" for key in keys]
        text = " ".join([*parts, f"TOTAL={total}"])
        return text + (
            f" (after {self.retries} retry of dropped connections)" if self.retries else ""
        )

    def failure_lines(self) -> list[str]:
        return [f"  {f.status}: {f.name}: {f.first_line}" for f in self.failures]

    def warning_lines(self) -> list[str]:
        return [f"  dbt warning: {w.name}: {w.first_line}" for w in self.warnings]


def dbt_build(
    database_url: str,
    home: Path,
    *,
    dbt_vars: dict[str, str],
    application_name: str,
    guard: Callable[[], None] | None = None,
    full_refresh: bool = False,
) -> BuildResult:
    """Build seeds, models and tests; raise `BuildFailed` naming what failed.

    `guard` is called every few seconds while dbt runs; when it raises (the run lost its lock),
    dbt is killed and the exception goes on to the caller. `full_refresh` rebuilds the
    incremental models from all history instead of adding to their previous state.
    """
    work = _work_dir(database_url, home)
    args = ["build", "--vars", json.dumps(dbt_vars), *(["--full-refresh"] if full_refresh else [])]
    statuses, has_results = _invoke(args, database_url, work, application_name, guard)
    retries = 0
    while _failures(statuses) and retries < RETRIES_AFTER_DROPPED_CONNECTION:
        if not all(_is_dropped_connection(f.message) for f in _failures(statuses)):
            break
        retries += 1
        time.sleep(retries)
        # `dbt retry` runs the failed and skipped nodes again with the same arguments; when
        # dbt stopped before writing results (a hook's connection dropped), build again
        again, has_results = _invoke(
            ["retry"] if has_results else args, database_url, work, application_name, guard
        )
        statuses = statuses | again if has_results else again
    counts = Counter(_bucket(status) for status, _ in statuses.values())
    result = BuildResult(dict(counts), _failures(statuses), retries, _failures(statuses, ("warn",)))
    if result.failures:
        raise BuildFailed(
            f"dbt build failed ({result.summary()}; logs in {work / 'logs'}):\n"
            + "\n".join(result.failure_lines())
        )
    return result


def dbt_command(args: list[str], database_url: str, home: Path) -> subprocess.CompletedProcess:
    """Run another dbt command (e.g. `parse`, `docs generate`) on the project."""
    work = _work_dir(database_url, home)
    return subprocess.run(
        _command(args, work),
        env=_environment(database_url, "hrwh-dbt"),
        capture_output=True,
        text=True,
        check=False,
    )


def target_dir(database_url: str, home: Path) -> Path:
    """Where dbt writes its artefacts for this database (manifest, catalog, docs site)."""
    return _work_dir(database_url, home) / "target"


def write_manifest() -> Path:
    """Parse the project into `dbt/target/manifest.json`, from which the Airflow DAG renders one
    task per model (hrwh.dbt_tasks) without running dbt whenever the scheduler parses it.

    Parsing connects to no database: the profile's connection variables only need a value.
    """
    target = DBT_PROJECT_DIR / "target"
    completed = subprocess.run(
        [
            str(dbt_executable()),
            "parse",
            "--project-dir",
            str(DBT_PROJECT_DIR),
            "--profiles-dir",
            str(DBT_PROJECT_DIR),
            "--target-path",
            str(target),
            "--log-path",
            str(target / "logs"),
        ],
        env=child_environment(profile_environment(PARSE_ONLY_URL, "hrwh-dbt-parse")),
        capture_output=True,
        text=True,
        check=False,
    )
    if completed.returncode != 0:
        tail = "\n".join(completed.stdout.splitlines()[-20:])
        raise BuildFailed(f"dbt parse failed (exit {completed.returncode}):\n{tail}")
    return target / "manifest.json"


def _work_dir(database_url: str, home: Path) -> Path:
    # One target folder per database, so that builds of different databases never collide.
    return home / "dbt" / hashlib.sha256(database_url.encode()).hexdigest()[:12]


def _command(args: list[str], work: Path) -> list[str]:
    return [
        str(dbt_executable()),
        *args,
        "--project-dir",
        str(DBT_PROJECT_DIR),
        "--profiles-dir",
        str(DBT_PROJECT_DIR),
        "--target-path",
        str(work / "target"),
        "--log-path",
        str(work / "logs"),
    ]


def profile_environment(database_url: str, application_name: str) -> dict[str, str]:
    """What dbt's profile (dbt/profiles.yml) reads: the connection, and whose it is."""
    return dbt_environment(database_url) | {"HRWH_DBT_APPLICATION_NAME": application_name}


def _environment(database_url: str, application_name: str) -> dict[str, str]:
    return child_environment(profile_environment(database_url, application_name))


def _invoke(
    args: list[str],
    database_url: str,
    work: Path,
    application_name: str,
    guard: Callable[[], None] | None,
) -> tuple[dict[str, tuple[str, str]], bool]:
    """Run dbt once: node statuses, and whether dbt wrote its results."""
    results_file = work / "target" / "run_results.json"
    if args[0] != "retry":
        results_file.unlink(missing_ok=True)
    started = time.time()
    console = work / "logs" / "console.log"
    console.parent.mkdir(parents=True, exist_ok=True)
    with console.open("w", encoding="utf-8") as output:
        process = subprocess.Popen(
            _command(args, work),
            env=_environment(database_url, application_name),
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: killed as a whole
            preexec_fn=_die_with_parent,
        )
        try:
            _wait(process, guard)
        finally:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
    if results_file.is_file() and results_file.stat().st_mtime >= started - 1:
        return _read_results(results_file), True
    tail = "\n".join(console.read_text(encoding="utf-8").splitlines()[-20:])
    if _is_dropped_connection(tail):
        return {f"dbt {args[0]}": ("error", tail)}, False
    raise BuildFailed(f"dbt {args[0]} ended without results (exit {process.returncode}):\n{tail}")


def _wait(process: subprocess.Popen, guard: Callable[[], None] | None) -> None:
    """Wait for dbt, calling the guard every few seconds."""
    while True:
        try:
            process.wait(timeout=GUARD_INTERVAL_SECONDS)
            return
        except subprocess.TimeoutExpired:
            if guard is not None:
                guard()


def _read_results(path: Path) -> dict[str, tuple[str, str]]:
    """unique_id -> (status, dbt's message) from run_results.json."""
    data = json.loads(path.read_text(encoding="utf-8"))
    return {
        str(node["unique_id"]): (str(node.get("status")), str(node.get("message") or ""))
        for node in data.get("results", [])
    }


def _failures(
    statuses: dict[str, tuple[str, str]], kinds: tuple[str, ...] = ("error", "fail")
) -> tuple[NodeFailure, ...]:
    return tuple(
        NodeFailure(unique_id, status, message)
        for unique_id, (status, message) in sorted(statuses.items())
        if status in kinds
    )


def _bucket(status: str) -> str:
    return {"success": "pass", "fail": "error", "skipped": "skip"}.get(status, status)


def _is_dropped_connection(message: str) -> bool:
    return any(pattern in message.lower() for pattern in CONNECTION_ERRORS)


def _die_with_parent() -> None:
    """In the child, before dbt starts: be killed when the parent process dies."""
    if sys.platform.startswith("linux"):
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
