"""Small numbers and persons: what BI reads never tells a sensitive attribute of a few people.

The rule (docs/marts-contract.md, "Small numbers and persons"): unit-level cells in `marts`
carry counts only; an attribute that is sensitive at small counts (dormancy, employment rate and
FTE, salary, employment and pay form, agreement, exit reason) shows only where its cell rests on
at least 5 employments; the detailed facts are in schema `hr`, which only HR analysts read.

A unit of five employments is built twice through the real pipeline, in one database: first as
it is ("A"), then with every such attribute of its people changed and the months delivered
again ("B"): an employment rate and salary, a month of dormancy, a month of other employment
form, pay form and agreement, and two exit reasons. No cell that could carry one of them rests
on 5 employments here. Logged in as a member of bi_reader, nothing readable may differ between A
and B; logged in as a member of hr_analyst, the tables in `hr` show the differences, so there was
something to leak. The counts themselves (headcount, exits) stay readable at any size.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import psycopg
import pytest
from conftest import _new_database, configure
from hrwh.pipeline import run_nightly
from hrwh.settings import Settings
from payroll_files import personnummer, write_payroll

BROMMA = "Bromma stadsdelsförvaltning"
UNIT = "Enheten för barn och unga"
MONTHS = ("2012-12", *(f"2013-{m:02d}" for m in range(1, 13)))
DETAILED = (
    "fct_headcount_monthly_detailed",
    "fct_employment_exits_monthly_detailed",
    "rpt_turnover_yearly_detailed",
)

Contents = dict[str, list[tuple]]  # table -> its rows, sorted


def employment(emp_id: str, birth: str, name: str, **fields: str) -> dict[str, str]:
    return {
        "AnstallningsID": emp_id,
        "Personnummer": personnummer(birth, "123"),
        "Namn": name,
        "Forvaltning": BROMMA,
        "Enhet": UNIT,
        "AnstalldFrom": "2010-01-01",
        **fields,
    }


def payroll_rows(month: str, changed: bool) -> list[dict[str, str]]:
    """The unit's rows of one month, as in world A, or B (`changed`).

    Socialsekreterare S1 (100 % / 60 %, salary), D1 (dormant in June 2013 in A only), T1
    (fixed-term, hourly paid, agreement 03 in June 2013 in B only), L1 (last day 31 March 2013:
    Egen begäran / Övrigt); the unit's Enhetschef M1 (last day 30 June 2013: Ålderspension /
    Övrigt). The 2013 cohort of Bromma, the districts and the city is S1, D1, T1, L1: 4.
    """
    june = month == "2013-06"
    rows = [
        employment(
            "S1",
            "19800101",
            "Stina Berg",
            Sysselsattningsgrad="60,0" if changed else "100,0",
            Manadslon="41200,00" if changed else "38500,00",
        ),
        employment("D1", "19810202", "Dan Ek", Vilande="J" if june and not changed else "N"),
        employment(
            "T1",
            "19820303",
            "Tove Al",
            **(
                {"Anstallningsform": "Visstidsanställning", "Loneform": "Timlön", "Avtal": "03"}
                if june and changed
                else {}
            ),
        ),
    ]
    if month <= "2013-03":
        reason = "Övrigt" if changed else "Egen begäran"
        ended = {"AnstalldTom": "2013-03-31", "Avgangsorsak": reason}
        rows.append(
            employment("L1", "19830404", "Leo Ask", **(ended if month == "2013-03" else {}))
        )
    if month <= "2013-06":
        reason = "Övrigt" if changed else "Ålderspension"
        ended = {"AnstalldTom": "2013-06-30", "Avgangsorsak": reason}
        rows.append(
            employment(
                "M1", "19540505", "Maj Lund", Befattning="Enhetschef", **(ended if june else {})
            )
        )
    return rows


@contextmanager
def logged_in(url: str, login: str) -> Iterator[psycopg.Connection]:
    """A session with exactly the privileges of `login` (SET ROLE: the same as connecting as
    it, without depending on the server's password rules)."""
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f"set role {login}")
        yield conn


def readable(url: str, login: str, schema: str) -> Contents:
    """Every table of `schema` the login may read (information_schema lists only those), with
    all its rows."""
    with logged_in(url, login) as conn:
        tables = conn.execute(
            "select table_name from information_schema.tables where table_schema = %s",
            (schema,),
        ).fetchall()
        return {
            table: sorted(conn.execute(f"select * from {schema}.{table}").fetchall(), key=repr)
            for (table,) in tables
        }


@dataclass
class Worlds:
    url: str
    logins: dict[str, str]  # group role -> a login that is a member of it
    marts: dict[str, Contents]  # world -> what the bi_reader login reads in marts
    hr: dict[str, Contents]  # world -> what the hr_analyst login reads in hr


