"""Where the warehouse finds its database, its landing files and its pseudonym key.

Everything other people script against comes from three environment variables
(`HRWH_DATABASE_URL`, `HRWH_LANDING_DIR`, `HRWH_PSEUDONYM_KEY`); everything else has a default
under the project's `.hrwh/` folder so that a fresh clone runs with no configuration at all.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]
DBT_PROJECT_DIR = PROJECT_ROOT / "dbt"


class ConfigError(Exception):
    """A setting is missing or wrong; the message says what to do in plain words."""


@dataclass(frozen=True)
class Settings:
    """The settings of one run, read once from the environment."""

    home: Path
    database_url: str | None
    landing_dir: Path
    max_bad_row_share: float
    run_lease_minutes: int = 60
    """How long an Airflow run's token stays its own between two of its tasks."""

    @classmethod
    def from_env(cls) -> Settings:
        home = Path(os.environ.get("HRWH_HOME", PROJECT_ROOT / ".hrwh")).resolve()
        landing = Path(os.environ.get("HRWH_LANDING_DIR", PROJECT_ROOT / "data" / "landing"))
        share_text = os.environ.get("HRWH_MAX_BAD_ROW_SHARE", "0.05")
        try:
            share = float(share_text)
        except ValueError as exc:
            raise ConfigError(
                f"HRWH_MAX_BAD_ROW_SHARE must be a fraction such as 0.05, not {share_text!r}."
            ) from exc
        lease_text = os.environ.get("HRWH_RUN_LEASE_MINUTES", "60")
        if not lease_text.strip().isdigit() or int(lease_text) < 1:
            raise ConfigError(
                f"HRWH_RUN_LEASE_MINUTES must be a whole number of minutes such as 60, "
                f"not {lease_text!r}."
            )
        return cls(
            home=home,
            database_url=os.environ.get("HRWH_DATABASE_URL") or None,
            landing_dir=landing.resolve(),
            max_bad_row_share=share,
            run_lease_minutes=int(lease_text),
        )
