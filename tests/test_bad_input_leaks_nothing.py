"""Bad input leaks no personal data and stops nothing: the acceptance test of hardened ingest.

One landing folder holds every kind of bad file the loader knows beside good ones. It is run
through `hrwh run` (a subprocess, its output captured) and through the Airflow DAG
(`dag.test()`). Each run must publish the good data, exit cleanly and name every bad file in its
summary; then every identity number (both spellings), name and e-mail address of the landing
files is searched for in the database (outside `restricted`), in the reasons beside rejected
files, in the captured output, in Airflow's log folder and in the run's XComs.

The people in the bad files are made up anew for each test, so that nothing left behind by an
earlier run (Airflow's log folder and metadata database are shared) can match.
"""

from __future__ import annotations

import json
import os
import random
import sqlite3
import subprocess
import sys
import uuid
from datetime import date
from pathlib import Path

import psycopg
import pytest
from bad_files import bomb, joined, truncated_sheet
from hrwh.settings import Settings
from other_files import CONSULTANT_HEADER, SURVEY_HEADER, write_rows
from payroll_files import DEFAULTS, HEADER, personnummer
from privacy import folder_texts, personal_values, stored_matches, texts_containing
from scenario import write_small_landing
from test_dag import airflow_db, load_dag, run_in_process  # noqa: F401  (airflow_db: the module's fixture)

LOW_CAPS = {"HRWH_MAX_FILE_MB": "1", "HRWH_MAX_BAD_ROW_SHARE": "0.7"}


class People:
    """Made-up people with valid identity numbers, unique to one test."""

    def __init__(self) -> None:
        self.token = uuid.uuid4().hex[:6]
        self.rng = random.Random(self.token)
        self.values: set[str] = set()

    def employee(self) -> dict[str, str]:
        birth = date(self.rng.randint(1950, 1995), self.rng.randint(1, 12), self.rng.randint(1, 28))
        number = personnummer(birth.strftime("%Y%m%d"), f"{self.rng.randint(0, 999):03d}")
        name = f"Asa Leak{self.token}{self.rng.randint(0, 10**6)}"
        self.values |= {number, number.replace("-", ""), name}
        return {
            "AnstallningsID": f"X{self.rng.randint(0, 10**6)}",
            "Personnummer": number,
            "Namn": name,
            "Forvaltning": "Bromma stadsdelsförvaltning",
            "AnstalldFrom": "2011-02-01",
        }

    def address(self) -> str:
        address = f"leak.{self.token}{self.rng.randint(0, 10**6)}@stockholm.se"
        self.values.add(address)
        return address


def payroll_line(period: str, row: dict[str, str]) -> str:
    text = joined(HEADER, [{"Period": period, **DEFAULTS, **row}])
    return text.split("\r\n", 1)[1].removesuffix("\r\n")


def insert_after_header(path: Path, line: str) -> None:
    """Put a raw line first after the header, so the good lines after it are at its mercy."""
    header, _, rest = path.read_text(encoding="utf-8").partition("\n")
    path.write_text(f"{header}\n{line}\r\n{rest}", encoding="utf-8")


