"""Data-quality audits with Great Expectations (GX Core 1.x), for write–audit–publish.

The checks live in the GX project `expectations/gx/` (written by `expectations/define.py`):

- `validate_raw` runs checkpoint `raw` on `raw.hr_payroll`, `raw.consultant_reports` and
  `raw.survey_responses`;
- `validate_marts` runs the mart checkpoints on one schema: `rpt_turnover_yearly` (required) and
  `rpt_consultants` / `rpt_survey_results` and the turnover-over-time marts (row count only)
  when they exist there, plus `payroll_freshness` when `HRWH_FRESHNESS_MONTHS` is set. The
  schema is a parameter, so the same checks audit the build schema (`marts_build_<run id>`)
  before it is published and `marts` after.

Each call writes its validation results to `HOME/gx-results` and updates the Data Docs site in
`HOME/gx-docs` (`QualityReport.docs_path` is its index.html). The GX project gets the database
and those folders as GX config variables (`runtime_environment`), so nothing is written into the
repository and no process-wide setting changes between calls: `${HRWH_GX_RAW_CONNECTION_STRING}`
and `${HRWH_GX_MARTS_CONNECTION_STRING}` are the run's URL with `search_path` set to `raw` and to
the audited schema (see `gx_connection_string`), `${HRWH_GX_DOCS_DIR}` and
`${HRWH_GX_RESULTS_DIR}` the two folders.

All checks run as SQL in the database; great_expectations is imported only inside the functions.
"""

from __future__ import annotations

import logging
import math
import re
import shutil
import warnings
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from hrwh.catalog import (
    GATED_MARTS,
    MARTS,
    MONTH_END_MARTS,
    RAW,
    RAW_DATA_TABLES,
    REQUIRED_MART,
)
from hrwh.database import connect
from hrwh.settings import GX_PROJECT_DIR, ConfigError, Settings

DOCS_DIR_NAME = "gx-docs"
RESULTS_DIR_NAME = "gx-results"

PUBLISHED_SCHEMA = MARTS
RAW_TABLES = tuple(t.split(".")[1] for t in RAW_DATA_TABLES if t.startswith(f"{RAW}."))
REQUIRED_MARTS = (REQUIRED_MART,)
OPTIONAL_MARTS = tuple(t for t in GATED_MARTS if t != REQUIRED_MART)
MART_TABLES = GATED_MARTS

# Validation results (and so their Data Docs pages) older than this are deleted.
KEEP_RESULTS_DAYS = 90

# Table each suite validates; "{schema}" is the audited marts schema.
SUITE_TABLES = {
    **{f"raw_{table}": f"{RAW}.{table}" for table in RAW_TABLES},
    "payroll_freshness": f"{RAW}.hr_payroll",
    **{f"marts_{table}": f"{{schema}}.{table}" for table in MART_TABLES},
}

_IDENTIFIER = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")


# GX logs its every step at INFO (hundreds of lines per gate in an Airflow task's log): only its
# warnings and errors go to the log; the gate's result is the report's summary lines.
logging.getLogger("great_expectations").setLevel(logging.WARNING)


@dataclass
class CheckFailure:
    """One check that did not pass."""

    suite: str
    check: str
    description: str
    table: str
    unexpected_rows: int | None
    detail: str = ""

    def __str__(self) -> str:
        rows = ""
        if self.unexpected_rows is not None:
            rows = f" ({self.unexpected_rows:,} row{'' if self.unexpected_rows == 1 else 's'})"
        detail = f" [{self.detail}]" if self.detail else ""
        return f"{self.table}: {self.check}{rows}: {self.description}{detail}"


