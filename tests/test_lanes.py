"""Embedded mode's concurrent lanes drive the real stages to the same end state as one pass."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select

from newsprism.config import load_settings
from newsprism.outlets.registry import load_registry, sync_registry
from newsprism.pipeline import LANES, STAGES, Pipeline, StageContext
from newsprism.replay import ReplayCorpus, ReplayServer
from newsprism.store.db import Store
from newsprism.store.schema import Article, Brief, Story
from test_slice import write_corpus


def test_every_stage_is_in_exactly_one_lane() -> None:
    # one lane per stage is what keeps two threads off the same rows
    in_lanes = [name for stages in LANES.values() for name in stages]
    assert sorted(in_lanes) == sorted(STAGES)


def _done(store: Store, n: int, min_outlets: int) -> bool:
    with store.session() as session:
        clustered = session.scalar(
            select(func.count()).select_from(Article).where(Article.status == "clustered")
        )
        # every live story analysed, and briefed if it qualifies, at its current revision
        behind = session.scalar(
            select(func.count())
            .select_from(Story)
            .where(
                Story.merged_into.is_(None),
                (Story.revision > Story.analyzed_revision)
                | ((Story.revision > Story.briefed_revision) & (Story.n_outlets >= min_outlets)),
            )
        )
        stories = session.scalar(
            select(func.count()).select_from(Story).where(Story.merged_into.is_(None))
        )
    return clustered == n and behind == 0 and bool(stories)


@pytest.mark.parametrize("queue_limit", [512, 1], ids=["roomy", "backpressure"])
def test_lanes_process_every_article_once_and_brief_every_story(
    tmp_path: Path, queue_limit: int
) -> None:
    n = write_corpus(tmp_path / "corpus.jsonl")
    server = ReplayServer(ReplayCorpus.load(tmp_path / "corpus.jsonl")).start()
    settings = load_settings(
        data_dir=tmp_path / "data",
        allow_hosts=["127.0.0.0/8"],
        per_host_delay=0.0,
        outlets_overrides=tmp_path / "none.csv",
        lane_queue_limit=queue_limit,
        brief_interval=0.5,
    )
    store = Store(settings.sqlalchemy_url)
    store.upgrade()
    pipeline = Pipeline(StageContext(store=store, settings=settings))
    thread = threading.Thread(target=pipeline.run_lanes, kwargs={"idle_seconds": 0.5})
    try:
        feeds = tmp_path / "feeds.csv"
        server.write_feeds_file(feeds)
        records = load_registry(extra=[feeds])
        urls = {f.url for r in records for f in r.feeds if "127.0.0.1" in f.url}
        for record in records:
            record.feeds = [f for f in record.feeds if f.url in urls]
        sync_registry(store, records)
        thread.start()
        deadline = time.monotonic() + 240
        while not _done(store, n, settings.min_outlets_for_brief):
            assert thread.is_alive(), "a lane thread died"
            assert time.monotonic() < deadline, "the lanes did not finish the corpus"
            time.sleep(0.5)
    finally:
        pipeline.stop_event.set()
        thread.join(timeout=60)
        server.stop()
    assert not thread.is_alive()
    with store.session() as session:
        urls_stored = session.scalars(select(Article.canonical_url)).all()
        assert len(urls_stored) == n
        assert len(set(urls_stored)) == n
        versions = session.execute(select(Brief.story_id, Brief.version)).all()
        assert len(versions) == len(set(versions))
        live = session.scalars(select(Story).where(Story.merged_into.is_(None))).all()
        # the corpus holds two events, four outlets each; both are briefed
        assert sorted(s.n_articles for s in live) == [4, 4]
        assert {story_id for story_id, _ in versions} == {s.id for s in live}
