"""The ``job`` table: at-least-once task records with idempotent keys and a dead-letter state.

One row per (stage, key). A task message carries only that pair; the row says what
happened to it, so a message delivered twice (a worker killed before its ack, a broker
that redelivers) finds the row ``done`` and does nothing, and a message lost (a broker
restarted without persistence) is found ``queued`` or ``running`` and stale by the
scheduler, which publishes it again.

    queued ──► running ──► done
                  │  ▲
                  ▼  │ (backoff)
               retrying ──► dead   (after ``job_max_attempts`` deliveries; `jobs retry`)

Heartbeats live in their own table (``heartbeat``, migration 0006): one row per worker,
scheduler or embedded pipeline, rewritten every ``heartbeat_seconds``. ``HEARTBEAT_STAGE``
names the ``job`` rows that held them before; the migration deletes those.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Select, delete, func, or_, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from newsprism.store.db import Store, claim_rows
from newsprism.store.schema import Heartbeat, Job, utcnow

__all__ = [
    "ACTIVE_STATES",
    "HEARTBEAT_STAGE",
    "JOB_STATES",
    "JobView",
    "backoff_seconds",
    "claim_batch",
    "complete_job",
    "create_job",
    "fail_job",
    "list_jobs",
    "new_job_key",
    "outstanding_jobs",
    "prune_jobs",
    "read_heartbeats",
    "release_job",
    "retry_jobs",
    "stale_jobs",
    "start_job",
    "write_heartbeat",
]

JOB_STATES = ("queued", "running", "retrying", "done", "dead")
#: states of a task that has not finished yet
ACTIVE_STATES = ("queued", "running", "retrying")
HEARTBEAT_STAGE = "worker_heartbeat"
#: a worker silent this long is forgotten (its heartbeat row deleted)
HEARTBEAT_FORGET_SECONDS = 86400.0


@dataclass(frozen=True)
class JobView:
    """One job row as the CLI and the health report show it."""

    id: int
    stage: str
    key: str
    state: str
    attempts: int
    last_error: str | None
    updated_at: datetime


def new_job_key(prefix: str = "c") -> str:
    """Return a fresh, unique job key (for follow-up tasks that continue a stage's backlog)."""
    return f"{prefix}-{uuid.uuid4().hex[:16]}"


def backoff_seconds(attempt: int, base: float, cap: float) -> float:
    """Wait before retry number *attempt* (1-based): base, 2·base, 4·base, … at most *cap*."""
    return float(min(cap, base * (2 ** max(0, attempt - 1))))


def _insert(session: Session) -> Any:
    return postgresql.insert if session.get_bind().dialect.name == "postgresql" else sqlite.insert


def create_job(session: Session, stage: str, key: str) -> bool:
    """Insert a ``queued`` job; False (and no change) when (stage, key) already exists.

    The unique key is the fence against double scheduling: two schedulers computing the
    same key for the same tick cannot both create — and so both publish — the task.
    """
    stmt = (
        _insert(session)(Job)
        .values(stage=stage, key=key, state="queued", attempts=0, updated_at=utcnow())
        .on_conflict_do_nothing(index_elements=["stage", "key"])
        .returning(Job.id)
    )
    return session.execute(stmt).first() is not None


def _locked_job(session: Session, stage: str, key: str) -> Job | None:
    stmt = select(Job).where(Job.stage == stage, Job.key == key)
    if session.get_bind().dialect.name == "postgresql":
        stmt = stmt.with_for_update()
    return session.scalars(stmt).first()


def start_job(store: Store, stage: str, key: str) -> int | None:
    """Mark (stage, key) running and count the delivery; None if it is already done or dead.

    Returns the attempt number (1 for the first delivery). Creates the row when a task was
    published without one (e.g. by hand).
    """
    with store.session() as s:
        create_job(s, stage, key)
        job = _locked_job(s, stage, key)
        if job is None or job.state in ("done", "dead"):
            return None
        job.attempts += 1
        job.state = "running"
        job.updated_at = utcnow()
        return job.attempts


def complete_job(
    store: Store,
    stage: str,
    key: str,
    details: dict[str, Any] | None = None,
    *,
    follow_up: str | None = None,
) -> None:
    """Mark (stage, key) done, creating job (stage, *follow_up*) in the same transaction.

    *details* (the stage report) are kept in ``last_error`` as JSON.
    """
    with store.session() as s:
        if follow_up is not None:
            create_job(s, stage, follow_up)
        s.execute(
            update(Job)
            .where(Job.stage == stage, Job.key == key)
            .values(
                state="done",
                last_error=json.dumps(details, default=str) if details else None,
                updated_at=utcnow(),
            )
        )


def fail_job(store: Store, stage: str, key: str, error: str, max_attempts: int) -> str:
    """Record a failed delivery; returns ``retrying`` or ``dead`` (no more retries)."""
    with store.session() as s:
        job = _locked_job(s, stage, key)
        if job is None:
            return "dead"
        job.state = "dead" if job.attempts >= max_attempts else "retrying"
        job.last_error = error[:4000]
        job.updated_at = utcnow()
        return job.state


def release_job(store: Store, stage: str, key: str) -> None:
    """Give a delivery back uncounted (it could not start, e.g. the clustering lock was held)."""
    with store.session() as s:
        job = _locked_job(s, stage, key)
        if job is not None and job.state == "running":
            job.state = "queued"
            job.attempts = max(0, job.attempts - 1)
            job.updated_at = utcnow()


def outstanding_jobs(session: Session, stage: str) -> int:
    """Jobs of *stage* queued, running or waiting for a retry."""
    stmt = select(func.count()).where(Job.stage == stage, Job.state.in_(ACTIVE_STATES))
    return int(session.scalar(stmt) or 0)


def stale_jobs(
    store: Store, older_than: float, *, retry_grace: float = 0.0, limit: int = 1000
) -> list[tuple[str, str, str]]:
    """Active jobs (stage, key, state) unheard of for *older_than* seconds, touched.

    A ``queued`` row whose message died with the broker, or a ``running`` row whose worker
    was killed, looks like this; publishing it again is safe because every delivery
    checks the row first and stages are idempotent. A ``retrying`` row waits
    *retry_grace* seconds longer (its delayed retry message may still be pending).
    """
    cutoff = utcnow() - timedelta(seconds=older_than)
    retry_cutoff = cutoff - timedelta(seconds=retry_grace)
    with store.session() as s:
        stmt = (
            select(Job)
            .where(
                Job.stage != HEARTBEAT_STAGE,
                or_(
                    Job.state.in_(("queued", "running")) & (Job.updated_at < cutoff),
                    (Job.state == "retrying") & (Job.updated_at < retry_cutoff),
                ),
            )
            .order_by(Job.id)
            .limit(limit)
        )
        rows = claim_batch(s, stmt)
        now = utcnow()
        for job in rows:
            job.updated_at = now
        return [(job.stage, job.key, job.state) for job in rows]


def prune_jobs(store: Store, keep_seconds: float) -> int:
    """Delete ``done`` jobs older than *keep_seconds*; dead ones stay until retried or cleared.

    Heartbeats of workers silent for a day are deleted too (the worker is gone).

    A follow-up task per batch of 20 rows means ~6 rows per article over the whole chain;
    at 500,000 articles a day the table would grow by ~3 million rows a day unpruned.
    """
    cutoff = utcnow() - timedelta(seconds=keep_seconds)
    silent = utcnow() - timedelta(seconds=HEARTBEAT_FORGET_SECONDS)
    with store.session() as s:
        s.execute(delete(Heartbeat).where(Heartbeat.beat_at < silent))
        result: Any = s.execute(delete(Job).where(Job.state == "done", Job.updated_at < cutoff))
        return int(result.rowcount or 0)


def claim_batch(session: Session, stmt: Select[Any]) -> list[Any]:
    """Rows of *stmt*, row-locked for this transaction; rows others hold are skipped.

    The same as `newsprism.store.db.claim_rows`, which the real stages use.
    """
    return claim_rows(session, stmt)


def list_jobs(
    store: Store, states: tuple[str, ...] = ("dead",), *, limit: int = 100
) -> list[JobView]:
    """Jobs in *states*, most recently changed first (heartbeats excluded)."""
    with store.session() as s:
        rows = s.scalars(
            select(Job)
            .where(Job.state.in_(states), Job.stage != HEARTBEAT_STAGE)
            .order_by(Job.updated_at.desc(), Job.id.desc())
            .limit(limit)
        )
        return [
            JobView(r.id, r.stage, r.key, r.state, r.attempts, r.last_error, r.updated_at)
            for r in rows
        ]


def retry_jobs(store: Store, ids: list[int] | None = None) -> list[tuple[str, str]]:
    """Put dead jobs (the given *ids*, or all when None) back to ``queued`` with 0 attempts.

    Returns their (stage, key) pairs for the caller to publish.
    """
    with store.session() as s:
        stmt = select(Job).where(Job.state == "dead", Job.stage != HEARTBEAT_STAGE)
        if ids is not None:
            stmt = stmt.where(Job.id.in_(ids))
        rows = list(s.scalars(stmt))
        now = utcnow()
        for job in rows:
            job.state = "queued"
            job.attempts = 0
            job.updated_at = now
        return [(job.stage, job.key) for job in rows]


def write_heartbeat(
    store: Store,
    name: str,
    info: dict[str, Any],
    *,
    alive: bool = True,
    kind: str = "worker",
) -> None:
    """Record that process *name* (a worker, the scheduler, the pipeline) is alive now.

    *alive* False records a clean stop. *info* (queues, pid, host, last feed poll, …) is
    kept as the row's details; ``host`` and ``pid`` also get columns of their own.
    """
    now = utcnow()
    values = {
        "kind": kind,
        "state": "alive" if alive else "stopped",
        "host": str(info.get("host"))[:255] if info.get("host") else None,
        "pid": int(info["pid"]) if isinstance(info.get("pid"), int) else None,
        "details": json.loads(json.dumps(info, default=str)),
        "beat_at": now,
    }
    with store.session() as s:
        stmt = _insert(s)(Heartbeat).values(name=name, started_at=now, **values)
        s.execute(stmt.on_conflict_do_update(index_elements=["name"], set_=values))


def read_heartbeats(store: Store, kinds: tuple[str, ...] | None = None) -> list[dict[str, Any]]:
    """Every process's last heartbeat, by name (read only; `prune_jobs` forgets silent ones).

    Each is a dict: ``worker`` (the name), ``kind``, ``state``, ``last_seen``,
    ``age_seconds`` and the details it reported.
    """
    with store.session() as s:
        stmt = select(Heartbeat).order_by(Heartbeat.name)
        if kinds is not None:
            stmt = stmt.where(Heartbeat.kind.in_(kinds))
        now = utcnow()
        return [
            {
                **(r.details or {}),
                "worker": r.name,
                "kind": r.kind,
                "state": r.state,
                "last_seen": r.beat_at,
                "age_seconds": round((now - r.beat_at).total_seconds(), 1),
            }
            for r in s.scalars(stmt)
        ]
