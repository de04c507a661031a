"""The follow-up report the nightly run writes: its tables say what the marts say, it needs no
network, and it opens in a real browser (Debian's chromium, headless) without a failed request
or a console error, every diagram drawn.

The expected cells are computed here with SQL of the test's own over `marts` of the shared
sample warehouse, and compared with the tables as the HTML parser and as the browser read them.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path

import psycopg
import pytest
from hrwh.cli import main
from hrwh.pipeline import write_report
from hrwh.settings import PROJECT_ROOT, Settings

ARTEFACTS = PROJECT_ROOT / ".hrwh" / "test-artefacts"
MARKS = "†*"  # the small-number and preliminary marks beside a number or a year

# table id -> (column headers, rows of (row header, cells))
Tables = dict[str, tuple[list[str], list[tuple[str, list[str]]]]]


class _TableReader(HTMLParser):
    """The page's tables with an id: headers and cells as plain text."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: Tables = {}
        self._table: str | None = None
        self._row: list[str] | None = None
        self._text: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table" and dict(attrs).get("id"):
            self._table = dict(attrs)["id"]
            self.tables[self._table] = ([], [])
        elif self._table and tag == "tr":
            self._row = []
        elif self._row is not None and tag in ("th", "td"):
            self._text = []

    def handle_data(self, data: str) -> None:
        if self._text is not None:
            self._text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("th", "td") and self._text is not None and self._row is not None:
            self._row.append("".join(self._text).strip())
            self._text = None
        elif tag == "tr" and self._row is not None and self._table:
            columns, rows = self.tables[self._table]
            if not columns:
                columns.extend(self._row[1:])
            else:
                rows.append((self._row[0], self._row[1:]))
            self._row = None
        elif tag == "table":
            self._table = None


def read_tables(html: str) -> Tables:
    reader = _TableReader()
    reader.feed(html)
    return reader.tables


def grid(tables: Tables, key: str) -> dict[tuple[str, str], str]:
    """A table's cells by (row header, column header), marks stripped, empty cells left out."""
    columns, rows = tables[key]
    return {
        (label, columns[i].strip(MARKS)): cell.strip(MARKS)
        for label, cells in rows
        for i, cell in enumerate(cells)
        if cell not in ("", "–")
    }


def expected_tables(conn: psycopg.Connection) -> dict[str, dict[tuple[str, str], str]]:
    """What tables 1–5 must show, from the marts."""

    def cells(sql: str, *params: object) -> dict[tuple[str, str], str]:
        return {(a, b): c for a, b, c in conn.execute(sql, params).fetchall() if c is not None}

    sv = "replace(round({} * {}, 1)::text, '.', ',')"
    expected = {
        f"tabell-{n}": cells(
            "select administration, year::text, exits || '/' || headcount "
            "from marts.rpt_turnover_yearly "
            "where exit_reason_group = 'Alla avgångsorsaker' and occupation_group = %s",
            group,
        )
        for n, group in ((1, "Biståndshandläggare"), (2, "Socialsekreterare"))
    }
    expected["tabell-3"] = cells(
        "select extract(year from measurement_date)::int::text, "
        "  case extract(month from measurement_date) when 4 then 'April' "
        "    when 11 then 'November' end, consultants::text "
        "from marts.rpt_consultants where administration = 'Staden totalt'"
    )
    expected["tabell-3b"] = cells(
        "select c.administration, c.measurement_date::text, "
        + sv.format("r.consultants_per_100_handlaggare", 1)
        + " from marts.rpt_consultants c join marts.rpt_consultant_ratio r "
        "  using (measurement_date, administration)"
    )
    for statement, letter in ((1, "a"), (2, "b"), (3, "c")):
        expected[f"tabell-4{letter}"] = cells(
            "select breakdown_value, survey_round, " + sv.format("share_positive", 100) + " "
            "from marts.rpt_survey_results where statement_no = %s and not suppressed",
            statement,
        )
    expected["tabell-5"] = cells(
        "select administration, occupation_group, " + sv.format("turnover_rate", 100) + " "
        "from marts.rpt_turnover_rolling_12m where unit is null "
        "and period_end = (select max(period_end) from marts.rpt_turnover_rolling_12m)"
    )
    return expected


def units_over_expected(conn: psycopg.Connection) -> set[tuple[str, ...]]:
    """Table 6's rows: every unit of the latest month-end above its expected turnover."""
    rows = conn.execute(
        "select administration, unit, occupation_group, exits::text, status "
        "from marts.rpt_unit_turnover_watch "
        "where status <> 'Inom förväntat' "
        "and period_end = (select max(period_end) from marts.rpt_unit_turnover_watch)"
    ).fetchall()
    return {tuple(r) for r in rows}


def assert_tables_show_the_marts(tables: Tables, settings: Settings) -> None:
    with psycopg.connect(str(settings.database_url)) as conn:
        expected = expected_tables(conn)
        watch = units_over_expected(conn)
        small = {
            (admin, str(year))
            for admin, year in conn.execute(
                "select administration, year from marts.rpt_turnover_yearly "
                "where exit_reason_group = 'Alla avgångsorsaker' "
                "and occupation_group = 'Biståndshandläggare' and is_small_base"
            )
        }
    for key, cells in expected.items():
        assert cells, f"the sample's marts have nothing for {key}"
        assert grid(tables, key) == cells, key
    shown_watch = {(label, c[0], c[1], c[2], c[6]) for label, c in tables["tabell-6"][1]}
    assert shown_watch == watch and watch
    # the small-number warning: marked exactly where the mart flags a small base
    columns, rows = tables["tabell-1"]
    marked = {
        (label, columns[i].strip(MARKS))
        for label, cells in rows
        for i, cell in enumerate(cells)
        if cell.endswith("†")
    }
    assert marked == small and small


