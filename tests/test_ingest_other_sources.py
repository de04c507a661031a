"""Consultant reports and survey exports: CSV and Excel, messy numbers, pseudonyms, free text."""

from __future__ import annotations

from datetime import datetime

import psycopg
import pytest
from hrwh.pipeline import ingest_only
from hrwh.settings import Settings
from other_files import CONSULTANT_HEADER, SURVEY_HEADER, write_rows
from payroll_files import personnummer, write_payroll
from privacy import stored_matches

MANAGER = "Karin Åberg"
MANAGER_MAIL = "karin.aberg@stockholm.se"
RESPONDENT_MAIL = "Olle.Nystrom@Stockholm.se"


def consultant_rows() -> list[dict[str, object]]:
    base = {
        "Matdatum": "2016-04-12",
        "Forvaltning": "Bromma",
        "Enhet": "Enheten för barn och unga",
        "Verksamhetsomrade": "Individ- och familjeomsorg",
        "RapporteradAv": MANAGER_MAIL,
        "Inskickad": "2016-04-12 09:30",
    }
    return [
        {**base, "AntalKonsulter": "3 st", "Kommentar": "Ersätter Lisa under föräldraledighet"},
        {**base, "Forvaltning": "Farsta stadsdelsförvaltning", "AntalKonsulter": "0"},
        {**base, "Enhet": "Vuxenenheten", "AntalKonsulter": ""},
        {**base, "Enhet": "Mottagningen", "AntalKonsulter": "ca 3"},
    ]


