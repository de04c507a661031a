"""What shapes a build, fingerprinted: whether a night may skip the build, or must rebuild in full.

A build is a function of the code (the dbt project with its seeds, the quality gate's
expectations, the package's version), of the settings that shape the build or its gate, and of
the raw data (the live loads in the load ledger). When none of them changed since the last
published run, building again would publish the same marts: the night skips build, gate and
publish (`hrwh.pipeline.skip_if_unchanged`). The incremental models keep state from one build
to the next (docs/architecture.md, "Incremental nights"); that state is only trusted when it was
built by the same code and the build that wrote it was published (`plan_build`).

Both fingerprints are recorded on the run's row in raw.run_log when its build starts. Computing
them reads a few hundred small files and one ledger query: well under a second.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

import psycopg

from hrwh.runs import RunStatus
from hrwh.settings import DBT_PROJECT_DIR, GX_PROJECT_DIR, Settings

# Folders of the projects that tools write to (build output, logs, generated docs).
GENERATED = frozenset({"target", "logs", "dbt_packages", "uncommitted", "__pycache__"})


@dataclass(frozen=True)
class BuildInputs:
    """The fingerprints of a build's code and settings, and of its raw data."""

    code: str
    data: str
    last_load_id: int
    """The newest load in the ledger: the build holds every load up to it."""


@dataclass(frozen=True)
class BuildPlan:
    """How the incremental models are built: in full (and why), or from which load on."""

    full_refresh: str | None
    loads_built_up_to: int
    """The incremental models hold every load up to this one already (0 on a full refresh)."""


def current_inputs(conn: psycopg.Connection, settings: Settings) -> BuildInputs:
    data, last_load_id = data_fingerprint(conn)
    return BuildInputs(code_fingerprint(settings), data, last_load_id)


def code_fingerprint(settings: Settings) -> str:
    """The dbt project (models, macros, seeds, tests), the expectations, the package's version
    and the settings the gate reads."""
    digest = hashlib.sha256()
    digest.update(f"hrwh {metadata.version('hrwh')}\n".encode())
    digest.update(
        f"row_count_tolerance={settings.row_count_tolerance}\n"
        f"freshness_months={settings.freshness_months}\n".encode()
    )
    for root in (DBT_PROJECT_DIR, GX_PROJECT_DIR):
        for path in _project_files(root):
            digest.update(f"{path.relative_to(root.parent)}\n".encode())
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def data_fingerprint(conn: psycopg.Connection) -> tuple[str, int]:
    """The live loads of every source (a new or re-delivered file changes them), and the
    newest load id."""
    row = conn.execute(
        "select coalesce(string_agg(load_id::text, ',' order by load_id) "
        "filter (where status = 'loaded'), ''), coalesce(max(load_id), 0) from raw.load_ledger"
    ).fetchone()
    assert row is not None
    return hashlib.sha256(row[0].encode()).hexdigest(), int(row[1])


def record_inputs(conn: psycopg.Connection, run_id: int, inputs: BuildInputs) -> None:
    conn.execute(
        "update raw.run_log set code_fingerprint = %s, data_fingerprint = %s, last_load_id = %s "
        "where run_id = %s",
        (inputs.code, inputs.data, inputs.last_load_id, run_id),
    )


def published_with(conn: psycopg.Connection, inputs: BuildInputs) -> int | None:
    """The last published run, when it was built from exactly these inputs; else None."""
    row = conn.execute(
        "select run_id, code_fingerprint, data_fingerprint from raw.run_log "
        "where status = %s order by run_id desc limit 1",
        (RunStatus.PUBLISHED,),
    ).fetchone()
    if row is None or (row[1], row[2]) != (inputs.code, inputs.data):
        return None
    return int(row[0])


def plan_build(
    conn: psycopg.Connection, run_id: int, inputs: BuildInputs, *, full_refresh: bool
) -> BuildPlan:
    """Build incrementally on the state the last build left only when that state is sound: the
    last build before this run was published and was built by the same code; else in full."""
    row = conn.execute(
        "select run_id, status, code_fingerprint, last_load_id from raw.run_log "
        "where build_schema is not null and run_id < %s order by run_id desc limit 1",
        (run_id,),
    ).fetchone()
    if full_refresh:
        why = "asked for (--full-refresh)"
    elif row is None:
        why = "first build"
    elif row[1] != RunStatus.PUBLISHED:
        why = f"the last build (run {row[0]}) ended {row[1]}"
    elif row[2] != inputs.code or row[3] is None:
        why = "the code, seeds or settings changed"
    else:
        return BuildPlan(None, int(row[3]))
    return BuildPlan(why, 0)


def _project_files(root: Path) -> list[Path]:
    if not root.is_dir():
        return []
    return sorted(
        path
        for path in root.rglob("*")
        if path.is_file()
        and not GENERATED.intersection(path.relative_to(root).parts)
        and not path.name.startswith(".")
    )
