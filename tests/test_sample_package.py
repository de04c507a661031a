"""The sample generator stands beside the product: it knows the warehouse only through the
documented file formats and works from copies of the shared reference data. Its payroll files
span 2012-01..2024-12 and show the district mergers as the HR system shows them.

What the generated files must give (the published figures and findings) is checked where it
counts, through the real pipeline, in `test_golden.py`.
"""

from __future__ import annotations

import ast
import csv
import subprocess
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import hrwh_sample
import pytest
from hrwh.identity import work_email as warehouse_address
from hrwh.ingest import consultants, payroll, survey
from hrwh.ingest.csv_reading import read_csv
from hrwh_sample import formats, names, write_sample
from hrwh_sample.reference import FOLDER as SHIPPED


def shared_reference() -> Path:
    """`shared/reference` beside the checkout, else beside the local repository it was cloned
    from (a clone made in a temporary folder)."""
    checkout = Path(__file__).resolve().parents[1]
    beside = checkout.parent / "shared" / "reference"
    origin = subprocess.run(
        ["git", "-C", str(checkout), "config", "--get", "remote.origin.url"],
        capture_output=True,
        text=True,
        check=False,
    ).stdout.strip()
    if beside.is_dir() or not origin or not Path(origin).is_dir():
        return beside
    return Path(origin).resolve().parent / "shared" / "reference"


SHARED_REFERENCE = shared_reference()
PACKAGE = Path(hrwh_sample.__file__).parent


def test_shipped_reference_files_are_copies_of_the_shared_ones() -> None:
    assert SHARED_REFERENCE.is_dir(), f"the shared reference data is missing: {SHARED_REFERENCE}"
    shipped = sorted(SHIPPED.glob("*.csv"))
    assert len(shipped) >= 6
    differing = [
        p.name
        for p in shipped
        if not (SHARED_REFERENCE / p.name).is_file()
        or (SHARED_REFERENCE / p.name).read_bytes() != p.read_bytes()
    ]
    assert differing == [], f"copy these again from {SHARED_REFERENCE}"


def test_the_generator_imports_nothing_from_the_product() -> None:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                modules = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                modules = [node.module or ""]
            else:
                continue
            found += [
                f"{path.name}:{node.lineno} {m}" for m in modules if m.split(".")[0] == "hrwh"
            ]
    assert len(list(PACKAGE.rglob("*.py"))) > 10
    assert found == []


def test_the_files_have_the_headers_the_warehouse_reads() -> None:
    assert formats.PAYROLL_COLUMNS == payroll.COLUMNS
    assert formats.CONSULTANT_COLUMNS == consultants.COLUMNS
    assert formats.SURVEY_COLUMNS == survey.COLUMNS


def test_the_warehouse_derives_the_address_the_generator_writes() -> None:
    """The consultant reports and the survey name people by address only: the link to the
    payroll holds only if both sides turn a name into the same address."""
    firsts = [*names.FEMALE_FIRST_NAMES, *names.MALE_FIRST_NAMES]
    full_names = [f"{f} {last}" for f in firsts for last in names.LAST_NAMES]
    full_names += ["Anna-Karin Öberg", "Hélène Åse Lindqvist Yilmaz", "  Mia  O'Brien "]
    differing = [n for n in full_names if formats.work_email(n) != warehouse_address(n)]
    assert formats.work_email("Anna-Karin Öberg") == "anna-karin.oberg@stockholm.se"
    assert differing == []


@pytest.fixture(scope="module")
def payroll_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("sample")
    write_sample(out, seed=2015)
    return out / formats.PAYROLL_FOLDER


def payroll_rows(folder: Path, period: str) -> list[dict[str, str]]:
    """The month's rows as the warehouse reads the file (any encoding and delimiter)."""
    table = read_csv((folder / f"payroll_{period}.csv").read_bytes(), payroll.COLUMNS)
    return [{c: fields[i] for c, i in table.positions.items()} for _, _, fields in table.rows]


