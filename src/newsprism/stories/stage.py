"""Clustering stages: embed ready articles, then assign embedded articles to stories.

- ``embed_articles(ctx)``: embed a batch of ``ready`` articles (title + lead) with the
  configured `Embedder`; store float32 bytes in ``article.embedding``; status ``embedded``.
- ``cluster_articles(ctx)``: in publication order, assign ``embedded`` articles to a story
  (new or existing), update story centroid / counts / ``revision``; status ``clustered``.
  Syndicated copies join their original's story. An article waits (``cluster_due``) while
  an older one is still being fetched or embedded, up to ``cluster_hold_seconds``.
- ``recluster(store, settings, since)``: release everything published since a date and
  cluster it again (``newsprism recluster --since``).

The clusterer is the one stateful piece: it lives in ``ctx.resources["clusterer"]`` and,
when a process starts, is rebuilt from the stories updated within the horizon (dormant
stories included, at most ``max_stories`` of the most recently updated), so a restart
continues the same stories instead of splitting them.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import numpy as np
import numpy.typing as npt
from sqlalchemy import ColumnElement, Row, delete, func, insert, or_, select, update
from sqlalchemy.orm import Session, aliased

from newsprism.config import Settings
from newsprism.nlp.embed import article_text, from_bytes, pipeline_embedder, to_bytes
from newsprism.pipeline import StageContext, StageReport
from newsprism.store.db import Store, claim_rows, try_stage_lock
from newsprism.store.schema import Article, Brief, Story, utcnow
from newsprism.stories.cluster import Clusterer, StreamItem, cluster_params, reads_body
from newsprism.stories.terms import extract_terms

__all__ = [
    "cluster_articles",
    "embed_articles",
    "recluster",
    "slugify",
]

log = logging.getLogger(__name__)

_NON_SLUG = re.compile(r"[^a-z0-9]+")
#: transaction lock of one clustering batch (distinct from the job's session lock, which
#: another connection of the same worker holds)
CLUSTER_BATCH_LOCK = "cluster_articles.batch"


def slugify(title: str, story_id: int, max_words: int = 10) -> str:
    """Make a URL slug: the title's first words in ASCII, plus the story id (unique)."""
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    words = [w for w in _NON_SLUG.split(ascii_title.lower()) if w][:max_words]
    stem = "-".join(words)[:150].strip("-")
    return f"{stem}-{story_id}" if stem else f"story-{story_id}"


def _when(article: Article) -> datetime:
    return article.published_at or article.fetched_at or utcnow()


# -- embedding ---------------------------------------------------------------------


def embed_articles(ctx: StageContext) -> StageReport:
    """Embed a batch of ready articles (title + lead text) and mark them ``embedded``.

    The batch is claimed (``FOR UPDATE SKIP LOCKED``) for the transaction that writes the
    vectors, and each write is guarded by ``status = 'ready'``: a second worker embeds
    other articles and never sets an article that moved on back to ``embedded``.
    """
    report = StageReport("embed_articles")
    embedder = pipeline_embedder(ctx)
    with ctx.store.session() as session:
        articles = claim_rows(
            session,
            select(Article.id, Article.title, Article.text, Article.summary)
            .where(Article.status == "ready")
            .order_by(Article.id)
            .limit(ctx.settings.embed_batch_size),
            scalars=False,
        )
        if not articles:
            return report
        texts = [article_text(a.title, a.text, a.summary) for a in articles]
        vectors = embedder.embed(texts)
        for article, text, vector in zip(articles, texts, vectors, strict=True):
            ready = update(Article).where(Article.id == article.id, Article.status == "ready")
            if not text.strip():
                session.execute(
                    ready.values(status="failed", error="embed_articles: no title or text to embed")
                )
                report.failed += 1
                continue
            # the partial reason (e.g. "HTTP 404") stays on the row
            session.execute(ready.values(embedding=to_bytes(vector), status="embedded"))
            report.processed += 1
    return report


# -- clustering --------------------------------------------------------------------

#: Article states on their way to the cluster stage. ``queued`` entries (a feed's deferred
#: backlog, released a few at a time) hold nothing back: they arrive late by design.
_ON_THE_WAY = ("new", "extracted", "partial", "ready")
#: An article's place in the stream, in SQL: published, else fetched (as `_when`).
_STREAM_TIME = func.coalesce(Article.published_at, Article.fetched_at)


