"""Checks that no personal value from the landing files is stored in the database or logs."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import psycopg
from hrwh.ingest.csv_reading import decode

PERSONAL_COLUMNS = ("Personnummer", "Namn", "Epost", "RapporteradAv", "RespondentID")


def _is_personal(column: str) -> bool:
    return column in PERSONAL_COLUMNS or column.startswith(("Kommentar", "Vad får dig"))


def _records(path: Path) -> list[dict[str, str]]:
    if path.suffix == ".xlsx":
        from openpyxl import load_workbook

        rows = list(load_workbook(path, read_only=True).worksheets[0].iter_rows(values_only=True))
        header = [str(h) for h in rows[0]]
        return [
            {h: "" if v is None else str(v) for h, v in zip(header, r, strict=False)}
            for r in rows[1:]
        ]
    text, _ = decode(path.read_bytes())
    delimiter = ";" if text.splitlines()[0].count(";") else ","
    return list(csv.DictReader(io.StringIO(text), delimiter=delimiter))


def personal_values(landing: Path) -> set[str]:
    """Every identity number (both spellings), name, e-mail address and comment delivered."""
    values: set[str] = set()
    for path in [*landing.rglob("*.csv"), *landing.rglob("*.xlsx")]:
        for row in _records(path):
            for column, raw in row.items():
                value = (raw or "").strip()
                if column and value and _is_personal(column):
                    values.add(value)
                    if column == "Personnummer":
                        values.add(value.replace("-", ""))
                    if "@" in value:
                        values.add(value.lower())
    return values


def stored_matches(
    conn: psycopg.Connection, values: set[str], allowed_schemas: tuple[str, ...] = ()
) -> list[tuple[str, str, int]]:
    """(table, column, hits) for every text column of every table holding one of the values,
    outside the schemas where such values are allowed (free text lives in `restricted`)."""
    conn.execute("create temp table personal_values (v text primary key)")
    with conn.cursor() as cur, cur.copy("copy personal_values (v) from stdin") as copy:
        for value in values:
            copy.write_row((value,))
    columns = conn.execute(
        """
        select c.table_schema, c.table_name, c.column_name
        from information_schema.columns c
        join information_schema.tables t using (table_schema, table_name)
        where t.table_type = 'BASE TABLE'
          and c.table_schema not in ('pg_catalog', 'information_schema')
          and c.table_schema not like 'pg_temp%%'
          and c.table_schema <> all(%s)
          and c.data_type in ('text', 'character varying', 'jsonb')
        """,
        (list(allowed_schemas),),
    ).fetchall()
    hits = []
    for schema, table, column in columns:
        relation = f'"{schema}"."{table}"'
        (rows,) = conn.execute(f"select count(*) from {relation}").fetchone()
        # Substring search where it is affordable; whole values (a hash join) in big tables,
        # plus a pattern that catches an identity number inside any longer text.
        condition = "strpos(t.x, p.v) > 0" if rows < 500 else "t.x = p.v"
        (count,) = conn.execute(
            f'select count(*) from (select "{column}"::text as x from {relation}) t '
            f"where exists (select 1 from personal_values p where {condition}) "
            r"or t.x ~ '(^|[^0-9a-f])(19|20)\d{6}-?\d{4}($|[^0-9a-f])'"
        ).fetchone()
        if count:
            hits.append((f"{schema}.{table}", column, count))
    return hits


def files_containing(folder: Path, values: set[str]) -> list[str]:
    """Files under `folder` (logs, dbt targets) that contain one of the values.

    Rather than searching every file for thousands of values, every identity-number-like string
    and every run of two to four words in a file is looked up in the set of values.
    """
    found = []
    for path in folder.rglob("*"):
        if path.is_file() and path.stat().st_size < 50_000_000:
            text = path.read_bytes().decode("utf-8", errors="replace")
            candidates = set(re.findall(r"\d{8}-?\d{4}", text))
            words = re.findall(r"[\w-]+", text)
            for size in (2, 3, 4):
                candidates.update(" ".join(words[i : i + size]) for i in range(len(words)))
            if candidates & values:
                found.append(str(path))
    return found


def texts_containing(texts: dict[str, str], values: set[str]) -> list[str]:
    """`where: value` for every text (captured output, a log file, an XCom) holding a value.

    A plain search for each value: meant for the few dozen values of one hand-made landing
    folder, where `files_containing` is meant for the thousands of a whole sample.
    """
    return [
        f"{where}: {value}" for where, text in texts.items() for value in values if value in text
    ]


def folder_texts(folder: Path) -> dict[str, str]:
    """Every file under `folder`, as text."""
    if not folder.is_dir():
        return {}
    return {
        str(path): path.read_bytes().decode("utf-8", errors="replace")
        for path in folder.rglob("*")
        if path.is_file()
    }
