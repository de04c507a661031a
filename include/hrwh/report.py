"""The published turnover table, printed the way the city's report lays it out."""

from __future__ import annotations

import psycopg

from hrwh.followup.marts import OCCUPATION_GROUPS, administrations, report_rows, yearly


def turnover_table(conn: psycopg.Connection, first_year: int, last_year: int) -> str:
    """Tables 1 and 2: exits/headcount per administration and year, both occupation groups."""
    cells = {
        (c.occupation_group, c.administration, c.year): f"{c.exits}/{c.headcount}"
        for c in yearly(conn, first_year=first_year, last_year=last_year)
    }
    years = list(range(first_year, last_year + 1))
    out: list[str] = []
    for group in OCCUPATION_GROUPS:
        out.append(f"\nPersonalrörlighet {group.lower()}, alla avgångsorsaker (avgångar/antal)")
        out.append(f"{'Förvaltning':<24}" + "".join(f"{y:>10}" for y in years))
        for admin in report_rows(administrations(conn)):
            row = [cells.get((group, admin, y)) for y in years]
            if any(row):
                out.append(f"{admin:<24}" + "".join(f"{c or '':>10}" for c in row))
    return "\n".join(out)
