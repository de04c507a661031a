"""The published turnover table, printed the way the city's report lays it out."""

from __future__ import annotations

import psycopg

_ORDER = """
select administration, kind
from marts.dim_administration
where report_order is not null
order by report_order
"""

_QUERY = """
select year, administration, occupation_group, exits, headcount
from marts.rpt_turnover_yearly
where exit_reason_group = 'Alla avgångsorsaker' and year between %s and %s
"""


def _row_order(conn: psycopg.Connection) -> list[str]:
    """Districts in the report's order, then their total, the specialists and the city."""
    rows = conn.execute(_ORDER).fetchall()
    districts = [name for name, kind in rows if kind == "district"]
    specialists = [name for name, kind in rows if kind == "specialist"]
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
        for admin in _row_order(conn):
            row = [cells.get((group, admin, y)) for y in years]
            if any(row):
                out.append(f"{admin:<24}" + "".join(f"{c or '':>10}" for c in row))
    return "\n".join(out)
