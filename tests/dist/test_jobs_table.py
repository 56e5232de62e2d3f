"""The job table helpers: idempotent keys, attempts, dead letters, retries, heartbeats."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from sqlalchemy import select, update

from newsprism import jobs
from newsprism.store.db import Store
from newsprism.store.schema import Article, Heartbeat, Job, utcnow


def test_create_job_refuses_an_existing_key(any_store: Store) -> None:
    with any_store.session() as s:
        assert jobs.create_job(s, "embed_articles", "t1-0")
    with any_store.session() as s:
        assert not jobs.create_job(s, "embed_articles", "t1-0")
        assert jobs.create_job(s, "cluster_articles", "t1-0")
    assert any_store.count(Job) == 2


def test_start_job_counts_each_delivery(any_store: Store) -> None:
    assert jobs.start_job(any_store, "fetch_articles", "k") == 1
    assert jobs.start_job(any_store, "fetch_articles", "k") == 2


def test_start_job_ignores_a_delivery_of_a_finished_job(any_store: Store) -> None:
    jobs.start_job(any_store, "fetch_articles", "k")
    jobs.complete_job(any_store, "fetch_articles", "k", {"processed": 3})
    assert jobs.start_job(any_store, "fetch_articles", "k") is None
    with any_store.session() as s:
        job = s.scalars(select(Job)).one()
    assert (job.state, job.attempts) == ("done", 1)


def test_fail_job_dead_letters_after_max_attempts(any_store: Store) -> None:
    states = []
    for _ in range(3):
        jobs.start_job(any_store, "dedupe_articles", "poison")
        states.append(jobs.fail_job(any_store, "dedupe_articles", "poison", "ValueError: bad", 3))
    assert states == ["retrying", "retrying", "dead"]
    [dead] = jobs.list_jobs(any_store, ("dead",))
    assert (dead.stage, dead.key, dead.attempts) == ("dedupe_articles", "poison", 3)
    assert dead.last_error == "ValueError: bad"
    assert jobs.start_job(any_store, "dedupe_articles", "poison") is None


def test_retry_jobs_requeues_dead_jobs_with_fresh_attempts(any_store: Store) -> None:
    for key in ("a", "b"):
        jobs.start_job(any_store, "embed_articles", key)
        jobs.fail_job(any_store, "embed_articles", key, "boom", 1)
    [first, _second] = sorted(jobs.list_jobs(any_store, ("dead",)), key=lambda j: j.key)
    assert jobs.retry_jobs(any_store, [first.id]) == [("embed_articles", "a")]
    assert [j.key for j in jobs.list_jobs(any_store, ("dead",))] == ["b"]
    assert jobs.start_job(any_store, "embed_articles", "a") == 1
    assert jobs.retry_jobs(any_store) == [("embed_articles", "b")]


def test_release_job_gives_the_attempt_back(any_store: Store) -> None:
    jobs.start_job(any_store, "cluster_articles", "k")
    jobs.release_job(any_store, "cluster_articles", "k")
    with any_store.session() as s:
        job = s.scalars(select(Job)).one()
    assert (job.state, job.attempts) == ("queued", 0)


def test_stale_jobs_come_back_once_per_staleness_period(any_store: Store) -> None:
    jobs.start_job(any_store, "fetch_articles", "killed")
    jobs.start_job(any_store, "fetch_articles", "fresh")
    with any_store.session() as s:
        s.execute(
            update(Job)
            .where(Job.key == "killed")
            .values(updated_at=utcnow() - timedelta(seconds=120))
        )
    assert jobs.stale_jobs(any_store, 60) == [("fetch_articles", "killed", "running")]
    assert jobs.stale_jobs(any_store, 60) == []


def test_outstanding_jobs_counts_unfinished_jobs_of_a_stage(any_store: Store) -> None:
    jobs.start_job(any_store, "embed_articles", "running")
    jobs.start_job(any_store, "embed_articles", "done")
    jobs.complete_job(any_store, "embed_articles", "done")
    with any_store.session() as s:
        jobs.create_job(s, "embed_articles", "queued")
        jobs.create_job(s, "fetch_articles", "other-stage")
    with any_store.session() as s:
        assert jobs.outstanding_jobs(s, "embed_articles") == 2


@pytest.mark.parametrize(("attempt", "wait"), [(1, 2.0), (2, 4.0), (3, 8.0), (9, 60.0)])
def test_backoff_doubles_up_to_the_cap(attempt: int, wait: float) -> None:
    assert jobs.backoff_seconds(attempt, 2.0, 60.0) == wait


def test_heartbeats_list_each_worker_with_its_details(any_store: Store) -> None:
    jobs.write_heartbeat(any_store, "w1@a", {"queues": ["stages"]})
    jobs.write_heartbeat(any_store, "w1@a", {"queues": ["stages"]})
    jobs.write_heartbeat(any_store, "w2@b", {"queues": ["cluster"]}, alive=False)
    beats = jobs.read_heartbeats(any_store)
    assert [(b["worker"], b["state"], b["queues"]) for b in beats] == [
        ("w1@a", "alive", ["stages"]),
        ("w2@b", "stopped", ["cluster"]),
    ]
    assert jobs.list_jobs(any_store, (*jobs.JOB_STATES, "alive", "stopped")) == []


@pytest.mark.postgres
def test_claim_batch_skips_rows_another_worker_holds(pg_store: Store) -> None:
    with pg_store.session() as s:
        s.add_all(
            Article(url=f"http://a.example/{i}", canonical_url=f"http://a.example/{i}")
            for i in range(6)
        )
    held = threading.Event()
    release = threading.Event()

    def first_worker() -> None:
        with pg_store.session() as s:
            jobs.claim_batch(s, select(Article).order_by(Article.id).limit(4))
            held.set()
            release.wait(10)

    thread = threading.Thread(target=first_worker)
    thread.start()
    try:
        assert held.wait(10)
        with pg_store.session() as s:
            second = jobs.claim_batch(s, select(Article).order_by(Article.id).limit(4))
            urls = [a.canonical_url for a in second]
    finally:
        release.set()
        thread.join()
    assert urls == ["http://a.example/4", "http://a.example/5"]


def test_prune_jobs_deletes_only_old_finished_jobs(any_store: Store) -> None:
    for key in ("old-done", "new-done", "old-dead"):
        jobs.start_job(any_store, "embed_articles", key)
    jobs.complete_job(any_store, "embed_articles", "old-done")
    jobs.complete_job(any_store, "embed_articles", "new-done")
    jobs.fail_job(any_store, "embed_articles", "old-dead", "boom", 1)
    with any_store.session() as s:
        s.execute(
            update(Job)
            .where(Job.key.in_(["old-done", "old-dead"]))
            .values(updated_at=utcnow() - timedelta(days=30))
        )
    assert jobs.prune_jobs(any_store, 7 * 86400) == 1
    with any_store.session() as s:
        assert sorted(s.scalars(select(Job.key))) == ["new-done", "old-dead"]


def test_prune_jobs_forgets_workers_silent_for_a_day(any_store: Store) -> None:
    jobs.write_heartbeat(any_store, "gone@a", {})
    jobs.write_heartbeat(any_store, "here@b", {})
    with any_store.session() as s:
        s.execute(
            update(Heartbeat)
            .where(Heartbeat.name == "gone@a")
            .values(beat_at=utcnow() - timedelta(days=2))
        )
    jobs.prune_jobs(any_store, 7 * 86400)
    assert [b["worker"] for b in jobs.read_heartbeats(any_store)] == ["here@b"]


def test_a_retrying_job_is_stale_only_after_its_retry_wait(any_store: Store) -> None:
    jobs.start_job(any_store, "fetch_articles", "waiting")
    jobs.fail_job(any_store, "fetch_articles", "waiting", "HTTP 503", 5)
    with any_store.session() as s:
        s.execute(update(Job).values(updated_at=utcnow() - timedelta(seconds=200)))
    assert jobs.stale_jobs(any_store, 120, retry_grace=300) == []
    assert jobs.stale_jobs(any_store, 120, retry_grace=60) == [
        ("fetch_articles", "waiting", "retrying")
    ]
