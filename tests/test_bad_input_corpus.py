"""The bad-input corpus: every kind of broken delivery, with its documented outcome.

Each case writes a good payroll file beside the broken one, so every case also shows that no
good data is lost because of bad data next to it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

import psycopg
import pytest
from bad_files import bomb, joined, truncated_sheet
from hrwh.pipeline import ingest_only
from hrwh.settings import Settings
from other_files import CONSULTANT_HEADER, SURVEY_HEADER, write_rows
from payroll_files import DEFAULTS, HEADER, personnummer, write_payroll


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
    return joined(HEADER, [{"Period": period, **DEFAULTS, **row} for row in rows])


@dataclass
class Case:
    """A broken delivery and what the warehouse must do with it."""

    write: object  # callable(landing: Path) -> file name of the broken delivery
    status: str
    reason: str = ""
    rows_loaded: int = 0
    quarantined: list[str] = field(default_factory=list)
    env: dict[str, str] = field(default_factory=dict)
    """Settings for this case (lowered caps)."""


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


def consultant_answers() -> list[dict[str, object]]:
    return [consultant(n=i) for i in range(30)]


def pair_of_one_day(landing: Path) -> str:
    """The same measurement day as CSV and as Excel."""
    rows = consultant_answers()
    write_rows(landing / "consultants" / "konsulter_2016-04-12.xlsx", CONSULTANT_HEADER, rows)
    return write_rows(
        landing / "consultants" / "konsulter_2016-04-12.csv", CONSULTANT_HEADER, rows
    ).name


FUTURE_YEAR = date.today().year + 2
STRAY_QUOTE = '"Enheten för vuxna'


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
        quarantined=["AnstallningsID repeats line 7"],
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
        quarantined=["AnstalldFrom is not a date YYYY-MM-DD"],
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
        quarantined=["AntalKonsulter is not a number (such as 3 or 3 st)"],
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
        quarantined=["Jag har en bra arbetssituation is not one of"],
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
    "unbalanced quote in a payroll field": Case(
        put(
            "hr_payroll",
            "payroll_2013-02.csv",
            payroll_text([*STAFF[:20], {**STAFF[20], "Enhet": STRAY_QUOTE}, *STAFF[21:]]).encode(),
        ),
        "loaded",
        rows_loaded=39,
        quarantined=["a quote opens in Enhet and does not close on its line"],
    ),
    "unbalanced quote in a survey field": Case(
        put(
            "survey",
            "enkat_2016-11.csv",
            joined(
                SURVEY_HEADER,
                [
                    *(respondent(i) for i in range(10)),
                    respondent(10, Enhet=STRAY_QUOTE),
                    *(respondent(i) for i in range(11, 30)),
                    respondent(30, **{"Vad får dig att trivas på din arbetsplats?": '"Bra"'}),
                    *(respondent(i) for i in range(31, 40)),
                ],
            ).encode(),
        ),
        "loaded",
        rows_loaded=39,
        quarantined=["a quote opens in Enhet and does not close"],
    ),
    "line break in a field that is not free text (payroll)": Case(
        payroll([*STAFF[:39], {**STAFF[39], "Enhet": "Vuxen\r\nenheten"}]),
        "loaded",
        rows_loaded=39,
        quarantined=[
            "a quote opens in Enhet and does not close on its line",
            "expected 17 fields, found 12",
        ],
    ),
    "line break in a field that is not free text (survey)": Case(
        csv_file(
            "survey",
            "enkat_2016-11.csv",
            SURVEY_HEADER,
            [respondent(i) for i in range(60)] + [respondent(99, Enhet="Enheten för\nbarn")],
        ),
        "loaded",
        rows_loaded=60,
        quarantined=["a quote opens in Enhet and does not close", "expected 14 fields, found 11"],
    ),
    "line break in a cell that is not free text (xlsx)": Case(
        workbook(
            "consultants",
            "konsulter_2016-04-12.xlsx",
            CONSULTANT_HEADER,
            [*consultant_answers(), consultant(Enhet="Enheten för\nvuxna")],
        ),
        "loaded",
        rows_loaded=30,
        quarantined=["Enhet holds a line break"],
    ),
    "a row with a field too many": Case(
        put(
            "hr_payroll",
            "payroll_2013-02.csv",
            payroll_text(
                [*STAFF[:20], {**STAFF[20], "Enhet": "Vuxen;enheten"}, *STAFF[21:]]
            ).encode(),
        ),
        "loaded",
        rows_loaded=39,
        quarantined=["expected 17 fields, found 18"],
    ),
    "UTF-16 with BOM (little-endian)": Case(
        payroll(STAFF[:3], encoding="utf-16"), "loaded", rows_loaded=3
    ),
    "UTF-16 with BOM (big-endian)": Case(
        put("hr_payroll", "payroll_2013-02.csv", b"\xfe\xff" + GOOD.encode("utf-16-be")),
        "loaded",
        rows_loaded=3,
    ),
    "UTF-16 without BOM": Case(
        payroll(STAFF[:3], encoding="utf-16-le"),
        "rejected",
        "looks like UTF-16 text without a byte-order mark (BOM)",
    ),
    "NUL byte in a field": Case(
        payroll([*STAFF[1:], {**STAFF[0], "Enhet": "Vuxen\x00enheten"}]),
        "loaded",
        rows_loaded=39,
        quarantined=["Enhet holds a NUL character"],
    ),
    "field longer than the CSV reader takes": Case(
        payroll([*STAFF[1:], {**STAFF[0], "Enhet": "x" * 200_000}]),
        "loaded",
        rows_loaded=39,
        quarantined=["a field is longer than 131,072 characters"],
    ),
    "unit name longer than 200 characters": Case(
        payroll([*STAFF[1:], {**STAFF[0], "Enhet": "Enheten " * 30}]),
        "loaded",
        rows_loaded=39,
        quarantined=["Enhet is longer than 200 characters"],
    ),
    "identity number in Enhet": Case(
        payroll([*STAFF[1:], {**STAFF[0], "Enhet": f"Vuxen {STAFF[0]['Personnummer']}"}]),
        "loaded",
        rows_loaded=39,
        quarantined=["Enhet holds what looks like an identity number"],
    ),
    "e-mail address in Befattning": Case(
        payroll([*STAFF[1:], {**STAFF[0], "Befattning": "person.nummer0@stockholm.se"}]),
        "loaded",
        rows_loaded=39,
        quarantined=["Befattning holds what looks like an e-mail address"],
    ),
    "file without a header row": Case(
        put("hr_payroll", "payroll_2013-02.csv", GOOD.split("\r\n", 1)[1].encode()),
        "rejected",
        "none of them a known column name: is the header row missing?",
    ),
    "xlsx with broken XML inside": Case(
        put(
            "consultants",
            "konsulter_2016-04-12.xlsx",
            truncated_sheet(CONSULTANT_HEADER, consultant_answers()),
        ),
        "rejected",
        "not a readable Excel workbook",
    ),
    "zip-bomb-like xlsx (unpacked size)": Case(
        put("consultants", "konsulter_2016-04-12.xlsx", bomb(CONSULTANT_HEADER, "2016-04-12")),
        "rejected",
        "MB a file may have (HRWH_MAX_FILE_MB)",
        env={"HRWH_MAX_FILE_MB": "1"},
    ),
    "zip-bomb-like xlsx (rows)": Case(
        put("consultants", "konsulter_2016-04-12.xlsx", bomb(CONSULTANT_HEADER, "2016-04-12")),
        "rejected",
        "more than 500 rows after its header",
        env={"HRWH_MAX_FILE_ROWS": "500"},
    ),
    "more lines than a file may have": Case(
        payroll(STAFF),
        "rejected",
        "more than 30 rows after its header",
        env={"HRWH_MAX_FILE_ROWS": "30"},
    ),
    "larger than a file may be": Case(
        put("hr_payroll", "payroll_2013-02.csv", (GOOD + "\r\n" * 600_000).encode()),
        "rejected",
        "more than the 1 MB a file may have (HRWH_MAX_FILE_MB)",
        env={"HRWH_MAX_FILE_MB": "1"},
    ),
    "payroll month in the future": Case(
        payroll(STAFF[:3], period=f"{FUTURE_YEAR}-01"), "rejected", "lies in the future"
    ),
    "every line ends in a delimiter (an empty last column)": Case(
        put(
            "hr_payroll",
            "payroll_2013-02.csv",
            GOOD.replace("\r\n", ";\r\n").encode(),
        ),
        "loaded",
        rows_loaded=3,
    ),
    "consultant comment over two lines (free text may)": Case(
        csv_file(
            "consultants",
            "konsulter_2016-04-12.csv",
            CONSULTANT_HEADER,
            [*consultant_answers(), consultant(n=99, Kommentar="Två konsulter;\nen slutar i maj")],
        ),
        "loaded",
        rows_loaded=31,
    ),
    "CSV and Excel of one measurement day": Case(
        pair_of_one_day,
        "rejected",
        "konsulter_2016-04-12.xlsx also deliver(s) 2016-04-12",
    ),
}


PERSONAL = {
    *(p["Personnummer"] for p in STAFF),
    *(p["Personnummer"].replace("-", "") for p in STAFF),
    *(p["Namn"] for p in STAFF),
    "chef.farsta@stockholm.se",
    *(str(respondent(n)["Epost"]) for n in range(100)),
}


def physical_lines(data: bytes, encoding: str) -> int:
    """Lines as the format defines them: ended by CR LF, LF or CR."""
    text = data.decode("utf-16" if encoding.startswith("utf-16") else encoding)
    return len(re.split(r"\r\n|\r|\n", text)) - (1 if text.endswith(("\r", "\n")) else 0)


@pytest.mark.parametrize("kind", list(CASES))
def test_bad_input_gets_its_documented_outcome(
    kind: str, warehouse_env: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    case = CASES[kind]
    for variable, value in case.env.items():
        monkeypatch.setenv(variable, value)
    landing = warehouse_env.landing_dir
    write_payroll(landing, "2013-01", STAFF[:5])  # good data beside the bad
    name = case.write(landing)
    delivered = {p.name: p.read_bytes() for p in landing.rglob("*") if p.is_file()}

    result = ingest_only(Settings.from_env())

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
        loaded = conn.execute(
            "select file_name, encoding, lines_total, lines_loaded, lines_set_aside, lines_blank "
            "from raw.load_ledger where status = 'loaded'"
        ).fetchall()
    assert len(reasons) == len(case.quarantined)
    for got, expected in zip(reasons, case.quarantined, strict=True):
        assert expected in got
    if case.status == "rejected":
        assert [p.name for p in (landing / "_rejected").rglob(name)] == [name]
    # Every line of a loaded file is accounted for.
    for file_name, encoding, total, in_rows, set_aside, blank in loaded:
        assert total == 1 + in_rows + set_aside + blank
        if encoding != "xlsx":
            assert total == physical_lines(delivered[file_name], encoding)
    # No reason anywhere quotes a name, an identity number or an address.
    written = [p.read_text() for p in landing.rglob("*.reason.txt")]
    for text in [*(f["reason"] or "" for f in result.files), *reasons, *written]:
        assert not [value for value in PERSONAL if value in text], text


def test_the_corpus_covers_at_least_twenty_kinds() -> None:
    assert len(CASES) >= 20
