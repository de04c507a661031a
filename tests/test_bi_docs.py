"""Labels and docs where BI tools read them.

Power BI, Metabase and DBeaver show the database's own comments: every table and column in
`marts` and `hr` carries its Swedish label first, then its English description, as the models'
YAML says them. `hrwh docs` (make docs) documents the published marts in dbt's catalog and
builds the Great Expectations Data Docs.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import psycopg
import pytest
import yaml
from hrwh.docs import build_docs
from hrwh.settings import DBT_PROJECT_DIR, Settings

SCHEMA_MODELS = {
    "marts": DBT_PROJECT_DIR / "models" / "marts" / "_marts__models.yml",
    "hr": DBT_PROJECT_DIR / "models" / "hr" / "_hr__models.yml",
}
DASH = " — "


def documented(schema: str) -> dict[tuple[str, str | None], tuple[str, str]]:
    """(table, column or None) -> (Swedish label, English description), from the YAML."""
    spec = yaml.safe_load(SCHEMA_MODELS[schema].read_text(encoding="utf-8"))
    out = {}
    for model in spec["models"]:
        for key, node in [(None, model), *((c["name"], c) for c in model.get("columns", []))]:
            out[(model["name"], key)] = (
                (node.get("meta") or {}).get("label_sv"),
                " ".join(str(node.get("description", "")).split()),
            )
    return out


def database_comments(url: str, schema: str) -> dict[tuple[str, str | None], str | None]:
    """(table, column or None) -> its comment, from pg_description, for every table or view."""
    with psycopg.connect(url) as conn:
        rows = conn.execute(
            """
            select c.relname, null, obj_description(c.oid, 'pg_class')
            from pg_class c join pg_namespace n on n.oid = c.relnamespace
            where n.nspname = %(schema)s and c.relkind in ('r', 'v', 'p')
            union all
            select c.relname, a.attname, col_description(c.oid, a.attnum)
            from pg_class c join pg_namespace n on n.oid = c.relnamespace
            join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
            where n.nspname = %(schema)s and c.relkind in ('r', 'v', 'p')
            """,
            {"schema": schema},
        ).fetchall()
    return {(table, column): comment for table, column, comment in rows}


def test_every_label_is_one_plain_string() -> None:
    """A YAML flow mapping splits an unquoted label at a comma ("95 %, nedre" became the label
    "95 %" and a key "nedre"): each meta is exactly one label_sv, a string."""
    for schema, path in SCHEMA_MODELS.items():
        spec = yaml.safe_load(path.read_text(encoding="utf-8"))
        for model in spec["models"]:
            for node in [model, *model.get("columns", [])]:
                meta = node.get("meta")
                assert isinstance(meta, dict) and list(meta) == ["label_sv"], (schema, node["name"])
                assert isinstance(meta["label_sv"], str) and meta["label_sv"].strip()


@pytest.mark.parametrize("schema", ["marts", "hr"])
def test_every_table_and_column_has_its_swedish_label_first(
    sample_warehouse: tuple[Settings, list[str]], schema: str
) -> None:
    settings, _ = sample_warehouse
    comments = database_comments(str(settings.database_url), schema)
    docs = documented(schema)
    tables = {table for table, _ in comments}
    assert tables == {table for table, _ in docs}, "a table without its YAML, or not built"
    wrong = {}
    for key, comment in comments.items():
        label, description = docs.get(key, (None, ""))
        if not label or " ".join((comment or "").split()) != f"{label}{DASH}{description}":
            wrong[key] = comment
    assert wrong == {}
    # Swedish first: e.g. the yearly turnover's year
    yearly = "rpt_turnover_yearly" if schema == "marts" else "rpt_turnover_yearly_detailed"
    assert comments[(yearly, "year")].startswith("År — ")


def test_docs_cover_the_published_marts_and_the_data_docs(sample_copy: Settings) -> None:
    gx_docs = sample_copy.home / "gx-docs"
    shutil.rmtree(gx_docs, ignore_errors=True)  # the run built it: build it anew

    sites = build_docs(sample_copy)

    with psycopg.connect(str(sample_copy.database_url)) as conn:
        published = conn.execute(
            "select table_name from information_schema.tables where table_schema = 'marts'"
        ).fetchall()
        (view_source,) = conn.execute(
            "select distinct sn.nspname from pg_depend d "
            "join pg_rewrite r on r.oid = d.objid join pg_class v on v.oid = r.ev_class "
            "join pg_namespace vn on vn.oid = v.relnamespace "
            "join pg_class s on s.oid = d.refobjid join pg_namespace sn on sn.oid = s.relnamespace "
            "where vn.nspname = 'marts' and sn.nspname <> 'marts' and s.oid <> v.oid"
        ).fetchone()
    assert sites.build_schema == view_source
    catalog = json.loads(Path(sites.dbt_catalog).read_text(encoding="utf-8"))
    nodes = {n["metadata"]["name"]: n for n in catalog["nodes"].values()}
    for (table,) in published:
        node = nodes[table]
        assert node["metadata"]["schema"] == view_source, table
        assert node["columns"], table
        assert node["metadata"]["comment"], table
    exits = nodes["rpt_turnover_yearly"]["columns"]["exits"]
    assert exits["comment"].startswith("Antal avgångar — ")
    assert sites.dbt_docs.is_file() and sites.dbt_docs.stat().st_size > 100_000
    assert sites.gx_docs == gx_docs / "index.html" and sites.gx_docs.is_file()
    manifest = json.loads((sites.dbt_catalog.parent / "manifest.json").read_text("utf-8"))
    report = manifest["exposures"]["exposure.hrwh.nightly_follow_up_report"]
    assert "model.hrwh.rpt_turnover_yearly" in report["depends_on"]["nodes"]
