"""What `newsprism status` and ``/api/v1/health`` show, and the verdict: ok, degraded, down.

Queue depths (from the broker: Redis or RabbitMQ, through a passive queue declare),
backlog and lag per stage (from the store), job states, failing feeds, and heartbeats
(rows of the ``heartbeat`` table that each worker, the scheduler and the embedded
pipeline refresh every ``heartbeat_seconds``).

The verdict (`judge`): **down** when nothing processes articles (no worker and no
embedded pipeline has beaten within ``MISSED_BEATS`` intervals) or, in distributed mode,
the broker does not answer; **degraded** when a stage lags past
``health_max_lag_seconds``, distributed mode has no live scheduler, or no feed could be
reached (an offline machine); **ok** otherwise.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

from newsprism import jobs
from newsprism.config import Settings
from newsprism.distributed.backlog import oldest_waiting, stage_backlog
from newsprism.pipeline import STAGES
from newsprism.store.db import Store
from newsprism.store.schema import Feed, Job, utcnow

__all__ = [
    "FeedReach",
    "collect_health",
    "feed_reach",
    "judge",
    "offline_hint",
    "processing_now",
    "queue_depths",
]

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


@dataclass(frozen=True)
class FeedReach:
    """How many feeds were ever polled (``tried``), and how many answered on their last poll."""

    total: int
    tried: int
    reached: int
    example_error: str | None

    @property
    def none_reached(self) -> bool:
        """True when feeds were polled and not one answered: the machine is likely offline."""
        return self.tried > 0 and self.reached == 0


def offline_hint(reach: FeedReach) -> str:
    """What to tell a user whose feeds all failed: likely offline, and how to see it work."""
    example = f' (e.g. "{reach.example_error}")' if reach.example_error else ""
    return (
        f"No feed could be reached: all {reach.tried} feeds polled so far failed{example}. "
        "Is this machine offline? To see NewsPrism working without internet, run `make demo` "
        "(replays stored articles on loopback) or load articles with "
        "`newsprism import FILE.jsonl`."
    )


def processing_now(store: Store, settings: Settings) -> bool:
    """True when a worker or an embedded pipeline has beaten within `MISSED_BEATS` intervals."""
    limit = MISSED_BEATS * settings.heartbeat_seconds
    return any(
        b["state"] == "alive" and b["age_seconds"] <= limit
        for b in jobs.read_heartbeats(store, ("worker", "pipeline"))
    )


def feed_reach(session: Session) -> FeedReach:
    """Count feeds polled and feeds whose last poll succeeded (``failures == 0``)."""
    polled = Feed.last_polled_at.is_not(None)
    total = int(session.scalar(select(func.count()).select_from(Feed)) or 0)
    tried = int(session.scalar(select(func.count()).where(polled)) or 0)
    reached = int(session.scalar(select(func.count()).where(polled, Feed.failures == 0)) or 0)
    error = session.scalar(
        select(Feed.last_error).where(polled, Feed.failures > 0).order_by(Feed.id).limit(1)
    )
    return FeedReach(total, tried, reached, error)


def judge(report: dict[str, Any], settings: Settings) -> tuple[str, list[str]]:
    """The verdict of a health *report*: ("ok" | "degraded" | "down", reasons)."""
    down: list[str] = []
    degraded: list[str] = []
    limit = MISSED_BEATS * settings.heartbeat_seconds
    beats = report["workers"]
    processing = [b for b in beats if b["alive"] and b["kind"] in ("worker", "pipeline")]
    distributed = any(b["kind"] in ("worker", "scheduler") for b in beats)
    if not processing:
        down.append(f"no worker or pipeline heartbeat in the last {limit:g} s")
    broker = report.get("broker")
    if broker is not None and not broker["ok"]:
        down.append(f"broker unreachable: {broker.get('error', '?')}")
    if distributed and not any(b["alive"] and b["kind"] == "scheduler" for b in beats):
        degraded.append(f"no scheduler heartbeat in the last {limit:g} s")
    for stage, info in report["stages"].items():
        lag = info.get("lag_seconds")
        if lag is not None and lag > settings.health_max_lag_seconds:
            degraded.append(
                f"{stage} lags {lag:.0f} s (limit health_max_lag_seconds = "
                f"{settings.health_max_lag_seconds:g})"
            )
    feeds = report["feeds"]
    if feeds.get("tried", 0) > 0 and feeds.get("reached", 0) == 0:
        degraded.append(f"no feed could be reached ({feeds['tried']} tried)")
    if down:
        return "down", down + degraded
    return ("degraded" if degraded else "ok"), degraded


def collect_health(
    store: Store, settings: Settings, *, broker: bool | None = None
) -> dict[str, Any]:
    """Health of a NewsPrism installation as a JSON-ready dict.

    Keys: ``status`` ("ok", "degraded" or "down", see `judge`) with its ``reasons``,
    ``ok`` (status is not "down"), ``stages`` (backlog, oldest waiting item, lag in
    seconds: articles since arrival, feeds since their poll fell due, stories since they
    changed; active jobs per stage), ``jobs`` (count per state), ``feeds`` (total, failing,
    paused, tried, reached), ``workers`` (last heartbeat of each worker, scheduler and
    pipeline, ``alive``), ``broker`` (queue depths). The broker is asked when *broker* is
    True, or when None and a worker or scheduler has ever beaten (distributed mode).
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
        reach = feed_reach(s)
        report["feeds"].update(tried=reach.tried, reached=reach.reached)
    workers = jobs.read_heartbeats(store)
    limit = MISSED_BEATS * settings.heartbeat_seconds
    for worker in workers:
        worker["alive"] = worker["state"] == "alive" and worker["age_seconds"] <= limit
        worker["last_seen"] = _iso(worker["last_seen"])
    report["workers"] = workers
    report["workers_alive"] = sum(1 for w in workers if w["alive"] and w["kind"] == "worker")
    if broker is None:
        broker = any(w["kind"] in ("worker", "scheduler") for w in workers)
    if broker:
        report["broker"] = queue_depths(settings, timeout=1.0)
    report["status"], report["reasons"] = judge(report, settings)
    report["ok"] = report["status"] != "down"
    return report
