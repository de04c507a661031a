"""One run at a time: the warehouse lock and the run token.

A nightly run has four steps (ingest, build, audit, publish). Under `hrwh run` they run in one
process; under Airflow each is a task of its own, perhaps in another process, with gaps between
them. Two things keep runs apart:

- the warehouse lock, a PostgreSQL session-level advisory lock on a connection of its own, held by
  whichever process is executing a step (a `hrwh run` holds it for its whole run). It goes away
  with the process or the connection, so a killed process never leaves the warehouse locked;
- the run token, the run's row in `raw.run_log` with status `running` (a unique index allows one
  such row). Between two Airflow tasks nobody holds the lock: the token's lease (`lease_until`)
  says the run is still alive.

A new run takes the lock, then looks at the running run, if any. A `hrwh run` whose lock could be
taken is dead; an Airflow run whose lease has passed is dead (Airflow's failure callback ends a
killed task's run at once, see `end_run_of_owner`). Dead runs are marked `abandoned` and their
database sessions ended (every connection of a run carries its run id in `application_name`). A
live Airflow run between its steps makes the new run stop at once with `RunInProgress`.

Every step checks that it still holds the lock and that its token is still its own (`Run.check`);
a run that lost either stops with `LockLost` rather than go on unlocked. A dropped lock connection
is taken again when the lock is still free and the token still the run's own, which is how a
dropped connection during loading is retried.
"""

from __future__ import annotations

import json
import os
import socket
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

import psycopg

from hrwh.database import connect, ensure_raw_schema

# Key of the advisory lock that makes runs on one database take turns (arbitrary, fixed).
RUN_LOCK_KEY = 7_140_2015
APPLICATION_PREFIX = "hrwh-run"
CLI_OWNER_PREFIX = "cli:"
AIRFLOW_OWNER_PREFIX = "airflow:"
# How long a step of a run that exists already waits for the lock (a `hrwh run` that is only
# looking whether it may start holds it for a moment).
STEP_LOCK_WAIT_SECONDS = 60


class RunStatus(StrEnum):
    """How a run ended (raw.run_log.status; raw_schema.sql checks the same list)."""

    RUNNING = "running"
    INGESTED = "ingested"
    """Loaded only (`hrwh ingest`): nothing was built or published."""
    PUBLISHED = "published"
    UNCHANGED = "unchanged"
    """Nothing new arrived and nothing that shapes the build changed: build, gate and publish
    were skipped, and `marts` stays that of the last published run."""
    FAILED = "failed"
    ABANDONED = "abandoned"


class RunInProgress(Exception):
    """Another run holds the warehouse's run lock or its run token."""


class LockLost(Exception):
    """The run lost the warehouse lock or its run token: it stops and publishes nothing."""


def application_name(run_id: int | None, part: str) -> str:
    """The `application_name` of a run's connections, so a later run can end them."""
    return f"{APPLICATION_PREFIX}-{run_id if run_id is not None else 'new'}-{part}"


def cli_owner() -> str:
    """The owner of a run made by `hrwh run`: this process, which holds the lock throughout."""
    return f"{CLI_OWNER_PREFIX}{socket.gethostname()}:{os.getpid()}"


def airflow_owner(dag_id: str, dag_run_id: str) -> str:
    """The owner of a run made by an Airflow DAG run: its tasks share the run token."""
    return f"{AIRFLOW_OWNER_PREFIX}{dag_id}/{dag_run_id}"