@pytest.fixture(scope="module")
def nightly_report(sample_warehouse: tuple[Settings, list[str]]) -> tuple[Path, Path]:
    settings, summary = sample_warehouse
    html, pdf = (
        settings.home / "report" / "uppfoljning.html",
        settings.home / "report" / "uppfoljning.pdf",
    )
    assert f"  report: {html}, {pdf}" in summary
    return html, pdf


def test_the_nightly_report_shows_the_marts_and_needs_no_network(
    sample_warehouse: tuple[Settings, list[str]], nightly_report: tuple[Path, Path]
) -> None:
    settings, _ = sample_warehouse
    html_path, pdf_path = nightly_report
    html = html_path.read_text(encoding="utf-8")
    assert_tables_show_the_marts(read_tables(html), settings)
    assert not re.search(r"https?://", html)
    assert not re.search(r"<script|<link|@import|url\(", html)
    sources = re.findall(r'\ssrc="([^"]*)"', html)
    assert len(sources) >= 30 and all(s.startswith("data:image/svg+xml;base64,") for s in sources)
    assert "Källa: hrwh, marts.rpt_turnover_yearly, körning" in html
    for number in ("1a", "1b", "2a", "2b", "6a", "16b"):
        assert f'id="diagram-{number}"' in html, number
    pdf = pdf_path.read_bytes()
    assert pdf.startswith(b"%PDF")
    assert len(re.findall(rb"/Type\s*/Page\b", pdf)) > 1


def test_hrwh_report_writes_the_same_report_on_demand(
    sample_warehouse: tuple[Settings, list[str]],
    nightly_report: tuple[Path, Path],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    settings, _ = sample_warehouse
    monkeypatch.setenv("HRWH_DATABASE_URL", str(settings.database_url))
    html = tmp_path / "report.html"
    assert main(["report", "--html", str(html)]) == 0
    assert html.read_bytes() == nightly_report[0].read_bytes()


def test_a_report_that_fails_is_alerted_and_leaves_the_publish(
    webhook: list[dict], sample_copy: Settings, tmp_path: Path
) -> None:
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the report's folder should go", encoding="utf-8")
    settings = replace(sample_copy, home=blocked, alert_webhook=os.environ["HRWH_ALERT_WEBHOOK"])
    with psycopg.connect(str(settings.database_url)) as conn:
        (run_id,) = conn.execute("select max(run_id) from raw.run_log").fetchone()
        assert write_report(settings, run_id) == []
        status, summary = conn.execute(
            "select status, summary from raw.run_log where run_id = %s", (run_id,)
        ).fetchone()
        published = conn.execute("select count(*) from marts.rpt_turnover_yearly").fetchone()[0]
    assert [a["text"].splitlines()[0] for a in webhook] == [
        f"[hrwh] run {run_id}: the follow-up report was not written"
    ]
    assert status == "published" and published > 0
    assert summary["report"] == [] and summary["report_error"]


def _chromium() -> str:
    """Debian's chromium: found, or installed with apt-get (a failed install fails the test)."""
    found = shutil.which("chromium")
    if found is None:
        for command in (["apt-get", "update"], ["apt-get", "install", "-y", "chromium"]):
            subprocess.run(command, check=True, capture_output=True)
        found = "/usr/bin/chromium"
    assert Path(found).is_file()
    return found


_READ_TABLES = """() => Object.fromEntries([...document.querySelectorAll('table[id]')].map(t => [
  t.id,
  [[...t.querySelectorAll('thead th')].slice(1).map(c => c.textContent.trim()),
   [...t.querySelectorAll('tbody tr')].map(r => [
     r.querySelector('th').textContent.trim(),
     [...r.querySelectorAll('td')].map(c => c.textContent.trim())])]]))"""

_IMAGES = """() => [...document.querySelectorAll('figure img, figure svg')].map(i => ({
  key: i.closest('figure').id, width: i.naturalWidth ?? i.getBoundingClientRect().width,
  height: i.naturalHeight ?? i.getBoundingClientRect().height, complete: i.complete ?? true}))"""


def test_the_report_opens_in_a_headless_browser(
    sample_warehouse: tuple[Settings, list[str]], nightly_report: tuple[Path, Path]
) -> None:
    from playwright.sync_api import sync_playwright

    settings, _ = sample_warehouse
    failed: list[str] = []
    errors: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=_chromium(),
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 1600})
            page.on("requestfailed", lambda r: failed.append(f"{r.url[:80]} {r.failure}"))
            page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.goto(nightly_report[0].as_uri(), wait_until="load")
            images = page.evaluate(_IMAGES)
            tables = {
                k: (v[0], [tuple(r) for r in v[1]]) for k, v in page.evaluate(_READ_TABLES).items()
            }
            ARTEFACTS.mkdir(parents=True, exist_ok=True)
            shot = ARTEFACTS / "report-first-page.png"
            page.screenshot(path=str(shot))
        finally:
            browser.close()
    print(f"screenshot of the report's first page: {shot}")
    assert failed == [] and errors == []
    figures = nightly_report[0].read_text(encoding="utf-8").count("<figure ")
    assert len(images) == figures >= 30
    for image in images:
        assert image["complete"] and image["width"] > 0 and image["height"] > 0, image
    assert_tables_show_the_marts(tables, settings)  # type: ignore[arg-type]
    assert shot.stat().st_size > 10_000
