"""The sample generator stands beside the product: it knows the warehouse only through the
documented file formats and works from copies of the shared reference data.

What the generated files must give (the published figures and findings) is checked where it
counts, through the real pipeline, in `test_golden.py`.
"""

from __future__ import annotations

import ast
from pathlib import Path

import hrwh_sample
from hrwh.identity import work_email as warehouse_address
from hrwh.ingest import consultants, payroll, survey
from hrwh_sample import formats, names
from hrwh_sample.reference import FOLDER as SHIPPED

SHARED_REFERENCE = Path(__file__).resolve().parents[1].parent / "shared" / "reference"
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
