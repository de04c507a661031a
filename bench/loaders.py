"""The loaders the project's ingest is measured against, each run as a process of its own.

`python bench/loaders.py copy|to_sql LANDING URL` loads every payroll file of LANDING into a
plain table of text columns in the database at URL and prints the rows loaded:
- `copy`: raw `COPY FROM STDIN` of each file as it is (the limit: no checks, no pseudonyms);
- `to_sql`: pandas reads each file and writes it with `DataFrame.to_sql` over SQLAlchemy and
  psycopg 3 (executemany), as many pipelines do.
(dlt is not a dependency of the project and not installed here, so it is not measured.)
"""

from __future__ import annotations

import sys
from pathlib import Path

import psycopg

TABLE = "bench_payroll"
CHUNK = 1 << 20


def payroll_files(landing: Path) -> list[Path]:
    return sorted((landing / "hr_payroll").glob("payroll_*.csv"))


def layout(path: Path) -> tuple[list[str], str, str]:
    """The file's header, delimiter and PostgreSQL encoding (UTF-8, else Windows-1252)."""
    data = path.read_bytes()
    try:
        text, encoding = data.decode("utf-8-sig"), "UTF8"
    except UnicodeDecodeError:
        text, encoding = data.decode("cp1252"), "WIN1252"
    first = text.split("\n", 1)[0].strip("\r")
    delimiter = ";" if first.count(";") >= first.count(",") else ","
    return [c.strip('"') for c in first.split(delimiter)], delimiter, encoding


def create_table(conn: psycopg.Connection, columns: list[str]) -> None:
    names = ", ".join(f'"{c.lower()}" text' for c in sorted(columns))
    conn.execute(f"create table if not exists {TABLE} ({names})")


def copy(landing: Path, url: str) -> int:
    with psycopg.connect(url) as conn:
        for path in payroll_files(landing):
            columns, delimiter, encoding = layout(path)
            create_table(conn, columns)
            quoted = ", ".join(f'"{c.lower()}"' for c in columns)
            statement = (
                f"copy {TABLE} ({quoted}) from stdin with (format csv, header true, "
                f"delimiter '{delimiter}', encoding '{encoding}')"
            )
            with (
                conn.transaction(),
                conn.cursor() as cur,
                cur.copy(statement) as out,
                path.open("rb") as fh,
            ):
                if encoding == "UTF8" and fh.read(3) != b"\xef\xbb\xbf":
                    fh.seek(0)
                while chunk := fh.read(CHUNK):
                    out.write(chunk)
        return conn.execute(f"select count(*) from {TABLE}").fetchone()[0]


def to_sql(landing: Path, url: str) -> int:
    import pandas as pd
    from sqlalchemy import create_engine

    engine = create_engine(url.replace("postgresql://", "postgresql+psycopg://", 1))
    rows = 0
    for path in payroll_files(landing):
        _, delimiter, encoding = layout(path)
        frame = pd.read_csv(
            path,
            sep=delimiter,
            dtype=str,
            keep_default_na=False,
            encoding="utf-8-sig" if encoding == "UTF8" else "cp1252",
        )
        frame.columns = [c.lower() for c in frame.columns]
        frame.to_sql(TABLE, engine, if_exists="append", index=False)
        rows += len(frame)
    engine.dispose()
    return rows


if __name__ == "__main__":
    step, landing, url = sys.argv[1], Path(sys.argv[2]), sys.argv[3]
    load = {"copy": copy, "to_sql": to_sql}[step]
    print(load(landing, url))
