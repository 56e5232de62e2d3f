"""collect_health: backlog and lag per stage, jobs, feeds, workers and queue depths."""

from __future__ import annotations

import json
import time
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import update

from newsprism import jobs
from newsprism.config import Settings, load_settings
from newsprism.distributed.health import collect_health, queue_depths
from newsprism.distributed.localrun import LocalCluster, settings_env
from newsprism.store.db import Store
from newsprism.store.schema import Article, Feed, Heartbeat, Job, Story, utcnow
from newsprism.tasks import publish_job, queue_names

SRC = Path(__file__).resolve().parents[2] / "src"


def _settings(tmp_path: Path, url: str) -> Settings:
    return load_settings(data_dir=tmp_path / "data", database_url=url, heartbeat_seconds=5)


def test_health_shows_backlog_and_lag_per_stage(tmp_path: Path, any_store: Store) -> None:
    ten_minutes_ago = utcnow() - timedelta(minutes=10)
    with any_store.session() as s:
        s.add_all(
            Article(
                url=f"http://x.example/{i}",
                canonical_url=f"http://x.example/{i}",
                status="new",
                fetched_at=ten_minutes_ago + timedelta(seconds=i),
            )
            for i in range(4)
        )
    health = collect_health(any_store, _settings(tmp_path, any_store.url), broker=False)
    fetch = health["stages"]["fetch_articles"]
    assert fetch["backlog"] == 4
    assert 600 <= fetch["lag_seconds"] < 700
    assert health["stages"]["embed_articles"] == {
        "backlog": 0,
        "oldest_waiting": None,
        "lag_seconds": None,
        "active_jobs": 0,
    }


def test_a_new_article_lags_from_when_a_poll_found_it_not_from_its_date(
    tmp_path: Path, any_store: Store
) -> None:
    with any_store.session() as s:
        s.add(
            Article(
                url="http://x.example/old",
                canonical_url="http://x.example/old",
                status="new",
                published_at=utcnow() - timedelta(days=7 * 365),
                first_seen_at=utcnow() - timedelta(minutes=2),
            )
        )
    health = collect_health(any_store, _settings(tmp_path, any_store.url), broker=False)
    assert 120 <= health["stages"]["fetch_articles"]["lag_seconds"] < 200


def test_story_lag_counts_from_arrival_not_from_the_story_date(
    tmp_path: Path, any_store: Store
) -> None:
    """An imported story dated 2019 that came in five minutes ago lags five minutes, not years."""
    arrived = utcnow() - timedelta(minutes=5)
    published = utcnow() - timedelta(days=7 * 365)
    with any_store.session() as s:
        story = Story(first_seen=published, last_updated=published, revision=1, n_outlets=3)
        s.add(story)
        s.flush()
        s.add_all(
            Article(
                url=f"http://x.example/{i}",
                canonical_url=f"http://x.example/{i}",
                status="clustered",
                story_id=story.id,
                published_at=published,
                fetched_at=arrived - timedelta(minutes=i),
            )
            for i in range(3)
        )
    health = collect_health(any_store, _settings(tmp_path, any_store.url), broker=False)
    analyze = health["stages"]["analyze_stories"]
    assert analyze["backlog"] == 1
    assert 300 <= analyze["lag_seconds"] < 400
    assert health["status"] == "ok" or not any("analyze_stories" in r for r in health["reasons"])


def test_health_counts_failing_and_paused_feeds(tmp_path: Path, any_store: Store) -> None:
    with any_store.session() as s:
        s.add_all(
            [
                Feed(url="http://a.example/rss"),
                Feed(url="http://b.example/rss", failures=2, last_error="HTTP 503"),
                Feed(url="http://c.example/rss", failures=8, paused=True),
            ]
        )
    health = collect_health(any_store, _settings(tmp_path, any_store.url), broker=False)
    assert health["feeds"] == {"total": 3, "failing": 2, "paused": 1, "tried": 0, "reached": 0}


def test_health_counts_jobs_by_state(tmp_path: Path, any_store: Store) -> None:
    jobs.start_job(any_store, "fetch_articles", "a")
    jobs.fail_job(any_store, "fetch_articles", "a", "boom", 1)
    jobs.start_job(any_store, "fetch_articles", "b")
    health = collect_health(any_store, _settings(tmp_path, any_store.url), broker=False)
    assert health["jobs"] == {"queued": 0, "running": 1, "retrying": 0, "done": 0, "dead": 1}
    assert health["stages"]["fetch_articles"]["active_jobs"] == 1


def test_a_worker_that_stopped_beating_is_not_alive(tmp_path: Path, any_store: Store) -> None:
    jobs.write_heartbeat(any_store, "w1@a", {"queues": ["stages"]})
    jobs.write_heartbeat(any_store, "w2@b", {"queues": ["cluster"]})
    with any_store.session() as s:
        s.execute(
            update(Heartbeat)
            .where(Heartbeat.name == "w2@b")
            .values(beat_at=utcnow() - timedelta(minutes=2))
        )
    health = collect_health(any_store, _settings(tmp_path, any_store.url), broker=False)
    assert [(w["worker"], w["alive"]) for w in health["workers"]] == [
        ("w1@a", True),
        ("w2@b", False),
    ]
    assert health["workers_alive"] == 1
    assert health["ok"]


