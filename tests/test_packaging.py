"""A regular (non-editable) install carries everything the package reads at run time: the raw
schema's SQL, the follow-up report's template, the dbt project, the Great Expectations project
and the sample's reference CSVs. The wheel is built from this checkout and installed into a
folder of its own."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from hrwh.settings import PROJECT_ROOT

PIP = [sys.executable, "-m", "pip", "--disable-pip-version-check", "--quiet"]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run([*PIP, "wheel", str(PROJECT_ROOT), "--no-deps", "-w", str(out)], check=True)
    (built,) = out.glob("hrwh-*.whl")
    return built


def tracked(folder: str, suffixes: tuple[str, ...]) -> set[str]:
    files = subprocess.run(
        ["git", "ls-files", folder], cwd=PROJECT_ROOT, capture_output=True, text=True, check=True
    ).stdout.split()
    return {f for f in files if f.endswith(suffixes)}


def test_the_wheel_carries_the_sql_the_projects_and_the_reference_data(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "hrwh/sql/raw_schema.sql" in names
    assert "hrwh/followup/templates/uppfoljning.html.j2" in names  # the report's page
    dbt_files = tracked("dbt", (".sql", ".yml", ".csv"))
    assert len(dbt_files) > 50
    assert {f"hrwh/project/{f}" for f in dbt_files} <= names
    gx_files = tracked("expectations/gx", (".yml", ".json"))
    assert {f"hrwh/project/{f}" for f in gx_files} <= names
    references = tracked("include/hrwh_sample/reference", (".csv",))
    assert {f.removeprefix("include/") for f in references} <= names


def test_the_installed_package_finds_its_projects(wheel: Path, tmp_path: Path) -> None:
    target = tmp_path / "site"
    subprocess.run([*PIP, "install", "--no-deps", "--target", str(target), str(wheel)], check=True)
    code = (
        "from hrwh.settings import DBT_PROJECT_DIR, GX_PROJECT_DIR; "
        "print(DBT_PROJECT_DIR / 'dbt_project.yml'); "
        "print(GX_PROJECT_DIR / 'great_expectations.yml')"
    )
    # -S: no site-packages, so the checkout's editable install cannot answer instead
    out = subprocess.run(
        [sys.executable, "-S", "-c", code],
        env={"PYTHONPATH": str(target)},
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
    )
    found = [Path(line) for line in out.stdout.splitlines()]
    assert len(found) == 2
    for path in found:
        assert path.is_file() and path.is_relative_to(target), path
