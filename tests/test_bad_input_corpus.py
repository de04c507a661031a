"""The bad-input corpus: every kind of broken delivery, with its documented outcome.

Each case writes a good payroll file beside the broken one, so every case also shows that no
good data is lost because of bad data next to it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import psycopg
import pytest
from hrwh.pipeline import ingest_only
from hrwh.settings import Settings
from other_files import CONSULTANT_HEADER, SURVEY_HEADER, write_rows
from payroll_files import HEADER, personnummer, write_payroll


def person(i: int, **extra: str) -> dict[str, str]:
    return {
        "AnstallningsID": f"E{i:03d}",
        "Personnummer": personnummer(f"19{60 + i % 30}0{1 + i % 9}1{i % 10}", f"{i:03d}"),
        "Namn": f"Person Nummer{i}",
        "Forvaltning": "Farsta stadsdelsförvaltning",
        "AnstalldFrom": "2010-01-01",
        **extra,
    }


STAFF = [person(i) for i in range(40)]


def consultant(**extra: object) -> dict[str, object]:
    return {
        "Matdatum": "2016-04-12",
        "Forvaltning": "Farsta",
        "Enhet": f"Enhet {extra.pop('n', 1)}",
        "Verksamhetsomrade": "Individ- och familjeomsorg",
        "AntalKonsulter": "2",
        "RapporteradAv": "chef.farsta@stockholm.se",
        "Inskickad": "2016-04-12 08:00",
        **extra,
    }


def respondent(n: int, **extra: object) -> dict[str, object]:
    return {
        "RespondentID": f"R{n}",
        "Epost": f"person.nummer{n}@stockholm.se",
        "Forvaltning": "Farsta",
        "Enhet": "Enheten för barn och unga",
        "Verksamhetsomrade": "Barn och unga",
        "Befattning": "Socialsekreterare",
        "Jag har en bra arbetssituation": "Stämmer ganska bra",
        "Jag känner att jag kan göra ett gott arbete": "Stämmer mycket bra",
        "Jag kan rekommendera min arbetsplats till andra": "Varken eller",
        "Inskickad": "2016-11-10 12:00",
        **extra,
    }


def payroll_text(rows: list[dict[str, str]], period: str = "2013-02") -> str:
    lines = [";".join(HEADER)]
    for row in rows:
        full = {
            "Period": period,
            "Enhet": "Vuxenenheten",
            "Verksamhetsomrade": "Individ- och familjeomsorg",
            "Befattning": "Socialsekreterare",
            "Anstallningsform": "Tillsvidareanställning",
            "Loneform": "Månadslön",
            "Avtal": "01",
            "Vilande": "N",
            "Sysselsattningsgrad": "100,0",
            "Manadslon": "35000,00",
            "AnstalldTom": "",
            "Avgangsorsak": "",
            **row,
        }
        lines.append(";".join(full[c] for c in HEADER))
    return "\r\n".join(lines) + "\r\n"


@dataclass
class Case:
    """A broken delivery and what the warehouse must do with it."""

    write: object  # callable(landing: Path) -> file name of the broken delivery
    status: str
    reason: str = ""
    rows_loaded: int = 0
    quarantined: list[str] = field(default_factory=list)


def put(folder: str, name: str, data: bytes):
    def write(landing: Path) -> str:
        (landing / folder).mkdir(parents=True, exist_ok=True)
        (landing / folder / name).write_bytes(data)
        return name

    return write


def payroll(rows, *, period="2013-02", name=None, encoding="utf-8", **kw):
    def write(landing: Path) -> str:
        return write_payroll(landing, period, rows, encoding=encoding, **kw).name

    if name is None:
        return write
    return put("hr_payroll", name, payroll_text(rows, period).encode(encoding))


def workbook(folder: str, name: str, header, rows, *, sheet: int = 0):
    def write(landing: Path) -> str:
        from openpyxl import Workbook

        book = Workbook()
        if sheet:
            book.create_sheet("Data")
        target = book.worksheets[sheet]
        target.append(list(header))
        for row in rows:
            target.append([row.get(c) for c in header])
        (landing / folder).mkdir(parents=True, exist_ok=True)
        book.save(landing / folder / name)
        return name

    return write


def csv_file(folder: str, name: str, header, rows, encoding: str = "utf-8"):
    def write(landing: Path) -> str:
        return write_rows(landing / folder / name, header, rows, encoding).name

    return write


GOOD = payroll_text(STAFF[:3])
TRUNCATED = payroll_text(STAFF)[:-60]

CASES = {
    "truncated file": Case(
        put("hr_payroll", "payroll_2013-02.csv", TRUNCATED.encode()),
        "loaded",
        rows_loaded=39,
        quarantined=["expected 17 fields, found"],
    ),
    "wrong delimiter (tab)": Case(
        put("hr_payroll", "payroll_2013-02.csv", GOOD.replace(";", "\t").encode()),
        "rejected",
        "lacks the column(s)",
    ),
    "Latin-1 without declaration": Case(
        payroll(STAFF[:3], encoding="cp1252"), "loaded", rows_loaded=3
    ),
    "UTF-8 with BOM": Case(payroll(STAFF[:3], encoding="utf-8-sig"), "loaded", rows_loaded=3),
    "header renamed by hand": Case(
        put("hr_payroll", "payroll_2013-02.csv", GOOD.replace("Personnummer", "Personnr").encode()),
        "rejected",
        "lacks the column(s) Personnummer",
    ),
    "missing column": Case(
        payroll(STAFF[:3], header=tuple(h for h in HEADER if h != "Avtal")),
        "rejected",
        "lacks the column(s) Avtal",
    ),
    "extra column": Case(
        payroll(STAFF[:3], header=(*HEADER, "Kostnadsställe")), "loaded", rows_loaded=3
    ),
    "empty file": Case(put("hr_payroll", "payroll_2013-02.csv", b""), "rejected", "empty"),
    "header only": Case(
        put("hr_payroll", "payroll_2013-02.csv", (";".join(HEADER) + "\r\n").encode()),
        "rejected",
        "header but no rows",
    ),
    "duplicated rows": Case(
        payroll([*STAFF, STAFF[5]]),
        "loaded",
        rows_loaded=40,
        quarantined=["AnstallningsID E005 repeats line 7"],
    ),
    "wrong period in name": Case(
        payroll(STAFF[:3], period="2013-01", name="payroll_2013-02.csv"),
        "rejected",
        "does not match the file's month 2013-02",
    ),
    "file name not of the form": Case(
        payroll(STAFF[:3], name="payroll_feb_2013.csv"), "rejected", "file name does not match"
    ),
    "invalid identity number": Case(
        payroll([*STAFF[1:], {**STAFF[0], "Personnummer": "19601011-1234"}]),
        "loaded",
        rows_loaded=39,
        quarantined=["Personnummer has a wrong check digit"],
    ),
    "last day before first day": Case(
        payroll([*STAFF[1:], {**STAFF[0], "AnstalldTom": "2009-12-31"}]),
        "loaded",
        rows_loaded=39,
        quarantined=["AnstalldTom is before AnstalldFrom"],
    ),
    "date in another format": Case(
        payroll([*STAFF[1:], {**STAFF[0], "AnstalldFrom": "2010/01/01"}]),
        "loaded",
        rows_loaded=39,
        quarantined=["AnstalldFrom '2010/01/01' is not a date"],
    ),
    "unknown administration (loads; counts only for the city)": Case(
        payroll([{**p, "Forvaltning": "Okänd förvaltning"} for p in STAFF[:3]]),
        "loaded",
        rows_loaded=3,
    ),
    "not text at all": Case(
        put("hr_payroll", "payroll_2013-02.csv", bytes(range(128, 256)) * 4),
        "rejected",
        "neither UTF-8 nor Windows-1252",
    ),
    "too many bad rows": Case(
        payroll([{**p, "Vilande": "?"} for p in STAFF[:10]] + STAFF[10:40]),
        "rejected",
        "10 of 40 rows are bad",
    ),
    "free text in a number field": Case(
        csv_file(
            "consultants",
            "konsulter_2016-04-12.csv",
            CONSULTANT_HEADER,
            [consultant(n=i) for i in range(30)] + [consultant(n=99, AntalKonsulter="ca 3")],
        ),
        "loaded",
        rows_loaded=30,
        quarantined=["AntalKonsulter 'ca 3' is not a number"],
    ),
    "measurement day other than the file's": Case(
        csv_file(
            "consultants",
            "konsulter_2016-04-12.csv",
            CONSULTANT_HEADER,
            [consultant(n=i) for i in range(30)] + [consultant(Matdatum="2016-04-13")],
        ),
        "loaded",
        rows_loaded=30,
        quarantined=["does not match the file's date 2016-04-12"],
    ),
    "xlsx with the table on the second sheet": Case(
        workbook(
            "consultants", "konsulter_2016-04-12.xlsx", CONSULTANT_HEADER, [consultant()], sheet=1
        ),
        "rejected",
        "first sheet is empty",
    ),
    "not really an Excel file": Case(
        put("consultants", "konsulter_2016-04-12.xlsx", GOOD.encode()),
        "rejected",
        "not a readable Excel workbook",
    ),
    "xlsx with typed cells": Case(
        workbook(
            "consultants",
            "konsulter_2016-04-12.xlsx",
            CONSULTANT_HEADER,
            [
                consultant(
                    Matdatum=datetime(2016, 4, 12),
                    AntalKonsulter=3.0,
                    Inskickad=datetime(2016, 4, 12, 8, 0),
                )
            ],
        ),
        "loaded",
        rows_loaded=1,
    ),
    "answer off the scale": Case(
        csv_file(
            "survey",
            "enkat_2016-11.csv",
            SURVEY_HEADER,
            [respondent(i) for i in range(30)]
            + [respondent(99, **{"Jag har en bra arbetssituation": "Jaa"})],
        ),
        "loaded",
        rows_loaded=30,
        quarantined=["Jag har en bra arbetssituation 'Jaa' is not"],
    ),
    "respondent without e-mail": Case(
        csv_file(
            "survey",
            "enkat_2016-11.csv",
            SURVEY_HEADER,
            [respondent(i) for i in range(30)] + [respondent(99, Epost="")],
        ),
        "loaded",
        rows_loaded=30,
        quarantined=["Epost is empty"],
    ),
    "comment with line breaks and delimiters": Case(
        csv_file(
            "survey",
            "enkat_2016-11.csv",
            SURVEY_HEADER,
            [
                respondent(
                    1,
                    **{
                        "Vad får dig att trivas på din arbetsplats?": (
                            'Kollegorna; "stödet"\r\noch chefen'
                        )
                    },
                )
            ],
            "cp1252",
        ),
        "loaded",
        rows_loaded=1,
    ),
}


@pytest.mark.parametrize("kind", list(CASES))
def test_bad_input_gets_its_documented_outcome(kind: str, warehouse_env: Settings) -> None:
    case = CASES[kind]
    landing = warehouse_env.landing_dir
    write_payroll(landing, "2013-01", STAFF[:5])  # good data beside the bad
    name = case.write(landing)

    result = ingest_only(warehouse_env)

    outcome = {f["file_name"]: f for f in result.files}
    assert outcome["payroll_2013-01.csv"]["status"] == "loaded"
    assert outcome["payroll_2013-01.csv"]["rows_loaded"] == 5
    assert outcome[name]["status"] == case.status, outcome[name]
    assert case.reason in (outcome[name]["reason"] or "")
    assert outcome[name]["rows_loaded"] == case.rows_loaded
    with psycopg.connect(warehouse_env.database_url) as conn:
        reasons = [
            r
            for (r,) in conn.execute(
                "select q.reason from raw.quarantine q join raw.load_ledger l using (load_id) "
                "where l.file_name = %s order by q.line_no",
                (name,),
            )
        ]
    assert len(reasons) == len(case.quarantined)
    for got, expected in zip(reasons, case.quarantined, strict=True):
        assert expected in got
    if case.status == "rejected":
        assert [p.name for p in (landing / "_rejected").rglob(name)] == [name]


def test_the_corpus_covers_at_least_twenty_kinds() -> None:
    assert len(CASES) >= 20
