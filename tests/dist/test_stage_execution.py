"""execute_job: one delivery of (stage, key) against the real store, stand-in stages."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from sqlalchemy import func, select

from newsprism import jobs
from newsprism.config import Settings, load_settings
from newsprism.distributed import standin
from newsprism.distributed.execute import (
    RetryLaterError,
    execute_job,
    load_stage_runner,
)
from newsprism.distributed.locks import LeaderLock
from newsprism.errors import ConfigError
from newsprism.pipeline import StageContext, StageReport, run_stage
from newsprism.store.db import Store
from newsprism.store.schema import Article, Story


def _settings(tmp_path: Path, url: str, **extra: object) -> Settings:
    return load_settings(
        data_dir=tmp_path / "data",
        database_url=url,
        stage_table="newsprism.distributed.standin:STAGES",
        job_max_attempts=3,
        job_retry_base=1.0,
        job_retry_max=8.0,
        min_outlets_for_brief=1,
        **extra,
    )


@pytest.fixture
def ctx(tmp_path: Path, any_store: Store) -> StageContext:
    with any_store.session() as s:
        standin.generate_corpus(s, outlets=3, stories=4)
    return StageContext(store=any_store, settings=_settings(tmp_path, any_store.url))


def test_stage_table_setting_selects_the_stand_in_stages(ctx: StageContext) -> None:
    runner = load_stage_runner(ctx.settings)
    report = runner("poll_feeds", ctx)
    assert report.processed == 3
    assert ctx.store.count(Article) == standin.expected_articles(3, 4)


def test_empty_stage_table_runs_the_pipeline_stages(tmp_path: Path) -> None:
    assert load_stage_runner(load_settings(data_dir=tmp_path)) is run_stage


def test_unloadable_stage_table_names_the_setting(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="NEWSPRISM_STAGE_TABLE"):
        load_stage_runner(load_settings(data_dir=tmp_path, stage_table="no.such.module:X"))


def test_a_second_delivery_of_a_done_job_changes_nothing(ctx: StageContext) -> None:
    runner = load_stage_runner(ctx.settings)
    execute_job(ctx, runner, "poll_feeds", "t1-0")
    first = execute_job(ctx, runner, "fetch_articles", "t1-0")
    again = execute_job(ctx, runner, "fetch_articles", "t1-0")
    assert (first.state, again.state) == ("done", "skipped")
    assert ctx.store.count(Article, Article.status == "extracted") == first.report.processed  # type: ignore[union-attr]


def test_a_job_that_did_work_continues_with_a_follow_up(ctx: StageContext) -> None:
    runner = load_stage_runner(ctx.settings)
    execute_job(ctx, runner, "poll_feeds", "t1-0")
    outcome = execute_job(ctx, runner, "fetch_articles", "t1-0")
    assert len(outcome.follow_up) == 1
    with ctx.store.session() as s:
        assert jobs.outstanding_jobs(s, "fetch_articles") == 1


def test_whole_chain_gives_every_story_a_brief(ctx: StageContext) -> None:
    runner = load_stage_runner(ctx.settings)
    for n, stage in enumerate(standin.STAGES):
        execute_job(ctx, runner, stage, f"t{n}")
    with ctx.store.session() as s:
        stories = s.scalars(select(Story)).all()
        assert len(stories) == 4
        assert all(st.briefed_revision == st.revision for st in stories)


def _poison(_ctx: StageContext) -> StageReport:
    raise ValueError("unparseable row 17")


def test_a_poison_job_is_retried_with_backoff_then_dead_lettered(ctx: StageContext) -> None:
    def runner(_name: str, c: StageContext) -> StageReport:
        return _poison(c)

    waits = []
    for _ in range(2):
        with pytest.raises(RetryLaterError) as retry:
            execute_job(ctx, runner, "dedupe_articles", "t9-0")
        waits.append(retry.value.countdown)
    outcome = execute_job(ctx, runner, "dedupe_articles", "t9-0")
    assert waits == [1.0, 2.0]
    assert outcome.state == "dead"
    [dead] = jobs.list_jobs(ctx.store, ("dead",))
    assert "ValueError: unparseable row 17" in (dead.last_error or "")
    assert execute_job(ctx, runner, "dedupe_articles", "t9-0").state == "skipped"


def test_unknown_stage_is_refused(ctx: StageContext) -> None:
    with pytest.raises(ConfigError, match="unknown stage"):
        execute_job(ctx, load_stage_runner(ctx.settings), "reticulate_splines", "k")


@pytest.mark.postgres
def test_cluster_job_waits_while_another_worker_clusters(tmp_path: Path, pg_store: Store) -> None:
    ctx = StageContext(store=pg_store, settings=_settings(tmp_path, pg_store.url))
    other_worker = LeaderLock(pg_store, "cluster_articles")
    assert other_worker.acquire()
    try:
        with pytest.raises(RetryLaterError, match="held by another worker"):
            execute_job(ctx, load_stage_runner(ctx.settings), "cluster_articles", "t1-0")
    finally:
        other_worker.release()
    with pg_store.session() as s:
        assert jobs.outstanding_jobs(s, "cluster_articles") == 1
    outcome = execute_job(ctx, load_stage_runner(ctx.settings), "cluster_articles", "t1-0")
    assert (outcome.state, outcome.attempt) == ("done", 1)


@pytest.mark.postgres
def test_concurrent_cluster_jobs_never_open_twin_stories(tmp_path: Path, pg_store: Store) -> None:
    settings = _settings(tmp_path, pg_store.url)
    with pg_store.session() as s:
        standin.generate_corpus(s, outlets=6, stories=10)
    setup = StageContext(store=pg_store, settings=settings)
    runner = load_stage_runner(settings)
    for stage in ("poll_feeds", "fetch_articles", "dedupe_articles", "embed_articles"):
        while runner(stage, setup).did_work:
            pass

    def cluster_worker(n: int) -> None:
        ctx = StageContext(store=Store(pg_store.url), settings=settings)
        for attempt in range(200):
            try:
                execute_job(ctx, runner, "cluster_articles", f"w{n}-{attempt}")
            except RetryLaterError:
                continue
            if pg_store.count(Article, Article.status == "embedded") == 0:
                break
        ctx.store.dispose()

    threads = [threading.Thread(target=cluster_worker, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    with pg_store.session() as s:
        slugs = s.scalars(select(Story.slug)).all()
        unassigned = s.scalar(select(func.count()).where(Article.story_id.is_(None)))
    assert len(slugs) == len(set(slugs)) == 10
    assert unassigned == 0


def test_an_unreachable_database_makes_the_delivery_retry(tmp_path: Path) -> None:
    down = Store("postgresql+psycopg://postgres@127.0.0.1:9/nowhere")
    ctx = StageContext(store=down, settings=_settings(tmp_path, down.url))
    try:
        with pytest.raises(RetryLaterError, match="cannot start") as retry:
            execute_job(ctx, load_stage_runner(ctx.settings), "fetch_articles", "t1-0")
    finally:
        down.dispose()
    assert retry.value.countdown == ctx.settings.job_retry_base
