"""The scheduler: one leader, tick-keyed jobs, parallelism caps, lost messages republished."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import update

from newsprism import jobs
from newsprism.config import Settings, load_settings
from newsprism.distributed import standin
from newsprism.distributed.localrun import terminate_db_connections
from newsprism.distributed.scheduler import Scheduler
from newsprism.store.db import Store
from newsprism.store.schema import Article, Job, utcnow


def _settings(tmp_path: Path, url: str) -> Settings:
    return load_settings(
        data_dir=tmp_path / "data", database_url=url, stage_parallelism=3, job_stale_seconds=60
    )


class Recorder:
    """A publisher that keeps what it was asked to publish."""

    def __init__(self) -> None:
        self.published: list[tuple[str, str]] = []

    def __call__(self, stage: str, key: str) -> None:
        self.published.append((stage, key))


def _with_articles(store: Store, status: str, n: int) -> None:
    with store.session() as s:
        s.add_all(
            Article(
                url=f"http://x.example/{i}", canonical_url=f"http://x.example/{i}", status=status
            )
            for i in range(n)
        )


def test_scheduler_publishes_only_for_stages_with_backlog(tmp_path: Path, any_store: Store) -> None:
    _with_articles(any_store, "ready", 5)
    sent = Recorder()
    report = Scheduler(any_store, _settings(tmp_path, any_store.url), sent).tick(7)
    assert report.leader
    assert sent.published == [("embed_articles", f"t7-{i}") for i in range(3)]


def test_clustering_gets_one_job_at_a_time(tmp_path: Path, any_store: Store) -> None:
    _with_articles(any_store, "embedded", 50)
    sent = Recorder()
    scheduler = Scheduler(any_store, _settings(tmp_path, any_store.url), sent)
    scheduler.tick(1)
    scheduler.tick(2)
    assert sent.published == [("cluster_articles", "t1-0")]


def test_the_same_tick_is_never_published_twice(tmp_path: Path, any_store: Store) -> None:
    _with_articles(any_store, "new", 5)
    sent = Recorder()
    scheduler = Scheduler(any_store, _settings(tmp_path, any_store.url), sent)
    scheduler.tick(3)
    with any_store.session() as s:  # the first tick's jobs finished
        s.execute(update(Job).values(state="done"))
    scheduler.tick(3)
    assert len(sent.published) == len(set(sent.published)) == 3


def test_a_stale_job_is_published_again(tmp_path: Path, any_store: Store) -> None:
    jobs.start_job(any_store, "fetch_articles", "t1-0")  # its worker then died
    with any_store.session() as s:
        s.execute(update(Job).values(updated_at=utcnow() - timedelta(minutes=5)))
    sent = Recorder()
    report = Scheduler(any_store, _settings(tmp_path, any_store.url), sent).tick(2)
    assert report.republished == 1
    assert sent.published == [("fetch_articles", "t1-0")]


def test_a_broker_outage_leaves_jobs_queued_for_later(tmp_path: Path, any_store: Store) -> None:
    _with_articles(any_store, "new", 1)

    def broker_down(_stage: str, _key: str) -> None:
        raise ConnectionRefusedError("Error 111 connecting to 127.0.0.1:6379")

    report = Scheduler(any_store, _settings(tmp_path, any_store.url), broker_down).tick(1)
    assert report.publish_errors == 3
    assert [j.state for j in jobs.list_jobs(any_store, ("queued",))] == ["queued"] * 3


def test_a_second_scheduler_stays_on_standby(tmp_path: Path, any_store: Store) -> None:
    _with_articles(any_store, "new", 5)
    settings = _settings(tmp_path, any_store.url)
    first_sent, second_sent = Recorder(), Recorder()
    first = Scheduler(any_store, settings, first_sent)
    second = Scheduler(Store(any_store.url), settings, second_sent)
    try:
        assert first.tick(1).leader
        assert not second.tick(2).leader
        first.lock.release()
        assert second.tick(3).leader
    finally:
        first.lock.release()
        second.lock.release()
        second.store.dispose()
    assert [k for _s, k in first_sent.published] == ["t1-0", "t1-1", "t1-2"]
    assert second_sent.published == []  # all three slots still taken by tick 1


@pytest.mark.postgres
def test_leadership_is_regained_after_the_database_drops_the_connection(
    tmp_path: Path, pg_store: Store
) -> None:
    scheduler = Scheduler(pg_store, _settings(tmp_path, pg_store.url), Recorder())
    standby = Scheduler(Store(pg_store.url), _settings(tmp_path, pg_store.url), Recorder())
    try:
        assert scheduler.tick(1).leader
        terminate_db_connections(standby.store)
        assert not scheduler.lock.held()
        assert standby.tick(2).leader
        assert not scheduler.tick(3).leader
    finally:
        scheduler.lock.release()
        standby.lock.release()
        standby.store.dispose()


def test_standin_corpus_schedules_polls_first(tmp_path: Path, any_store: Store) -> None:
    with any_store.session() as s:
        standin.generate_corpus(s, outlets=2, stories=3)
    sent = Recorder()
    Scheduler(any_store, _settings(tmp_path, any_store.url), sent).tick(1)
    assert {stage for stage, _k in sent.published} == {"poll_feeds"}


@pytest.mark.services
@pytest.mark.postgres
def test_two_scheduler_processes_publish_each_job_once(
    tmp_path: Path, redis_settings: Settings, dist_store: Store, purge_queues: list[Settings]
) -> None:
    import time

    from newsprism.distributed.health import queue_depths
    from newsprism.distributed.localrun import LocalCluster, settings_env
    from newsprism.tasks import queue_names

    purge_queues.append(redis_settings)
    _with_articles(dist_store, "new", 50)
    src = Path(__file__).resolve().parents[2] / "src"
    first = LocalCluster(settings_env(redis_settings, src), tmp_path / "a")
    second = LocalCluster(settings_env(redis_settings, src), tmp_path / "b")
    first.start_scheduler()
    second.start_scheduler()
    stages_q = queue_names(redis_settings)[0]
    try:
        deadline = time.monotonic() + 60
        while queue_depths(redis_settings)["queues"][stages_q] < 3:
            assert time.monotonic() < deadline, "no scheduler published anything"
            time.sleep(0.3)
        time.sleep(5 * redis_settings.schedule_interval)  # several more ticks of both
        depth = queue_depths(redis_settings)["queues"][stages_q]
    finally:
        first.stop()
        second.stop()
    assert depth == redis_settings.stage_parallelism == 3
    assert len(jobs.list_jobs(dist_store, ("queued",))) == 3


def test_a_stale_queued_job_behind_a_busy_queue_is_not_published_again(
    tmp_path: Path, any_store: Store
) -> None:
    with any_store.session() as s:
        jobs.create_job(s, "fetch_articles", "t1-0")
        s.execute(update(Job).values(updated_at=utcnow() - timedelta(minutes=5)))
    sent = Recorder()
    settings = _settings(tmp_path, any_store.url)
    Scheduler(any_store, settings, sent, queue_depth=lambda _stage: 40).tick(2)
    assert sent.published == []


def test_a_stale_queued_job_on_an_empty_queue_was_lost(tmp_path: Path, any_store: Store) -> None:
    with any_store.session() as s:
        jobs.create_job(s, "fetch_articles", "t1-0")
        s.execute(update(Job).values(updated_at=utcnow() - timedelta(minutes=5)))
    sent = Recorder()
    settings = _settings(tmp_path, any_store.url)
    Scheduler(any_store, settings, sent, queue_depth=lambda _stage: 0).tick(2)
    assert sent.published == [("fetch_articles", "t1-0")]
