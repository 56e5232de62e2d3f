"""Health tells the truth: heartbeats in their own table, the verdict, the probes, offline runs."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from datetime import timedelta

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import update

from newsprism import jobs
from newsprism.config import Settings
from newsprism.distributed.health import collect_health
from newsprism.distributed.scheduler import Scheduler
from newsprism.pipeline import Pipeline, StageContext, run_stage
from newsprism.runner import PipelineHeartbeat
from newsprism.store.db import Store
from newsprism.store.schema import Article, Feed, Heartbeat, Job, utcnow
from newsprism.web.app import create_app
from services import REDIS, answers


def _age(store: Store, name: str, seconds: float) -> None:
    with store.session() as s:
        s.execute(
            update(Heartbeat)
            .where(Heartbeat.name == name)
            .values(beat_at=utcnow() - timedelta(seconds=seconds))
        )


def test_nothing_beating_is_down(settings: Settings, any_store: Store) -> None:
    health = collect_health(any_store, settings)
    assert health["status"] == "down"
    assert not health["ok"]
    assert "no worker or pipeline heartbeat" in health["reasons"][0]


def test_a_live_pipeline_is_ok_and_a_silent_one_is_down(
    settings: Settings, any_store: Store
) -> None:
    jobs.write_heartbeat(any_store, "pipeline@h:1", {"pid": 1}, kind="pipeline")
    assert collect_health(any_store, settings)["status"] == "ok"
    _age(any_store, "pipeline@h:1", 4 * settings.heartbeat_seconds)
    assert collect_health(any_store, settings)["status"] == "down"


def test_heartbeats_are_rows_of_their_own_table(settings: Settings, any_store: Store) -> None:
    jobs.write_heartbeat(any_store, "w1@a", {"host": "a", "pid": 7, "queues": ["stages"]})
    jobs.write_heartbeat(any_store, "w1@a", {"host": "a", "pid": 7, "queues": ["stages"]})
    with any_store.session() as s:
        [row] = s.query(Heartbeat).all()
        assert (row.name, row.kind, row.host, row.pid) == ("w1@a", "worker", "a", 7)
    assert any_store.count(Job) == 0


def test_a_worker_without_scheduler_is_degraded(settings: Settings, any_store: Store) -> None:
    jobs.write_heartbeat(any_store, "w1@a", {}, kind="worker")
    health = collect_health(any_store, settings, broker=False)
    assert health["status"] == "degraded"
    assert health["reasons"] == [
        f"no scheduler heartbeat in the last {3 * settings.heartbeat_seconds:g} s"
    ]


def test_a_lagging_stage_is_degraded(settings: Settings, sqlite_store: Store) -> None:
    jobs.write_heartbeat(sqlite_store, "pipeline@h:1", {}, kind="pipeline")
    with sqlite_store.session() as s:
        s.add(
            Article(
                url="https://a.example/1",
                canonical_url="https://a.example/1",
                status="new",
                fetched_at=utcnow() - timedelta(hours=3),
            )
        )
    strict = settings.model_copy(update={"health_max_lag_seconds": 3600.0})
    health = collect_health(sqlite_store, strict)
    assert health["status"] == "degraded"
    assert any(r.startswith("fetch_articles lags") for r in health["reasons"])
    lenient = settings.model_copy(update={"health_max_lag_seconds": 6 * 3600.0})
    assert collect_health(sqlite_store, lenient)["status"] == "ok"


def test_an_unreachable_broker_is_down_in_distributed_mode(
    settings: Settings, sqlite_store: Store
) -> None:
    dead = settings.model_copy(update={"broker_url": f"redis://127.0.0.1:{_closed_port()}/0"})
    jobs.write_heartbeat(sqlite_store, "w1@a", {}, kind="worker")
    jobs.write_heartbeat(sqlite_store, "scheduler@a:1", {}, kind="scheduler")
    health = collect_health(sqlite_store, dead)  # a worker has beaten: the broker is asked
    assert health["status"] == "down"
    assert health["reasons"][0].startswith("broker unreachable")


@pytest.mark.services
def test_worker_and_scheduler_on_a_real_redis_are_ok(settings: Settings, any_store: Store) -> None:
    if not answers(REDIS):
        pytest.skip("no Redis server answers on 127.0.0.1:6379")
    redis = settings.model_copy(
        update={"broker_url": "redis://127.0.0.1:6379/14", "schedule_interval": 0.05}
    )
    scheduler = Scheduler(any_store, redis, lambda _stage, _key: None)
    thread = threading.Thread(target=scheduler.run_forever, daemon=True)
    thread.start()
    jobs.write_heartbeat(any_store, "w1@a", {"queues": ["stages"]})
    try:
        deadline = time.monotonic() + 10
        while not jobs.read_heartbeats(any_store, ("scheduler",)):
            assert time.monotonic() < deadline, "the scheduler never beat"
            time.sleep(0.05)
        health = collect_health(any_store, redis)
    finally:
        scheduler.stop_event.set()
        thread.join(timeout=10)
    assert health["broker"]["ok"]
    assert (health["status"], health["reasons"]) == ("ok", [])
    [beat] = jobs.read_heartbeats(any_store, ("scheduler",))
    assert beat["state"] == "stopped"  # a clean stop says so


def _closed_port() -> int:
    """A loopback port nothing listens on (bound, then closed)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


