"""Each name is spelled once: the copies that SQL, YAML and prose must keep say what the Python
catalog (hrwh.catalog) and the sources (hrwh.ingest) say."""

from __future__ import annotations

import re

import psycopg
import yaml
from hrwh.catalog import (
    GATED_MARTS,
    HR,
    INTERMEDIATE,
    MART_READERS,
    READER_ROLES,
    SCHEMA_READERS,
    SEEDS,
    SOURCES,
    STAGING,
)
from hrwh.database import ensure_raw_schema
from hrwh.settings import DBT_PROJECT_DIR, PROJECT_ROOT

BOOKKEEPING = ("load_id", "line_no")


def dbt_project() -> dict:
    return yaml.safe_load((DBT_PROJECT_DIR / "dbt_project.yml").read_text(encoding="utf-8"))


def test_dbt_knows_the_same_roles_and_readers() -> None:
    variables = dbt_project()["vars"]
    assert tuple(variables["hrwh_reader_roles"]) == READER_ROLES
    assert {k: tuple(v) for k, v in variables["hrwh_schema_readers"].items()} == SCHEMA_READERS


def test_dbt_folders_build_into_the_catalog_schemas_with_their_readers() -> None:
    project = dbt_project()
    models = project["models"]["hrwh"]
    for folder in (STAGING, INTERMEDIATE, HR):
        assert models[folder]["+schema"] == folder
        assert tuple(models[folder]["+grants"]["select"]) == SCHEMA_READERS[folder]
    assert tuple(models["marts"]["+grants"]["select"]) == MART_READERS
    seeds = project["seeds"]["hrwh"]
    assert seeds["+schema"] == SEEDS
    assert tuple(seeds["+grants"]["select"]) == SCHEMA_READERS[SEEDS]


def test_the_gated_marts_are_marts_models() -> None:
    marts = {p.stem for p in (DBT_PROJECT_DIR / "models" / "marts").glob("*.sql")}
    assert set(GATED_MARTS) <= marts


def loaded_columns() -> dict[str, tuple[str, ...]]:
    """`schema.table` -> the columns a source writes, in order, after load_id and line_no."""
    return {table: columns for source in SOURCES for table, columns in source.tables.items()}


def test_the_raw_schema_has_the_columns_the_sources_load(database_url: str) -> None:
    with psycopg.connect(database_url) as conn:
        ensure_raw_schema(conn)
        for table, columns in loaded_columns().items():
            schema, name = table.split(".")
            found = conn.execute(
                "select column_name from information_schema.columns "
                "where table_schema = %s and table_name = %s order by ordinal_position",
                (schema, name),
            ).fetchall()
            assert [c for (c,) in found] == [*BOOKKEEPING, *columns], table


def test_dbt_sources_declare_the_loaded_columns() -> None:
    spec = yaml.safe_load(
        (DBT_PROJECT_DIR / "models" / "staging" / "_staging__sources.yml").read_text("utf-8")
    )
    declared = {
        f"{source['schema']}.{table['name']}": [c["name"] for c in table.get("columns", [])]
        for source in spec["sources"]
        for table in source["tables"]
    }
    for table, columns in loaded_columns().items():
        assert declared[table] == [*BOOKKEEPING, *columns], table


def test_the_architecture_document_names_every_loaded_column() -> None:
    text = (PROJECT_ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    named = set(re.findall(r"`([a-z_0-9]+)`", text))
    for table, columns in loaded_columns().items():
        assert f"`{table}`" in text, table
        missing = [c for c in columns if c not in named]
        assert missing == [], (table, missing)


def test_only_the_settings_module_reads_the_environment() -> None:
    """Every setting has one owner (hrwh.settings): no other module of the package reads or
    writes the process environment."""
    package = PROJECT_ROOT / "include"
    readers = sorted(
        str(path.relative_to(package))
        for path in package.rglob("*.py")
        if re.search(r"os\.environ|getenv\(", path.read_text(encoding="utf-8"))
    )
    assert readers == ["hrwh/settings.py"]
