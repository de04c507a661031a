"""The `hrwh` command as people script against it: help, and plain errors without tracebacks."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest
from conftest import TEST_KEY
from payroll_files import personnummer, write_payroll

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
    assert "ingest" in out.stdout and "Only load new files" in out.stdout


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


def test_ingest_only_loads_and_says_what_it_loaded(tmp_path: Path, database_url: str) -> None:
    landing = tmp_path / "landing"
    good = {"Personnummer": personnummer("19800101", "123"), "AnstalldFrom": "2010-01-01"}
    rows = [
        {
            **good,
            "AnstallningsID": "A1",
            "Namn": "Anna Åkesson",
            "Forvaltning": "Socialförvaltningen",
        },
        {**good, "AnstallningsID": "A2", "Namn": "Bo Öberg", "Forvaltning": "Socialförvaltningen"},
        {**good, "AnstallningsID": "A3", "Namn": "Ceda Ek", "Forvaltning": ""},  # set aside
    ]
    write_payroll(landing, "2013-01", rows)
    write_payroll(landing, "2013-02", rows[:2])
    (landing / "hr_payroll" / "payroll_2013-13.csv").write_text("x\n", encoding="utf-8")
    env = {
        "HRWH_LANDING_DIR": str(landing),
        "HRWH_DATABASE_URL": database_url,
        "HRWH_PSEUDONYM_KEY": TEST_KEY,
        "HRWH_HOME": str(tmp_path / "home"),
        "HRWH_MAX_BAD_ROW_SHARE": "0.5",
    }

    out = hrwh("ingest", **env)

    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    assert lines[0].startswith("hrwh ingest ") and "nothing built or published" in lines[0]
    assert lines[1] == (
        "  files: 2 loaded, 0 replaced an earlier delivery, 0 skipped as already loaded, "
        "0 skipped as duplicates, 0 held, 1 rejected"
    )
    assert lines[2] == "  rows: 4 loaded, 1 set aside (see raw.quarantine)"
    assert (
        lines[3] == "  lines: 7 in the files loaded = 2 header + 4 loaded + 1 set aside + 0 blank"
    )
    assert "  set aside: hr_payroll/payroll_2013-01.csv: 1 row(s) over 1 line(s)" in out.stdout
    assert "  rejected: hr_payroll/payroll_2013-13.csv: the file name does not match" in out.stdout
    assert "checks:" not in out.stdout
    with psycopg.connect(database_url) as conn:
        assert conn.execute("select count(*) from raw.hr_payroll").fetchone() == (4,)
        status = conn.execute("select status from raw.run_log").fetchall()
        marts = conn.execute(
            "select count(*) from information_schema.schemata where schema_name = 'marts'"
        ).fetchone()
    assert status == [("ingested",)]
    assert marts == (0,)

    again = hrwh("ingest", **env)
    assert again.returncode == 0, again.stderr
    assert "0 loaded, 0 replaced an earlier delivery, 2 skipped as already loaded" in again.stdout
