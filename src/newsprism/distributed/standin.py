"""Small stand-in stages over a generated corpus, for machinery tests and worker benchmarks.

They follow the real stages' contracts — the same article states, unique canonical URLs,
story revisions and brief versions, batches claimed with ``FOR UPDATE SKIP LOCKED`` and
one transaction per batch — but do no network or NLP work, so a test can run the whole
chain on many processes and check the end state exactly. Each row costs
``$NP_STANDIN_WORK_MS`` milliseconds of sleep (default 2) so that kills land mid-batch.

Use with ``NEWSPRISM_STAGE_TABLE=newsprism.distributed.standin:STAGES``.
"""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Callable
from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

from sqlalchemy import false, or_, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from newsprism.ingest.images import fetch_images
from newsprism.jobs import claim_batch
from newsprism.pipeline import StageContext, StageReport
from newsprism.store.schema import LEANS, Article, Brief, Feed, Outlet, Story, utcnow

__all__ = ["STAGES", "expected_articles", "expected_urls", "generate_corpus", "story_key"]

BATCH = 20
STORY_BATCH = 10


def _work(rows: int) -> None:
    time.sleep(rows * float(os.environ.get("NP_STANDIN_WORK_MS", "2")) / 1000.0)


def generate_corpus(session: Session, outlets: int, stories: int) -> int:
    """Outlets with one feed each; outlet k covers story s unless (s + k) % 3 == 0.

    Returns the number of articles the feeds will yield (`expected_articles`).
    """
    for k in range(outlets):
        outlet = Outlet(
            slug=f"standin-{k}",
            name=f"Stand-in outlet {k}",
            domains=[f"outlet{k}.example"],
            lean=(*LEANS, None)[k % 6],
        )
        session.add(outlet)
        session.flush()
        session.add(
            Feed(outlet_id=outlet.id, url=f"http://outlet{k}.example/feed?k={k}&stories={stories}")
        )
    return expected_articles(outlets, stories)


def expected_urls(outlets: int, stories: int) -> set[str]:
    """Return the canonical URLs the feeds of a generated corpus yield."""
    return {
        f"http://outlet{k}.example/news/{s}"
        for k in range(outlets)
        for s in range(stories)
        if (s + k) % 3
    }


def expected_articles(outlets: int, stories: int) -> int:
    """Count the articles a corpus of *outlets* × *stories* holds."""
    return len(expected_urls(outlets, stories))


def story_key(title: str) -> str:
    """Return the story a stand-in article belongs to, from its title ("story-17: …")."""
    return title.split(":", 1)[0]


def _insert(session: Session) -> Callable[..., postgresql.Insert | sqlite.Insert]:
    return postgresql.insert if session.get_bind().dialect.name == "postgresql" else sqlite.insert


def poll_feeds(ctx: StageContext) -> StageReport:
    """Insert each due feed's entries keyed by canonical URL; a repeat inserts nothing."""
    report = StageReport("poll_feeds")
    now = utcnow()
    with ctx.store.session() as s:
        due = or_(Feed.next_poll_at.is_(None), Feed.next_poll_at <= now)
        feeds = claim_batch(s, select(Feed).where(Feed.paused == false(), due).limit(4))
        for feed in feeds:
            query = parse_qs(urlsplit(feed.url).query)
            k, n = int(query["k"][0]), int(query["stories"][0])
            rows = [
                {
                    "outlet_id": feed.outlet_id,
                    "feed_id": feed.id,
                    "url": f"http://outlet{k}.example/news/{s_}?utm_source=feed",
                    "canonical_url": f"http://outlet{k}.example/news/{s_}",
                    "title": f"story-{s_}: outlet {k} reports",
                    "published_at": now - timedelta(minutes=s_),
                    "status": "new",
                }
                for s_ in range(n)
                if (s_ + k) % 3
            ]
            if rows:
                stmt = _insert(s)(Article).values(rows)
                inserted = s.execute(
                    stmt.on_conflict_do_nothing(index_elements=["canonical_url"]).returning(
                        Article.id
                    )
                ).all()
                report.details["inserted"] = report.details.get("inserted", 0) + len(inserted)
            feed.last_polled_at = now
            feed.next_poll_at = now + timedelta(days=3650)  # a replayed corpus: one round
            feed.entries_seen += len(rows)
            report.processed += 1
        _work(len(feeds))
    return report


def _advance(ctx: StageContext, stage: str, states: tuple[str, ...], to: str) -> StageReport:
    report = StageReport(stage)
    with ctx.store.session() as s:
        stmt = select(Article).where(Article.status.in_(states)).order_by(Article.id).limit(BATCH)
        for article in claim_batch(s, stmt):
            if to == "extracted":
                article.text = f"{article.title}. Full text of the article."
                article.fetched_at = utcnow()
            elif to == "embedded":
                article.embedding = hashlib.sha256(story_key(article.title).encode()).digest()
            article.status = to
            report.processed += 1
        _work(report.processed)
    return report


