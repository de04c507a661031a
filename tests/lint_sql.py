"""Lint the dbt project's SQL with sqlfluff and its dbt templater (`make lint`).

The dbt templater reads the database's catalog while it compiles the models, so it needs a
PostgreSQL: the server the tests use (HRWH_DATABASE_URL, else 127.0.0.1:5432 when it answers,
else the embedded server), whose maintenance database it only reads.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from conftest import shared_server_url
from hrwh.database import dbt_environment
from hrwh.settings import DBT_PROJECT_DIR


def main() -> int:
    sqlfluff = Path(sys.executable).with_name("sqlfluff")
    env = os.environ | dbt_environment(shared_server_url())
    command = [str(sqlfluff), "lint", "models", "tests", "--disable-progress-bar", "--nocolor"]
    return subprocess.run(command, cwd=DBT_PROJECT_DIR, env=env, check=False).returncode


if __name__ == "__main__":
    sys.exit(main())