def cluster_due(settings: Settings, now: datetime) -> ColumnElement[bool]:
    """Which ``embedded`` articles the cluster stage may take at *now*.

    The clusterer reads its stream in publication order: its clock is the newest date it
    has seen, and a story past the horizon or ``max_age_hours`` of that clock takes no
    more articles. A bulk intake (a first poll of many feeds, a replay) arrives in feed
    order instead, a feed's newest entries first, so an article from three weeks ago
    that was fetched after this week's found its story already closed and stayed alone
    (the 2019-08-05 replay split Epstein's death into singletons and chained unrelated
    Trump reports into one story). So an article waits while an older one, by publication
    time, is still being fetched, deduplicated or embedded. Nothing waits longer than
    ``cluster_hold_seconds``: an article fetched that long ago goes, and one first seen in
    a feed that long ago no longer holds the others back.
    """
    embedded = Article.status == "embedded"
    hold = settings.cluster_hold_seconds
    if hold <= 0:
        return embedded
    since = now - timedelta(seconds=hold)
    other = aliased(Article)
    oldest_on_the_way = (
        select(func.min(func.coalesce(other.published_at, other.first_seen_at)))
        .where(other.status.in_(_ON_THE_WAY), other.first_seen_at >= since)
        .scalar_subquery()
    )
    when = _STREAM_TIME
    return embedded & or_(
        oldest_on_the_way.is_(None),
        when.is_(None),
        when <= oldest_on_the_way,
        Article.fetched_at.is_(None),
        Article.fetched_at < since,
    )


@dataclass
class _ClusterState:
    """The clusterer and the session its new-story callback writes to."""

    clusterer: Clusterer
    session: Session | None = None
    created: list[int] = field(default_factory=list)


def _new_story_row(state: _ClusterState, item: StreamItem) -> int:
    if state.session is None:  # pragma: no cover - guarded by cluster_articles
        raise RuntimeError("the clusterer created a story outside a stage session")
    first_seen = datetime.fromtimestamp(item.published, UTC)
    # A Core insert on the session's connection: an ORM add + flush here would also flush
    # every article assigned so far in the batch, one round of UPDATEs per new story.
    result = state.session.connection().execute(
        insert(Story).values(first_seen=first_seen, last_updated=first_seen, title="", slug="")
    )
    key = result.inserted_primary_key
    if key is None:  # pragma: no cover - every supported database reports it
        raise RuntimeError("the database did not report the new story's id")
    story_id = int(key[0])
    state.created.append(story_id)
    return story_id


def _restore(store: Store, settings: Settings, dim: int) -> _ClusterState:
    """Build a clusterer holding the stories updated within the horizon before the newest.

    At most ``max_stories`` of them (the most recently updated), as the clusterer keeps.
    """
    params = cluster_params(settings)
    holder: dict[str, _ClusterState] = {}

    def new_key(item: StreamItem) -> int:
        return _new_story_row(holder["state"], item)

    clusterer = Clusterer(dim, params, new_story_key=new_key)
    state = _ClusterState(clusterer)
    holder["state"] = state
    with store.session() as session:
        newest = session.scalar(
            select(func.max(Story.last_updated)).where(Story.merged_into.is_(None))
        )
        if newest is None:
            return state
        horizon = newest - timedelta(hours=params.horizon_hours)
        recent = session.scalars(
            select(Story)
            .where(Story.merged_into.is_(None), Story.last_updated >= horizon, Story.n_articles > 0)
            .order_by(Story.last_updated.desc(), Story.id)
            .limit(params.max_stories)
        ).all()
        stories = sorted(recent, key=lambda story: story.id)
        for story in stories:
            members = session.execute(
                select(
                    Article.id,
                    Article.title,
                    Article.text,
                    Article.summary,
                    Article.embedding,
                    Article.lang,
                )
                .where(Article.story_id == story.id)
                .order_by(Article.published_at, Article.id)
            ).all()
            vectors = [from_bytes(m.embedding) for m in members if m.embedding is not None]
            if story.centroid is not None:
                centroid = from_bytes(story.centroid)
            elif vectors:
                centroid = np.mean(vectors, axis=0).astype(np.float32)
            else:
                continue
            clusterer.restore(
                story.id,
                centroid,
                story.n_articles,
                story.first_seen.timestamp(),
                story.last_updated.timestamp(),
                member_terms=(
                    (m.id, extract_terms(article_text(m.title, m.text, m.summary))) for m in members
                ),
                member_vectors=vectors,
                long_text=any(reads_body(m.text, m.summary) for m in members),
                lang=next(((m.lang or "")[:2].lower() for m in members if m.lang), None)
                if settings.cluster_by_language
                else None,
            )
    log.info("clusterer restored with %d active stories", clusterer.active_stories)
    return state


