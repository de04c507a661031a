"""Ingestion against a real PostgreSQL: encodings, ledger, re-delivery, bad input, privacy."""

from __future__ import annotations

from decimal import Decimal

import psycopg
import pytest
from hrwh import pipeline
from hrwh.database import ensure_raw_schema
from hrwh.ingest import fields, loader
from hrwh.pipeline import ingest_only
from hrwh.runs import RunInProgress, WarehouseLock
from hrwh.settings import ConfigError, Settings
from payroll_files import HEADER, personnummer, write_payroll
from privacy import personal_values, stored_matches

ANNA = {
    "AnstallningsID": "A1",
    "Personnummer": personnummer("19800101", "123"),
    "Namn": "Anna Åkesson",
    "Forvaltning": "Älvsjö stadsdelsförvaltning",
    "Manadslon": "34500,50",
    "AnstalldFrom": "2010-01-01",
}
BO = {
    **ANNA,
    "AnstallningsID": "A2",
    "Personnummer": personnummer("19751231", "456"),
    "Namn": "Bo Öberg",
    "Befattning": "Biståndshandläggare",
}


def statuses(result) -> dict[str, str]:
    return {f["file_name"]: f["status"] for f in result.files}


def test_both_encodings_and_delimiters_load_the_same_values(warehouse_env: Settings) -> None:
    landing = warehouse_env.landing_dir
    write_payroll(landing, "2013-01", [ANNA, BO], encoding="utf-8")
    write_payroll(landing, "2013-02", [ANNA, BO], encoding="utf-8-sig")
    write_payroll(landing, "2013-03", [ANNA, BO], encoding="cp1252")
    write_payroll(landing, "2013-04", [ANNA, BO], encoding="cp1252", delimiter=",")
    reordered = tuple(reversed(HEADER))
    write_payroll(landing, "2013-05", [ANNA, BO], header=reordered)

    result = ingest_only(warehouse_env)

    assert set(statuses(result).values()) == {"loaded"}
    with psycopg.connect(warehouse_env.database_url) as conn:
        rows = conn.execute(
            "select period, forvaltning, befattning, manadslon, anstalld_from::text "
            "from raw.hr_payroll order by period, anstallnings_id"
        ).fetchall()
        detected = conn.execute(
            "select period, encoding, delimiter from raw.load_ledger order by period"
        ).fetchall()
    assert len(rows) == 10
    for month in ("2013-01", "2013-02", "2013-03", "2013-04", "2013-05"):
        assert [r[1:] for r in rows if r[0] == month] == [
            ("Älvsjö stadsdelsförvaltning", "Socialsekreterare", Decimal("34500.50"), "2010-01-01"),
            (
                "Älvsjö stadsdelsförvaltning",
                "Biståndshandläggare",
                Decimal("34500.50"),
                "2010-01-01",
            ),
        ]
    assert detected == [
        ("2013-01", "utf-8", ";"),
        ("2013-02", "utf-8-sig", ";"),
        ("2013-03", "cp1252", ";"),
        ("2013-04", "cp1252", ","),
        ("2013-05", "utf-8", ";"),
    ]


def test_rerun_loads_nothing_and_redelivery_replaces_the_month(warehouse_env: Settings) -> None:
    landing = warehouse_env.landing_dir
    write_payroll(landing, "2013-01", [ANNA, BO])
    write_payroll(landing, "2013-02", [ANNA])
    first = ingest_only(warehouse_env)
    second = ingest_only(warehouse_env)
    assert set(statuses(first).values()) == {"loaded"}
    assert set(statuses(second).values()) == {"already_loaded"}

    corrected = {**ANNA, "AnstalldTom": "2013-02-15", "Avgangsorsak": "Egen begäran"}
    write_payroll(landing, "2013-02", [corrected, BO])
    third = ingest_only(warehouse_env)
    assert statuses(third) == {
        "payroll_2013-01.csv": "already_loaded",
        "payroll_2013-02.csv": "replaced",
    }

    with psycopg.connect(warehouse_env.database_url) as conn:
        february = conn.execute(
            "select anstallnings_id, anstalld_tom::text, avgangsorsak from raw.hr_payroll "
            "where period = '2013-02' order by anstallnings_id"
        ).fetchall()
        ledger = conn.execute(
            "select period, status from raw.load_ledger order by load_id"
        ).fetchall()
    assert february == [("A1", "2013-02-15", "Egen begäran"), ("A2", None, None)]
    assert ledger == [("2013-01", "loaded"), ("2013-02", "superseded"), ("2013-02", "loaded")]


