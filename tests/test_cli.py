"""The `hrwh` command as people script against it: help, and plain errors without tracebacks."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import TEST_KEY

HRWH = str(Path(sys.executable).with_name("hrwh"))


def hrwh(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    base = {k: v for k, v in os.environ.items() if not k.startswith("HRWH_")}
    return subprocess.run(
        [HRWH, *args], env=base | env, capture_output=True, text=True, check=False, timeout=300
    )


def created_password(out: subprocess.CompletedProcess[str]) -> str:
    """The password `hrwh login create` shows once, on the line after it says so."""
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    return lines[next(i for i, ln in enumerate(lines) if "shown only now" in ln) + 1].strip()


def test_help_explains_each_command() -> None:
    out = hrwh("--help")
    assert out.returncode == 0
    assert "sample" in out.stdout and "Write realistic synthetic payroll" in out.stdout
    assert "run" in out.stdout and "Do one nightly run" in out.stdout


def test_missing_landing_directory_is_a_plain_error(tmp_path: Path, database_url: str) -> None:
    out = hrwh(
        "run",
        HRWH_LANDING_DIR=str(tmp_path / "nowhere"),
        HRWH_DATABASE_URL=database_url,
        HRWH_PSEUDONYM_KEY=TEST_KEY,
        HRWH_HOME=str(tmp_path),
    )
    assert out.returncode == 2
    assert "error: The landing directory" in out.stderr
    assert "Traceback" not in out.stderr


def test_unreachable_database_is_a_plain_error(tmp_path: Path) -> None:
    (tmp_path / "hr_payroll").mkdir()
    out = hrwh(
        "run",
        HRWH_LANDING_DIR=str(tmp_path),
        HRWH_DATABASE_URL="postgresql://postgres@127.0.0.1:1/hrwh",
        HRWH_PSEUDONYM_KEY=TEST_KEY,
        HRWH_HOME=str(tmp_path),
    )
    assert out.returncode == 2
    assert (
        "error: Cannot connect to the database at postgresql://postgres@127.0.0.1:1" in out.stderr
    )
    assert "Traceback" not in out.stderr


def test_bad_key_is_a_plain_error(tmp_path: Path, database_url: str) -> None:
    (tmp_path / "hr_payroll").mkdir()
    out = hrwh(
        "run",
        HRWH_LANDING_DIR=str(tmp_path),
        HRWH_DATABASE_URL=database_url,
        HRWH_PSEUDONYM_KEY="too-short",
        HRWH_HOME=str(tmp_path),
    )
    assert out.returncode == 2
    assert "error: The pseudonym key is too short" in out.stderr
    assert "Traceback" not in out.stderr


@pytest.mark.parametrize(
    ("variable", "value", "message"),
    [
        ("HRWH_MAX_FILE_MB", "lots", "HRWH_MAX_FILE_MB must be a whole number of at least 1"),
        ("HRWH_MAX_FILE_ROWS", "0", "HRWH_MAX_FILE_ROWS must be a whole number of at least 1"),
        ("HRWH_MAX_BAD_ROW_SHARE", "1.5", "HRWH_MAX_BAD_ROW_SHARE must be a fraction from 0 to 1"),
        ("HRWH_DELIVERY_TOLERANCE", "-0.2", "HRWH_DELIVERY_TOLERANCE must be a fraction of at"),
    ],
)
def test_a_bad_cap_or_tolerance_is_a_plain_error(
    tmp_path: Path, database_url: str, variable: str, value: str, message: str
) -> None:
    (tmp_path / "hr_payroll").mkdir()
    out = hrwh(
        "run",
        HRWH_LANDING_DIR=str(tmp_path),
        HRWH_DATABASE_URL=database_url,
        HRWH_PSEUDONYM_KEY=TEST_KEY,
        HRWH_HOME=str(tmp_path),
        **{variable: value},
    )
    assert out.returncode == 2
    assert out.stderr.startswith(f"error: {message}")
    assert "Traceback" not in out.stderr
