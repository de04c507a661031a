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

import math
import os
import re
import shutil
import warnings
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from hrwh.database import connect
from hrwh.settings import PROJECT_ROOT, ConfigError

GX_PROJECT_DIR = PROJECT_ROOT / "expectations" / "gx"
DOCS_DIR_NAME = "gx-docs"
RESULTS_DIR_NAME = "gx-results"

PUBLISHED_SCHEMA = "marts"
RAW_TABLES = ("hr_payroll", "consultant_reports", "survey_responses")
REQUIRED_MARTS = ("rpt_turnover_yearly",)
# The turnover-over-time marts: dbt tests hold their invariants (rates, limits, totals); their
# suites check only what dbt cannot judge from one build, the row count against the published.
# expectations/define.py writes their suites from this list.
DRIFT_ONLY_MARTS = (
    "rpt_turnover_yearly_restated",
    "rpt_turnover_rolling_12m",
    "rpt_turnover_rolling_12m_restated",
    "rpt_turnover_activity_area_yearly",
    "rpt_turnover_activity_area_rolling_12m",
    "rpt_unit_turnover_watch",
)
# Of those, the month-end series grow by a month-end every month (+50 %, +33 %, ... while a
# warehouse is young): their drift is measured on the rows of the latest month-end, against
# the published table's latest month-end.
LATEST_MONTH_END_MARTS = (
    "rpt_turnover_rolling_12m",
    "rpt_turnover_rolling_12m_restated",
    "rpt_turnover_activity_area_rolling_12m",
    "rpt_unit_turnover_watch",
)
OPTIONAL_MARTS = ("rpt_consultants", "rpt_survey_results", *DRIFT_ONLY_MARTS)
MART_TABLES = REQUIRED_MARTS + OPTIONAL_MARTS

FRESHNESS_ENV = "HRWH_FRESHNESS_MONTHS"
DEFAULT_FRESHNESS_MONTHS = 2
TOLERANCE_ENV = "HRWH_ROW_COUNT_TOLERANCE"
DEFAULT_ROW_COUNT_TOLERANCE = 0.20
# Validation results (and so their Data Docs pages) older than this are deleted.
KEEP_RESULTS_DAYS = 90

# Table each suite validates; "{schema}" is the audited marts schema.
SUITE_TABLES = {
    "raw_hr_payroll": "raw.hr_payroll",
    "raw_consultant_reports": "raw.consultant_reports",
    "raw_survey_responses": "raw.survey_responses",
    "payroll_freshness": "raw.hr_payroll",
    **{f"marts_{table}": f"{{schema}}.{table}" for table in MART_TABLES},
}

_IDENTIFIER = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")


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
        if self.skipped_tables:
            lines.append(f"  not there, not checked: {', '.join(self.skipped_tables)}")
        if self.docs_path:
            lines.append(f"  Data Docs: {self.docs_path}")
        return lines


def validate_raw(database_url: str, home: Path) -> QualityReport:
    """Run the raw-layer checks (checkpoint `raw`)."""
    with connect(database_url) as conn:
        present = _existing_tables(conn, "raw", RAW_TABLES)
    missing = [table for table in RAW_TABLES if table not in present]
    if missing:
        return _missing_report(f"raw_{missing[0]}", f"raw.{missing[0]}", home)
    return _run_checkpoints(
        database_url,
        home,
        marts_schema=PUBLISHED_SCHEMA,
        checkpoints=["raw"],
        parameters={},
        run_name="raw",
    )


def validate_marts(
    database_url: str,
    schema: str,
    home: Path,
    previous_row_counts: dict[str, int] | None = None,
) -> QualityReport:
    """Run the mart checks on the tables in `schema` (e.g. `marts_build_12`, then `marts`).

    `previous_row_counts` maps a mart table to its row count in the published `marts`; a table
    with a count above 0 must stay within ±HRWH_ROW_COUNT_TOLERANCE (default 20 %) of it. When
    None, the counts are read from `marts` itself unless `schema` is `marts`; pass `{}` to
    compare nothing.
    """
    _check_identifier(schema)
    tolerance = _row_count_tolerance()
    freshness_months = _freshness_months()
    with connect(database_url) as conn:
        present = _existing_tables(conn, schema, MART_TABLES)
        if previous_row_counts is None:
            previous_row_counts = (
                {} if schema == PUBLISHED_SCHEMA else _row_counts(conn, PUBLISHED_SCHEMA)
            )
    missing_required = [t for t in REQUIRED_MARTS if t not in present]
    if missing_required:
        table = missing_required[0]
        return _missing_report(f"marts_{table}", f"{schema}.{table}", home)

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
        home,
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
                        failures.append(_failure(suite_result.suite_name, table, check_result))
    finally:
        _dispose_engines(context)
    return QualityReport(
        passed=not failures,
        failures=failures,
        docs_path=_docs_index(home),
        checks_run=checks_run,
    )


def _open_context(database_url: str, home: Path, marts_schema: str) -> Any:
    # No usage statistics (this GX build sends none, and the project config says so too).
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
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
    config = check_result.expectation_config
    meta = config.meta or {}
    result = check_result.result or {}
    exception = check_result.exception_info or {}
    if config.type == "unexpected_rows_expectation":
        unexpected = result.get("observed_value")
    else:
        unexpected = result.get("unexpected_count")
    detail = ""
    error = _error_message(exception)
    if error:
        detail = f"error: {error}"
    elif (result.get("details") or {}).get("unexpected_rows"):
        rows = result["details"]["unexpected_rows"][:3]
        detail = "e.g. " + "; ".join(", ".join(f"{k}={v}" for k, v in row.items()) for row in rows)
    elif result.get("partial_unexpected_list"):
        examples = ", ".join(repr(v) for v in result["partial_unexpected_list"][:5])
        detail = f"e.g. {examples}"
    elif "observed_value" in result and unexpected is None:
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


def _freshness_months() -> int | None:
    """HRWH_FRESHNESS_MONTHS: unset, empty or off: no freshness check; a whole number of months;
    or on / true / yes for the default of 2."""
    text = os.environ.get(FRESHNESS_ENV, "").strip().lower()
    if text in ("", "off", "false", "no"):
        return None
    if text in ("on", "true", "yes"):
        return DEFAULT_FRESHNESS_MONTHS
    try:
        months = int(text)
    except ValueError:
        months = -1
    if months < 0:
        raise ConfigError(
            f"{FRESHNESS_ENV} must be a whole number of months such as 2 (or on, for 2), not "
            f"{text!r}; leave it unset or set it to off to skip the freshness check."
        )
    return months


def _row_count_tolerance() -> float:
    text = os.environ.get(TOLERANCE_ENV, "").strip()
    if not text:
        return DEFAULT_ROW_COUNT_TOLERANCE
    try:
        tolerance = float(text)
    except ValueError:
        tolerance = -1.0
    if not 0 <= tolerance < math.inf:
        raise ConfigError(f"{TOLERANCE_ENV} must be a fraction such as 0.2, not {text!r}.")
    return tolerance


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
        if table in LATEST_MONTH_END_MARTS:
            relation = f"({latest_month_end_rows(relation)}) as latest"
        (count,) = conn.execute(f"select count(*) from {relation}").fetchone()
        counts[table] = int(count)
    return counts
