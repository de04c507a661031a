"""The city's follow-up report, written from the published marts: HTML and PDF, in Swedish.

`write` is what the nightly run (after each publish) and `hrwh report --html/--pdf` call.
"""

from __future__ import annotations

from pathlib import Path

import psycopg

from hrwh.followup.content import build_report
from hrwh.followup.marts import latest_published_run
from hrwh.followup.render import write_html, write_pdf


def write(
    conn: psycopg.Connection,
    *,
    html: Path | None = None,
    pdf: Path | None = None,
    run_id: int | None = None,
) -> list[Path]:
    """Write the report to the paths given; `run_id` defaults to the run that published the
    marts. Returns the files written."""
    if run_id is None:
        run_id = latest_published_run(conn)
    report = build_report(conn, run_id)
    written = [write_html(report, html)] if html else []
    return written + ([write_pdf(report, pdf)] if pdf else [])