def add_bad_files(landing: Path, people: People) -> list[str]:
    """Every kind of bad file, among and beside the good ones; returns the bad files' names."""
    payroll = landing / "hr_payroll"
    bad_lines = {
        "2013-02": {"Enhet": '"Enheten för vuxna'},  # a quote that never closes
        "2013-03": {"Enhet": "Vuxen\x00enheten"},
        "2013-04": {"Enhet": "Vuxenenheten {Personnummer}"},
        "2013-05": {"Befattning": "{email}"},
        "2013-06": {"Enhet": "x" * 140_000},
        "2013-07": {"Enhet": '"Vuxen\r\nenheten"'},  # a line break outside free text
        "2013-08": {"Enhet": "Vuxen;enheten"},  # a field too many
        "2013-10": {"Enhet": "Enheten " * 40},
    }
    for period, change in bad_lines.items():
        person = people.employee()
        values = {k: v.format(email=people.address(), **person) for k, v in change.items()}
        insert_after_header(
            payroll / f"payroll_{period}.csv", payroll_line(period, {**person, **values})
        )
    september = payroll / "payroll_2013-09.csv"  # good, as UTF-16 with BOM
    september.write_bytes(september.read_text(encoding="utf-8").encode("utf-16"))
    future = f"{date.today().year + 2}-01"
    staff = [people.employee() for _ in range(3)]
    (payroll / f"payroll_{future}.csv").write_text(
        joined(HEADER, [{"Period": future, **DEFAULTS, **p} for p in staff]), encoding="utf-8"
    )
    no_header = [{"Period": "2011-01", **DEFAULTS, **people.employee()} for _ in range(3)]
    (payroll / "payroll_2011-01.csv").write_text(
        joined(HEADER, no_header).split("\r\n", 1)[1], encoding="utf-8"
    )
    utf16_no_bom = [{"Period": "2011-02", **DEFAULTS, **people.employee()} for _ in range(3)]
    (payroll / "payroll_2011-02.csv").write_bytes(joined(HEADER, utf16_no_bom).encode("utf-16-le"))
    # After the good months, a month at 59 % of the one before (staff outside the turnover
    # population): held.
    elsewhere = {"Forvaltning": "Farsta stadsdelsförvaltning", "Befattning": "Undersköterska"}
    staff = [{**people.employee(), **elsewhere} for _ in range(100)]
    for period, count in (("2014-01", 100), ("2014-02", 59)):
        rows = [{"Period": period, **DEFAULTS, **p} for p in staff[:count]]
        (payroll / f"payroll_{period}.csv").write_text(joined(HEADER, rows), encoding="utf-8")

    def respondent(**extra: str) -> dict[str, str]:
        return {
            "RespondentID": "R1",
            "Epost": people.address(),
            "Forvaltning": "Bromma",
            "Enhet": "Enheten för barn och unga",
            "Verksamhetsomrade": "Barn och unga",
            "Befattning": "Socialsekreterare",
            "Inskickad": "2016-11-10 12:00",
            **extra,
        }

    survey = landing / "survey"
    survey.mkdir()
    (survey / "enkat_2016-11.csv").write_text(
        joined(SURVEY_HEADER, [respondent(Enhet='"Enheten för vuxna'), respondent(), respondent()]),
        encoding="utf-8",
    )
    write_rows(
        survey / "enkat_2017-04.csv",
        SURVEY_HEADER,
        [respondent(Enhet="Enheten\nför vuxna"), *(respondent() for _ in range(3))],
    )

    def answer(day: str) -> dict[str, object]:
        return {
            "Matdatum": day,
            "Forvaltning": "Bromma",
            "Enhet": "Vuxenenheten",
            "AntalKonsulter": "2",
            "RapporteradAv": people.address(),
            "Inskickad": f"{day} 08:00",
        }

    consultants = landing / "consultants"
    consultants.mkdir()
    (consultants / "konsulter_2016-04-12.xlsx").write_bytes(
        truncated_sheet(CONSULTANT_HEADER, [answer("2016-04-12") for _ in range(30)])
    )
    (consultants / "konsulter_2016-11-15.xlsx").write_bytes(bomb(CONSULTANT_HEADER, "2016-11-15"))
    for suffix in ("csv", "xlsx"):
        write_rows(
            consultants / f"konsulter_2017-04-11.{suffix}",
            CONSULTANT_HEADER,
            [answer("2017-04-11")],
        )
    return [
        *(f"hr_payroll/payroll_{period}.csv" for period in bad_lines),
        f"hr_payroll/payroll_{future}.csv",
        "hr_payroll/payroll_2011-01.csv",
        "hr_payroll/payroll_2011-02.csv",
        "hr_payroll/payroll_2014-02.csv",
        "survey/enkat_2016-11.csv",
        "survey/enkat_2017-04.csv",
        "consultants/konsulter_2016-04-12.xlsx",
        "consultants/konsulter_2016-11-15.xlsx",
        "consultants/konsulter_2017-04-11.csv",
        "consultants/konsulter_2017-04-11.xlsx",
    ]


