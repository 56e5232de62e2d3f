"""The embed and cluster stages on a real store: stories, counts, restarts, re-clustering."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import numpy as np
import pytest
from sqlalchemy import select
from test_stories_cluster import STREAM

from newsprism.config import Settings
from newsprism.distributed.backlog import stage_backlog
from newsprism.nlp.embed import from_bytes
from newsprism.pipeline import StageContext
from newsprism.store.db import Store
from newsprism.store.schema import Article, Outlet, Story, utcnow
from newsprism.stories.stage import cluster_articles, embed_articles, recluster

START = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)

# the first nine articles of the constructed stream: three stories, three each
ARTICLES = STREAM[:9]


def _settings(settings: Settings) -> Settings:
    # the hashing embedder only sees shared words (and every text here ends in the same
    # boilerplate sentence), so its threshold differs from MiniLM's
    return settings.model_copy(update={"cluster_threshold": 0.3})


def _add(store: Store, rows: list[tuple[str, str]], start: datetime = START) -> list[int]:
    ids = []
    with store.session() as session:
        outlets = list(session.scalars(select(Outlet).order_by(Outlet.id)).all())
        if not outlets:
            outlets = [Outlet(slug=f"outlet-{n}", name=f"Outlet {n}", domains=[]) for n in range(3)]
            session.add_all(outlets)
            session.flush()
        for index, (story, title) in enumerate(rows):
            article = Article(
                outlet_id=outlets[index % 3].id,
                url=f"https://example.org/{story}/{start.timestamp()}/{index}",
                canonical_url=f"https://example.org/{story}/{start.timestamp()}/{index}",
                title=title,
                text=f"{title}. More details follow in this report.",
                published_at=start + timedelta(minutes=20 * index),
                status="ready",
            )
            session.add(article)
            session.flush()
            ids.append(article.id)
    return ids


def _drain(ctx: StageContext) -> None:
    while embed_articles(ctx).did_work:
        pass
    while cluster_articles(ctx).did_work:
        pass


def _groups(store: Store) -> set[frozenset[str]]:
    with store.session() as session:
        rows = session.execute(select(Article.story_id, Article.url)).all()
    by_story: dict[int | None, set[str]] = {}
    for story_id, url in rows:
        by_story.setdefault(story_id, set()).add(url.split("/")[3])
    return {frozenset(v) for v in by_story.values()}


def test_stages_group_articles_into_their_stories(any_store: Store, settings: Settings) -> None:
    _add(any_store, ARTICLES)
    _drain(StageContext(any_store, _settings(settings)))
    assert _groups(any_store) == {
        frozenset({"quake"}),
        frozenset({"budget"}),
        frozenset({"merger"}),
    }


def test_stories_carry_counts_title_slug_centroid_and_revision(
    sqlite_store: Store, settings: Settings
) -> None:
    _add(sqlite_store, ARTICLES)
    _drain(StageContext(sqlite_store, _settings(settings)))
    with sqlite_store.session() as session:
        stories = session.scalars(select(Story).order_by(Story.id)).all()
        quake = next(s for s in stories if "earthquake" in s.title.lower())
        assert quake.n_articles == 3
        assert quake.n_outlets == 2  # articles 0, 2 and 5 come from outlets 0, 2 and 2
        assert quake.slug.endswith(f"-{quake.id}")
        assert "earthquake" in quake.slug
        assert quake.revision >= 1
        assert quake.first_seen == START
        assert quake.last_updated == START + timedelta(minutes=100)
        centroid = from_bytes(quake.centroid or b"")
        assert abs(float(np.linalg.norm(centroid)) - 1.0) < 1e-5


def test_cluster_stage_is_idempotent(sqlite_store: Store, settings: Settings) -> None:
    _add(sqlite_store, ARTICLES)
    ctx = StageContext(sqlite_store, _settings(settings))
    _drain(ctx)
    assert not embed_articles(ctx).did_work
    assert not cluster_articles(ctx).did_work
    assert sqlite_store.count(Article, Article.status == "clustered") == len(ARTICLES)


def test_restart_continues_open_stories_instead_of_splitting_them(
    sqlite_store: Store, settings: Settings
) -> None:
    _add(sqlite_store, ARTICLES)
    _drain(StageContext(sqlite_store, _settings(settings)))
    later = START + timedelta(hours=5)
    _add(sqlite_store, [("quake", "Valparaiso earthquake: Chilean coast counts the damage")], later)
    # a fresh context: the clusterer is rebuilt from the store, as after a restart
    _drain(StageContext(sqlite_store, _settings(settings)))
    assert sqlite_store.count(Story) == 3
    with sqlite_store.session() as session:
        quake = session.scalars(select(Story).where(Story.n_articles == 4)).one()
        assert "earthquake" in quake.title.lower()


def test_syndicated_copy_joins_the_story_of_its_original(
    sqlite_store: Store, settings: Settings
) -> None:
    ids = _add(sqlite_store, ARTICLES)
    ctx = StageContext(sqlite_store, _settings(settings))
    _drain(ctx)
    copy_id = _add(
        sqlite_store,
        [("copy", "Local bakery wins regional pastry award")],
        START + timedelta(hours=4),
    )[0]
    with sqlite_store.session() as session:
        session.get(Article, copy_id).syndicated_of = ids[1]  # type: ignore[union-attr]
    _drain(ctx)
    with sqlite_store.session() as session:
        original = session.get(Article, ids[1])
        copy = session.get(Article, copy_id)
        assert original is not None
        assert copy is not None
        assert copy.story_id == original.story_id


def test_article_without_text_fails_with_a_reason(sqlite_store: Store, settings: Settings) -> None:
    ids = _add(sqlite_store, [("empty", "")])
    with sqlite_store.session() as session:
        article = session.get(Article, ids[0])
        assert article is not None
        article.text = ""
    report = embed_articles(StageContext(sqlite_store, _settings(settings)))
    assert report.failed == 1
    with sqlite_store.session() as session:
        article = session.get(Article, ids[0])
        assert article is not None
        assert article.status == "failed"
        assert "no title or text" in (article.error or "")


def test_recluster_since_a_date_rebuilds_the_same_stories(
    any_store: Store, settings: Settings
) -> None:
    _add(any_store, ARTICLES)
    _drain(StageContext(any_store, _settings(settings)))
    before = _groups(any_store)
    counts = recluster(any_store, _settings(settings), START + timedelta(minutes=30))
    assert counts["released"] == len(ARTICLES) - 2
    assert counts["clustered"] == len(ARTICLES) - 2
    assert _groups(any_store) == before
    assert any_store.count(Article, Article.status == "clustered") == len(ARTICLES)


def test_failed_batch_leaves_no_half_assigned_articles(
    sqlite_store: Store, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    _add(sqlite_store, ARTICLES)
    ctx = StageContext(sqlite_store, _settings(settings))
    while embed_articles(ctx).did_work:
        pass

    def broken_refresh(*_args: object) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr("newsprism.stories.stage._refresh_story", broken_refresh)
    with pytest.raises(RuntimeError, match="disk full"):
        cluster_articles(ctx)
    assert sqlite_store.count(Story) == 0
    assert sqlite_store.count(Article, Article.status == "embedded") == len(ARTICLES)
    monkeypatch.undo()
    while cluster_articles(ctx).did_work:
        pass
    assert _groups(sqlite_store) == {
        frozenset({"quake"}),
        frozenset({"budget"}),
        frozenset({"merger"}),
    }


# -- publication order on a bulk intake ------------------------------------------------

QUAKE = [
    ("quake", "Strong earthquake strikes Chilean coast near Valparaiso"),
    ("quake", "Chile earthquake: tsunami warning issued for Valparaiso coast"),
]
BUDGET = ("budget", "Senate passes budget bill after overnight session")


def _intake(store: Store, now: datetime) -> dict[str, int]:
    """A first poll as feeds deliver it: this week's report and a quake report from a month
    ago are fetched and ready, the quake's first report (older still) is not fetched yet."""
    month_ago = now - timedelta(days=30)
    first, second = _add(store, QUAKE, month_ago)
    (budget,) = _add(store, [BUDGET], now - timedelta(hours=1))
    with store.session() as session:
        for article in session.scalars(select(Article)).all():
            article.first_seen_at = now - timedelta(minutes=1)
            article.fetched_at = now - timedelta(seconds=30)
        pending = session.get(Article, first)
        assert pending is not None
        pending.status, pending.fetched_at = "new", None
    return {"first": first, "second": second, "budget": budget}