@dataclass
class QualityReport:
    """The outcome of one audit."""

    passed: bool
    failures: list[CheckFailure]
    docs_path: Path | None
    checks_run: int = 0
    # Tables whose checks did not run because the table is not there (optional marts).
    skipped_tables: list[str] = field(default_factory=list)
    # Checks of severity warning that did not pass (odd raw distributions): reported, they do
    # not fail the gate.
    warnings: list[CheckFailure] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        """Plain data (JSON, Airflow XCom, raw.run_log's summary)."""
        data = asdict(self)
        data["docs_path"] = str(self.docs_path) if self.docs_path else None
        return data

    def summary_lines(self) -> list[str]:
        """Short, human lines for the run summary."""
        if self.passed:
            lines = [f"data quality: all {self.checks_run} checks passed"]
        else:
            lines = [f"data quality: {len(self.failures)} of {self.checks_run} checks FAILED"]
        lines += [f"  failed: {failure}" for failure in self.failures]
        lines += [f"  warning: {warning}" for warning in self.warnings]
        if self.skipped_tables:
            lines.append(f"  not there, not checked: {', '.join(self.skipped_tables)}")
        if self.docs_path:
            lines.append(f"  Data Docs: {self.docs_path}")
        return lines


def validate_raw(database_url: str, settings: Settings) -> QualityReport:
    """Run the raw-layer checks (checkpoint `raw`)."""
    with connect(database_url) as conn:
        present = _existing_tables(conn, "raw", RAW_TABLES)
    missing = [table for table in RAW_TABLES if table not in present]
    if missing:
        return _missing_report(f"raw_{missing[0]}", f"raw.{missing[0]}", settings.home)
    return _run_checkpoints(
        database_url,
        settings.home,
        marts_schema=PUBLISHED_SCHEMA,
        checkpoints=["raw"],
        parameters={},
        run_name="raw",
    )


def validate_marts(
    database_url: str,
    schema: str,
    settings: Settings,
    previous_row_counts: dict[str, int] | None = None,
) -> QualityReport:
    """Run the mart checks on the tables in `schema` (e.g. `marts_build_12`, then `marts`).

    `previous_row_counts` maps a mart table to its row count in the published `marts`; a table
    with a count above 0 must stay within ±HRWH_ROW_COUNT_TOLERANCE (default 20 %) of it. When
    None, the counts are read from `marts` itself unless `schema` is `marts`; pass `{}` to
    compare nothing.
    """
    _check_identifier(schema)
    tolerance = settings.row_count_tolerance
    freshness_months = settings.freshness_months
    with connect(database_url) as conn:
        present = _existing_tables(conn, schema, MART_TABLES)
        if previous_row_counts is None:
            previous_row_counts = (
                {} if schema == PUBLISHED_SCHEMA else _row_counts(conn, PUBLISHED_SCHEMA)
            )
    missing_required = [t for t in REQUIRED_MARTS if t not in present]
    if missing_required:
        table = missing_required[0]
        return _missing_report(f"marts_{table}", f"{schema}.{table}", settings.home)

    parameters: dict[str, Any] = {}
    for table in MART_TABLES:
        previous = previous_row_counts.get(table) or 0
        if previous > 0:
            parameters[f"{table}_min_rows"] = math.floor(previous * (1 - tolerance))
            parameters[f"{table}_max_rows"] = math.ceil(previous * (1 + tolerance))
        else:
            parameters[f"{table}_min_rows"] = 0
            parameters[f"{table}_max_rows"] = None
    checkpoints = [f"marts_{table}" for table in MART_TABLES if table in present]
    if freshness_months is not None:
        parameters["freshness_max_months_behind"] = freshness_months
        checkpoints.append("payroll_freshness")
    report = _run_checkpoints(
        database_url,
        settings.home,
        marts_schema=schema,
        checkpoints=checkpoints,
        parameters=parameters,
        run_name=f"audit_{schema}",
    )
    report.skipped_tables = [f"{schema}.{t}" for t in OPTIONAL_MARTS if t not in present]
    return report


def published_row_counts(database_url: str) -> dict[str, int]:
    """Row counts of the mart tables published in `marts` (the tables that exist)."""
    with connect(database_url) as conn:
        return _row_counts(conn, PUBLISHED_SCHEMA)