def _story_of(session: Session, story_id: int | None) -> int | None:
    """Follow ``merged_into`` to the surviving story."""
    seen = set()
    while story_id is not None and story_id not in seen:
        seen.add(story_id)
        merged = session.scalar(select(Story.merged_into).where(Story.id == story_id))
        if merged is None:
            return story_id
        story_id = merged
    return story_id


#: a row of `_MEMBER_COLUMNS`
_Member = Row[Any]
#: what `_refresh_story` reads of each member article
_MEMBER_COLUMNS = (
    Article.story_id,
    Article.id,
    Article.title,
    Article.embedding,
    Article.outlet_id,
    Article.published_at,
    Article.fetched_at,
)


def _members_of(session: Session, story_ids: Iterable[int]) -> dict[int, list[_Member]]:
    """The member articles of each story, in id order: one query per 500 stories."""
    ids = sorted(set(story_ids))
    members: dict[int, list[Any]] = {i: [] for i in ids}
    for start in range(0, len(ids), 500):
        rows = session.execute(
            select(*_MEMBER_COLUMNS)
            .where(Article.story_id.in_(ids[start : start + 500]))
            .order_by(Article.story_id, Article.id)
        ).all()
        for row in rows:
            members[row.story_id].append(row)
    return members


def _stack(blobs: list[bytes]) -> npt.NDArray[np.float32]:
    """The float32 vectors of *blobs* (equal lengths) as the rows of one matrix."""
    return np.frombuffer(b"".join(blobs), dtype=np.float32).reshape(len(blobs), -1)


def _refresh_story(
    session: Session,
    story: Story,
    clusterer: Clusterer,
    members: list[_Member] | None = None,
) -> None:
    """Recompute a story's counts, centroid, title and slug after its membership changed.

    *members* are the story's articles as `_members_of` returns them (read here if None).
    """
    if members is None:
        members = _members_of(session, [story.id])[story.id]
    story.revision += 1
    story.n_articles = len(members)
    if not members:
        return
    story.n_outlets = len({m.outlet_id for m in members if m.outlet_id is not None})
    times = [m.published_at or m.fetched_at for m in members if (m.published_at or m.fetched_at)]
    if times:
        story.first_seen = min(min(times), story.first_seen)
        story.last_updated = max(max(times), story.last_updated)
    active = clusterer.stories.get(story.id)
    with_vectors = [m for m in members if m.embedding is not None]
    if active is not None:
        centroid = active.centroid
    elif with_vectors:
        mean = np.mean(_stack([m.embedding for m in with_vectors]), axis=0)
        centroid = (mean / max(float(np.linalg.norm(mean)), 1e-12)).astype(np.float32)
    else:
        return
    story.centroid = to_bytes(centroid)
    if story.briefed_revision < 0:
        # The most central headline names the story until a brief writes a better one;
        # ties go to the earliest article (members are in id order). One matrix product
        # instead of a dot per member: a story's members are re-read on every batch.
        titled = [m for m in with_vectors if (m.title or "").strip()]
        if titled:
            scores = _stack([m.embedding for m in titled]) @ centroid
            best = titled[int(np.argmax(scores))]
            story.title = best.title.strip()
    story.slug = slugify(story.title, story.id)


def cluster_articles(ctx: StageContext) -> StageReport:
    """Assign a batch of embedded articles, in publication order, to stories."""
    try:
        return _cluster_batch(ctx)
    except BaseException:
        # The batch was rolled back but the in-memory clusterer already saw it: drop it,
        # so the next run rebuilds it from what the store really holds.
        ctx.resources.pop("clusterer", None)
        raise