def test_same_content_under_another_name_is_loaded_once(warehouse_env: Settings) -> None:
    landing = warehouse_env.landing_dir
    original = write_payroll(landing, "2013-01", [ANNA])
    (landing / "hr_payroll" / "payroll_2013-02.csv").write_bytes(original.read_bytes())
    result = ingest_only(warehouse_env)
    again = ingest_only(warehouse_env)
    assert statuses(result) == {
        "payroll_2013-01.csv": "loaded",
        "payroll_2013-02.csv": "skipped_duplicate",
    }
    assert statuses(again)["payroll_2013-02.csv"] == "skipped_duplicate"
    with psycopg.connect(warehouse_env.database_url) as conn:
        (rows,) = conn.execute("select count(*) from raw.hr_payroll").fetchone()
        (skips,) = conn.execute(
            "select count(*) from raw.load_ledger where status = 'skipped_duplicate'"
        ).fetchone()
    assert (rows, skips) == (1, 1)


def test_bad_rows_are_set_aside_and_good_rows_load(
    warehouse_env: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HRWH_MAX_BAD_ROW_SHARE", "0.75")
    wrong_check_digit = ANNA["Personnummer"][:-1] + str((int(ANNA["Personnummer"][-1]) + 1) % 10)
    rows = [
        ANNA,
        {**BO, "AnstallningsID": "B1", "Personnummer": wrong_check_digit},
        {**BO, "AnstallningsID": "B2", "AnstalldFrom": "2013-05-01", "AnstalldTom": "2013-04-01"},
        {**BO, "AnstallningsID": "B3", "Manadslon": "ca 30000"},
        {**BO, "AnstallningsID": "B4", "Period": "2013-02"},
        BO,
        {**ANNA, "Namn": "Anna Åkesson"},
    ]
    write_payroll(warehouse_env.landing_dir, "2013-01", rows)
    result = ingest_only(Settings.from_env())
    assert statuses(result) == {"payroll_2013-01.csv": "loaded"}
    with psycopg.connect(warehouse_env.database_url) as conn:
        loaded = conn.execute("select anstallnings_id from raw.hr_payroll order by 1").fetchall()
        quarantined = conn.execute(
            "select line_no, reason from raw.quarantine order by line_no"
        ).fetchall()
    assert loaded == [("A1",), ("A2",)]
    assert quarantined == [
        (3, "Personnummer has a wrong check digit"),
        (4, "AnstalldTom is before AnstalldFrom"),
        (5, "Manadslon is not a number"),
        (6, "Period does not match the file's month 2013-01"),
        (8, "AnstallningsID repeats line 2"),
    ]


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("payroll_2013-02.csv", b"", "the file is empty"),
        ("payroll_2013-02.csv", ";".join(HEADER).encode() + b"\n", "a header but no rows"),
        ("payroll_2013-02.csv", b"Period;AnstallningsID\n2013-02;A1\n", "lacks the column(s)"),
        ("payroll_2013-13.csv", ";".join(HEADER).encode() + b"\n", "file name does not match"),
        ("payroll_2013-02.csv", b"\x81\x8d\x8f\x90\x9d" * 20, "neither UTF-8 nor Windows-1252"),
    ],
)
def test_unreadable_file_is_rejected_and_others_load(
    warehouse_env: Settings, name: str, content: bytes, reason: str
) -> None:
    landing = warehouse_env.landing_dir
    write_payroll(landing, "2013-01", [ANNA])
    (landing / "hr_payroll" / name).write_bytes(content)
    result = ingest_only(warehouse_env)
    by_name = {f["file_name"]: f for f in result.files}
    assert by_name["payroll_2013-01.csv"]["status"] == "loaded"
    assert by_name[name]["status"] == "rejected"
    assert reason in by_name[name]["reason"]
    moved = landing / "_rejected" / "hr_payroll" / name
    assert not (landing / "hr_payroll" / name).exists()
    assert moved.read_bytes() == content
    assert reason in moved.with_name(name + ".reason.txt").read_text()
    assert statuses(ingest_only(warehouse_env)) == {"payroll_2013-01.csv": "already_loaded"}
    with psycopg.connect(warehouse_env.database_url) as conn:
        ledger = conn.execute(
            "select file_name, status from raw.load_ledger order by load_id"
        ).fetchall()
    assert ledger == [("payroll_2013-01.csv", "loaded"), (name, "rejected")]


def test_a_fixed_file_delivered_again_loads(warehouse_env: Settings) -> None:
    landing = warehouse_env.landing_dir
    broken = write_payroll(landing, "2013-01", [ANNA], header=HEADER[:-1])
    assert statuses(ingest_only(warehouse_env)) == {"payroll_2013-01.csv": "rejected"}
    assert not broken.exists()
    write_payroll(landing, "2013-01", [ANNA])
    assert statuses(ingest_only(warehouse_env)) == {"payroll_2013-01.csv": "loaded"}