def troubled_landing(landing: Path) -> tuple[list[str], set[str]]:
    """The small good landing folder plus every kind of bad file: the bad files' names and
    every personal value delivered."""
    write_small_landing(landing)
    people = People()
    values = personal_values(landing)
    bad_files = add_bad_files(landing, people)
    return bad_files, values | people.values


def assert_published_and_leak_free(
    settings: Settings, values: set[str], texts: dict[str, str]
) -> None:
    """The good data is published; no value is in the database, a reason file, the home
    folder (dbt's and the quality gate's files) or the given texts."""
    with psycopg.connect(settings.database_url) as conn:
        assert conn.execute("select status from raw.run_log").fetchall() == [("published",)]
        assert conn.execute(
            "select exits, headcount from marts.rpt_turnover_yearly where year = 2013 "
            "and administration = 'Bromma' and occupation_group = 'Socialsekreterare' "
            "and exit_reason_group = 'Alla avgångsorsaker'"
        ).fetchone() == (1, 2)
        assert stored_matches(conn, values, allowed_schemas=("restricted",)) == []
    rejected = folder_texts(settings.landing_dir / "_rejected")  # the files, and their reasons
    reasons = {path: text for path, text in rejected.items() if path.endswith(".reason.txt")}
    assert len(reasons) == len(rejected) / 2
    written = {**reasons, **folder_texts(settings.home)}
    assert texts_containing({**texts, **written}, values) == []


def test_hrwh_run_over_every_bad_kind_publishes_and_leaks_nothing(
    warehouse_env: Settings,
) -> None:
    bad_files, values = troubled_landing(warehouse_env.landing_dir)

    out = subprocess.run(
        [str(Path(sys.executable).with_name("hrwh")), "run"],
        env=os.environ | LOW_CAPS,
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )

    assert out.returncode == 0, out.stderr
    assert "Traceback" not in out.stderr
    for name in bad_files:
        assert f" {name}: " in out.stdout, name
    assert_published_and_leak_free(
        warehouse_env, values, {"stdout": out.stdout, "stderr": out.stderr}
    )


def test_the_dag_over_every_bad_kind_publishes_and_leaks_nothing(
    warehouse_env: Settings, monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]
) -> None:
    from airflow.configuration import conf

    bad_files, values = troubled_landing(warehouse_env.landing_dir)
    for variable, value in LOW_CAPS.items():
        monkeypatch.setenv(variable, value)
    dag = load_dag()
    for task in dag.tasks:
        task.retries = 0

    run = run_in_process(dag)

    assert run.state == "success"
    output = capfd.readouterr()
    for name in bad_files:
        assert f" {name}: " in output.out, name
    xcoms = sqlite3.connect(conf.get("database", "sql_alchemy_conn").removeprefix("sqlite:///"))
    with xcoms:
        stored = xcoms.execute(
            "select task_id, value from xcom where dag_id = ? and run_id = ?",
            (dag.dag_id, run.run_id),
        ).fetchall()
    assert stored  # the tasks did pass results along
    texts = {
        "stdout": output.out,
        "stderr": output.err,
        **{f"xcom {task}": readable(value) for task, value in stored},
        **folder_texts(Path(conf.get("logging", "base_log_folder"))),
    }
    assert_published_and_leak_free(warehouse_env, values, texts)


def readable(value: object) -> str:
    """An XCom value as text, with JSON escapes (\\u00e5) undone so that names match."""
    text = value.decode("utf-8", errors="replace") if isinstance(value, bytes) else str(value)
    try:
        decoded = json.loads(text)
        while isinstance(decoded, str):
            text, decoded = decoded, json.loads(decoded)
    except (ValueError, TypeError):
        return text
    return json.dumps(decoded, ensure_ascii=False)