class WarehouseLock:
    """The advisory lock on a connection of its own (autocommit)."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.conn: psycopg.Connection | None = None

    def take(self, *, wait_seconds: float = 0) -> None:
        """Take the lock, waiting up to `wait_seconds`, else raise `RunInProgress`."""
        self.conn = connect(self.url, autocommit=True)
        deadline = time.monotonic() + wait_seconds
        while not self._try():
            if time.monotonic() >= deadline:
                self.release()
                raise RunInProgress(
                    "Another hrwh run is loading or building this warehouse right now, so this "
                    "one did nothing. Run again when it has finished."
                )
            time.sleep(1)

    def _try(self) -> bool:
        assert self.conn is not None
        (got,) = self.conn.execute("select pg_try_advisory_lock(%s)", (RUN_LOCK_KEY,)).fetchone()
        return bool(got)

    def held(self) -> bool:
        """Whether this connection is alive and still holds the lock."""
        if self.conn is None or self.conn.closed:
            return False
        try:
            row = self.conn.execute(
                "select count(*) from pg_locks where locktype = 'advisory' and granted "
                "and pid = pg_backend_pid() and classid = %s and objid = %s and objsubid = 1",
                (RUN_LOCK_KEY >> 32, RUN_LOCK_KEY & 0xFFFFFFFF),
            ).fetchone()
        except psycopg.OperationalError:
            return False
        return bool(row and row[0])

    def retake(self) -> None:
        """After a dropped connection: take the lock again if it is free, else `LockLost`."""
        self.release()
        try:
            self.conn = connect(self.url, autocommit=True)
        except Exception as exc:
            raise LockLost(
                f"the warehouse lock's connection dropped and cannot reconnect ({exc})"
            ) from exc
        if not self._try():
            self.release()
            raise LockLost(
                "the warehouse lock's connection dropped and another process took the lock"
            )

    def release(self) -> None:
        if self.conn is not None and not self.conn.closed:
            self.conn.close()  # ends the session, which releases the lock
        self.conn = None


@dataclass
class Run:
    """A run being worked on by this process: its token and the lock held for it."""

    url: str
    run_id: int
    owner: str
    lock: WarehouseLock

    @property
    def conn(self) -> psycopg.Connection:
        """The lock's connection: work done on it cannot outlive the lock."""
        assert self.lock.conn is not None
        return self.lock.conn

    def check(self) -> None:
        """Raise `LockLost` unless this process holds the lock and the token is still ours."""
        if not self.lock.held():
            self.lock.retake()
            print(
                f"warning: run {self.run_id}: the warehouse lock's connection dropped; "
                "took the lock again",
                file=sys.stderr,
            )
            self._name_connection()
        row = self.conn.execute(
            "select status from raw.run_log where run_id = %s", (self.run_id,)
        ).fetchone()
        if row is None or row[0] != "running":
            status = row[0] if row else "missing"
            raise LockLost(
                f"run {self.run_id} is no longer the warehouse's running run (it is {status}): "
                "another run took over, so this one stops and publishes nothing"
            )

    def _name_connection(self) -> None:
        self.conn.execute(
            "select set_config('application_name', %s, false)",
            (application_name(self.run_id, "lock"),),
        )

    def extend_lease(self, minutes: int) -> None:
        """Keep the token alive until the next step takes it (Airflow tasks)."""
        self.conn.execute(
            "update raw.run_log set lease_until = now() + make_interval(mins => %s) "
            "where run_id = %s and status = 'running'",
            (minutes, self.run_id),
        )

    def record(self, **summary: Any) -> None:
        """Merge keys into the run's summary (raw.run_log.summary)."""
        record_summary(self.conn, self.run_id, **summary)

    def summary(self) -> dict[str, Any]:
        row = self.conn.execute(
            "select coalesce(summary, '{}'::jsonb) from raw.run_log where run_id = %s",
            (self.run_id,),
        ).fetchone()
        return dict(row[0]) if row else {}

    def finish(self, status: RunStatus) -> None:
        """Record how the run ended; the token is then free for the next run."""
        self.conn.execute(
            "update raw.run_log set status = %s, finished_at = now(), lease_until = null "
            "where run_id = %s and status = 'running'",
            (status, self.run_id),
        )

    def release(self) -> None:
        self.lock.release()


def record_summary(conn: psycopg.Connection, run_id: int, **summary: Any) -> None:
    """Merge keys into a run's summary (raw.run_log.summary), also once the run has ended."""
    conn.execute(
        "update raw.run_log set summary = coalesce(summary, '{}'::jsonb) || %s::jsonb "
        "where run_id = %s",
        (json.dumps(summary, ensure_ascii=False), run_id),
    )