def test_file_with_too_many_bad_rows_is_rejected_whole(warehouse_env: Settings) -> None:
    rows = [ANNA] + [{**BO, "AnstallningsID": f"B{i}", "Vilande": "X"} for i in range(3)]
    write_payroll(warehouse_env.landing_dir, "2013-01", rows)
    result = ingest_only(warehouse_env)
    assert result.files[0]["status"] == "rejected"
    assert "3 of 4 rows are bad" in result.files[0]["reason"]
    with psycopg.connect(warehouse_env.database_url) as conn:
        assert conn.execute("select count(*) from raw.hr_payroll").fetchone() == (0,)


def test_a_crash_inside_a_file_rejects_it_whole_and_the_next_file_loads(
    warehouse_env: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_payroll(warehouse_env.landing_dir, "2013-01", [ANNA, BO])
    write_payroll(warehouse_env.landing_dir, "2013-02", [ANNA, BO])

    copy_rows = loader._copy
    crashed: list[str] = []

    def copy_then_crash(conn, table, *args) -> None:
        copy_rows(conn, table, *args)
        if table == "raw.quarantine" and not crashed:  # the last step of a file, after its rows
            crashed.append(table)
            raise RuntimeError(f"power cut at {ANNA['Personnummer']}")

    monkeypatch.setattr(loader, "_copy", copy_then_crash)
    result = ingest_only(warehouse_env)

    by_name = {f["file_name"]: f for f in result.files}
    assert by_name["payroll_2013-01.csv"]["status"] == "rejected"
    assert by_name["payroll_2013-01.csv"]["reason"] == (
        "the file could not be loaded: RuntimeError while copying into raw.quarantine"
    )
    assert by_name["payroll_2013-02.csv"]["status"] == "loaded"
    with psycopg.connect(warehouse_env.database_url) as conn:
        assert conn.execute("select distinct period from raw.hr_payroll").fetchall() == [
            ("2013-02",)
        ]
        assert conn.execute(
            "select file_name, status from raw.load_ledger order by load_id"
        ).fetchall() == [("payroll_2013-01.csv", "rejected"), ("payroll_2013-02.csv", "loaded")]
    assert (warehouse_env.landing_dir / "_rejected" / "hr_payroll" / "payroll_2013-01.csv").exists()


def test_a_value_the_database_refuses_rejects_the_file_naming_the_line_not_the_value(
    warehouse_env: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    impossible = "2013-02-30"
    write_payroll(warehouse_env.landing_dir, "2013-01", [ANNA, {**BO, "AnstalldFrom": impossible}])
    real_date = fields.iso_date
    # A parser that lets an impossible date through, as a bug would: COPY refuses it.
    monkeypatch.setattr(
        fields, "iso_date", lambda v, c: v.strip() if v.strip() == impossible else real_date(v, c)
    )
    result = ingest_only(warehouse_env)
    (outcome,) = result.files
    assert outcome["status"] == "rejected"
    assert outcome["reason"].startswith("the file could not be loaded: ")
    assert outcome["reason"].endswith(" while copying into raw.hr_payroll, line 3")
    assert impossible not in outcome["reason"]


def test_no_identity_number_or_name_is_stored(warehouse_env: Settings) -> None:
    write_payroll(warehouse_env.landing_dir, "2013-01", [ANNA, BO])
    write_payroll(
        warehouse_env.landing_dir, "2013-02", [ANNA, {**BO, "Manadslon": "x"}], encoding="cp1252"
    )
    ingest_only(warehouse_env)
    needles = personal_values(warehouse_env.landing_dir)
    assert ANNA["Personnummer"] in needles and "Bo Öberg" in needles
    with psycopg.connect(warehouse_env.database_url) as conn:
        assert stored_matches(conn, needles) == []
        keys = conn.execute("select distinct person_key from raw.hr_payroll").fetchall()
    assert len(keys) == 2 and all(len(k) == 64 for (k,) in keys)


def test_a_short_or_changed_pseudonym_key_is_refused(
    warehouse_env: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_payroll(warehouse_env.landing_dir, "2013-01", [ANNA])
    ingest_only(warehouse_env)
    monkeypatch.setenv("HRWH_PSEUDONYM_KEY", "short")
    with pytest.raises(ConfigError, match="too short"):
        ingest_only(Settings.from_env())
    monkeypatch.setenv("HRWH_PSEUDONYM_KEY", "another-key-" + "x" * 40)
    with pytest.raises(ConfigError, match="not the key this database"):
        ingest_only(Settings.from_env())


def test_a_second_run_at_the_same_time_is_refused(warehouse_env: Settings) -> None:
    write_payroll(warehouse_env.landing_dir, "2013-01", [ANNA])
    other = WarehouseLock(warehouse_env.database_url)
    other.take()
    with pytest.raises(RunInProgress, match="Another"):
        ingest_only(warehouse_env)
    other.release()
    assert statuses(ingest_only(warehouse_env)) == {"payroll_2013-01.csv": "loaded"}


def test_a_dropped_connection_is_retried_without_loss_or_duplicates(
    warehouse_env: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_payroll(warehouse_env.landing_dir, "2013-01", [ANNA, BO])
    write_payroll(warehouse_env.landing_dir, "2013-02", [ANNA, BO])
    real_load = pipeline.load_file
    dropped: list[int] = []

    def drop_first_connection(conn: psycopg.Connection, *args: object):
        if not dropped:
            dropped.append(conn.info.backend_pid)
            with psycopg.connect(warehouse_env.database_url, autocommit=True) as admin:
                admin.execute("select pg_terminate_backend(%s)", (conn.info.backend_pid,))
        return real_load(conn, *args)

    monkeypatch.setattr(pipeline, "load_file", drop_first_connection)
    result = ingest_only(warehouse_env)
    assert dropped and set(statuses(result).values()) == {"loaded"}
    with psycopg.connect(warehouse_env.database_url) as conn:
        assert conn.execute("select count(*) from raw.hr_payroll").fetchone() == (4,)
        assert conn.execute("select count(*) from raw.load_ledger").fetchone() == (2,)


def test_a_ledger_from_before_the_line_counts_and_held_is_upgraded_in_place(
    database_url: str,
) -> None:
    with psycopg.connect(database_url) as conn:
        # raw.load_ledger as databases made before line counts and the delivery gate have it.
        conn.execute("create schema raw")
        conn.execute(
            "create table raw.load_ledger (load_id bigint generated always as identity primary "
            "key, run_id bigint, source text not null, file_name text not null, period text, "
            "sha256 text not null, encoding text, delimiter text, rows_loaded integer not null "
            "default 0, rows_quarantined integer not null default 0, status text not null check "
            "(status in ('loaded', 'superseded', 'skipped_duplicate', 'rejected')), reason text, "
            "loaded_at timestamptz not null default now())"
        )
        conn.execute(
            "insert into raw.load_ledger (source, file_name, period, sha256, status) "
            "values ('hr_payroll', 'payroll_2013-01.csv', '2013-01', 'x', 'loaded')"
        )
        conn.commit()
        ensure_raw_schema(conn)
        conn.execute(
            "insert into raw.load_ledger (source, file_name, period, sha256, status, "
            "lines_total) values ('hr_payroll', 'payroll_2013-02.csv', '2013-02', 'y', 'held', 3)"
        )
        rows = conn.execute(
            "select file_name, status, lines_total from raw.load_ledger order by load_id"
        ).fetchall()
    assert rows == [("payroll_2013-01.csv", "loaded", None), ("payroll_2013-02.csv", "held", 3)]


def test_a_row_seen_in_an_earlier_month_loads_as_if_checked_afresh(
    warehouse_env: Settings,
) -> None:
    """The loader remembers each checked row by its fields other than `Period`: a row that
    comes again next month loads the same values under the new period; a row that changed is
    checked again (and may be set aside); a row whose `Period` is not the file's is never taken
    from memory; text that COPY must escape loads as it was written."""
    landing = warehouse_env.landing_dir
    carl = {**BO, "AnstallningsID": "A3", "Enhet": "Enhet\\Syd\tHus 2"}
    write_payroll(landing, "2013-01", [ANNA, BO, carl])
    fillers = [{**BO, "AnstallningsID": f"B{i}"} for i in range(40)]  # keep bad rows under 5 %
    stale = {**ANNA, "Period": "2013-01"}
    changed = {**BO, "AnstalldTom": "2009-12-31"}  # before AnstalldFrom
    write_payroll(landing, "2013-02", [stale, changed, carl, *fillers])

    result = ingest_only(warehouse_env)

    assert set(statuses(result).values()) == {"loaded"}
    with psycopg.connect(warehouse_env.database_url) as conn:
        loaded = conn.execute(
            "select period, anstallnings_id, person_key, enhet, manadslon, email_key "
            "from raw.hr_payroll where anstallnings_id = 'A3' order by period"
        ).fetchall()
        quarantined = conn.execute(
            "select l.period, q.line_no, q.reason from raw.quarantine q "
            "join raw.load_ledger l using (load_id) order by 1, 2"
        ).fetchall()
    (january, february) = loaded
    assert february[0] == "2013-02" and february[1:] == january[1:]
    assert january[3] == "Enhet\\Syd\tHus 2"
    assert quarantined == [
        ("2013-02", 2, "Period does not match the file's month 2013-02"),
        ("2013-02", 3, "AnstalldTom is before AnstalldFrom"),
    ]
