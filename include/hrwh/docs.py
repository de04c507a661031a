"""The two documentation sites: dbt's docs of the published marts and the GX Data Docs.

BI reads `marts`, whose views point at the build schema of the last published run
(`marts_build_<run id>`, hrwh.publish). A plain `dbt docs generate` documents schema
`marts_build` instead (a build by hand, never published), so its catalog has no columns for the
marts. Here dbt generates the docs with the published run's build schema as `hrwh_marts_schema`,
the same var that run built with (hrwh.pipeline.build): the catalog then describes exactly the
tables behind `marts`, with their columns, types and comments. The Data Docs are rebuilt from
the validation results the runs stored (hrwh.quality).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from hrwh.database import connect, resolve_database_url
from hrwh.quality import build_data_docs
from hrwh.settings import ConfigError, Settings
from hrwh.transform import BuildFailed, dbt_command, target_dir


@dataclass(frozen=True)
class DocsSites:
    """Where the built sites are: open the two files in a browser."""

    build_schema: str
    dbt_docs: Path
    """dbt's single-file site (index.html with manifest and catalog inside)."""
    dbt_catalog: Path
    gx_docs: Path | None

    def lines(self) -> list[str]:
        return [
            f"dbt docs of the published marts (build {self.build_schema}): {self.dbt_docs}",
            f"  catalog: {self.dbt_catalog}",
            f"Great Expectations Data Docs: {self.gx_docs or 'none yet (no run has validated)'}",
        ]


def published_build_schema(database_url: str) -> str:
    """The build schema of the last published run; ConfigError when nothing was published."""
    with connect(database_url) as conn:
        exists = conn.execute("select to_regclass('raw.run_log') is not null").fetchone()
        row = (
            conn.execute(
                "select build_schema from raw.run_log where status = 'published' "
                "and build_schema is not null order by run_id desc limit 1"
            ).fetchone()
            if exists and exists[0]
            else None
        )
    if row is None:
        raise ConfigError("Nothing has been published yet: run `hrwh run` (or `make run`) first.")
    return str(row[0])


def build_docs(settings: Settings) -> DocsSites:
    """Generate dbt's docs for the published build and rebuild the Data Docs."""
    url = resolve_database_url(settings)
    schema = published_build_schema(url)
    args = ["docs", "generate", "--static", "--vars", json.dumps({"hrwh_marts_schema": schema})]
    done = dbt_command(args, url, settings.home)
    target = target_dir(url, settings.home)
    if done.returncode != 0:
        tail = "\n".join((done.stdout + done.stderr).strip().splitlines()[-10:])
        raise BuildFailed(f"dbt docs generate failed (exit {done.returncode}):\n{tail}")
    return DocsSites(
        build_schema=schema,
        dbt_docs=target / "static_index.html",
        dbt_catalog=target / "catalog.json",
        gx_docs=build_data_docs(url, settings.home),
    )
