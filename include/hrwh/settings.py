"""Every setting of the warehouse, read once from the environment and passed to who needs it.

Everything other people script against comes from three environment variables
(`HRWH_DATABASE_URL`, `HRWH_LANDING_DIR`, `HRWH_PSEUDONYM_KEY`); everything else has a default
under the project's `.hrwh/` folder so that a fresh clone runs with no configuration at all.
This module is the only one that reads the process environment: the rest of the package gets a
`Settings` value (and child processes the environment `child_environment` gives them).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

MB = 1024 * 1024
_PACKAGE = Path(__file__).resolve().parent


def _checkout_root() -> Path | None:
    """The source checkout this package runs from (an editable install), if it does."""
    root = _PACKAGE.parents[1]
    return root if (root / "pyproject.toml").is_file() and (root / "dbt").is_dir() else None


PROJECT_ROOT = _checkout_root() or Path.cwd()
"""The checkout's root; for a regular install the current folder (defaults of `.hrwh/` and
`data/landing/` are then relative to where the command runs)."""


def _project_folder(name: str) -> Path:
    """The dbt or Great Expectations project: the checkout's folder, else the copy the installed
    package carries (pyproject.toml ships both as `hrwh/project/<name>`)."""
    checkout = _checkout_root()
    return checkout / name if checkout else _PACKAGE / "project" / name


DBT_PROJECT_DIR = _project_folder("dbt")
GX_PROJECT_DIR = _project_folder("expectations") / "gx"


class ConfigError(Exception):
    """A setting is missing or wrong; the message says what to do in plain words."""


@dataclass(frozen=True)
class Settings:
    """The settings of one run, read once from the environment (`from_env`)."""

    home: Path
    """HRWH_HOME: the embedded database, the generated key, dbt's target folder, logs."""
    database_url: str | None
    """HRWH_DATABASE_URL; None: the embedded PostgreSQL under `home`."""
    landing_dir: Path
    """HRWH_LANDING_DIR: where the source systems deliver."""
    embedded_port: int = 5433
    """HRWH_EMBEDDED_PORT: the TCP port (on 127.0.0.1) of the embedded PostgreSQL, where BI
    tools connect."""
    pseudonym_key: str | None = None
    """HRWH_PSEUDONYM_KEY; None: a key generated once under `home` (with a warning)."""
    max_bad_row_share: float = 0.05
    """HRWH_MAX_BAD_ROW_SHARE: a file with more bad rows than this share is rejected whole."""
    max_file_bytes: int = 256 * MB
    """HRWH_MAX_FILE_MB: a larger landing file (or workbook, unpacked) is rejected unread."""
    max_file_rows: int = 500_000
    """HRWH_MAX_FILE_ROWS: a file with more lines (sheet rows) after its header is rejected."""
    delivery_tolerance: float = 0.2
    """HRWH_DELIVERY_TOLERANCE: how far a payroll delivery's employments may differ from its
    neighbours' (0.2 = ±20 %) before it is held."""
    run_lease_minutes: int = 60
    """HRWH_RUN_LEASE_MINUTES: how long an Airflow run's token stays its own between tasks."""
    row_count_tolerance: float = 0.2
    """HRWH_ROW_COUNT_TOLERANCE: the quality gate's allowed change of a mart's row count."""
    freshness_months: int | None = None
    """HRWH_FRESHNESS_MONTHS: the latest payroll month may lie at most this many months back;
    None: not checked."""
    alert_webhook: str | None = None
    """HRWH_ALERT_WEBHOOK: a URL that gets a JSON POST for every alert."""
    alert_emails: tuple[str, ...] = ()
    """HRWH_ALERT_EMAIL: addresses that get every alert (through Airflow's SMTP settings)."""

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        """Read and check every HRWH_* variable; raise `ConfigError` with a plain message."""
        env = os.environ if environ is None else environ
        home = Path(env.get("HRWH_HOME") or PROJECT_ROOT / ".hrwh").resolve()
        landing = Path(env.get("HRWH_LANDING_DIR") or PROJECT_ROOT / "data" / "landing")
        return cls(
            home=home,
            database_url=env.get("HRWH_DATABASE_URL") or None,
            embedded_port=_number(env, "HRWH_EMBEDDED_PORT", cls.embedded_port, 1024, 65535),
            landing_dir=landing.resolve(),
            pseudonym_key=env.get("HRWH_PSEUDONYM_KEY"),
            max_bad_row_share=_number(env, "HRWH_MAX_BAD_ROW_SHARE", cls.max_bad_row_share, 0, 1),
            max_file_bytes=_number(env, "HRWH_MAX_FILE_MB", cls.max_file_bytes // MB, 1) * MB,
            max_file_rows=_number(env, "HRWH_MAX_FILE_ROWS", cls.max_file_rows, 1),
            delivery_tolerance=_number(env, "HRWH_DELIVERY_TOLERANCE", cls.delivery_tolerance, 0),
            run_lease_minutes=_number(env, "HRWH_RUN_LEASE_MINUTES", cls.run_lease_minutes, 1),
            row_count_tolerance=_number(
                env, "HRWH_ROW_COUNT_TOLERANCE", cls.row_count_tolerance, 0
            ),
            freshness_months=_freshness_months(env),
            alert_webhook=env.get("HRWH_ALERT_WEBHOOK") or None,
            alert_emails=tuple(
                a.strip() for a in env.get("HRWH_ALERT_EMAIL", "").split(",") if a.strip()
            ),
        )


def dbt_executable() -> Path:
    """dbt of this virtualenv: found without the virtualenv on PATH (an Airflow worker)."""
    return Path(sys.executable).with_name("dbt")


def child_environment(extra: Mapping[str, str]) -> dict[str, str]:
    """The environment of a child process (dbt, an Airflow service): this process's, plus
    `extra`; a `PATH` in `extra` goes in front of this process's."""
    path = extra.get("PATH")
    if path and os.environ.get("PATH"):
        path = f"{path}{os.pathsep}{os.environ['PATH']}"
    return {**os.environ, **extra, **({"PATH": path} if path else {})}


def quiet_cosmos() -> None:
    """Turn astronomer-cosmos's usage statistics off unless the environment says otherwise.

    The nightly run has no business phoning home; cosmos reads the setting when it is imported,
    so the DAG's dbt task group calls this first (the Makefile and the compose file set it too).
    """
    os.environ.setdefault("AIRFLOW__COSMOS__ENABLE_TELEMETRY", "False")


@dataclass(frozen=True)
class LocalAirflowSettings:
    """What `make airflow` (hrwh.airflow_local) takes from Airflow's own variables, if set."""

    home: Path
    """AIRFLOW_HOME; default `.hrwh/airflow` of the checkout."""
    metadata_url: str
    """AIRFLOW__DATABASE__SQL_ALCHEMY_CONN; empty: a database on the warehouse's server."""
    api_port: int
    """AIRFLOW__API__PORT; default 8080."""
    use_job_schedule: bool
    """AIRFLOW__SCHEDULER__USE_JOB_SCHEDULE; default off (see hrwh.airflow_local)."""

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> LocalAirflowSettings:
        env = os.environ if environ is None else environ
        return cls(
            home=Path(env.get("AIRFLOW_HOME") or PROJECT_ROOT / ".hrwh" / "airflow"),
            metadata_url=env.get("AIRFLOW__DATABASE__SQL_ALCHEMY_CONN", ""),
            api_port=_number(env, "AIRFLOW__API__PORT", 8080, 1, 65535),
            use_job_schedule=env.get("AIRFLOW__SCHEDULER__USE_JOB_SCHEDULE", "False").lower()
            == "true",
        )


Number = TypeVar("Number", int, float)


def _number(
    env: Mapping[str, str], name: str, default: Number, low: Number, high: Number | None = None
) -> Number:
    """The variable `name` as a number of the default's kind within [low, high], or its default."""
    text = env.get(name, "").strip()
    if not text:
        return default
    kind = type(default)
    try:
        value = kind(text)
    except ValueError:
        value = None
    if value is None or not low <= value or (high is not None and not value <= high):
        what = "a fraction" if kind is float else "a whole number"
        bounds = f"from {low} to {high}" if high is not None else f"of at least {low}"
        raise ConfigError(f"{name} must be {what} {bounds}, such as {default}, not {text!r}.")
    return value


DEFAULT_FRESHNESS_MONTHS = 2


def _freshness_months(env: Mapping[str, str]) -> int | None:
    """HRWH_FRESHNESS_MONTHS: unset, empty or off: not checked; a whole number of months; or
    on / true / yes for the default of 2."""
    text = env.get("HRWH_FRESHNESS_MONTHS", "").strip().lower()
    if text in ("", "off", "false", "no"):
        return None
    if text in ("on", "true", "yes"):
        return DEFAULT_FRESHNESS_MONTHS
    if not text.isdigit():
        raise ConfigError(
            f"HRWH_FRESHNESS_MONTHS must be a whole number of months such as 2 (or on, for 2), "
            f"not {text!r}; leave it unset or set it to off to skip the freshness check."
        )
    return int(text)
