"""The published turnover table, printed the way the city's report lays it out."""

from __future__ import annotations

import csv

import psycopg

from hrwh.settings import DBT_PROJECT_DIR

_QUERY = """
select year, administration, occupation_group, exits, headcount
from marts.rpt_turnover_yearly
where exit_reason_group = 'Alla avgångsorsaker' and year between %s and %s
"""


def _row_order() -> list[str]:
    """Districts in the report's order, then their total, the specialists and the city."""
    with (DBT_PROJECT_DIR / "seeds" / "administrations.csv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    districts = [r["administration"] for r in rows if r["kind"] == "district"]
    specialists = [r["administration"] for r in rows if r["kind"] == "specialist"]
    return [*districts, "Stadsdelar total", *specialists, "Staden totalt"]


def turnover_table(conn: psycopg.Connection, first_year: int, last_year: int) -> str:
    """Tables 1 and 2: exits/headcount per administration and year, both occupation groups."""
    cells: dict[tuple[str, str, int], str] = {}
    for year, admin, group, exits, headcount in conn.execute(_QUERY, (first_year, last_year)):
        cells[(group, admin, year)] = f"{exits}/{headcount}"
    years = list(range(first_year, last_year + 1))
    out: list[str] = []
    for group in ("Biståndshandläggare", "Socialsekreterare"):
        out.append(f"\nPersonalrörlighet {group.lower()}, alla avgångsorsaker (avgångar/antal)")
        out.append(f"{'Förvaltning':<24}" + "".join(f"{y:>10}" for y in years))
        for admin in _row_order():
            row = [cells.get((group, admin, y)) for y in years]
            if any(row):
                out.append(f"{admin:<24}" + "".join(f"{c or '':>10}" for c in row))
    return "\n".join(out)