def test_consultant_csv_and_xlsx_load_alike(
    warehouse_env: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HRWH_MAX_BAD_ROW_SHARE", "0.5")  # one bad answer of four is kept apart
    folder = warehouse_env.landing_dir / "consultants"
    write_rows(folder / "konsulter_2016-04-12.csv", CONSULTANT_HEADER, consultant_rows(), "cp1252")
    excel_rows = [
        {**row, "Matdatum": datetime(2016, 11, 8), "Inskickad": datetime(2016, 11, 8, 9, 30)}
        for row in consultant_rows()[:3]
    ]
    excel_rows[1]["AntalKonsulter"] = 2  # a number cell
    write_rows(folder / "konsulter_2016-11-08.xlsx", CONSULTANT_HEADER, excel_rows)

    result = ingest_only(Settings.from_env())

    assert {f["file_name"]: f["status"] for f in result.files} == {
        "konsulter_2016-04-12.csv": "loaded",
        "konsulter_2016-11-08.xlsx": "loaded",
    }
    with psycopg.connect(warehouse_env.database_url) as conn:
        rows = conn.execute(
            "select matdatum::text, forvaltning, enhet, antal_konsulter, inskickad::text "
            "from raw.consultant_reports order by matdatum, line_no"
        ).fetchall()
        quarantined = conn.execute("select line_no, reason from raw.quarantine").fetchall()
        comments = conn.execute("select comment from restricted.consultant_comments").fetchall()
    assert rows == [
        ("2016-04-12", "Bromma", "Enheten för barn och unga", 3, "2016-04-12 09:30:00"),
        (
            "2016-04-12",
            "Farsta stadsdelsförvaltning",
            "Enheten för barn och unga",
            0,
            "2016-04-12 09:30:00",
        ),
        ("2016-04-12", "Bromma", "Vuxenenheten", None, "2016-04-12 09:30:00"),
        ("2016-11-08", "Bromma", "Enheten för barn och unga", 3, "2016-11-08 09:30:00"),
        (
            "2016-11-08",
            "Farsta stadsdelsförvaltning",
            "Enheten för barn och unga",
            2,
            "2016-11-08 09:30:00",
        ),
        ("2016-11-08", "Bromma", "Vuxenenheten", None, "2016-11-08 09:30:00"),
    ]
    assert quarantined == [(5, "AntalKonsulter is not a number (such as 3 or 3 st)")]
    assert comments == [("Ersätter Lisa under föräldraledighet",)] * 2


def survey_row(**overrides: object) -> dict[str, object]:
    row: dict[str, object] = {
        "RespondentID": "R2016-11-000001",
        "Epost": RESPONDENT_MAIL,
        "Forvaltning": "Bromma stadsdelsförvaltning",
        "Enhet": "Enheten för barn och unga",
        "Verksamhetsomrade": "Barn och unga",
        "Befattning": "Socialsekreterare",
        "Jag har en bra arbetssituation": "Stämmer ganska bra",
        "Jag känner att jag kan göra ett gott arbete": "Varken eller",
        "Jag kan rekommendera min arbetsplats till andra": "",
        "Kommentar: Jag har en bra arbetssituation": "Bra stöd från chefen Karin",
        "Inskickad": "2016-11-14 13:05",
    }
    return row | overrides


def test_survey_loads_answers_and_keeps_free_text_restricted(
    warehouse_env: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HRWH_MAX_BAD_ROW_SHARE", "0.5")
    write_rows(
        warehouse_env.landing_dir / "survey" / "enkat_2016-11.csv",
        SURVEY_HEADER,
        [survey_row(), survey_row(RespondentID="R2", **{"Jag har en bra arbetssituation": "Ja"})],
    )
    result = ingest_only(Settings.from_env())
    assert result.files[0]["status"] == "loaded"
    with psycopg.connect(warehouse_env.database_url) as conn:
        responses = conn.execute(
            "select survey_round, verksamhetsomrade, svar_1, svar_2, svar_3 "
            "from raw.survey_responses"
        ).fetchall()
        comments = conn.execute(
            "select question, comment from restricted.survey_comments"
        ).fetchall()
        reasons = conn.execute("select reason from raw.quarantine").fetchall()
        leaks = stored_matches(conn, {RESPONDENT_MAIL, RESPONDENT_MAIL.lower(), "R2016-11-000001"})
    assert responses == [("2016-11", "Barn och unga", "Stämmer ganska bra", "Varken eller", None)]
    assert comments == [("Kommentar: Jag har en bra arbetssituation", "Bra stöd från chefen Karin")]
    assert reasons == [
        (
            "Jag har en bra arbetssituation is not one of "
            + ", ".join(
                sorted(
                    [
                        "Stämmer mycket bra",
                        "Stämmer ganska bra",
                        "Varken eller",
                        "Stämmer ganska dåligt",
                        "Stämmer mycket dåligt",
                    ]
                )
            ),
        )
    ]
    assert leaks == []


def test_same_person_gets_the_same_key_in_payroll_survey_and_reports(
    warehouse_env: Settings,
) -> None:
    landing = warehouse_env.landing_dir
    write_payroll(
        landing,
        "2016-11",
        [
            {
                "AnstallningsID": "M1",
                "Personnummer": personnummer("19700101", "555"),
                "Namn": MANAGER,
                "Forvaltning": "Bromma stadsdelsförvaltning",
                "Befattning": "Enhetschef",
                "AnstalldFrom": "2010-01-01",
            },
            {
                "AnstallningsID": "S1",
                "Personnummer": personnummer("19880808", "777"),
                "Namn": "Olle Nyström",
                "Forvaltning": "Bromma stadsdelsförvaltning",
                "AnstalldFrom": "2015-01-01",
            },
        ],
    )
    write_rows(landing / "survey" / "enkat_2016-11.xlsx", SURVEY_HEADER, [survey_row()])
    write_rows(
        landing / "consultants" / "konsulter_2016-04-12.csv",
        CONSULTANT_HEADER,
        consultant_rows()[:1],
    )
    ingest_only(warehouse_env)
    with psycopg.connect(warehouse_env.database_url) as conn:
        keys = dict(
            conn.execute("select anstallnings_id, email_key from raw.hr_payroll").fetchall()
        )
        (respondent,) = conn.execute("select respondent_key from raw.survey_responses").fetchone()
        (reporter,) = conn.execute("select reporter_key from raw.consultant_reports").fetchone()
    assert respondent == keys["S1"]
    assert reporter == keys["M1"]
    assert keys["S1"] != keys["M1"]


def test_two_files_of_one_day_are_both_rejected_and_the_live_one_stays(
    webhook: list[dict], warehouse_env: Settings
) -> None:
    folder = warehouse_env.landing_dir / "consultants"
    write_rows(folder / "konsulter_2016-04-12.csv", CONSULTANT_HEADER, consultant_rows()[:3])
    ingest_only(warehouse_env)
    write_rows(folder / "konsulter_2016-04-12.xlsx", CONSULTANT_HEADER, consultant_rows()[:2])

    result = ingest_only(warehouse_env)

    reasons = {f["file_name"]: (f["status"], f["reason"]) for f in result.files}
    assert reasons == {
        "konsulter_2016-04-12.csv": (
            "rejected",
            "konsulter_2016-04-12.xlsx also deliver(s) 2016-04-12, and the run cannot tell "
            "which file is meant: none of them is loaded (what is live for 2016-04-12 stays); "
            "deliver one",
        ),
        "konsulter_2016-04-12.xlsx": (
            "rejected",
            "konsulter_2016-04-12.csv also deliver(s) 2016-04-12, and the run cannot tell "
            "which file is meant: none of them is loaded (what is live for 2016-04-12 stays); "
            "deliver one",
        ),
    }
    assert "2 landing file(s) rejected" in webhook[-1]["text"]
    with psycopg.connect(warehouse_env.database_url) as conn:
        live = conn.execute(
            "select file_name, rows_loaded from raw.load_ledger where status = 'loaded'"
        ).fetchall()
    assert live == [("konsulter_2016-04-12.csv", 3)]

    # Delivering one of them again (the same content that was rejected as ambiguous) settles it.
    rejected = warehouse_env.landing_dir / "_rejected" / "consultants"
    (rejected / "konsulter_2016-04-12.xlsx").rename(folder / "konsulter_2016-04-12.xlsx")
    settled = ingest_only(warehouse_env)
    assert [(f["file_name"], f["status"]) for f in settled.files] == [
        ("konsulter_2016-04-12.xlsx", "replaced")
    ]
    assert ingest_only(warehouse_env).files[0]["status"] == "already_loaded"  # no flip-flop