def _story_ids(store: Store) -> dict[int, int | None]:
    with store.session() as session:
        return dict(session.execute(select(Article.id, Article.story_id)).tuples().all())


def _fetched(store: Store, article_id: int, now: datetime) -> None:
    """What fetch and dedupe do to an article: it is ready for the model lane."""
    with store.session() as session:
        article = session.get(Article, article_id)
        assert article is not None
        article.status, article.fetched_at = "ready", now


def test_a_bulk_intake_is_clustered_in_publication_order(
    any_store: Store, settings: Settings
) -> None:
    now = utcnow()
    ids = _intake(any_store, now)
    ctx = StageContext(any_store, _settings(settings))
    _drain(ctx)
    # the month-old report waits for the older one still on its way; the week's too
    assert any_store.count(Article, Article.status == "embedded") == 2
    assert any_store.count(Story) == 0
    with any_store.session() as session:
        assert stage_backlog(session, "cluster_articles", ctx.settings) == 0
    _fetched(any_store, ids["first"], now)
    _drain(ctx)
    story_of = _story_ids(any_store)
    assert story_of[ids["first"]] == story_of[ids["second"]]
    assert story_of[ids["budget"]] != story_of[ids["first"]]


def test_without_the_hold_a_late_fetched_older_report_misses_its_story(
    any_store: Store, settings: Settings
) -> None:
    """What the hold prevents: clustered as they come, this week's report moves the clock
    a month past the quake, whose reports then cannot form a story together."""
    now = utcnow()
    ids = _intake(any_store, now)
    ctx = StageContext(
        any_store, _settings(settings).model_copy(update={"cluster_hold_seconds": 0})
    )
    _drain(ctx)
    _fetched(any_store, ids["first"], now)
    _drain(ctx)
    story_of = _story_ids(any_store)
    assert story_of[ids["first"]] != story_of[ids["second"]]


def test_no_article_waits_longer_than_the_hold(any_store: Store, settings: Settings) -> None:
    now = utcnow()
    ids = _intake(any_store, now)
    hold = timedelta(seconds=_settings(settings).cluster_hold_seconds + 1)
    with any_store.session() as session:
        # the ready ones were fetched longer ago than the hold: they go at once
        for key in ("second", "budget"):
            article = session.get(Article, ids[key])
            assert article is not None
            article.fetched_at = now - hold
    ctx = StageContext(any_store, _settings(settings))
    with any_store.session() as session:
        assert stage_backlog(session, "cluster_articles", ctx.settings) == 0  # not embedded yet
    _drain(ctx)
    assert any_store.count(Article, Article.status == "clustered") == 2


def test_an_entry_first_seen_long_ago_holds_nothing_back(
    any_store: Store, settings: Settings
) -> None:
    now = utcnow()
    ids = _intake(any_store, now)
    ctx = StageContext(any_store, _settings(settings))
    with any_store.session() as session:
        pending = session.get(Article, ids["first"])
        assert pending is not None
        pending.first_seen_at = now - timedelta(seconds=ctx.settings.cluster_hold_seconds + 1)
    _drain(ctx)
    assert any_store.count(Article, Article.status == "clustered") == 2
