"""One nightly run: ingest → build → audit → publish (write–audit–publish).

`hrwh run` calls `run_nightly`, which holds the warehouse lock for its whole run; the Airflow DAG
calls the same steps as tasks, passing only the run id, each task taking the lock for its step
(`hrwh.runs`). Every step is idempotent: a rerun loads nothing it already has and rebuilds the
same marts, and nothing reaches `marts` unless dbt's tests and the quality gate passed on exactly
the build that is published. A step that fails records its run as failed and alerts, once,
before the error goes on to the caller.
"""

from __future__ import annotations

import contextlib
import functools
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import psycopg

from hrwh.alerts import Alert, abandoned_run_alert, bad_files_alert, failed_run_alert, send
from hrwh.build_inputs import BuildPlan, current_inputs, plan_build, published_with, record_inputs
from hrwh.catalog import SOURCES
from hrwh.database import check_pseudonym_key, connect, resolve_database_url
from hrwh.ingest import fields
from hrwh.ingest.loader import FileOutcome, FileStatus, RowMemo, load_file
from hrwh.ingest.sources import Source
from hrwh.pseudonym import Pseudonymizer, load_pseudonymizer
from hrwh.publish import (
    PublishBlocked,
    build_schema,
    drop_unused_builds,
    fingerprint,
    publish_build,
)
from hrwh.runs import (
    Run,
    RunInProgress,
    RunStatus,
    application_name,
    cli_owner,
    record_summary,
    start_run,
)
from hrwh.settings import ConfigError, Settings
from hrwh.transform import BuildResult, dbt_build
from hrwh.watch import unit_watch

RECONNECT_ATTEMPTS = 3

Step = TypeVar("Step", bound=Callable[..., Any])


@dataclass
class IngestResult:
    """What the ingest step did: kept in the run's summary (raw.run_log)."""

    run_id: int
    started_at: float = field(default_factory=time.time)
    files: list[dict[str, Any]] = field(default_factory=list)

    def count(self, status: FileStatus) -> int:
        return sum(1 for f in self.files if f["status"] == status)

    @property
    def rows_loaded(self) -> int:
        return sum(f["rows_loaded"] for f in self.files)

    @property
    def rows_quarantined(self) -> int:
        return sum(f["rows_quarantined"] for f in self.files)


class GateFailed(Exception):
    """The build did not pass its quality gate; the message lists the failed checks."""


class PublishFailed(Exception):
    """The checked build could not be published; the previous marts stay."""


def _alert_on_failure(step: str) -> Callable[[Step], Step]:
    """Record the run as failed and alert when the step raises (a refused start is no failure)."""

    def decorate(function: Step) -> Step:
        @functools.wraps(function)
        def wrapper(settings: Settings, run: Run, *args: Any, **kwargs: Any) -> Any:
            try:
                return function(settings, run, *args, **kwargs)
            except RunInProgress:
                raise
            except BaseException as exc:
                fail_run(settings, run.run_id, step, exc)
                raise

        return wrapper  # type: ignore[return-value]

    return decorate


def fail_run(settings: Settings, run_id: int | None, step: str, exc: BaseException) -> None:
    """Record the run as failed (when it is still running) and alert once."""
    if getattr(exc, "hrwh_alerted", False):
        return
    detail = plain_message(exc)
    if run_id is not None:
        try:
            with connect(resolve_database_url(settings), autocommit=True) as conn:
                conn.execute(
                    "update raw.run_log set status = 'failed', finished_at = now(), "
                    "lease_until = null, summary = coalesce(summary, '{}'::jsonb) "
                    "|| jsonb_build_object('failed_step', %s::text, 'error', %s::text) "
                    "where run_id = %s and status = 'running'",
                    (step, detail, run_id),
                )
        except Exception as db_error:  # the database may be what failed: the alert still goes
            detail += f"\n(the run could not be marked failed: {plain_message(db_error)})"
    send(failed_run_alert(run_id, step, detail), settings)
    exc.hrwh_alerted = True  # type: ignore[attr-defined]


def plain_message(exc: BaseException) -> str:
    """The exception as one plain sentence (our own errors say what to do)."""
    text = str(exc).strip()
    if isinstance(exc, ConfigError | GateFailed | PublishFailed) or type(exc).__module__.startswith(
        "hrwh"
    ):
        return text or type(exc).__name__
    # a foreign error's message may quote data: only its first line
    return f"{type(exc).__name__}: {text.splitlines()[0] if text else ''}".rstrip(": ")