def build_data_docs(database_url: str, home: Path) -> Path | None:
    """(Re)build the Data Docs site from the stored suites and validation results, without
    validating anything: for `hrwh docs` (a run updates the site itself). Its index.html."""
    context = _open_context(database_url, home, PUBLISHED_SCHEMA)
    try:
        context.build_data_docs()
    finally:
        _dispose_engines(context)
    return _docs_index(home)


def gx_connection_string(database_url: str, search_path: str) -> str:
    """The SQLAlchemy URL GX connects with: psycopg 3, and `search_path` set to one schema.

    Works for TCP URLs (`postgresql://user:pw@host:5432/db`) and for the embedded server's
    socket URLs (`postgresql://postgres:@/hrwh?host=/path/to/socket`); other libpq query
    parameters are kept, and an existing `options` is extended.
    """
    _check_identifier(search_path)
    parts = urlsplit(database_url)
    scheme = parts.scheme.lower()
    if scheme in ("postgres", "postgresql"):
        scheme = "postgresql+psycopg"
    elif not scheme.startswith("postgresql+"):
        raise ConfigError(f"Not a PostgreSQL URL: {parts.scheme}://…")
    query = parse_qsl(parts.query, keep_blank_values=True)
    options = " ".join(value for key, value in query if key == "options")
    options = f"{options} -csearch_path={search_path}".strip()
    query = [(key, value) for key, value in query if key != "options"] + [("options", options)]
    return urlunsplit((scheme, parts.netloc, parts.path, urlencode(query), ""))


# --------------------------------------------------------------------------------------------
# Running GX


def _run_checkpoints(
    database_url: str,
    home: Path,
    *,
    marts_schema: str,
    checkpoints: list[str],
    parameters: dict[str, Any],
    run_name: str,
) -> QualityReport:
    _prune_results(home / RESULTS_DIR_NAME, KEEP_RESULTS_DAYS)
    context = _open_context(database_url, home, marts_schema)
    from great_expectations.core.run_identifier import RunIdentifier

    run_id = RunIdentifier(run_name=run_name, run_time=datetime.now(UTC))
    failures: list[CheckFailure] = []
    warnings: list[CheckFailure] = []
    checks_run = 0
    try:
        for name in checkpoints:
            result = context.checkpoints.get(name).run(
                expectation_parameters=parameters, run_id=run_id
            )
            for suite_result in result.run_results.values():
                table = SUITE_TABLES[suite_result.suite_name].format(schema=marts_schema)
                for check_result in suite_result.results:
                    checks_run += 1
                    if not check_result.success:
                        failure = _failure(suite_result.suite_name, table, check_result)
                        is_warning = check_result.expectation_config.severity == "warning"
                        (warnings if is_warning else failures).append(failure)
    finally:
        _dispose_engines(context)
    return QualityReport(
        passed=not failures,
        failures=failures,
        docs_path=_docs_index(home),
        checks_run=checks_run,
        warnings=warnings,
    )


def _open_context(database_url: str, home: Path, marts_schema: str) -> Any:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # import-time deprecation noise of GX's dependencies
        import great_expectations as gx

    home.mkdir(parents=True, exist_ok=True)
    variables = {
        "HRWH_GX_RAW_CONNECTION_STRING": gx_connection_string(database_url, "raw"),
        "HRWH_GX_MARTS_CONNECTION_STRING": gx_connection_string(database_url, marts_schema),
        "HRWH_GX_DOCS_DIR": str(home / DOCS_DIR_NAME),
        "HRWH_GX_RESULTS_DIR": str(home / RESULTS_DIR_NAME),
    }
    return gx.get_context(
        mode="file", context_root_dir=str(GX_PROJECT_DIR), runtime_environment=variables
    )


