"""Rows as PostgreSQL's COPY text format, written by the loader itself.

psycopg's `write_row` turns each typed value back into text through a dumper per value, which
was a third of the load's time per row; the loader instead writes the COPY text of a checked row
once (and, for a row it has seen in an earlier month, not at all: `RowMemo`) and hands psycopg
whole blocks of lines.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})
NULL = "\\N"


def field(value: object) -> str:
    """One value as COPY text: NULL, escaped text, an ISO date, a number."""
    if value is None:
        return NULL
    if isinstance(value, str):
        special = "\\" in value or "\t" in value or "\n" in value or "\r" in value
        return value.translate(_ESCAPES) if special else value
    if isinstance(value, date):  # datetime too
        return value.isoformat()
    if isinstance(value, int | Decimal):
        return str(value)
    raise TypeError(f"no COPY text for a {type(value).__name__}")


def line(values: tuple) -> str:
    """A row's values as COPY text, without its line break."""
    return "\t".join(map(field, values))