def begin(settings: Settings, owner: str) -> Run:
    """Start a run, or resume the owner's own running run (a retried Airflow task).

    Dead runs found on the way are marked abandoned and alerted; build schemas nothing reads
    any more (a killed run's half-built one) are dropped.
    """
    try:
        url = resolve_database_url(settings)
        run, abandoned = start_run(url, owner, settings.run_lease_minutes)
    except RunInProgress:
        raise
    except BaseException as exc:
        fail_run(settings, None, "starting the run", exc)
        raise
    for dead in abandoned:
        send(abandoned_run_alert(dead, run.run_id), settings)
    drop_unused_builds(run.conn, keep=set())
    return run


class _FileLoader:
    """Loads files one by one on the run's lock connection, retrying a dropped connection.

    Each file is one transaction, so a file whose connection dropped mid-way left nothing
    behind and is loaded again once the run has taken its lock again on a new connection.
    """

    def __init__(self, run: Run, pseudonyms: Pseudonymizer, settings: Settings) -> None:
        self.run, self.pseudonyms, self.settings = run, pseudonyms, settings
        self.memo = RowMemo()

    def load(self, source: Source, path: Path, rivals: tuple[str, ...]) -> FileOutcome:
        attempt = 1
        while True:
            self.run.check()
            try:
                return load_file(
                    self.run.conn,
                    source,
                    path,
                    self.pseudonyms,
                    self.run.run_id,
                    self.settings,
                    rivals,
                    self.memo,
                )
            except psycopg.OperationalError:
                if attempt == RECONNECT_ATTEMPTS or not self.run.conn.closed:
                    raise
                time.sleep(attempt)
                attempt += 1


@_alert_on_failure("ingest")
def ingest(settings: Settings, run: Run) -> IngestResult:
    """Take every new or re-delivered landing file into `raw`."""
    if not settings.landing_dir.is_dir():
        raise ConfigError(
            f"The landing directory {settings.landing_dir} does not exist. Set HRWH_LANDING_DIR "
            f"to the folder the source systems deliver to (sample data: hrwh sample --out DIR)."
        )
    pseudonyms = load_pseudonymizer(settings)
    check_pseudonym_key(run.conn, pseudonyms.fingerprint)
    fields.forget()
    result = IngestResult(run.run_id)
    loader = _FileLoader(run, pseudonyms, settings)
    for source in SOURCES:
        paths = source.files(settings.landing_dir)
        outcomes = [loader.load(source, p, source.rivals(p, paths)) for p in paths]
        result.files.extend(asdict(o) for o in outcomes)
        if any(o.status.is_load for o in outcomes):
            # Fresh statistics so that dbt's queries over the new rows get good plans.
            for table in source.tables:
                run.conn.execute(f"analyze {table}")
    run.record(started_at=result.started_at, files=result.files)
    alert = bad_files_alert(run.run_id, result.files)
    if alert is not None:
        send(alert, settings)
    return result


@_alert_on_failure("checking for changes")
def skip_if_unchanged(settings: Settings, run: Run) -> bool:
    """End the run as `unchanged` when building would only publish the marts again: the ingest
    loaded no new or re-delivered file, and code, seeds, settings and raw data are those of the
    last published run (`hrwh.build_inputs`). Whether the night goes on to build."""
    if any(FileStatus(f["status"]).is_load for f in run.summary().get("files", [])):
        return False
    since = published_with(run.conn, current_inputs(run.conn, settings))
    if since is None:
        return False
    run.record(unchanged_since=since)
    run.finish(RunStatus.UNCHANGED)
    return True


def start_build(settings: Settings, run: Run, *, full_refresh: bool = False) -> BuildPlan:
    """Record the run's build schema, where its dbt build goes (a rebuild is audited again),
    and what shapes the build; whether it may be incremental (`plan_build`)."""
    schema = build_schema(run.run_id)
    inputs = current_inputs(run.conn, settings)
    plan = plan_build(run.conn, run.run_id, inputs, full_refresh=full_refresh)
    run.conn.execute(
        "update raw.run_log set build_schema = %s, audited_fingerprint = null where run_id = %s",
        (schema, run.run_id),
    )
    record_inputs(run.conn, run.run_id, inputs)
    return plan


def build_vars(run_id: int, plan: BuildPlan) -> dict[str, str]:
    """The dbt vars of a run's build: its build schema and the loads already built."""
    return {
        "hrwh_marts_schema": build_schema(run_id),
        "hrwh_loads_built_up_to": str(plan.loads_built_up_to),
    }


@_alert_on_failure("the build")
def build(settings: Settings, run: Run, *, full_refresh: bool = False) -> BuildResult:
    """Build the dbt project (seeds, models and their tests) from `raw` into the run's own
    build schema; dbt is stopped should the run lose its lock.

    The incremental models add only what changed to their previous state, unless a full
    refresh is asked for or that state cannot be trusted (`plan_build`).
    """
    plan = start_build(settings, run, full_refresh=full_refresh)
    result = dbt_build(
        run.url,
        settings.home,
        dbt_vars=build_vars(run.run_id, plan),
        application_name=application_name(run.run_id, "dbt"),
        guard=run.check,
        full_refresh=plan.full_refresh is not None,
    )
    how = f"full refresh: {plan.full_refresh}" if plan.full_refresh else "incremental"
    run.record(
        build=f"{result.summary()}, {how}",
        warnings=result.warning_lines(),
    )
    return result


