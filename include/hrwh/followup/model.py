"""The report as data: sections of tables and diagrams, rendered alike to HTML and to PDF."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from matplotlib.figure import FigureBase


@dataclass(frozen=True)
class Cell:
    """A table cell: its text, a footnote mark (the small-number warning) and a hover text."""

    text: str
    mark: str = ""
    title: str = ""


@dataclass(frozen=True)
class Table:
    """A table with a row header column; `source` is the mart it shows."""

    key: str
    caption: str
    source: str
    corner: str
    columns: list[str]
    rows: list[tuple[str, list[Cell]]]
    notes: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Chart:
    """A diagram: `draw` fills a figure; the renderer adds the title and the source line."""

    key: str
    title: str
    sources: tuple[str, ...]
    draw: Callable[[FigureBase], None]
    size: tuple[float, float] = (8.0, 4.2)


@dataclass(frozen=True)
class Section:
    """A part of the report; `own_page` starts it on a new page (a district's page)."""

    key: str
    heading: str
    text: list[str] = field(default_factory=list)
    blocks: list[Table | Chart] = field(default_factory=list)
    own_page: bool = False


@dataclass(frozen=True)
class Report:
    title: str
    subtitle: str
    run_id: int | None
    sections: list[Section]

    def source_line(self, sources: tuple[str, ...]) -> str:
        """The line under a diagram: where its numbers come from."""
        marts = ", ".join(f"marts.{s}" for s in sources)
        run = f", körning {self.run_id}" if self.run_id is not None else ""
        return f"Källa: hrwh, {marts}{run}"


def per_cent(fraction: Decimal | None, decimals: int = 1) -> str:
    """A fraction as Swedish per cent (0.12345 → "12,3"); rounded half up, as PostgreSQL's
    round() does, so that a reader checking against the mart gets the same digits."""
    if fraction is None:
        return "–"
    return number(Decimal(fraction) * 100, decimals)


def number(value: Decimal | float | None, decimals: int = 1) -> str:
    """A number with a decimal comma, rounded half up. A float goes through its shortest text
    (1.45, not 1.4499999999999999556), so that it rounds as the mart's decimal it came from."""
    if value is None:
        return "–"
    quantum = Decimal(1).scaleb(-decimals)
    exact = Decimal(str(value)) if isinstance(value, float) else Decimal(value)
    return str(exact.quantize(quantum, rounding=ROUND_HALF_UP)).replace(".", ",")
