"""Where the warehouse finds its database, its landing files and its pseudonym key.

Everything other people script against comes from three environment variables
(`HRWH_DATABASE_URL`, `HRWH_LANDING_DIR`, `HRWH_PSEUDONYM_KEY`); everything else has a default
under the project's `.hrwh/` folder so that a fresh clone runs with no configuration at all.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

PROJECT_ROOT = Path(__file__).resolve().parents[2]
DBT_PROJECT_DIR = PROJECT_ROOT / "dbt"
MB = 1024 * 1024


class ConfigError(Exception):
    """A setting is missing or wrong; the message says what to do in plain words."""


@dataclass(frozen=True)
class Settings:
    """The settings of one run, read once from the environment."""

    home: Path
    database_url: str | None
    landing_dir: Path
    max_bad_row_share: float = 0.05
    max_file_bytes: int = 256 * MB
    """A larger landing file (or workbook, unpacked) is rejected unread."""
    max_file_rows: int = 500_000
    """A file with more lines (sheet rows) after its header is rejected."""
    delivery_tolerance: float = 0.2
    """How far a payroll delivery's employments may differ from its neighbours' (0.2 = ±20 %)."""
    run_lease_minutes: int = 60
    """How long an Airflow run's token stays its own between two of its tasks."""

    @classmethod
    def from_env(cls) -> Settings:
        home = Path(os.environ.get("HRWH_HOME", PROJECT_ROOT / ".hrwh")).resolve()
        landing = Path(os.environ.get("HRWH_LANDING_DIR", PROJECT_ROOT / "data" / "landing"))
        return cls(
            home=home,
            database_url=os.environ.get("HRWH_DATABASE_URL") or None,
            landing_dir=landing.resolve(),
            max_bad_row_share=_number("HRWH_MAX_BAD_ROW_SHARE", cls.max_bad_row_share, 0, 1),
            max_file_bytes=_number("HRWH_MAX_FILE_MB", cls.max_file_bytes // MB, 1) * MB,
            max_file_rows=_number("HRWH_MAX_FILE_ROWS", cls.max_file_rows, 1),
            delivery_tolerance=_number("HRWH_DELIVERY_TOLERANCE", cls.delivery_tolerance, 0),
            run_lease_minutes=_number("HRWH_RUN_LEASE_MINUTES", cls.run_lease_minutes, 1),
        )


Number = TypeVar("Number", int, float)


def _number(name: str, default: Number, low: Number, high: Number | None = None) -> Number:
    """The variable `name` as a number of the default's kind within [low, high], or its default."""
    text = os.environ.get(name)
    if text is None:
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