def _cluster_batch(ctx: StageContext) -> StageReport:
    report = StageReport("cluster_articles")
    batch = ctx.settings.cluster_batch_size
    with ctx.store.session() as session:
        # single consumer by design (its own queue, concurrency 1, and the job's advisory
        # lock); this transaction lock also keeps a stray second caller out
        if not try_stage_lock(session, CLUSTER_BATCH_LOCK):
            report.details["busy"] = True
            return report
        articles = session.scalars(
            select(Article)
            .where(cluster_due(ctx.settings, utcnow()))
            .order_by(_STREAM_TIME, Article.id)
            .limit(batch)
        ).all()
        if not articles:
            return report
        # the clusterer's width comes from the stored vectors (384 for MiniLM)
        dim = next((len(a.embedding) // 4 for a in articles if a.embedding), 0)
        if dim == 0:
            for article in articles:
                article.status = "failed"
                article.error = "cluster_articles: no embedding; run embed_articles first"
            report.failed = len(articles)
            return report
        state: _ClusterState = ctx.resource(
            "clusterer", lambda: _restore(ctx.store, ctx.settings, dim)
        )
        clusterer = state.clusterer
        state.session = session
        touched: set[int] = set()
        new_stories = 0
        try:
            for article in articles:
                if article.embedding is None or len(article.embedding) != clusterer.dim * 4:
                    article.status = "failed"
                    article.error = (
                        "cluster_articles: embedding missing or of another size; "
                        "run `newsprism recluster` after changing the embedder"
                    )
                    report.failed += 1
                    continue
                follow = None
                if article.syndicated_of is not None:
                    original = session.get(Article, article.syndicated_of)
                    if original is not None and original.story_id is not None:
                        follow = _story_of(session, original.story_id)
                when = _when(article)
                assignment = clusterer.add(
                    StreamItem(
                        key=article.id,
                        vector=from_bytes(article.embedding),
                        published=when.timestamp(),
                        terms=extract_terms(
                            article_text(article.title, article.text, article.summary)
                        ),
                        syndicated_of=article.syndicated_of,
                        follow_story=follow,
                        long_text=reads_body(article.text, article.summary),
                        lang=(article.lang or "")[:2].lower() or None
                        if ctx.settings.cluster_by_language
                        else None,
                    )
                )
                article.story_id = assignment.story_key
                article.status = "clustered"
                touched.add(assignment.story_key)
                new_stories += assignment.new_story
                report.processed += 1
            session.flush()
            merged = _apply_merges(session, clusterer.flush_merges())
            # only stories merged away need following (one query finds them)
            gone = set(
                session.scalars(
                    select(Story.id).where(Story.id.in_(touched), Story.merged_into.is_not(None))
                )
            )
            touched = {
                (_story_of(session, key) or key) if key in gone else key for key in touched
            } | {k for _, k in merged}
            stories = session.scalars(select(Story).where(Story.id.in_(touched))).all()
            members = _members_of(session, touched)
            for story in stories:
                _refresh_story(session, story, clusterer, members[story.id])
        finally:
            state.session = None
    report.details = {
        "new_stories": new_stories,
        "merged_stories": len(merged),
        "active_stories": clusterer.active_stories,
    }
    return report


def _apply_merges(session: Session, merges: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Move the articles of each absorbed story to the surviving one."""
    done = []
    for gone, keep in merges:
        target = _story_of(session, keep) or keep
        session.execute(update(Article).where(Article.story_id == gone).values(story_id=target))
        session.execute(
            update(Story)
            .where(Story.id == gone)
            .values(merged_into=target, n_articles=0, revision=Story.revision + 1)
        )
        done.append((gone, target))
    return done


# -- re-clustering -----------------------------------------------------------------


def recluster(store: Store, settings: Settings, since: datetime) -> dict[str, int]:
    """Release every article published since *since* and cluster it again.

    Stories left without articles are deleted (with their briefs, which are regenerated
    for the new stories); stories that keep older articles are refreshed.
    """
    when = _STREAM_TIME
    with store.session() as session:
        affected = set(
            session.scalars(
                select(Article.story_id)
                .where(when >= since, Article.story_id.is_not(None))
                .distinct()
            ).all()
        )
        released = len(
            session.scalars(
                select(Article.id).where(when >= since, Article.status == "clustered")
            ).all()
        )
        session.execute(
            update(Article)
            .where(when >= since, Article.status == "clustered")
            .values(story_id=None, status="embedded")
        )
        session.flush()
        empty = []
        probe = Clusterer(1)
        for story in session.scalars(select(Story).where(Story.id.in_(affected))).all():
            _refresh_story(session, story, probe)
            if story.n_articles == 0:
                empty.append(story.id)
        if empty:
            session.execute(
                update(Story).where(Story.merged_into.in_(empty)).values(merged_into=None)
            )
            session.execute(delete(Brief).where(Brief.story_id.in_(empty)))
            session.execute(delete(Story).where(Story.id.in_(empty)))
    ctx = StageContext(store=store, settings=settings)
    clustered = 0
    while True:
        report = cluster_articles(ctx)
        clustered += report.processed
        if not report.did_work:
            break
    with store.session() as session:
        stories = session.scalar(
            select(func.count(func.distinct(Article.story_id))).where(when >= since)
        )
    return {
        "released": released,
        "deleted_stories": len(empty),
        "clustered": clustered,
        "stories": int(stories or 0),
    }
