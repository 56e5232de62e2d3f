"""The Celery app: distributed workers run the same stage functions as embedded mode.

One task, ``newsprism.run_stage(stage, key)``, wraps `execute_job`, which calls
`newsprism.pipeline.run_stage` (or the table named by ``NEWSPRISM_STAGE_TABLE``).
Delivery is at least once — late acknowledgement, a task whose worker died is
delivered again, prefetch 1 — and effects are exactly once because each delivery checks
its ``job`` row and every stage is idempotent. Clustering has its own queue, consumed
with concurrency 1, and also takes a PostgreSQL advisory lock.

Start a worker with ``newsprism worker`` (or ``celery -A newsprism.tasks worker``).
"""

from __future__ import annotations

import logging
import os
import socket
import threading
from typing import Any

from celery import Celery, signals
from celery.app.task import Task
from kombu.entity import Queue

from newsprism.config import Settings, load_settings
from newsprism.distributed.execute import (
    CLUSTER_STAGE,
    RetryLaterError,
    execute_job,
    load_stage_runner,
)
from newsprism.pipeline import StageContext
from newsprism.store.db import Store

__all__ = [
    "TASK_NAME",
    "celery_app",
    "make_celery",
    "publish_job",
    "queue_for",
    "queue_names",
    "run_stage_task",
    "transport_options",
]

log = logging.getLogger(__name__)

TASK_NAME = "newsprism.run_stage"


def queue_names(settings: Settings) -> tuple[str, str]:
    """(scalable stages queue, clustering queue) with the configured prefix."""
    return f"{settings.queue_prefix}stages", f"{settings.queue_prefix}cluster"


def queue_for(stage: str, settings: Settings) -> str:
    """Return the queue a stage's tasks go to."""
    stages_q, cluster_q = queue_names(settings)
    return cluster_q if stage == CLUSTER_STAGE else stages_q


def transport_options(settings: Settings) -> dict[str, Any]:
    """Return the kombu transport options of *settings* (visibility timeout, key prefix)."""
    options: dict[str, Any] = {
        "visibility_timeout": settings.broker_visibility_timeout,
        "confirm_publish": True,
    }
    if settings.queue_prefix and settings.broker_url.startswith(("redis", "rediss")):
        # every Redis key (queues, bindings, the unacked hash) under the prefix, so that
        # installations sharing a Redis never restore each other's messages
        options["global_keyprefix"] = settings.queue_prefix
    return options


def make_celery(settings: Settings) -> Celery:
    """Build a Celery app configured for at-least-once delivery from *settings*."""
    app = Celery("newsprism", broker=settings.broker_url, set_as_current=False)
    stages_q, cluster_q = queue_names(settings)
    app.conf.update(
        task_queues=[Queue(stages_q), Queue(cluster_q)],  # type: ignore[no-untyped-call]
        task_default_queue=stages_q,
        # ack after the task ran, and requeue it if its worker process died mid-way
        task_acks_late=True,
        task_reject_on_worker_lost=True,
        # one message per worker process: a killed worker holds at most one delivery
        worker_prefetch_multiplier=1,
        task_ignore_result=True,
        task_serializer="json",
        accept_content=["json"],
        broker_connection_retry_on_startup=True,
        broker_connection_max_retries=None,
        broker_transport_options=transport_options(settings),
    )
    app.conf.newsprism_settings = settings
    return app


class _WorkerState:
    """Per worker process: settings, store and stage context, built on first use."""

    def __init__(self) -> None:
        self.ctx: StageContext | None = None
        self.runner: Any = None
        self.lock = threading.Lock()

    def get(self) -> tuple[StageContext, Any]:
        with self.lock:
            if self.ctx is None:
                settings: Settings = celery_app.conf.newsprism_settings
                store = Store(settings.sqlalchemy_url)
                self.ctx = StageContext(store=store, settings=settings)
                self.runner = load_stage_runner(settings)
            return self.ctx, self.runner


_state = _WorkerState()

celery_app = make_celery(load_settings())


