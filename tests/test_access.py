"""Who sees what: the roles the project creates, and row-level security for unit managers."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import psycopg
import pytest
from conftest import _new_database, configure
from hrwh.pipeline import run_nightly
from hrwh.settings import Settings
from other_files import SURVEY_HEADER, write_rows
from scenario import write_small_landing

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