@_alert_on_failure("the quality gate")
def audit(settings: Settings, run: Run) -> str:
    """Check the raw data and the run's build (Great Expectations) before anything is published,
    and record the fingerprint of the build that passed."""
    from hrwh.quality import validate_marts, validate_raw

    schema = build_schema(run.run_id)
    run.check()
    reports = [validate_raw(run.url, settings)]
    if reports[0].passed:
        reports.append(validate_marts(run.url, schema, settings))
    run.check()
    if not all(report.passed for report in reports):
        raise GateFailed("\n".join(line for report in reports for line in report.summary_lines()))
    raw, marts = reports
    checked = "; ".join(
        [f"{raw.checks_run + marts.checks_run} quality checks passed"]
        + ([f"Data Docs: {marts.docs_path}"] if marts.docs_path else [])
    )
    run.conn.execute(
        "update raw.run_log set audited_fingerprint = %s where run_id = %s",
        (fingerprint(run.conn, schema), run.run_id),
    )
    warnings = [f"  quality warning: {w}" for report in reports for w in report.warnings]
    run.record(checks=checked, warnings=run.summary().get("warnings", []) + warnings)
    return checked


@_alert_on_failure("publishing")
def publish(settings: Settings, run: Run) -> None:
    """Publish the audited build as `marts` and record the run as published, in one transaction.

    The build must be exactly the one the audit passed (same tables, not rebuilt since), and the
    run must still hold its token; otherwise nothing is published. Once published, the units
    that newly crossed their turnover limit are recorded and HR alerted (`hrwh.watch`).
    """
    run.check()
    schema = build_schema(run.run_id)
    conn = run.conn
    try:
        with conn.transaction():
            row = conn.execute(
                "select status, audited_fingerprint from raw.run_log where run_id = %s for update",
                (run.run_id,),
            ).fetchone()
            if row is None or row[0] != "running":
                raise PublishFailed(f"run {run.run_id} is no longer running: nothing published")
            if not row[1] or row[1] != fingerprint(conn, schema):
                raise PublishFailed(
                    f"the build in {schema} is not the one the quality gate passed (it was "
                    "not audited, or was rebuilt since): nothing published"
                )
            publish_build(conn, schema)
            run.finish(RunStatus.PUBLISHED)
    except PublishBlocked as exc:
        raise PublishFailed(str(exc)) from exc
    except psycopg.Error as exc:  # e.g. a BI session held marts past the lock timeout
        raise PublishFailed(
            f"publishing failed, the previous marts stay: {plain_message(exc)}"
        ) from exc
    drop_unused_builds(conn, keep={schema})
    watch = unit_watch(conn, run.run_id)
    run.record(watch=watch.summary())
    alert = watch.alert()
    if alert is not None:
        send(alert, settings)


def ingest_only(settings: Settings) -> IngestResult:
    """A run that only loads (nothing is built or published): for engineers and tests."""
    run = begin(settings, cli_owner())
    try:
        result = ingest(settings, run)
        run.finish(RunStatus.INGESTED)
        return result
    finally:
        run.release()


def run_nightly(settings: Settings, *, full_refresh: bool = False) -> list[str]:
    """Ingest, build, audit and publish once, holding the lock throughout; return the summary.

    A night with nothing new stops after the ingest (`skip_if_unchanged`); `full_refresh`
    never skips and rebuilds every incremental model from all history.
    """
    run = begin(settings, cli_owner())
    try:
        ingest(settings, run)
        if not full_refresh and skip_if_unchanged(settings, run):
            return run_summary(run)
        build(settings, run, full_refresh=full_refresh)
        audit(settings, run)
        publish(settings, run)
        write_report(settings, run.run_id)
        return run_summary(run)
    finally:
        run.release()


REPORT_FILES = ("uppfoljning.html", "uppfoljning.pdf")


def report_paths(settings: Settings) -> tuple[Path, Path]:
    """Where the nightly follow-up report is written: HRWH_HOME/report/, HTML and PDF."""
    folder = settings.home / "report"
    html, pdf = REPORT_FILES
    return folder / html, folder / pdf