@celery_app.task(  # type: ignore[untyped-decorator]
    bind=True, name=TASK_NAME, max_retries=None
)
def run_stage_task(self: Task, stage: str, key: str) -> dict[str, Any]:
    """Run job (stage, key): skipped if done, retried with backoff, dead-lettered at the end."""
    ctx, runner = _state.get()
    try:
        outcome = execute_job(ctx, runner, stage, key)
    except RetryLaterError as exc:
        raise self.retry(countdown=exc.countdown, exc=None) from None
    for follow in outcome.follow_up:
        _publish_quietly(stage, follow, ctx.settings)
    report = outcome.report
    return {
        "stage": stage,
        "key": key,
        "state": outcome.state,
        "processed": report.processed if report else 0,
    }


_apps: dict[tuple[str, str], Celery] = {}


def publish_job(stage: str, key: str, settings: Settings | None = None) -> None:
    """Put one task message for job (stage, key) on its queue, on the broker of *settings*."""
    settings = settings or celery_app.conf.newsprism_settings
    app = celery_app
    if (settings.broker_url, settings.queue_prefix) != (
        celery_app.conf.newsprism_settings.broker_url,
        celery_app.conf.newsprism_settings.queue_prefix,
    ):
        ident = (settings.broker_url, settings.queue_prefix)
        app = _apps.get(ident) or _apps.setdefault(ident, make_celery(settings))
    app.send_task(TASK_NAME, args=[stage, key], queue=queue_for(stage, settings))


def _publish_quietly(stage: str, key: str, settings: Settings) -> None:
    try:
        publish_job(stage, key, settings)
    except Exception as exc:  # the row stays queued; the scheduler republishes it when stale
        log.warning("cannot publish follow-up %s/%s: %s", stage, key, exc)


# --- worker heartbeats and logging -------------------------------------------------

_beat_stop = threading.Event()
_beat_threads: list[threading.Thread] = []


def _beat_forever(name: str, queues: list[str]) -> None:
    from newsprism.jobs import write_heartbeat

    ctx, _ = _state.get()
    info = {"host": socket.gethostname(), "pid": os.getpid(), "queues": queues}
    while not _beat_stop.is_set():
        try:
            write_heartbeat(ctx.store, name, info)
        except Exception as exc:
            log.warning("heartbeat not written: %s", exc)
        _beat_stop.wait(ctx.settings.heartbeat_seconds)
    try:
        write_heartbeat(ctx.store, name, info, alive=False)
    except Exception as exc:
        log.warning("final heartbeat not written: %s", exc)


@signals.worker_ready.connect  # type: ignore[untyped-decorator]
def _start_heartbeat(sender: Any = None, **_kwargs: Any) -> None:
    queues = []
    consumer = getattr(sender, "task_consumer", None)
    if consumer is not None:
        queues = [q.name for q in consumer.queues]
    name = getattr(sender, "hostname", None) or f"{socket.gethostname()}:{os.getpid()}"
    thread = threading.Thread(
        target=_beat_forever, args=(name, queues), daemon=True, name="heartbeat"
    )
    _beat_threads.append(thread)
    thread.start()


@signals.worker_process_init.connect  # type: ignore[untyped-decorator]
def _fresh_state_after_fork(**_kwargs: Any) -> None:
    # a prefork child must not reuse the parent's pooled database connections (nor a
    # lock the parent's heartbeat thread may have held at the moment of the fork)
    _state.__init__()  # type: ignore[misc]


@signals.worker_shutdown.connect  # type: ignore[untyped-decorator]
def _stop_heartbeat(**_kwargs: Any) -> None:
    # wait for the "stopped" beat: a clean shutdown shows as stopped, a crash as silence
    _beat_stop.set()
    for thread in _beat_threads:
        thread.join(timeout=5)


@signals.after_setup_logger.connect  # type: ignore[untyped-decorator]
@signals.after_setup_task_logger.connect  # type: ignore[untyped-decorator]
def _json_logs(logger: logging.Logger, **_kwargs: Any) -> None:
    settings: Settings = celery_app.conf.newsprism_settings
    if settings.log_json:
        from newsprism.distributed.logs import JsonFormatter

        for handler in logger.handlers:
            handler.setFormatter(JsonFormatter())