def start_run(url: str, owner: str, lease_minutes: int) -> tuple[Run, list[int]]:
    """Take the lock and the token for a new run (or resume the owner's own running run).

    Returns the run and the ids of dead runs this one marked abandoned.
    """
    lock = WarehouseLock(url)
    lock.take()
    try:
        conn = lock.conn
        assert conn is not None
        ensure_raw_schema(conn)
        abandoned: list[int] = []
        with conn.transaction():
            running = conn.execute(
                "select run_id, owner, coalesce(lease_until > now(), false) "
                "from raw.run_log where status = 'running' for update"
            ).fetchone()
            run_id = None
            if running is not None:
                other_id, other_owner, leased = running
                if other_owner == owner:
                    run_id = int(other_id)  # a retried Airflow task resumes its own run
                elif leased and not (other_owner or "").startswith(CLI_OWNER_PREFIX):
                    raise RunInProgress(
                        f"Run {other_id} ({other_owner}) is between its steps and holds the "
                        "warehouse until its next step or its lease ends, so this run did "
                        "nothing. Run again when it has finished."
                    )
                else:
                    abandon(conn, int(other_id), "its process died or its lease ran out")
                    abandoned.append(int(other_id))
            if run_id is None:
                row = conn.execute(
                    "insert into raw.run_log (owner, lease_until) values "
                    "(%s, now() + make_interval(mins => %s)) returning run_id",
                    (owner, lease_minutes),
                ).fetchone()
                assert row is not None
                run_id = int(row[0])
    except BaseException:
        lock.release()
        raise
    run = Run(url, run_id, owner, lock)
    run._name_connection()
    return run, abandoned


def resume_run(url: str, run_id: int) -> Run:
    """Take the lock for a later step of a run that exists (an Airflow task)."""
    lock = WarehouseLock(url)
    lock.take(wait_seconds=STEP_LOCK_WAIT_SECONDS)
    row = lock.conn.execute(  # type: ignore[union-attr]
        "select owner from raw.run_log where run_id = %s", (run_id,)
    ).fetchone()
    run = Run(url, run_id, row[0] if row else "", lock)
    try:
        run._name_connection()
        run.check()
    except BaseException:
        lock.release()
        raise
    return run


@contextmanager
def step_of(url: str, run_id: int, lease_minutes: int) -> Iterator[Run]:
    """A later step of a run: lock taken and token checked; lease extended when it ends."""
    run = resume_run(url, run_id)
    try:
        yield run
        if run.lock.held():
            run.extend_lease(lease_minutes)
    finally:
        run.release()


def abandon(conn: psycopg.Connection, run_id: int, why: str) -> None:
    """Mark a dead run abandoned and end any database session it left behind."""
    conn.execute(
        "update raw.run_log set status = 'abandoned', finished_at = now(), lease_until = null, "
        "summary = coalesce(summary, '{}'::jsonb) || jsonb_build_object('abandoned', %s::text) "
        "where run_id = %s",
        (why, run_id),
    )
    conn.execute(
        "select pg_terminate_backend(pid) from pg_stat_activity "
        "where application_name like %s and datname = current_database() "
        "and pid <> pg_backend_pid()",
        (f"{APPLICATION_PREFIX}-{run_id}-%",),
    )


def end_run_of_owner(url: str, owner: str, why: str) -> int | None:
    """Mark the owner's running run failed (Airflow's failure callback); its id, if any."""
    with connect(url, autocommit=True) as conn:
        row = conn.execute(
            "update raw.run_log set status = 'failed', finished_at = now(), lease_until = null, "
            "summary = coalesce(summary, '{}'::jsonb) || jsonb_build_object('failed', %s::text) "
            "where owner = %s and status = 'running' returning run_id",
            (why, owner),
        ).fetchone()
        if row is None:
            return None
        conn.execute(
            "select pg_terminate_backend(pid) from pg_stat_activity "
            "where application_name like %s and datname = current_database() "
            "and pid <> pg_backend_pid()",
            (f"{APPLICATION_PREFIX}-{row[0]}-%",),
        )
        return int(row[0])
