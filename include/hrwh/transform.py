"""Running the dbt project against the run's database.

dbt runs as a child process of the same virtualenv: its logs and exit status stay its own, and a
long-lived process (an Airflow worker, the test suite) never carries dbt's global state from one
build into the next.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

from hrwh.database import dbt_environment
from hrwh.settings import DBT_PROJECT_DIR


class BuildFailed(Exception):
    """dbt build failed; the message carries dbt's own error lines."""


def dbt_build(database_url: str, home: Path) -> str:
    """Build seeds, models and tests; return dbt's closing summary line."""
    return _dbt(["build"], database_url, home)


def _dbt(args: list[str], database_url: str, home: Path) -> str:
    env = os.environ | dbt_environment(database_url)
    # One target folder per database, so that builds of different databases never collide.
    work = home / "dbt" / hashlib.sha256(database_url.encode()).hexdigest()[:12]
    command = [
        str(Path(sys.executable).with_name("dbt")),
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
    proc = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    lines = proc.stdout.splitlines()
    if proc.returncode != 0:
        errors = [ln for ln in lines if "ERROR" in ln or "FAIL" in ln or "Error" in ln]
        detail = "\n".join((errors or lines)[-25:] + proc.stderr.splitlines()[-5:])
        raise BuildFailed(f"dbt {' '.join(args)} failed (logs in {work / 'logs'}):\n{detail}")
    done = [ln for ln in lines if "Done. PASS=" in ln]
    return done[-1].split("Done. ", 1)[1] if done else "done"
