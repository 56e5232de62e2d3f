"""Run one job — a stage on a key — with its record in the ``job`` table (no Celery here).

`tasks.py` wraps `execute_job` in a Celery task; tests and the embedded runner can call it
directly. The job row makes a repeated delivery a no-op, counts attempts, and
dead-letters a task that keeps failing; the stage itself is idempotent, so a delivery
killed half-way and run again changes nothing twice.
"""

from __future__ import annotations

import importlib
import logging
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy.exc import SQLAlchemyError

from newsprism import jobs
from newsprism.config import Settings
from newsprism.distributed.locks import LockBusyError, stage_lock
from newsprism.errors import ConfigError, StoreError
from newsprism.pipeline import STAGES, StageContext, StageReport, run_stage

__all__ = [
    "CLUSTER_STAGE",
    "JobOutcome",
    "RetryLaterError",
    "StageRunner",
    "execute_job",
    "load_stage_runner",
]

log = logging.getLogger(__name__)

#: the one stateful stage: a single consumer at a time (dedicated queue + advisory lock)
CLUSTER_STAGE = "cluster_articles"

StageRunner = Callable[[str, StageContext], StageReport]


class RetryLaterError(Exception):
    """The job should be delivered again after *countdown* seconds."""

    def __init__(self, message: str, countdown: float) -> None:
        super().__init__(message)
        self.countdown = countdown


@dataclass
class JobOutcome:
    """What one delivery of a job did."""

    stage: str
    key: str
    state: str  # done | skipped | dead
    attempt: int = 0
    report: StageReport | None = None
    follow_up: list[str] = field(default_factory=list)


def load_stage_runner(settings: Settings) -> StageRunner:
    """`pipeline.run_stage`, or the stage table named by ``settings.stage_table``."""
    if not settings.stage_table:
        return run_stage
    module_name, _, attr = settings.stage_table.partition(":")
    try:
        table: dict[str, Callable[[StageContext], StageReport]] = getattr(
            importlib.import_module(module_name), attr or "STAGES"
        )
    except (ImportError, AttributeError) as exc:
        raise ConfigError(
            f"NEWSPRISM_STAGE_TABLE={settings.stage_table!r} cannot be loaded ({exc}); "
            "give module:attribute of a dict of stage functions, or leave it empty."
        ) from exc

    def run_from_table(name: str, ctx: StageContext) -> StageReport:
        if name not in table:
            raise ConfigError(f"stage table {settings.stage_table!r} has no stage {name!r}")
        start = time.perf_counter()
        report = table[name](ctx)
        report.seconds = time.perf_counter() - start
        return report

    return run_from_table


def execute_job(ctx: StageContext, runner: StageRunner, stage: str, key: str) -> JobOutcome:
    """Deliver job (stage, key) once: skip if done, run the stage, record the result.

    Raises `RetryLaterError` when the stage failed and attempts remain (the caller
    schedules the retry with its countdown), or when the clustering lock is busy.
    """
    if stage not in STAGES:
        raise ConfigError(f"unknown stage {stage!r}; stages are {', '.join(STAGES)}")
    store, settings = ctx.store, ctx.settings
    try:
        attempt = jobs.start_job(store, stage, key)
    except (StoreError, SQLAlchemyError) as exc:  # database unreachable for a moment
        raise RetryLaterError(f"cannot start: {exc}", countdown=settings.job_retry_base) from exc
    if attempt is None:
        log.info("job %s/%s already finished; delivery ignored", stage, key)
        return JobOutcome(stage, key, "skipped")
    try:
        if stage == CLUSTER_STAGE:
            with stage_lock(store, CLUSTER_STAGE):
                report = runner(stage, ctx)
        else:
            report = runner(stage, ctx)
    except LockBusyError as exc:
        jobs.release_job(store, stage, key)
        raise RetryLaterError(str(exc), countdown=settings.job_retry_base) from exc
    except Exception as exc:
        error = f"{type(exc).__name__}: {exc}\n{traceback.format_exc(limit=8)}"
        state = _record_failure(ctx, stage, key, error)
        if state == "dead":
            log.error("job %s/%s dead after %d attempts: %s", stage, key, attempt, exc)
            return JobOutcome(stage, key, "dead", attempt)
        wait = jobs.backoff_seconds(attempt, settings.job_retry_base, settings.job_retry_max)
        log.warning(
            "job %s/%s attempt %d failed (%s); retry in %.0fs", stage, key, attempt, exc, wait
        )
        raise RetryLaterError(str(exc), countdown=wait) from exc
    # A stage that did work may have more backlog: continue it at once instead of
    # waiting for the next scheduler tick. Feeds are polled once per tick.
    follow = jobs.new_job_key() if report.did_work and stage != "poll_feeds" else None
    details = {
        "processed": report.processed,
        "failed": report.failed,
        "seconds": round(report.seconds, 3),
    }
    try:
        jobs.complete_job(store, stage, key, details, follow_up=follow)
    except (StoreError, SQLAlchemyError) as exc:
        # the stage's own transactions are committed; the next delivery finds the job
        # still running and runs the (idempotent) stage once more
        raise RetryLaterError(f"cannot record: {exc}", countdown=settings.job_retry_base) from exc
    follow_up = [follow] if follow else []
    return JobOutcome(stage, key, "done", attempt, report, follow_up)


def _record_failure(ctx: StageContext, stage: str, key: str, error: str) -> str:
    """Write the failure to the job row; if the database itself is down, retry later."""
    try:
        return jobs.fail_job(ctx.store, stage, key, error, ctx.settings.job_max_attempts)
    except Exception:
        log.exception("cannot record the failure of %s/%s", stage, key)
        return "retrying"
