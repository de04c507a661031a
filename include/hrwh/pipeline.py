"""One nightly run: ingest → build → publish.

`hrwh run` calls `run_nightly`; the Airflow DAG calls the three steps as separate tasks. Every
step is idempotent: a rerun loads nothing it already has and rebuilds the same marts.
"""

from __future__ import annotations

import json
import time
from dataclasses import asdict, dataclass, field
from typing import Any

from hrwh.database import check_pseudonym_key, connect, ensure_raw_schema, resolve_database_url
from hrwh.ingest.loader import load_file
from hrwh.ingest.consultants import CONSULTANTS
from hrwh.ingest.payroll import PAYROLL
from hrwh.ingest.survey import SURVEY
from hrwh.pseudonym import load_pseudonymizer
from hrwh.settings import ConfigError, Settings
from hrwh.transform import dbt_build

SOURCES = (PAYROLL, CONSULTANTS, SURVEY)


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


def ingest(settings: Settings) -> IngestResult:
    """Take every new or re-delivered landing file into `raw`."""
    if not settings.landing_dir.is_dir():
        raise ConfigError(
            f"The landing directory {settings.landing_dir} does not exist. Set HRWH_LANDING_DIR "
            f"to the folder the source systems deliver to (sample data: hrwh sample --out DIR)."
        )
    pseudonyms = load_pseudonymizer(settings.home)
    with connect(resolve_database_url(settings)) as conn:
        ensure_raw_schema(conn)
        check_pseudonym_key(conn, pseudonyms.fingerprint)
        with conn.transaction():
            run = conn.execute("insert into raw.run_log default values returning run_id")
            run_id = int(run.fetchone()[0])
        result = IngestResult(run_id)
        for source in SOURCES:
            outcomes = [
                load_file(conn, source, path, pseudonyms, run_id, settings.max_bad_row_share)
                for path in source.files(settings.landing_dir)
            ]
            result.files.extend(asdict(o) for o in outcomes)
            if any(o.status in ("loaded", "replaced") for o in outcomes):
                # Fresh statistics so that dbt's queries over the new rows get good plans.
                for table in source.tables:
                    conn.execute(f"analyze {table}")
    return result


def build(settings: Settings, result: IngestResult) -> str:
    """Rebuild the dbt project (seeds, models and their tests) from `raw`.

    A failed build is recorded against the run before the error goes on to the caller.
    """
    try:
        return dbt_build(resolve_database_url(settings), settings.home)
    except Exception as exc:
        _finish(settings, result, "failed", str(exc))
        raise


def publish(settings: Settings, result: IngestResult, detail: str) -> None:
    """Record the run as published, with its summary, in `raw.run_log`."""
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
    publish(settings, result, detail)
    return summary_lines(result, detail)


def summary_lines(result: IngestResult, detail: str) -> list[str]:
    """The short, human summary printed at the end of a run."""
    seconds = time.time() - result.started_at
    lines = [
        f"hrwh run {result.run_id}: marts published in {seconds:.1f} s (dbt: {detail})",
        f"  files: {result.count('loaded')} loaded, {result.count('replaced')} replaced an "
        f"earlier delivery, {result.count('already_loaded')} skipped as already loaded, "
        f"{result.count('skipped_duplicate')} skipped as duplicates, "
        f"{result.count('rejected')} rejected",
        f"  rows: {result.rows_loaded:,} loaded, {result.rows_quarantined:,} set aside "
        "(see raw.quarantine)",
    ]
    for f in result.files:
        if f["status"] in ("rejected", "skipped_duplicate"):
            lines.append(f"  {f['status']}: {f['source']}/{f['file_name']}: {f['reason']}")
        if f["extra_columns"]:
            lines.append(
                f"  note: {f['source']}/{f['file_name']} has unknown columns, ignored: "
                + ", ".join(f["extra_columns"])
            )
    return lines