def _dispose_engines(context: Any) -> None:
    """Close the connection pools GX opened, so no connection outlives the call."""
    for datasource in context.data_sources.all().values():
        for engine in (
            getattr(datasource, "_engine", None),
            getattr(getattr(datasource, "_execution_engine", None), "engine", None),
        ):
            if engine is not None:
                engine.dispose()


def _failure(suite: str, table: str, check_result: Any) -> CheckFailure:
    """A check that did not pass, in plain words. A raw suite's result shows no value (an odd
    value there may be personal data that slipped through), only counts."""
    config = check_result.expectation_config
    meta = config.meta or {}
    result = check_result.result or {}
    unexpected = result.get("unexpected_count")
    detail = ""
    error = _error_message(check_result.exception_info or {})
    if error:
        detail = f"error: {error}"
    elif "observed_value" in result and unexpected is None and not suite.startswith("raw_"):
        detail = f"observed: {result['observed_value']}"
    return CheckFailure(
        suite=suite,
        check=meta.get("check", config.type),
        description=config.description or config.type,
        table=table,
        unexpected_rows=int(unexpected) if isinstance(unexpected, int | float) else None,
        detail=detail,
    )


def _error_message(exception_info: dict[str, Any]) -> str:
    """The first line of the first error GX caught while computing a check, if any."""
    infos = [exception_info] if "exception_message" in exception_info else []
    infos += [v for v in exception_info.values() if isinstance(v, dict)]
    for info in infos:
        if info.get("raised_exception") and info.get("exception_message"):
            return str(info["exception_message"]).strip().splitlines()[0]
    return ""


def _prune_results(results_dir: Path, keep_days: int) -> None:
    """Delete validation results older than `keep_days`; the next Data Docs build drops their
    pages. The store's layout is <suite>/<run name>/<run time>/<batch>.json."""
    if not results_dir.is_dir():
        return
    cutoff = datetime.now(UTC) - timedelta(days=keep_days)
    for run_dir in results_dir.glob("*/*/*"):
        try:
            run_time = datetime.strptime(run_dir.name, "%Y%m%dT%H%M%S.%fZ").replace(tzinfo=UTC)
        except ValueError:
            continue
        if run_dir.is_dir() and run_time < cutoff:
            shutil.rmtree(run_dir, ignore_errors=True)


def _docs_index(home: Path) -> Path | None:
    index = home / DOCS_DIR_NAME / "index.html"
    return index if index.is_file() else None


def _missing_report(suite: str, table: str, home: Path) -> QualityReport:
    failure = CheckFailure(
        suite=suite,
        check="table_exists",
        description=f"The table {table} must exist before it can be checked or published.",
        table=table,
        unexpected_rows=None,
    )
    return QualityReport(passed=False, failures=[failure], docs_path=_docs_index(home))


# --------------------------------------------------------------------------------------------
# Settings and catalog look-ups


def _check_identifier(schema: str) -> None:
    if not _IDENTIFIER.match(schema):
        raise ConfigError(
            f"Schema name {schema!r} is not a plain lowercase identifier (letters, digits, _)."
        )


def _existing_tables(conn: Any, schema: str, tables: tuple[str, ...]) -> set[str]:
    rows = conn.execute(
        "select table_name from information_schema.tables "
        "where table_schema = %s and table_name = any(%s)",
        (schema, list(tables)),
    ).fetchall()
    return {row[0] for row in rows}


def latest_month_end_rows(relation: str) -> str:
    """The rows of a month-end series' latest month-end, the part its drift is measured on."""
    return f"select * from {relation} where period_end = (select max(period_end) from {relation})"


def _row_counts(conn: Any, schema: str) -> dict[str, int]:
    counts = {}
    for table in sorted(_existing_tables(conn, schema, MART_TABLES)):
        relation = f'"{schema}"."{table}"'
        if table in MONTH_END_MARTS:
            relation = f"({latest_month_end_rows(relation)}) as latest"
        (count,) = conn.execute(f"select count(*) from {relation}").fetchone()
        counts[table] = int(count)
    return counts
