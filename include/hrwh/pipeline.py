"""One nightly run: ingest → build → audit → publish (write–audit–publish).

`hrwh run` calls `run_nightly`; the Airflow DAG calls the four steps as separate tasks. Every
step is idempotent: a rerun loads nothing it already has and rebuilds the same marts, and
nothing reaches `marts` unless dbt's tests and the quality gate passed.
"""

from __future__ import annotations

import json
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import psycopg

from hrwh.alerts import bad_files_alert, failed_run_alert, send
from hrwh.database import (
    check_pseudonym_key,
    connect,
    ensure_raw_schema,
    resolve_database_url,
    run_lock,
)
from hrwh.ingest.consultants import CONSULTANTS
from hrwh.ingest.loader import FileOutcome, load_file
from hrwh.ingest.payroll import PAYROLL
from hrwh.ingest.sources import Source
from hrwh.ingest.survey import SURVEY
from hrwh.pseudonym import Pseudonymizer, load_pseudonymizer
from hrwh.publish import BUILD_SCHEMA, swap_in_build
from hrwh.settings import ConfigError, Settings
from hrwh.transform import dbt_build

SOURCES = (PAYROLL, CONSULTANTS, SURVEY)
RECONNECT_ATTEMPTS = 3


@dataclass
class IngestResult:
    """What the ingest step did; plain data, so it travels through Airflow's XCom."""

    run_id: int
    started_at: float = field(default_factory=time.time)
    files: list[dict[str, Any]] = field(default_factory=list)

    def count(self, status: str) -> int:
        return sum(1 for f in self.files if f["status"] == status)

    @property
    def rows_loaded(self) -> int:
        return sum(f["rows_loaded"] for f in self.files)

    @property
    def rows_quarantined(self) -> int:
        return sum(f["rows_quarantined"] for f in self.files)


class _FileLoader:
    """Loads files one by one over one connection, reconnecting when the connection drops.

    Each file is one transaction, so a file whose connection dropped mid-way left nothing
    behind and is simply loaded again on the new connection.
    """

    def __init__(
        self, url: str, pseudonyms: Pseudonymizer, run_id: int, settings: Settings
    ) -> None:
        self.url, self.pseudonyms, self.run_id, self.settings = url, pseudonyms, run_id, settings
        # Autocommit: every file's `conn.transaction()` is then a transaction of its own.
        self.conn = connect(url, autocommit=True)

    def load(self, source: Source, path: Path, rivals: tuple[str, ...]) -> FileOutcome:
        attempt = 1
        while True:
            try:
                return load_file(
                    self.conn, source, path, self.pseudonyms, self.run_id, self.settings, rivals
                )
            except psycopg.OperationalError:
                if attempt == RECONNECT_ATTEMPTS or not self.conn.closed:
                    raise
                time.sleep(attempt)
                attempt += 1
                self.conn = connect(self.url, autocommit=True)

    def close(self) -> None:
        self.conn.close()


def ingest(settings: Settings) -> IngestResult:
    """Take every new or re-delivered landing file into `raw`."""
    if not settings.landing_dir.is_dir():
        raise ConfigError(
            f"The landing directory {settings.landing_dir} does not exist. Set HRWH_LANDING_DIR "
            f"to the folder the source systems deliver to (sample data: hrwh sample --out DIR)."
        )
    pseudonyms = load_pseudonymizer(settings.home)
    url = resolve_database_url(settings)
    with run_lock(url):
        with connect(url) as conn:
            ensure_raw_schema(conn)
            check_pseudonym_key(conn, pseudonyms.fingerprint)
            with conn.transaction():
                run = conn.execute("insert into raw.run_log default values returning run_id")
                result = IngestResult(int(run.fetchone()[0]))
        loader = _FileLoader(url, pseudonyms, result.run_id, settings)
        try:
            for source in SOURCES:
                paths = source.files(settings.landing_dir)
                outcomes = [loader.load(source, p, source.rivals(p, paths)) for p in paths]
                result.files.extend(asdict(o) for o in outcomes)
                if any(o.status in ("loaded", "replaced") for o in outcomes):
                    # Fresh statistics so that dbt's queries over the new rows get good plans.
                    for table in source.tables:
                        loader.conn.execute(f"analyze {table}")
        finally:
            loader.close()
    alert = bad_files_alert(result.run_id, result.files)
    if alert is not None:
        send(alert)
    return result


def build(settings: Settings, result: IngestResult) -> str:
    """Rebuild the dbt project (seeds, models and their tests) from `raw`.

    A failed build is recorded against the run before the error goes on to the caller.
    """
    url = resolve_database_url(settings)
    try:
        with run_lock(url):
            return dbt_build(url, settings.home)
    except Exception as exc:
        _finish(settings, result, "failed", str(exc))
        send(failed_run_alert(result.run_id, "the build", str(exc)))
        raise


