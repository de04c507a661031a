"""The delivery gate: a payroll delivery far smaller or larger than its neighbours waits.

A truncated extract (an export that stopped half-way) is a well-formed file: row by row nothing
is wrong with it, yet it would replace a full month, or publish a month in which 40 % of the
staff seem to have left. So each delivery of a gated source is judged by its count of distinct
keys (employments) among its good rows, against
- the live delivery it would replace, when it is a re-delivery, and
- the live delivery of the nearest earlier period (without one, of the nearest later one).
A count outside the tolerance (`HRWH_DELIVERY_TOLERANCE`) of either holds the delivery: it is not
loaded, it is recorded as `held` and alerted once, every run reports it while it waits, and it
stays in the landing folder. An engineer who knows the change is real accepts that content
(`hrwh accept <folder>/<file>`, recorded with its sha256 in `raw.accepted_deliveries`), and the
next run loads it past the gate; changed content is judged afresh.

A neighbour of fewer than `MIN_JUDGED` employments judges nothing: a share of a handful means
nothing (test extracts, a pilot).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import psycopg

from hrwh.ingest import ledger
from hrwh.ingest.sources import Source
from hrwh.settings import ConfigError

MIN_JUDGED = 100


def reason_to_hold(
    conn: psycopg.Connection,
    source: Source,
    period: str,
    count: int,
    live: ledger.LiveDelivery | None,
    tolerance: float,
) -> str | None:
    """Why this delivery must wait, or None when its count is in line with its neighbours."""
    references = [] if live is None else [("the delivery it would replace", live)]
    neighbour = ledger.nearest_live_delivery(conn, source.name, period)
    if neighbour is not None:
        references.append((f"the live delivery of {neighbour.period}", neighbour))
    for what, reference in references:
        known = reference.rows_loaded
        if known >= MIN_JUDGED and abs(count - known) > tolerance * known:
            change = (count - known) / known
            return (
                f"it holds {count:,} distinct {source.key}, {abs(change):.0%} "
                f"{'fewer' if change < 0 else 'more'} than the {known:,} of {what} "
                f"({reference.file_name}), beyond the ±{tolerance:.0%} allowed "
                "(HRWH_DELIVERY_TOLERANCE)"
            )
    return None


def is_accepted(conn: psycopg.Connection, source: Source, file_name: str, sha256: str) -> bool:
    """Whether a person accepted exactly this content of the file past the gate."""
    row = conn.execute(
        "select 1 from raw.accepted_deliveries where source = %s and file_name = %s "
        "and sha256 = %s",
        (source.name, file_name, sha256),
    ).fetchone()
    return row is not None


def landing_file(landing_dir: Path, name: str, sources: tuple[Source, ...]) -> tuple[Source, Path]:
    """The source and path of the landing file `name`, given as `<source folder>/<file>`."""
    folder, _, file_name = name.replace("\\", "/").strip("/").partition("/")
    source = next((s for s in sources if s.folder == folder), None)
    path = landing_dir / folder / file_name
    if source is None or source.period_of(path) is None or not path.is_file():
        raise ConfigError(
            f"{name} is not a file in the landing folder {landing_dir}: give it as "
            "<source folder>/<file name>, e.g. hr_payroll/payroll_2016-03.csv."
        )
    return source, path


def accept(conn: psycopg.Connection, source: Source, path: Path) -> str:
    """Record that the landing file may pass the gate with the content it has now."""
    with path.open("rb") as fh:
        sha256 = hashlib.file_digest(fh, "sha256").hexdigest()
    with conn.transaction():
        conn.execute(
            "insert into raw.accepted_deliveries (source, file_name, sha256) values (%s, %s, %s) "
            "on conflict do nothing",
            (source.name, path.name, sha256),
        )
    return (
        f"accepted {source.folder}/{path.name} as it is now (sha256 {sha256[:12]}…): the next "
        "run loads it past the delivery gate. Changed content is judged afresh."
    )
