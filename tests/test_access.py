"""Who sees what: the roles the project creates, and row-level security for unit managers."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from urllib.parse import urlsplit

import psycopg
import pytest
from conftest import _new_database, configure
from hrwh.pipeline import run_nightly
from hrwh.settings import Settings
from other_files import SURVEY_HEADER, write_rows
from scenario import write_small_landing
from test_cli import created_password, hrwh

UNITS = ("Enheten för barn och unga", "Vuxenenheten")


def respondents() -> list[dict[str, object]]:
    rows = []
    for unit_no, unit in enumerate(UNITS):
        for i in range(6):
            rows.append(
                {
                    "RespondentID": f"R{unit_no}{i}",
                    "Epost": f"person{unit_no}{i}@stockholm.se",
                    "Forvaltning": "Bromma",
                    "Enhet": unit,
                    "Verksamhetsomrade": "Barn och unga",
                    "Befattning": "Socialsekreterare",
                    "Jag har en bra arbetssituation": "Stämmer ganska bra",
                    "Jag känner att jag kan göra ett gott arbete": "Stämmer mycket bra",
                    "Jag kan rekommendera min arbetsplats till andra": "Varken eller",
                    "Kommentar: Jag har en bra arbetssituation": f"Kommentar från {unit}",
                    "Inskickad": "2016-11-14 10:00",
                }
            )
    return rows


@pytest.fixture(scope="module")
def warehouse(server_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Settings]:
    tmp = tmp_path_factory.mktemp("access")
    with pytest.MonkeyPatch.context() as mp:
        for url in _new_database(server_url):
            settings = configure(mp, tmp, url)
            write_small_landing(settings.landing_dir)
            write_rows(
                settings.landing_dir / "survey" / "enkat_2016-11.csv", SURVEY_HEADER, respondents()
            )
            run_nightly(settings)
            yield settings


@pytest.fixture
def manager_login(warehouse: Settings) -> Iterator[str]:
    """A unit manager's login, mapped to one unit of Bromma."""
    login = f"um_test_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(warehouse.database_url, autocommit=True) as conn:
        conn.execute(f"create role {login} login in role unit_manager")
        conn.execute(
            "insert into restricted.unit_manager_units (login, administration, unit) "
            "values (%s, 'Bromma', %s)",
            (login, UNITS[0]),
        )
    yield login
    with psycopg.connect(warehouse.database_url, autocommit=True) as conn:
        conn.execute("delete from restricted.unit_manager_units where login = %s", (login,))
        conn.execute(f"drop owned by {login}")
        conn.execute(f"drop role {login}")


def can_read(url: str, role: str, relation: str) -> bool:
    with psycopg.connect(url) as conn:
        conn.execute(f"set role {role}")
        try:
            conn.execute(f"select * from {relation} limit 1")
        except psycopg.errors.InsufficientPrivilege:
            return False
        return True


def relations(url: str, schema: str) -> list[str]:
    with psycopg.connect(url) as conn:
        rows = conn.execute(
            "select table_schema || '.' || table_name from information_schema.tables "
            "where table_schema = %s",
            (schema,),
        ).fetchall()
    assert rows, schema
    return [r for (r,) in rows]


@pytest.mark.parametrize("schema", ["raw", "restricted", "hr", "staging", "intermediate", "seeds"])
def test_bi_reader_reads_nothing_but_marts(warehouse: Settings, schema: str) -> None:
    url = warehouse.database_url
    assert all(can_read(url, "bi_reader", r) for r in relations(url, "marts"))
    assert not any(can_read(url, "bi_reader", r) for r in relations(url, schema))


def test_hr_analyst_reads_pseudonymized_models_but_not_raw_or_restricted(
    warehouse: Settings,
) -> None:
    url = warehouse.database_url
    for schema in ("marts", "hr", "intermediate", "staging", "seeds"):
        assert all(can_read(url, "hr_analyst", r) for r in relations(url, schema))
    for schema in ("raw", "restricted"):
        assert not any(can_read(url, "hr_analyst", r) for r in relations(url, schema))