def write_report(settings: Settings, run_id: int) -> list[Path]:
    """Write the follow-up report (HTML and PDF) from the marts the run just published.

    It runs after the publish and reads only `marts`, so it needs no lock and can be done
    again at any time. A failure is alerted and recorded in the run's summary but never undoes
    the publish: the marts stay published, and the previous report stays in place, since each
    file is written aside and only then moved over the old one. Returns the files written
    (none when it failed).
    """
    from hrwh.followup import write

    targets = report_paths(settings)
    aside = [path.with_name(f".{path.name}.{run_id}.tmp") for path in targets]
    try:
        targets[0].parent.mkdir(parents=True, exist_ok=True)
        with connect(resolve_database_url(settings), autocommit=True) as conn:
            write(conn, html=aside[0], pdf=aside[1], run_id=run_id)
            for temporary, path in zip(aside, targets, strict=True):
                temporary.replace(path)
            record_summary(conn, run_id, report=[str(p) for p in targets], report_error=None)
        return list(targets)
    except Exception as exc:
        detail = plain_message(exc)
        send(
            Alert(
                f"[hrwh] run {run_id}: the follow-up report was not written",
                [
                    detail,
                    "",
                    "The marts were published and BI and HR read them as usual; only the "
                    f"report in {targets[0].parent} is still the previous one. Write it again "
                    "with: hrwh report --html FILE --pdf FILE",
                ],
            ),
            settings,
        )
        for temporary in aside:
            with contextlib.suppress(OSError):
                temporary.unlink(missing_ok=True)
        # the database may be what failed: the alert went out all the same
        with (
            contextlib.suppress(Exception),
            connect(resolve_database_url(settings), autocommit=True) as conn,
        ):
            record_summary(conn, run_id, report=[], report_error=detail)
        return []


def run_summary(run: Run) -> list[str]:
    """The run's summary lines, from what its steps recorded in raw.run_log."""
    recorded = run.summary()
    result = IngestResult(
        run.run_id, recorded.get("started_at", time.time()), recorded.get("files", [])
    )
    detail = "; ".join(recorded[key] for key in ("build", "checks") if recorded.get(key))
    return (
        summary_lines(result, detail, recorded.get("unchanged_since"))
        + recorded.get("warnings", [])
        + recorded.get("watch", {}).get("lines", [])
        + report_lines(recorded)
    )


def report_lines(recorded: dict[str, Any]) -> list[str]:
    """Where the run's follow-up report is, or why it is not there."""
    if recorded.get("report"):
        return [f"  report: {', '.join(recorded['report'])}"]
    if recorded.get("report_error"):
        return [f"  report: not written ({recorded['report_error']}); alerted"]
    return []


def summary_lines(
    result: IngestResult, detail: str, unchanged_since: int | None = None
) -> list[str]:
    """The short, human summary printed at the end of a run: every bad file is named."""
    seconds = time.time() - result.started_at
    counts, files = _ingest_lines(result)
    if unchanged_since is not None:
        heading = (
            f"hrwh run {result.run_id}: nothing new: build, gate and publish skipped (marts "
            f"unchanged since run {unchanged_since}), in {seconds:.1f} s"
        )
        return [heading, *counts, *files]
    heading = f"hrwh run {result.run_id}: marts published in {seconds:.1f} s"
    return [heading, *counts, f"  checks: dbt {detail}", *files]


def ingest_summary(result: IngestResult) -> list[str]:
    """What `hrwh ingest` prints: the run's ingest lines, without the build's."""
    seconds = time.time() - result.started_at
    counts, files = _ingest_lines(result)
    heading = f"hrwh ingest {result.run_id}: loaded in {seconds:.1f} s (nothing built or published)"
    return [heading, *counts, *files]


def _ingest_lines(result: IngestResult) -> tuple[list[str], list[str]]:
    """The counts of files, rows and lines, and a line for each file that needs a look."""
    count = result.count
    loaded = [f for f in result.files if FileStatus(f["status"]).is_load]
    counts = [
        f"  files: {count(FileStatus.LOADED)} loaded, {count(FileStatus.REPLACED)} replaced an "
        f"earlier delivery, {count(FileStatus.ALREADY_LOADED)} skipped as already loaded, "
        f"{count(FileStatus.SKIPPED_DUPLICATE)} skipped as duplicates, "
        f"{count(FileStatus.HELD)} held, {count(FileStatus.REJECTED)} rejected",
        f"  rows: {result.rows_loaded:,} loaded, {result.rows_quarantined:,} set aside "
        "(see raw.quarantine)",
        f"  lines: {sum(f['lines_total'] for f in loaded):,} in the files loaded = "
        f"{len(loaded):,} header + {sum(f['lines_loaded'] for f in loaded):,} loaded + "
        f"{sum(f['lines_set_aside'] for f in loaded):,} set aside + "
        f"{sum(f['lines_blank'] for f in loaded):,} blank",
    ]
    lines: list[str] = []
    for f in result.files:
        name = f"{f['source']}/{f['file_name']}"
        if f["status"] in (FileStatus.REJECTED, FileStatus.SKIPPED_DUPLICATE, FileStatus.HELD):
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
    return counts, lines