def test_health_is_not_ok_when_the_broker_does_not_answer(
    tmp_path: Path, sqlite_store: Store
) -> None:
    settings = load_settings(data_dir=tmp_path / "data", broker_url="redis://127.0.0.1:9/0")
    health = collect_health(sqlite_store, settings, broker=True)
    assert not health["ok"]
    assert health["status"] == "down"
    assert not health["broker"]["ok"]
    assert "127.0.0.1:9" in health["broker"]["error"]


@pytest.mark.services
def test_queue_depths_on_redis(
    tmp_path: Path, redis_url: str, queue_prefix: str, purge_queues: list[Settings]
) -> None:
    settings = load_settings(data_dir=tmp_path, broker_url=redis_url, queue_prefix=queue_prefix)
    purge_queues.append(settings)
    for n in range(3):
        publish_job("embed_articles", f"t1-{n}", settings)
    publish_job("cluster_articles", "t1-0", settings)
    stages_q, cluster_q = queue_names(settings)
    assert queue_depths(settings)["queues"] == {stages_q: 3, cluster_q: 1}


@pytest.mark.services
def test_queue_depths_on_rabbitmq(
    tmp_path: Path, amqp_url: str, queue_prefix: str, purge_queues: list[Settings]
) -> None:
    settings = load_settings(data_dir=tmp_path, broker_url=amqp_url, queue_prefix=queue_prefix)
    purge_queues.append(settings)
    publish_job("fetch_articles", "t1-0", settings)
    publish_job("fetch_articles", "t1-1", settings)
    stages_q, cluster_q = queue_names(settings)
    assert queue_depths(settings)["queues"] == {stages_q: 2, cluster_q: 0}


@pytest.mark.services
@pytest.mark.postgres
def test_a_running_worker_shows_up_alive(
    tmp_path: Path, redis_settings: Settings, dist_store: Store, purge_queues: list[Settings]
) -> None:
    purge_queues.append(redis_settings)
    env = settings_env(redis_settings, SRC) | {"NEWSPRISM_LOG_JSON": "true"}
    cluster = LocalCluster(env, tmp_path / "logs")
    cluster.add_worker("hb1@test", "stages")
    try:
        deadline = time.monotonic() + 60
        health = collect_health(dist_store, redis_settings)
        while not health["workers_alive"] and time.monotonic() < deadline:
            time.sleep(0.5)
            health = collect_health(dist_store, redis_settings)
    finally:
        cluster.stop()
    [worker] = health["workers"]
    assert worker["worker"] == "hb1@test"
    assert worker["alive"]
    assert worker["queues"] == [f"{redis_settings.queue_prefix}stages"]
    assert health["ok"]
    # a live worker on a reachable broker, but no scheduler publishes work
    assert health["status"] == "degraded"
    assert health["broker"]["ok"]
    assert [r for r in health["reasons"] if "scheduler" in r]
    assert jobs.read_heartbeats(dist_store)[0]["state"] == "stopped"


@pytest.mark.services
@pytest.mark.postgres
def test_worker_logs_are_json_lines_when_asked(
    tmp_path: Path, redis_settings: Settings, dist_store: Store, purge_queues: list[Settings]
) -> None:
    purge_queues.append(redis_settings)
    env = settings_env(redis_settings, SRC) | {"NEWSPRISM_LOG_JSON": "true"}
    cluster = LocalCluster(env, tmp_path / "logs")
    cluster.add_worker("json1@test", "stages")
    log = tmp_path / "logs" / "json1.log"
    try:
        deadline = time.monotonic() + 60
        while "ready" not in (log.read_text() if log.exists() else ""):
            assert time.monotonic() < deadline, "the worker never became ready"
            time.sleep(0.3)
    finally:
        cluster.stop()
    records = [json.loads(line) for line in log.read_text().splitlines() if line.startswith("{")]
    assert any(r["msg"].endswith("ready.") and r["logger"] == "celery.apps.worker" for r in records)


def test_poll_lag_is_how_overdue_the_oldest_feed_is(tmp_path: Path, any_store: Store) -> None:
    with any_store.session() as s:
        s.add_all(
            [
                Feed(url="http://a.example/rss", next_poll_at=utcnow() - timedelta(minutes=30)),
                Feed(url="http://b.example/rss", next_poll_at=utcnow() + timedelta(minutes=30)),
            ]
        )
    health = collect_health(any_store, _settings(tmp_path, any_store.url), broker=False)
    poll = health["stages"]["poll_feeds"]
    assert poll["backlog"] == 1
    assert 1800 <= poll["lag_seconds"] < 1900


def test_brief_lag_counts_from_the_story_change(tmp_path: Path, any_store: Store) -> None:
    changed = utcnow() - timedelta(hours=2)
    with any_store.session() as s:
        s.add(
            Story(
                title="t",
                first_seen=changed,
                last_updated=changed,
                revision=3,
                analyzed_revision=3,
                briefed_revision=2,
                n_outlets=5,
            )
        )
    health = collect_health(any_store, _settings(tmp_path, any_store.url), broker=False)
    brief = health["stages"]["synthesize_briefs"]
    assert brief["backlog"] == 1
    assert 7200 <= brief["lag_seconds"] < 7300
    assert health["stages"]["analyze_stories"]["backlog"] == 0