def test_a_unit_manager_sees_exactly_their_units(warehouse: Settings, manager_login: str) -> None:
    with psycopg.connect(warehouse.database_url) as conn:
        everything = conn.execute(
            "select distinct unit from restricted.survey_unit_results order by 1"
        ).fetchall()
        conn.execute(f"set role {manager_login}")
        results = conn.execute(
            "select distinct administration, unit from restricted.survey_unit_results"
        ).fetchall()
        comments = conn.execute(
            "select distinct unit, comment from restricted.survey_unit_comments"
        ).fetchall()
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("select * from raw.survey_responses")
    assert everything == [(u,) for u in sorted(UNITS)]
    assert results == [("Bromma", UNITS[0])]
    assert comments == [(UNITS[0], f"Kommentar från {UNITS[0]}")]


def cli_login(warehouse: Settings, *args: str) -> str:
    """`hrwh login create ...` as a person would run it; the password it shows once."""
    env = {"HRWH_DATABASE_URL": str(warehouse.database_url), "HRWH_HOME": str(warehouse.home)}
    return created_password(hrwh("login", "create", *args, **env))


@pytest.fixture
def login_name(warehouse: Settings) -> Iterator[str]:
    name = f"login_{uuid.uuid4().hex[:8]}"
    yield name
    env = {"HRWH_DATABASE_URL": str(warehouse.database_url), "HRWH_HOME": str(warehouse.home)}
    hrwh("login", "drop", name, **env)


def tcp_url(warehouse: Settings, login: str, password: str) -> str:
    parts = urlsplit(str(warehouse.database_url))
    return f"postgresql://{login}:{password}@127.0.0.1:{parts.port or 5432}{parts.path}"


def test_a_bi_login_made_by_the_command_reads_the_marts_over_tcp_and_nothing_else(
    warehouse: Settings, login_name: str
) -> None:
    password = cli_login(warehouse, login_name, "--role", "bi_reader")
    assert len(password) >= 20
    with psycopg.connect(tcp_url(warehouse, login_name, password), autocommit=True) as conn:
        assert conn.execute("select current_user").fetchone() == (login_name,)
        rows = conn.execute("select count(*) from marts.rpt_turnover_yearly").fetchone()
        assert rows[0] > 0
        for relation in ("raw.hr_payroll", "staging.stg_hr_payroll__employment_months"):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute(f"select 1 from {relation} limit 1")


def test_a_unit_manager_login_made_by_the_command_sees_only_its_units(
    warehouse: Settings, login_name: str
) -> None:
    password = cli_login(
        warehouse, login_name, "--role", "unit_manager", "--unit", f"Bromma/{UNITS[1]}"
    )
    with psycopg.connect(tcp_url(warehouse, login_name, password), autocommit=True) as conn:
        units = conn.execute(
            "select distinct administration, unit from restricted.survey_unit_results"
        ).fetchall()
        mapping = conn.execute("select login, unit from restricted.unit_manager_units").fetchall()
    assert units == [("Bromma", UNITS[1])]
    assert mapping == [(login_name, UNITS[1])]


def test_logins_are_listed_and_bad_requests_are_plain_errors(
    warehouse: Settings, login_name: str
) -> None:
    env = {"HRWH_DATABASE_URL": str(warehouse.database_url), "HRWH_HOME": str(warehouse.home)}
    cli_login(warehouse, login_name, "--role", "hr_analyst")
    listed = hrwh("login", "list", **env)
    assert f"{login_name}" in listed.stdout and "hr_analyst" in listed.stdout
    for bad in (
        ("create", "x" * 70, "--role", "bi_reader"),
        ("create", "someone", "--role", "superuser"),
        ("create", "someone", "--role", "unit_manager"),
        ("create", login_name, "--role", "bi_reader"),
    ):
        out = hrwh("login", *bad, **env)
        assert out.returncode == 2 and out.stderr.startswith("error: "), (bad, out.stderr)
        assert "Traceback" not in out.stderr