# --- the load-balancer probes --------------------------------------------------------


@pytest.fixture
def client(settings: Settings, sqlite_store: Store) -> Iterator[TestClient]:
    with TestClient(create_app(settings, sqlite_store)) as test_client:
        yield test_client


def test_ready_probe_is_503_when_down_and_200_when_ok(
    client: TestClient, sqlite_store: Store
) -> None:
    down = client.get("/api/v1/health/ready")
    assert down.status_code == 503
    assert down.headers["content-type"] == "application/problem+json"
    assert down.json()["health"] == "down"
    assert client.get("/api/v1/health").json()["status"] == "down"
    jobs.write_heartbeat(sqlite_store, "pipeline@h:1", {}, kind="pipeline")
    ready = client.get("/api/v1/health/ready")
    assert (ready.status_code, ready.json()) == (200, {"status": "ok", "reasons": []})


def test_live_probe_answers_while_the_process_serves(client: TestClient) -> None:
    assert client.get("/api/v1/health/live").json() == {"status": "alive"}


# --- a first run without internet (issue 19.14) ----------------------------------------


@pytest.fixture
def unreachable_feeds(sqlite_store: Store) -> list[str]:
    """Three feeds on loopback ports nothing listens on: a connection is refused at once."""
    urls = [f"http://127.0.0.1:{_closed_port()}/feed{n}.xml" for n in range(3)]
    with sqlite_store.session() as s:
        s.add_all(Feed(url=url) for url in urls)
    return urls


def test_offline_first_run_says_so_within_one_poll_round(
    settings: Settings,
    sqlite_store: Store,
    unreachable_feeds: list[str],
    capsys: pytest.CaptureFixture[str],
) -> None:
    ctx = StageContext(store=sqlite_store, settings=settings)
    beat = PipelineHeartbeat(sqlite_store, settings, Pipeline(ctx))
    beat.beat()
    assert capsys.readouterr().out == ""  # nothing polled yet: nothing to say
    start = time.monotonic()
    report = run_stage("poll_feeds", ctx)
    assert (report.processed, report.failed) == (0, 3)
    beat.beat()
    beat.beat()  # said once, not at every beat
    elapsed = time.monotonic() - start
    out = capsys.readouterr().out
    assert out.count("No feed could be reached: all 3 feeds polled so far failed") == 1
    assert "`make demo`" in out
    assert "`newsprism import FILE.jsonl`" in out
    assert elapsed < 60
    health = collect_health(sqlite_store, settings)
    assert health["status"] == "degraded"
    assert health["reasons"] == ["no feed could be reached (3 tried)"]
    assert health["feeds"]["reached"] == 0


def test_home_page_of_an_offline_run_points_to_the_demo(
    settings: Settings, sqlite_store: Store, unreachable_feeds: list[str], client: TestClient
) -> None:
    before = client.get("/").text
    assert "Run <code>newsprism run</code>" in before  # nothing runs yet
    ctx = StageContext(store=sqlite_store, settings=settings)
    PipelineHeartbeat(sqlite_store, settings, Pipeline(ctx)).beat()
    run_stage("poll_feeds", ctx)
    page = client.get("/").text
    assert "Run <code>newsprism run</code>" not in page
    assert "NewsPrism is running" in page
    assert "No feed could be reached" in page
    assert "<code>make demo</code>" in page


def test_one_reachable_feed_is_not_offline(
    settings: Settings,
    sqlite_store: Store,
    unreachable_feeds: list[str],
) -> None:
    with sqlite_store.session() as s:
        feed = s.query(Feed).filter(Feed.url == unreachable_feeds[0]).one()
        feed.last_polled_at, feed.failures = utcnow(), 0
        for other in s.query(Feed).filter(Feed.url != unreachable_feeds[0]):
            other.last_polled_at, other.failures = utcnow(), 1
    jobs.write_heartbeat(sqlite_store, "pipeline@h:1", {}, kind="pipeline")
    health = collect_health(sqlite_store, settings)
    assert (health["status"], health["feeds"]["tried"], health["feeds"]["reached"]) == (
        "ok",
        3,
        1,
    )