def mergers() -> Iterator[tuple[str, str, date]]:
    """(district full name, successor full name, merger day) from the reference list the
    generator ships (a copy of the shared one: the first test)."""
    with (SHIPPED / "administrations.csv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    full_name = {r["administration"]: r["full_name"] for r in rows}
    for r in rows:
        if r["merged_into"]:
            day = date.fromisoformat(r["valid_to"]) + timedelta(days=1)
            yield r["full_name"], full_name[r["merged_into"]], day


def test_the_payroll_files_run_from_2012_01_to_2024_12(payroll_folder: Path) -> None:
    periods = sorted(p.stem.removeprefix("payroll_") for p in payroll_folder.glob("*.csv"))
    expected = [f"{y}-{m:02d}" for y in range(2012, 2025) for m in range(1, 13)]
    assert periods == expected


def test_a_merger_shows_in_the_files_as_the_hr_system_shows_it(payroll_folder: Path) -> None:
    """From the merger month the district is gone; most employments go on under the same id
    with the new administration's name, a few are closed the day before and reopened under a
    new id the merger day (same person, same title); some units take new names."""
    found = list(mergers())
    assert len(found) == 6
    renamed_in: dict[str, int] = dict.fromkeys((successor for _, successor, _ in found), 0)
    for district, successor, day in found:
        before = payroll_rows(payroll_folder, f"{day.year}-{day.month - 1:02d}")
        after = payroll_rows(payroll_folder, f"{day.year}-{day.month:02d}")
        later = payroll_rows(payroll_folder, "2024-12")
        running = {
            r["AnstallningsID"]: r
            for r in before
            if r["Forvaltning"] == district
            and (not r["AnstalldTom"] or date.fromisoformat(r["AnstalldTom"]) >= day)
        }
        closed = {
            r["AnstallningsID"]: r
            for r in before
            if r["Forvaltning"] == district and r["AnstalldTom"] == str(day - timedelta(days=1))
        }
        by_id = {r["AnstallningsID"]: r for r in after}
        assert all(r["Forvaltning"] != district for r in after + later)
        continued = [i for i in running if by_id.get(i, {}).get("Forvaltning") == successor]
        reopened = [
            r
            for r in after
            if r["AnstalldFrom"] == str(day)
            and r["Forvaltning"] == successor
            and any(
                c["Personnummer"] == r["Personnummer"] and c["Befattning"] == r["Befattning"]
                for c in closed.values()
            )
        ]
        assert len(continued) >= 0.85 * (len(running) + len(closed)), (district, len(continued))
        assert 1 <= len(reopened) <= 0.1 * (len(running) + len(closed)), (district, len(reopened))
        assert all(closed[i]["Avgangsorsak"] for i in closed)
        assert {r["AnstallningsID"] for r in reopened}.isdisjoint(running | closed)
        renamed_in[successor] += sum(by_id[i]["Enhet"] != running[i]["Enhet"] for i in continued)
    assert all(renamed_in.values()), renamed_in


def luhn_valid(identity_number: str) -> bool:
    """The check over YYMMDDNNNN, written out from the source format's description."""
    digits = identity_number.replace("-", "")[2:]
    products = [int(d) * (2 - i % 2) for i, d in enumerate(digits)]
    return sum(p // 10 + p % 10 for p in products) % 10 == 0


def other_values(rows: list[dict[str, str]]) -> list[tuple[str, ...]]:
    """The rows without what tells people and employments apart, sorted."""
    personal = ("Personnummer", "Namn", "AnstallningsID")
    return sorted(tuple(v for k, v in r.items() if k not in personal) for r in rows)


def test_a_scaled_sample_has_n_times_the_people_in_the_same_months(
    payroll_folder: Path, tmp_path: Path
) -> None:
    scaled = write_sample(tmp_path, seed=2015, scale=3).files
    assert [p.name for p in scaled] == sorted(p.name for p in payroll_folder.glob("*.csv"))
    for period in ("2012-01", "2018-06", "2024-12"):
        plain = payroll_rows(payroll_folder, period)
        rows = payroll_rows(tmp_path / formats.PAYROLL_FOLDER, period)
        assert len(rows) == 3 * len(plain)
        person = {(r["Personnummer"], r["Namn"]) for r in rows}
        assert all(luhn_valid(number) for number, _ in person)
        assert (
            len(person)
            == len({n for n, _ in person})
            == 3 * len({r["Personnummer"] for r in plain})
        )
        assert len({warehouse_address(n) for _, n in person}) == 3 * len(
            {warehouse_address(r["Namn"]) for r in plain}
        )
        assert len({r["AnstallningsID"] for r in rows}) == len(rows)
        assert other_values(rows) == sorted(other_values(plain) * 3)
