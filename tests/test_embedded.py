"""The embedded default: a fresh machine without PostgreSQL runs the whole pipeline on it."""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import urlsplit

import psycopg
import pytest
from conftest import TEST_KEY
from scenario import write_small_landing
from test_cli import created_password, hrwh


def test_hrwh_run_publishes_on_the_embedded_server(tmp_path: Path, embedded_database: str) -> None:
    write_small_landing(tmp_path / "landing")
    env = {
        "HRWH_DATABASE_URL": embedded_database,
        "HRWH_LANDING_DIR": str(tmp_path / "landing"),
        "HRWH_PSEUDONYM_KEY": TEST_KEY,
        "HRWH_HOME": str(tmp_path / "home"),
    }
    out = hrwh("run", **env)
    assert out.returncode == 0, out.stderr
    assert "marts published" in out.stdout
    assert "13 loaded" in out.stdout
    with psycopg.connect(embedded_database) as conn:
        (version,) = conn.execute("show server_version_num").fetchone()
        cell = conn.execute(
            "select exits, headcount from marts.rpt_turnover_yearly where year = 2013 "
            "and administration = 'Bromma' and occupation_group = 'Socialsekreterare' "
            "and exit_reason_group = 'Alla avgångsorsaker'"
        ).fetchone()
    assert int(version) >= 180000
    assert cell == (1, 2)

    # BI tools connect over TCP on localhost, with a login and its password only
    login = f"bi_{tmp_path.name[-8:].lower().replace('-', '_')}"
    password = created_password(hrwh("login", "create", login, "--role", "bi_reader", **env))
    port = os.environ["HRWH_EMBEDDED_PORT"]
    database = urlsplit(embedded_database).path
    over_tcp = f"postgresql://{login}:{password}@127.0.0.1:{port}{database}"
    with psycopg.connect(over_tcp) as conn:
        assert conn.execute("select count(*) from marts.rpt_turnover_yearly").fetchone()[0] > 0
    for wrong in (
        f"postgresql://{login}:not-the-password@127.0.0.1:{port}{database}",
        f"postgresql://postgres@127.0.0.1:{port}{database}",  # the superuser has no password
    ):
        with pytest.raises(psycopg.OperationalError):
            psycopg.connect(wrong, connect_timeout=5)
    assert hrwh("login", "drop", login, **env).returncode == 0
