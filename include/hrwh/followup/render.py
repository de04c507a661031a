"""The report written out: one self-contained HTML page and a PDF, from the same sections.

The page needs no network to be read: the diagrams are SVG inside it (data URIs, so that the
element ids of one diagram cannot clash with another's), the styles are inline and the fonts
are the reader's own. The PDF is drawn by matplotlib (no browser, no extra library): a title
page, then each table and diagram, a district's two diagrams on its own page. Output is
reproducible: the same marts and run give the same bytes.
"""

from __future__ import annotations

import base64
import io
import textwrap
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

import matplotlib
from jinja2 import Environment, PackageLoader, select_autoescape
from matplotlib.backends.backend_pdf import PdfPages
from matplotlib.figure import Figure, FigureBase

from hrwh.followup.charts import GREY, OKABE_ITO
from hrwh.followup.model import Chart, Report, Section, Table

A4_LANDSCAPE = (11.69, 8.27)
A4_PORTRAIT = (8.27, 11.69)
_STYLE = {
    "svg.hashsalt": "hrwh",  # stable ids, so the same report gives the same page
    "svg.fonttype": "path",  # text as outlines: the page needs none of our fonts
    "font.size": 9,
    "axes.prop_cycle": matplotlib.cycler(color=OKABE_ITO),
    "pdf.fonttype": 42,
}


@contextmanager
def _style() -> Iterator[None]:
    with matplotlib.rc_context(_STYLE):
        yield


def _draw(chart: Chart, target: FigureBase, report: Report) -> None:
    """The chart with its title above and its source line below."""
    target.suptitle(
        f"Diagram {chart.key}. {chart.title}", x=0.01, ha="left", fontsize=10, fontweight="bold"
    )
    chart.draw(target)
    target.supxlabel(report.source_line(chart.sources), x=0.01, ha="left", fontsize=7, color=GREY)


def chart_svg(chart: Chart, report: Report) -> str:
    """The chart as an SVG data URI for an <img>."""
    with _style():
        figure = Figure(figsize=chart.size, layout="constrained")
        _draw(chart, figure, report)
        buffer = io.BytesIO()
        figure.savefig(buffer, format="svg", metadata={"Date": None})
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def write_html(report: Report, path: Path) -> Path:
    """The report as one HTML page with everything inside it."""
    environment = Environment(
        loader=PackageLoader("hrwh.followup", "templates"),
        autoescape=select_autoescape(["html", "j2"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    images = {
        block.key: chart_svg(block, report)
        for section in report.sections
        for block in section.blocks
        if isinstance(block, Chart)
    }
    html = environment.get_template("uppfoljning.html.j2").render(
        report=report, images=images, is_table=lambda b: isinstance(b, Table)
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(html, encoding="utf-8")
    return path


def write_pdf(report: Report, path: Path) -> Path:
    """The report as a PDF: a title page, then a page per table and diagram; a district's
    section is one page with both its diagrams."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with (
        _style(),
        PdfPages(
            path,
            metadata={
                "Title": report.title,
                "Creator": "hrwh",
                "CreationDate": datetime(2000, 1, 1),
            },
        ) as pdf,
    ):
        pdf.savefig(_title_page(report))
        for section in report.sections:
            for page in _pages(section, report):
                pdf.savefig(page)
    return path


def _title_page(report: Report) -> Figure:
    page = Figure(figsize=A4_PORTRAIT)
    title = textwrap.fill(report.title, 48)
    page.text(0.08, 0.88, title, fontsize=16, fontweight="bold", va="top")
    page.text(0.08, 0.78, textwrap.fill(report.subtitle, 90), fontsize=9, va="top")
    page.text(0.08, 0.72, "Innehåll", fontsize=11, fontweight="bold")
    y = 0.69
    for section in report.sections:
        page.text(0.1, y, section.heading, fontsize=9)
        y -= 0.025
    return page


def _pages(section: Section, report: Report) -> Iterator[Figure]:
    if section.own_page:
        charts = [b for b in section.blocks if isinstance(b, Chart)]
        page = Figure(figsize=A4_PORTRAIT, layout="constrained")
        page.suptitle(section.heading, fontsize=14, fontweight="bold", x=0.02, ha="left")
        for chart, area in zip(
            charts, page.subfigures(len(charts), 1, squeeze=False).flat, strict=True
        ):
            _draw(chart, area, report)
        yield page
    for block in section.blocks:
        if isinstance(block, Table):
            yield _table_page(block, section, report)
        elif not section.own_page:
            page = Figure(figsize=A4_LANDSCAPE, layout="constrained")
            _draw(block, page, report)
            yield page


def _table_page(table: Table, section: Section, report: Report) -> Figure:
    page = Figure(figsize=A4_LANDSCAPE)
    page.text(0.04, 0.95, section.heading, fontsize=9, color=GREY)
    page.text(0.04, 0.91, table.caption, fontsize=12, fontweight="bold")
    if table.rows:
        ax = page.add_axes((0.04, 0.12, 0.92, 0.76))
        ax.axis("off")
        drawn = ax.table(
            cellText=[[label] + [c.text + c.mark for c in cells] for label, cells in table.rows],
            colLabels=[table.corner, *table.columns],
            loc="upper center",
            cellLoc="center",
        )
        for (row, column), cell in drawn.get_celld().items():
            if column == 0:
                cell.set_text_props(ha="left", fontweight="bold" if row else "normal")
        drawn.auto_set_font_size(False)
        drawn.set_fontsize(7 if len(table.columns) > 8 else 8)
        drawn.auto_set_column_width(list(range(len(table.columns) + 1)))
        drawn.scale(1, 1.25)
    notes = [*table.notes, report.source_line((table.source,))]
    page.text(0.04, 0.03, "\n".join(notes), fontsize=7, color=GREY, va="bottom", wrap=True)
    return page
