from __future__ import annotations

from typing import Any

import pytest
from briefs_fixture import ARTICLES, insert_story
from sqlalchemy import select

from newsprism.config import Settings
from newsprism.pipeline import StageContext
from newsprism.store.db import Store
from newsprism.store.schema import Article, Brief, Outlet, Story
from newsprism.synth.guard import FaithfulnessGuard
from newsprism.synth.stage import substantial_growth, synthesize_briefs


def _ctx(store: Store, settings: Settings, guard: FaithfulnessGuard) -> StageContext:
    # the session-wide guard saves reloading MiniLM for every test
    return StageContext(store, settings, resources={"faithfulness_guard": guard})


def _briefs(store: Store, story_id: int) -> list[Brief]:
    with store.session() as session:
        return list(
            session.scalars(select(Brief).where(Brief.story_id == story_id).order_by(Brief.version))
        )


def _bump(store: Store, story_id: int, *, outlets: int) -> None:
    with store.session() as session:
        story = session.get(Story, story_id)
        assert story is not None
        story.revision += 1
        story.analyzed_revision = story.revision
        story.n_outlets = outlets


def test_stage_writes_a_cited_brief_for_an_analyzed_story(
    any_store: Store, settings: Settings, guard: FaithfulnessGuard
) -> None:
    story_id = insert_story(any_store)
    report = synthesize_briefs(_ctx(any_store, settings, guard))
    assert report.processed == 1
    [brief] = _briefs(any_store, story_id)
    assert brief.version == 1
    assert brief.synthesizer == "extractive"
    assert {"headline", "summary", "story", "bias_comparison"} <= set(brief.sections)
    # the story's one quote is shown once: in the body, or else under Sources
    shown = [s["text"] for name in ("story", "summary", "sources") for s in
             brief.sections.get(name, [])]  # fmt: skip
    assert sum("gamble with people" in t for t in shown) == 1
    with any_store.session() as session:
        texts = {a.id: a.text for a in session.scalars(select(Article))}
        titles = {a.id: a.title for a in session.scalars(select(Article))}
        story = session.get(Story, story_id)
        assert story is not None
        assert story.briefed_revision == story.revision
        # the card's title is the page's headline, and its link's slug says the same
        assert story.title == brief.sections["headline"][0]["text"]
        first_word = story.title.split()[0].lower().strip("'\"“‘")
        assert story.slug.startswith(first_word)
        assert story.slug.endswith(f"-{story_id}")
    for sentences in brief.sections.values():
        for sentence in sentences:
            assert sentence["citations"]
            for cite in sentence["citations"]:
                body = titles if cite["field"] == "title" else texts
                start, end = cite["quote_span"]
                assert body[cite["article_id"]][start:end] == cite["source"]


def test_stage_records_time_outlets_and_dropped_sentences(
    any_store: Store, settings: Settings, guard: FaithfulnessGuard
) -> None:
    story_id = insert_story(any_store)
    synthesize_briefs(_ctx(any_store, settings, guard))
    stats = _briefs(any_store, story_id)[0].stats
    assert stats["seconds"] > 0
    assert stats["n_outlets"] == 5
    assert stats["dropped"] == []


def test_stage_leaves_a_briefed_story_alone_until_it_changes(
    sqlite_store: Store, settings: Settings, guard: FaithfulnessGuard
) -> None:
    story_id = insert_story(sqlite_store)
    ctx = _ctx(sqlite_store, settings, guard)
    synthesize_briefs(ctx)
    again = synthesize_briefs(ctx)
    assert again.processed == 0
    assert len(_briefs(sqlite_store, story_id)) == 1


def test_substantial_new_coverage_writes_version_two(
    sqlite_store: Store, settings: Settings, guard: FaithfulnessGuard
) -> None:
    story_id = insert_story(sqlite_store)
    ctx = _ctx(sqlite_store, settings, guard)
    synthesize_briefs(ctx)
    _bump(sqlite_store, story_id, outlets=8)
    synthesize_briefs(ctx)
    assert [b.version for b in _briefs(sqlite_store, story_id)] == [1, 2]


