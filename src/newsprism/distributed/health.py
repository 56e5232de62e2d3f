"""What `newsprism status` and ``/api/v1/health`` show about distributed mode.

Queue depths (from the broker: Redis or RabbitMQ, through a passive queue declare),
backlog and lag per stage (from the store), job states, failing feeds, and worker
heartbeats (rows each worker refreshes every ``heartbeat_seconds``).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.engine import make_url

from newsprism import jobs
from newsprism.config import Settings
from newsprism.distributed.backlog import oldest_waiting, stage_backlog
from newsprism.pipeline import STAGES
from newsprism.store.db import Store
from newsprism.store.schema import Feed, Job, utcnow

__all__ = ["collect_health", "queue_depths"]

#: a worker whose heartbeat is older than this many intervals counts as gone (one missed
#: beat is normal under load; three are not)
MISSED_BEATS = 3


def _safe_broker(url: str) -> str:
    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:
        return url.split("@")[-1]


#: kombu's Redis transport keeps priorities 3, 6 and 9 in lists named queue + this + digit
_REDIS_PRIORITY_SEP = "\x06\x16"


def _redis_depths(settings: Settings, names: tuple[str, ...], timeout: float) -> dict[str, int]:
    import redis

    client = redis.Redis.from_url(
        settings.broker_url, socket_timeout=timeout, socket_connect_timeout=timeout
    )
    prefix = settings.queue_prefix  # kombu's global_keyprefix (tasks.transport_options)
    depths = {}
    for name in names:
        keys = [prefix + name] + [f"{prefix}{name}{_REDIS_PRIORITY_SEP}{p}" for p in (3, 6, 9)]
        depths[name] = sum(int(client.llen(key)) for key in keys)
    return depths


def _amqp_depths(settings: Settings, names: tuple[str, ...], timeout: float) -> dict[str, int]:
    from kombu.connection import Connection

    depths = {}
    with Connection(settings.broker_url, connect_timeout=timeout) as conn:  # type: ignore[no-untyped-call]
        conn.ensure_connection(max_retries=1, timeout=timeout)
        channel = conn.channel()
        for name in names:
            try:
                depths[name] = int(channel.queue_declare(queue=name, passive=True).message_count)
            except Exception:
                # no worker declared this queue yet: it holds nothing. AMQP closes the
                # channel after a failed passive declare, so open a fresh one.
                depths[name] = 0
                channel = conn.channel()
    return depths


def queue_depths(settings: Settings, *, timeout: float = 2.0) -> dict[str, Any]:
    """Messages waiting in each NewsPrism queue (Redis LLEN, AMQP passive declare)."""
    from newsprism.tasks import queue_names

    result: dict[str, Any] = {"url": _safe_broker(settings.broker_url), "ok": True, "queues": {}}
    try:
        if settings.broker_url.startswith(("redis://", "rediss://")):
            result["queues"] = _redis_depths(settings, queue_names(settings), timeout)
        else:
            result["queues"] = _amqp_depths(settings, queue_names(settings), timeout)
    except Exception as exc:
        result.update(ok=False, error=f"{type(exc).__name__}: {exc}")
    return result


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def collect_health(store: Store, settings: Settings, *, broker: bool = True) -> dict[str, Any]:
    """Health of a NewsPrism installation as a JSON-ready dict.

    Keys: ``ok`` (database reachable, broker reachable when asked, at least one live
    worker when any worker ever beat), ``stages`` (backlog, oldest waiting item, lag in
    seconds: articles since arrival, feeds since their poll fell due, stories since they
    changed; active jobs per stage), ``jobs`` (count per state), ``feeds`` (total, failing,
    paused), ``workers`` (last heartbeat each, ``alive``), ``broker`` (queue depths).
    """
    now = utcnow()
    report: dict[str, Any] = {"checked_at": now.isoformat(), "stages": {}}
    with store.session() as s:
        for stage in STAGES:
            oldest = oldest_waiting(s, stage, settings)
            report["stages"][stage] = {
                "backlog": stage_backlog(s, stage, settings),
                "oldest_waiting": _iso(oldest),
                "lag_seconds": round((now - oldest).total_seconds(), 1) if oldest else None,
                "active_jobs": jobs.outstanding_jobs(s, stage),
            }
        by_state = s.execute(
            select(Job.state, func.count())
            .where(Job.stage != jobs.HEARTBEAT_STAGE)
            .group_by(Job.state)
        ).all()
        report["jobs"] = dict.fromkeys(jobs.JOB_STATES, 0) | {
            state: int(n) for state, n in by_state
        }
        report["feeds"] = {
            "total": int(s.scalar(select(func.count()).select_from(Feed)) or 0),
            "failing": int(s.scalar(select(func.count()).where(Feed.failures > 0)) or 0),
            "paused": int(s.scalar(select(func.count()).where(Feed.paused.is_(True))) or 0),
        }
    workers = jobs.read_heartbeats(store)
    limit = MISSED_BEATS * settings.heartbeat_seconds
    for worker in workers:
        worker["alive"] = worker["state"] == "alive" and worker["age_seconds"] <= limit
        worker["last_seen"] = _iso(worker["last_seen"])
    report["workers"] = workers
    report["workers_alive"] = sum(1 for w in workers if w["alive"])
    ok = not workers or report["workers_alive"] > 0
    if broker:
        report["broker"] = queue_depths(settings)
        ok = ok and report["broker"]["ok"]
    report["ok"] = ok
    return report