@pytest.fixture(scope="module")
def worlds(server_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Worlds]:
    tmp = tmp_path_factory.mktemp("small_numbers")
    suffix = uuid.uuid4().hex[:8]
    logins = {role: f"{role}_{suffix}" for role in ("bi_reader", "hr_analyst", "unit_manager")}
    with pytest.MonkeyPatch.context() as mp:
        for url in _new_database(server_url):
            settings = configure(mp, tmp, url)
            marts: dict[str, Contents] = {}
            hr: dict[str, Contents] = {}
            try:
                for world, changed in (("A", False), ("B", True)):
                    for month in MONTHS:
                        write_payroll(settings.landing_dir, month, payroll_rows(month, changed))
                    run_nightly(Settings.from_env())
                    if world == "A":  # the build has created the group roles by now
                        with psycopg.connect(url, autocommit=True) as conn:
                            for role, login in logins.items():
                                conn.execute(f"create role {login} login in role {role}")
                    marts[world] = readable(url, logins["bi_reader"], "marts")
                    hr[world] = readable(url, logins["hr_analyst"], "hr")
                yield Worlds(url, logins, marts, hr)
            finally:
                with psycopg.connect(url, autocommit=True) as conn:
                    for login in logins.values():
                        conn.execute(f"drop role if exists {login}")


def test_bi_reader_reads_the_counts_at_any_size(worlds: Worlds) -> None:
    with logged_in(worlds.url, worlds.logins["bi_reader"]) as conn:
        headcount = conn.execute(
            "select to_char(month, 'YYYY-MM'), occupation_group, headcount "
            "from marts.fct_headcount_monthly where administration = 'Bromma' and unit = %s "
            "and month in ('2013-01-01', '2013-06-01') order by 1, 2",
            (UNIT,),
        ).fetchall()
        exits = conn.execute(
            "select to_char(month, 'YYYY-MM'), occupation_group, exits "
            "from marts.fct_employment_exits_monthly where unit = %s order by 1",
            (UNIT,),
        ).fetchall()
        turnover = conn.execute(
            "select exit_reason_group, headcount, exits, is_suppressed "
            "from marts.rpt_turnover_yearly where year = 2013 and administration = 'Bromma' "
            "and occupation_group = 'Socialsekreterare' order by 1"
        ).fetchall()
    # January: S1, D1, T1, L1 and the Enhetschef; June: L1 and M1 (last day 30 June) gone.
    assert headcount == [
        ("2013-01", "Socialsekreterare", 4),
        ("2013-01", "Övriga befattningar", 1),
        ("2013-06", "Socialsekreterare", 3),
    ]
    assert exits == [("2013-03", "Socialsekreterare", 1), ("2013-06", "Övriga befattningar", 1)]
    # One exit of a cohort of 4 is a count; why it happened is not shown.
    assert turnover == [
        ("Alla avgångsorsaker", 4, 1, False),
        ("Egen begäran extern", 4, None, True),
        ("Egen begäran intern", 4, None, True),
    ]


def test_no_sensitive_attribute_of_few_employments_reaches_bi_reader(worlds: Worlds) -> None:
    a, b = worlds.marts["A"], worlds.marts["B"]
    assert {
        "fct_headcount_monthly",
        "fct_employment_exits_monthly",
        "rpt_turnover_yearly",
    } <= a.keys()
    assert a.keys() == b.keys()
    changed = {
        table: {
            "A only": [r for r in a[table] if r not in b[table]],
            "B only": [r for r in b[table] if r not in a[table]],
        }
        for table in a
        if a[table] != b[table]
    }
    assert changed == {}


def test_hr_analyst_reads_the_attributes_in_schema_hr(worlds: Worlds) -> None:
    a, b = worlds.hr["A"], worlds.hr["B"]
    assert set(DETAILED) <= a.keys()
    assert [t for t in DETAILED if a[t] == b[t]] == []
    with logged_in(worlds.url, worlds.logins["hr_analyst"]) as conn:
        dormant = conn.execute(
            "select headcount from hr.fct_headcount_monthly_detailed "
            "where month = '2013-06-01' and is_dormant"
        ).fetchall()
        reasons = conn.execute(
            "select exit_reason from hr.fct_employment_exits_monthly_detailed order by 1"
        ).fetchall()
    # World B is the one built last: nobody dormant, both exits Övrigt.
    assert dormant == []
    assert reasons == [("Övrigt",), ("Övrigt",)]


@pytest.mark.parametrize("role", ["bi_reader", "unit_manager"])
def test_only_hr_analysts_can_use_schema_hr(worlds: Worlds, role: str) -> None:
    with psycopg.connect(worlds.url) as conn:
        tables = conn.execute(
            "select table_name from information_schema.tables where table_schema = 'hr'"
        ).fetchall()
    assert {t for (t,) in tables} >= set(DETAILED)
    assert worlds.hr["A"].keys() == {t for (t,) in tables}
    with logged_in(worlds.url, worlds.logins[role]) as conn:
        assert conn.execute("select has_schema_privilege('hr', 'USAGE')").fetchone() == (False,)
        for (table,) in tables:
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute(f"select * from hr.{table} limit 1")