def test_small_growth_keeps_the_brief_and_marks_the_revision_seen(
    sqlite_store: Store, settings: Settings, guard: FaithfulnessGuard
) -> None:
    story_id = insert_story(sqlite_store)
    ctx = _ctx(sqlite_store, settings, guard)
    synthesize_briefs(ctx)
    _bump(sqlite_store, story_id, outlets=6)
    report = synthesize_briefs(ctx)
    assert report.details["skipped_small_growth"] == 1
    assert len(_briefs(sqlite_store, story_id)) == 1
    with sqlite_store.session() as session:
        story = session.get(Story, story_id)
        assert story is not None
        assert story.briefed_revision == story.revision


@pytest.mark.parametrize(
    ("now", "before", "expected"),
    [(5, None, True), (6, 5, False), (8, 5, True), (5, 4, True), (21, 20, False)],
)
def test_substantial_growth_rule(now: int, before: int | None, expected: bool) -> None:
    assert substantial_growth(now, before) is expected


def test_story_with_too_few_outlets_gets_no_brief(
    sqlite_store: Store, settings: Settings, guard: FaithfulnessGuard
) -> None:
    story_id = insert_story(sqlite_store, ARTICLES[:2])
    report = synthesize_briefs(_ctx(sqlite_store, settings, guard))
    assert report.processed == 0
    assert _briefs(sqlite_store, story_id) == []


def test_story_not_analyzed_at_its_revision_waits(
    sqlite_store: Store, settings: Settings, guard: FaithfulnessGuard
) -> None:
    story_id = insert_story(sqlite_store, analyzed=False)
    synthesize_briefs(_ctx(sqlite_store, settings, guard))
    assert _briefs(sqlite_store, story_id) == []


def test_outlets_below_min_factuality_are_left_out(
    sqlite_store: Store, tmp_path: Any, guard: FaithfulnessGuard
) -> None:
    from newsprism.config import load_settings

    strict = load_settings(data_dir=tmp_path / "data", embedder="hashing",
                           min_factuality="mostly_factual")  # fmt: skip
    story_id = insert_story(sqlite_store)
    synthesize_briefs(_ctx(sqlite_store, strict, guard))
    [brief] = _briefs(sqlite_store, story_id)
    with sqlite_store.session() as session:
        low = session.scalars(
            select(Article.id).join(Outlet).where(Outlet.factuality == "low")
        ).all()
    cited = {c["article_id"] for ss in brief.sections.values() for s in ss for c in s["citations"]}
    assert cited
    assert not cited & set(low)


class _BrokenSynthesizer:
    name = "broken"

    def brief(self, story: Any) -> Any:
        raise RuntimeError("model exploded")


def test_failed_brief_is_recorded_as_a_job_and_not_retried_at_the_same_revision(
    sqlite_store: Store, settings: Settings, guard: FaithfulnessGuard
) -> None:
    from newsprism.store.schema import Job

    story_id = insert_story(sqlite_store)
    ctx = _ctx(sqlite_store, settings, guard)
    ctx.resources["synthesizer"] = _BrokenSynthesizer()
    first = synthesize_briefs(ctx)
    second = synthesize_briefs(ctx)
    assert (first.failed, second.failed) == (1, 0)
    with sqlite_store.session() as session:
        [job] = session.scalars(select(Job)).all()
        assert job.key == f"story:{story_id}@1"
        assert job.state == "failed"
        assert job.last_error == "RuntimeError: model exploded"


@pytest.mark.parametrize(
    ("backend", "shared"), [("onnx", True), ("torch", True), ("onnx-int8", False)]
)
def test_guard_shares_the_pipeline_model_only_with_float32_vectors(
    sqlite_store: Store, settings: Settings, backend: str, shared: bool
) -> None:
    from newsprism.nlp.embed import pipeline_embedder
    from newsprism.synth.stage import _pipeline_minilm

    chosen = settings.model_copy(update={"embedder": "minilm", "embed_backend": backend})
    ctx = StageContext(sqlite_store, chosen)
    # the guard's thresholds hold for float32 vectors: int8 ones get the guard its own model
    assert (_pipeline_minilm(ctx) is pipeline_embedder(ctx)) is shared
