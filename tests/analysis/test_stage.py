"""The analyze_stories stage: picks changed stories, re-runs on change, survives failures."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from analysis_fixtures import T0, StoryBuilder

from newsprism.analysis.stage import analyze_stories
from newsprism.analysis.trending import refresh_trending
from newsprism.config import Settings
from newsprism.pipeline import StageContext
from newsprism.store.db import Store
from newsprism.store.schema import Article, Story

TEXT = "Belarus freed 52 prisoners after talks in Minsk with U.S. envoy John Coale."


def _story(builder: StoryBuilder) -> int:
    if "wire" not in builder.outlets:
        builder.outlet("wire", "center")
        builder.outlet("daily", "left")
    return builder.story(
        [
            {"outlet": "wire", "title": "Belarus frees prisoners", "text": TEXT},
            {"outlet": "daily", "title": "Belarus frees political prisoners", "text": TEXT},
        ]
    )


def test_stage_analyzes_changed_stories(builder: StoryBuilder, settings: Settings) -> None:
    story_id = _story(builder)
    report = analyze_stories(StageContext(builder.store, settings))
    assert report.processed == 1
    with builder.store.session() as s:
        story = s.get(Story, story_id)
        assert story is not None
        assert story.analyzed_revision == 1
        assert story.lean_counts == {
            "left": 1,
            "lean_left": 0,
            "center": 1,
            "lean_right": 0,
            "right": 0,
            "other": 0,
        }


def test_the_call_that_drains_the_backlog_relinks_the_timelines(
    builder: StoryBuilder, settings: Settings
) -> None:
    ids = [_story(builder) for _ in range(3)]
    ctx = StageContext(builder.store, settings.model_copy(update={"analysis_batch_size": 2}))
    first = analyze_stories(ctx)  # two of three: the backlog is not drained yet
    assert first.processed == 2
    assert "timelines_relinked" not in first.details
    second = analyze_stories(ctx)
    assert second.processed == 1
    assert second.details["timelines_relinked"] == 3
    with builder.store.session() as s:
        stories = [s.get(Story, story_id) for story_id in ids]
        assert all(st is not None and st.linked_revision == st.analyzed_revision for st in stories)
    assert analyze_stories(ctx).details["timelines_relinked"] == 0


def test_stage_does_nothing_when_all_stories_are_current(
    builder: StoryBuilder, settings: Settings
) -> None:
    _story(builder)
    ctx = StageContext(builder.store, settings)
    analyze_stories(ctx)
    assert not analyze_stories(ctx).did_work


def test_stage_reanalyzes_after_membership_changes(
    builder: StoryBuilder, settings: Settings
) -> None:
    story_id = _story(builder)
    ctx = StageContext(builder.store, settings)
    analyze_stories(ctx)
    builder.outlet("herald", "right")
    with builder.store.session() as s:
        s.add(
            Article(
                outlet_id=builder.outlets["herald"],
                url="http://herald.example/1",
                canonical_url="http://herald.example/1",
                title="Belarus deal frees 52",
                text=TEXT,
                story_id=story_id,
                status="clustered",
                published_at=T0 + timedelta(hours=1),
            )
        )
        story = s.get(Story, story_id)
        assert story is not None
        story.revision += 1
    assert analyze_stories(ctx).processed == 1
    with builder.store.session() as s:
        story = s.get(Story, story_id)
        assert story is not None
        assert story.n_outlets == 3
        assert story.analyzed_revision == 2


def test_merged_stories_are_skipped(builder: StoryBuilder, settings: Settings) -> None:
    keep = _story(builder)
    gone = _story(builder)
    with builder.store.session() as s:
        story = s.get(Story, gone)
        assert story is not None
        story.merged_into = keep
    assert analyze_stories(StageContext(builder.store, settings)).processed == 1


def test_a_failing_story_is_recorded_and_not_retried_until_it_changes(
    builder: StoryBuilder, settings: Settings
) -> None:
    story_id = _story(builder)
    with builder.store.session() as s:  # a centroid whose bytes are not float32: analysis must fail
        story = s.get(Story, story_id)
        assert story is not None
        story.centroid = b"\x00\x01\x02"
    ctx = StageContext(builder.store, settings)
    report = analyze_stories(ctx)
    assert (report.processed, report.failed) == (0, 1)
    with builder.store.session() as s:
        story = s.get(Story, story_id)
        assert story is not None
        assert "error" in story.analysis
    assert not analyze_stories(ctx).did_work


def test_stage_runs_on_postgresql(pg_store: Store, settings: Settings) -> None:
    builder = StoryBuilder(pg_store)
    story_id = _story(builder)
    assert analyze_stories(StageContext(pg_store, settings)).processed == 1
    with pg_store.session() as s:
        story = s.get(Story, story_id)
        assert story is not None
        assert story.analysis["landscape"]["total_outlets"] == 2
        assert story.category == "World"
        # the drained call relinked it, under a row lock and the pass's advisory lock
        assert story.linked_revision == story.analyzed_revision


def test_trending_scores_do_not_decay_without_newer_articles(
    any_store: Store, settings: Settings
) -> None:
    # a replayed archive: the wall clock moves on, the news does not
    builder = StoryBuilder(any_store)
    builder.outlet("wire", "center")
    then = datetime(2019, 4, 18, tzinfo=UTC)
    story_id = builder.story(
        [
            {
                "outlet": "wire",
                "title": "Belarus frees prisoners",
                "text": TEXT,
                "published_at": then,
            }
        ],
        first_seen=then,
    )
    analyze_stories(StageContext(builder.store, settings))
    with builder.store.session() as s:
        fresh = s.get(Story, story_id).trending_score  # type: ignore[union-attr]
        refresh_trending(s, datetime.now(UTC), half_life_hours=settings.trending_half_life_hours)
    with builder.store.session() as s:
        assert s.get(Story, story_id).trending_score == fresh  # type: ignore[union-attr]
    assert fresh > 0


def test_trending_scores_decay_between_analyses(any_store: Store, settings: Settings) -> None:
    builder = StoryBuilder(any_store)
    builder.outlet("wire", "center")
    now = datetime.now(UTC)
    story_id = builder.story(
        [{"outlet": "wire", "title": "Belarus frees prisoners", "text": TEXT, "published_at": now}],
        first_seen=now,
    )
    analyze_stories(StageContext(builder.store, settings))
    with builder.store.session() as s:
        fresh = s.get(Story, story_id).trending_score  # type: ignore[union-attr]
    later = now + timedelta(hours=settings.trending_half_life_hours)
    # ages count from the newest article, so time passes when a newer article arrives
    builder.story(
        [{"outlet": "wire", "title": "Ohio wins", "text": "Ohio won.", "published_at": later}],
        first_seen=later,
    )
    with builder.store.session() as s:
        assert refresh_trending(s, later, half_life_hours=settings.trending_half_life_hours) == 1
    with builder.store.session() as s:
        decayed = s.get(Story, story_id).trending_score  # type: ignore[union-attr]
    assert abs(decayed - fresh / 2) < 0.01 * fresh