class GateFailed(Exception):
    """The build did not pass its quality gate; the message lists the failed checks."""


class PublishFailed(Exception):
    """The checked build could not be swapped in (e.g. marts stayed locked too long)."""


def audit(settings: Settings, result: IngestResult) -> str:
    """Check the raw data and the built marts (Great Expectations) before anything is published.

    On a failed check the run is recorded as failed, an alert names the check, and `marts` stays
    as it was.
    """
    from hrwh.quality import validate_marts, validate_raw

    url = resolve_database_url(settings)
    with run_lock(url):
        reports = [validate_raw(url, settings.home)]
        if reports[0].passed:
            reports.append(validate_marts(url, BUILD_SCHEMA, settings.home))
    if not all(report.passed for report in reports):
        detail = "\n".join(line for report in reports for line in report.summary_lines())
        _finish(settings, result, "failed", detail)
        send(failed_run_alert(result.run_id, "the quality gate", detail))
        raise GateFailed(detail)
    raw, marts = reports
    return "; ".join(
        [f"{raw.checks_run + marts.checks_run} quality checks passed"]
        + ([f"Data Docs: {marts.docs_path}"] if marts.docs_path else [])
    )


def publish(settings: Settings, result: IngestResult, detail: str) -> None:
    """Swap the checked build in as `marts` and record the run as published."""
    url = resolve_database_url(settings)
    try:
        with run_lock(url), connect(url) as conn:
            swap_in_build(conn)
    except psycopg.Error as exc:  # e.g. a BI session held marts past the lock timeout
        _finish(settings, result, "failed", f"publishing failed: {exc}")
        send(failed_run_alert(result.run_id, "publishing", str(exc)))
        raise PublishFailed(f"publishing failed, the previous marts stay: {exc}") from exc
    _finish(settings, result, "published", detail)


def _finish(settings: Settings, result: IngestResult, status: str, detail: str) -> None:
    summary = {"files": result.files, "detail": detail}
    with connect(resolve_database_url(settings)) as conn, conn.transaction():
        conn.execute(
            "update raw.run_log set status = %s, finished_at = now(), summary = %s "
            "where run_id = %s",
            (status, json.dumps(summary, ensure_ascii=False), result.run_id),
        )


def run_nightly(settings: Settings) -> list[str]:
    """Ingest, build and publish once; return the run's summary lines."""
    result = ingest(settings)
    detail = build(settings, result)
    checked = audit(settings, result)
    publish(settings, result, f"{detail}; {checked}")
    return summary_lines(result, f"{detail}; {checked}")


def summary_lines(result: IngestResult, detail: str) -> list[str]:
    """The short, human summary printed at the end of a run: every bad file is named."""
    seconds = time.time() - result.started_at
    loaded = [f for f in result.files if f["status"] in ("loaded", "replaced")]
    lines = [
        f"hrwh run {result.run_id}: marts published in {seconds:.1f} s",
        f"  files: {result.count('loaded')} loaded, {result.count('replaced')} replaced an "
        f"earlier delivery, {result.count('already_loaded')} skipped as already loaded, "
        f"{result.count('skipped_duplicate')} skipped as duplicates, "
        f"{result.count('held')} held, {result.count('rejected')} rejected",
        f"  rows: {result.rows_loaded:,} loaded, {result.rows_quarantined:,} set aside "
        "(see raw.quarantine)",
        f"  lines: {sum(f['lines_total'] for f in loaded):,} in the files loaded = "
        f"{len(loaded):,} header + {sum(f['lines_loaded'] for f in loaded):,} loaded + "
        f"{sum(f['lines_set_aside'] for f in loaded):,} set aside + "
        f"{sum(f['lines_blank'] for f in loaded):,} blank",
        f"  checks: dbt {detail}",
    ]
    for f in result.files:
        name = f"{f['source']}/{f['file_name']}"
        if f["status"] in ("rejected", "skipped_duplicate", "held"):
            lines.append(f"  {f['status']}: {name}: {f['reason']}")
        elif f["rows_quarantined"]:
            lines.append(
                f"  set aside: {name}: {f['rows_quarantined']:,} row(s) over "
                f"{f['lines_set_aside']:,} line(s), the rest loaded (see raw.quarantine)"
            )
        if f["set_aside_to"]:
            lines.append(f"    moved to {f['set_aside_to']} (reason beside it)")
        if f["unknown_columns"]:
            positions = ", ".join(str(p) for p in f["unknown_columns"])
            lines.append(f"  note: {name} has unknown columns, ignored: column(s) {positions}")
    return lines