def fetch_articles(ctx: StageContext) -> StageReport:
    """Advance articles from new to extracted."""
    return _advance(ctx, "fetch_articles", ("new",), "extracted")


def dedupe_articles(ctx: StageContext) -> StageReport:
    """Advance articles from extracted or partial to ready."""
    return _advance(ctx, "dedupe_articles", ("extracted", "partial"), "ready")


def embed_articles(ctx: StageContext) -> StageReport:
    """Advance articles from ready to embedded."""
    return _advance(ctx, "embed_articles", ("ready",), "embedded")


def cluster_articles(ctx: StageContext) -> StageReport:
    """Advance articles from embedded to clustered, joining the story of the same key or opening it.

    Look-up-then-insert: correct only with a single consumer, which is exactly what the
    clustering queue and lock guarantee (a second concurrent run would open twin stories).
    """
    report = StageReport("cluster_articles")
    with ctx.store.session() as s:
        stmt = select(Article).where(Article.status == "embedded").order_by(Article.id).limit(BATCH)
        for article in claim_batch(s, stmt):
            key = story_key(article.title)
            story = s.scalars(
                select(Story).where(Story.slug == key, Story.merged_into.is_(None))
            ).first()
            now = utcnow()
            if story is None:
                story = Story(
                    slug=key,
                    title=article.title,
                    first_seen=now,
                    last_updated=now,
                    n_articles=0,
                    revision=0,
                )
                s.add(story)
                s.flush()
                report.details["opened"] = report.details.get("opened", 0) + 1
            article.story_id = story.id
            article.status = "clustered"
            story.n_articles += 1
            story.revision += 1
            story.last_updated = now
            report.processed += 1
        _work(report.processed)
    return report


def analyze_stories(ctx: StageContext) -> StageReport:
    """Lean counts and outlet totals of stories whose membership changed."""
    report = StageReport("analyze_stories")
    with ctx.store.session() as s:
        stmt = (
            select(Story)
            .where(Story.analyzed_revision < Story.revision, Story.merged_into.is_(None))
            .order_by(Story.id)
            .limit(STORY_BATCH)
        )
        for story in claim_batch(s, stmt):
            outlets = s.execute(
                select(Outlet.id, Outlet.lean)
                .join(Article, Article.outlet_id == Outlet.id)
                .where(Article.story_id == story.id)
                .distinct()
            ).all()
            counts = dict.fromkeys((*LEANS, "other"), 0)
            for _id, lean in outlets:
                counts[lean or "other"] += 1
            story.lean_counts = counts
            story.n_outlets = len(outlets)
            story.analysis = {"landscape": {"counts": counts, "total_outlets": len(outlets)}}
            story.analyzed_revision = story.revision
            story.analyzed_at = utcnow()
            report.processed += 1
        _work(report.processed)
    return report


def synthesize_briefs(ctx: StageContext) -> StageReport:
    """One cited headline per analysed revision; brief (story_id, version) is unique."""
    report = StageReport("synthesize_briefs")
    with ctx.store.session() as s:
        stmt = (
            select(Story)
            .where(
                Story.briefed_revision < Story.revision,
                Story.analyzed_revision == Story.revision,
                Story.n_outlets >= ctx.settings.min_outlets_for_brief,
                Story.merged_into.is_(None),
            )
            .order_by(Story.id)
            .limit(STORY_BATCH)
        )
        for story in claim_batch(s, stmt):
            first = s.scalars(
                select(Article).where(Article.story_id == story.id).order_by(Article.id).limit(1)
            ).one()
            sentence = {
                "text": first.title,
                "citations": [
                    {
                        "article_id": first.id,
                        "quote_span": [0, len(first.title)],
                        "field": "title",
                        "source": first.title,
                    }
                ],
            }
            values = {
                "story_id": story.id,
                "version": story.revision,
                "revision": story.revision,
                "generated_at": utcnow(),
                "synthesizer": "standin",
                "sections": {"headline": [sentence]},
                "stats": {},
            }
            s.execute(
                _insert(s)(Brief)
                .values(values)
                .on_conflict_do_nothing(index_elements=["story_id", "version"])
            )
            story.briefed_revision = story.revision
            report.processed += 1
        _work(report.processed)
    return report


STAGES: dict[str, Callable[[StageContext], StageReport]] = {
    "poll_feeds": poll_feeds,
    "fetch_articles": fetch_articles,
    "dedupe_articles": dedupe_articles,
    "embed_articles": embed_articles,
    "cluster_articles": cluster_articles,
    "analyze_stories": analyze_stories,
    "synthesize_briefs": synthesize_briefs,
    # the real stage: stand-in articles carry no image URL, so it only settles stories
    "fetch_images": fetch_images,
}
