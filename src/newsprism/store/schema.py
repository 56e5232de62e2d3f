"""SQLAlchemy 2 tables for the data model of DESIGN.md.

Every stage reads rows and writes rows back, idempotently: unique keys
(``article.canonical_url``, ``job(stage, key)``, ``brief(story_id, version)``) make
a repeated write a no-op instead of a duplicate.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship
from sqlalchemy.types import TypeDecorator

__all__ = [
    "ARTICLE_STATES",
    "LEANS",
    "Article",
    "Base",
    "Brief",
    "Feed",
    "Heartbeat",
    "Job",
    "Outlet",
    "OutletDomain",
    "Story",
    "UTCDateTime",
    "managed_by_schema",
    "utcnow",
]

#: The five-point lean scale; ``None`` on an outlet means unrated ("Other").
LEANS = ("left", "lean_left", "center", "lean_right", "right")

#: Article life cycle. Each stage picks the rows in the state before it.
#: queued (a feed's entries past NEWSPRISM_FEED_ENTRIES_PER_POLL, released by later polls)
#: → new (from a feed) → extracted | partial (page or feed summary) → ready (deduped)
#: → embedded → clustered; ``failed`` keeps the error on the row.
ARTICLE_STATES = (
    "queued", "new", "extracted", "partial", "ready", "embedded", "clustered", "failed"
)  # fmt: skip


def managed_by_schema(
    obj: Any, name: str | None, type_: str, reflected: bool, compare_to: Any
) -> bool:
    """Alembic filter: leave out the full-text search objects that migration 0002 makes by hand.

    They are SQLite FTS5 virtual tables (``*_fts*``) and PostgreSQL expression indexes
    (``ix_*_fts``) that the models cannot describe.
    """
    return "_fts" not in (name or "")


def utcnow() -> datetime:
    """The current time, timezone-aware UTC."""
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator[datetime]):
    """Stores UTC; always returns aware datetimes (SQLite keeps no zone)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        """Normalise to UTC on the way in."""
        if value is None:
            return None
        if value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        """Attach UTC on the way out."""
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    """Declarative base with stable constraint names (Alembic needs them on SQLite)."""

    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map = {datetime: UTCDateTime(), dict[str, Any]: JSON, list[Any]: JSON}


class Outlet(Base):
    """A news outlet: who publishes, where it leans and who says so."""

    __tablename__ = "outlet"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(120), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    domains: Mapped[list[Any]] = mapped_column(default=list)
    lean: Mapped[str | None] = mapped_column(String(20))
    lean_source: Mapped[str | None] = mapped_column(String(200))
    lean_as_of: Mapped[str | None] = mapped_column(String(10))
    factuality: Mapped[str | None] = mapped_column(String(20))
    factuality_source: Mapped[str | None] = mapped_column(String(200))
    factuality_as_of: Mapped[str | None] = mapped_column(String(10))
    # ownership and funding (migration 0008): who owns it, of which funding type, the owners
    # above ("News UK > News Corp") and who says so, as of when
    owner: Mapped[str | None] = mapped_column(String(200))
    owner_type: Mapped[str | None] = mapped_column(String(20), index=True)
    owner_chain: Mapped[str | None] = mapped_column(String(500))
    owner_source: Mapped[str | None] = mapped_column(String(200))
    owner_as_of: Mapped[str | None] = mapped_column(String(10))
    country: Mapped[str | None] = mapped_column(String(2))
    language: Mapped[str | None] = mapped_column(String(8))
    homepage: Mapped[str | None] = mapped_column(String(500))

    feeds: Mapped[list[Feed]] = relationship(back_populates="outlet")


class OutletDomain(Base):
    """Registered domain → outlet, for resolving article URLs."""

    __tablename__ = "outlet_domain"

    domain: Mapped[str] = mapped_column(String(253), primary_key=True)
    outlet_id: Mapped[int] = mapped_column(ForeignKey("outlet.id", ondelete="CASCADE"), index=True)


class Feed(Base):
    """One RSS/Atom/JSON feed of an outlet, with its polling state and health."""

    __tablename__ = "feed"

    id: Mapped[int] = mapped_column(primary_key=True)
    outlet_id: Mapped[int | None] = mapped_column(ForeignKey("outlet.id"), index=True)
    url: Mapped[str] = mapped_column(String(2000), unique=True)
    category_hint: Mapped[str | None] = mapped_column(String(40))
    etag: Mapped[str | None] = mapped_column(String(500))
    last_modified: Mapped[str | None] = mapped_column(String(100))
    next_poll_at: Mapped[datetime | None] = mapped_column(index=True)
    last_polled_at: Mapped[datetime | None]
    poll_interval: Mapped[int] = mapped_column(Integer, default=900)
    failures: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text)
    paused: Mapped[bool] = mapped_column(Boolean, default=False)
    entries_seen: Mapped[int] = mapped_column(Integer, default=0)

    outlet: Mapped[Outlet | None] = relationship(back_populates="feeds")


class Article(Base):
    """One article, from its feed entry to its story."""

    __tablename__ = "article"
    __table_args__ = (
        Index("ix_article_status_id", "status", "id"),
        Index("ix_article_published", "published_at"),
        Index("ix_article_feed_status", "feed_id", "status", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    outlet_id: Mapped[int | None] = mapped_column(ForeignKey("outlet.id"), index=True)
    feed_id: Mapped[int | None] = mapped_column(ForeignKey("feed.id"))
    url: Mapped[str] = mapped_column(String(2000))
    canonical_url: Mapped[str] = mapped_column(String(2000), unique=True)
    title: Mapped[str] = mapped_column(Text, default="")
    summary: Mapped[str] = mapped_column(Text, default="")
    text: Mapped[str] = mapped_column(Text, default="")
    author: Mapped[str | None] = mapped_column(String(500))
    image_url: Mapped[str | None] = mapped_column(String(2000))
    categories: Mapped[list[Any]] = mapped_column(default=list)
    published_at: Mapped[datetime | None]
    #: when a feed poll first stored the entry; an undated article is dated by it
    first_seen_at: Mapped[datetime | None]
    fetched_at: Mapped[datetime | None]
    lang: Mapped[str | None] = mapped_column(String(8))
    partial: Mapped[bool] = mapped_column(Boolean, default=False)
    content_hash: Mapped[str | None] = mapped_column(String(64), index=True)
    minhash: Mapped[bytes | None] = mapped_column(LargeBinary)
    syndicated_of: Mapped[int | None] = mapped_column(ForeignKey("article.id"), index=True)
    embedding: Mapped[bytes | None] = mapped_column(LargeBinary)
    entities: Mapped[list[Any] | None] = mapped_column(JSON)
    story_id: Mapped[int | None] = mapped_column(ForeignKey("story.id"), index=True)
    status: Mapped[str] = mapped_column(String(16), default="new")
    error: Mapped[str | None] = mapped_column(Text)
    attempts: Mapped[int] = mapped_column(Integer, default=0)

    outlet: Mapped[Outlet | None] = relationship()


def _live_index(name: str, *columns: str, blindspot: bool = False) -> tuple[Index]:
    """A partial index over live stories (and only blindspots, with *blindspot*)."""
    where = "merged_into IS NULL" + (" AND blindspot IS NOT NULL" if blindspot else "")
    return (Index(name, *columns, sqlite_where=text(where), postgresql_where=text(where)),)


class Story(Base):
    """A group of articles about one event, with the facts computed about it."""

    __tablename__ = "story"
    __table_args__ = (
        Index("ix_story_trending", "trending_score"),
        Index("ix_story_updated", "last_updated"),
        # The site lists live stories in these orders (migration 0003, figures in
        # BENCHMARKS.md "scale"): partial indexes over `merged_into IS NULL`, because
        # PostgreSQL does not treat an IS NULL prefix as an equality and would sort every
        # story. n_articles and merged_into last let the counts read an index alone
        # (SQLite needs every column the query names inside the index to skip the rows).
        *_live_index("ix_story_live_trending", "trending_score", "last_updated", "id"),
        *_live_index("ix_story_live_latest", "last_updated", "id", "n_articles", "merged_into"),
        *_live_index(
            "ix_story_live_category", "category", "last_updated", "n_articles", "merged_into"
        ),
        *_live_index(
            "ix_story_live_category_trending", "category", "trending_score", "last_updated", "id"
        ),
        # blindspots are few: without their own indexes a list of them walks every live
        # story in the list's order looking for one
        *_live_index(
            "ix_story_blindspot_trending", "trending_score", "last_updated", "id", blindspot=True
        ),
        *_live_index(
            "ix_story_blindspot_latest",
            "last_updated",
            "id",
            "n_articles",
            "merged_into",
            "blindspot",
            blindspot=True,
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(Text, default="")
    slug: Mapped[str] = mapped_column(String(200), default="")
    category: Mapped[str | None] = mapped_column(String(20), index=True)
    hashtags: Mapped[list[Any]] = mapped_column(default=list)
    regions: Mapped[list[Any]] = mapped_column(default=list)
    first_seen: Mapped[datetime]
    last_updated: Mapped[datetime]
    centroid: Mapped[bytes | None] = mapped_column(LargeBinary)
    n_articles: Mapped[int] = mapped_column(Integer, default=0)
    n_outlets: Mapped[int] = mapped_column(Integer, default=0)
    lean_counts: Mapped[dict[str, Any]] = mapped_column(default=dict)
    trending_score: Mapped[float] = mapped_column(Float, default=0.0)
    blindspot: Mapped[str | None] = mapped_column(String(20))
    merged_into: Mapped[int | None] = mapped_column(ForeignKey("story.id"))
    #: analyze_story() output: landscape, framing, sources, entities, timeline, …
    analysis: Mapped[dict[str, Any]] = mapped_column(default=dict)
    analyzed_at: Mapped[datetime | None]
    #: bumped whenever membership changes; analysis and briefs compare against it
    revision: Mapped[int] = mapped_column(Integer, default=0)
    analyzed_revision: Mapped[int] = mapped_column(Integer, default=-1)
    briefed_revision: Mapped[int] = mapped_column(Integer, default=-1)
    #: the story's picture (migration 0008): {"file", "article_id", "source_url", "outlet"}
    image: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    #: the revision the image was last chosen for; the image stage visits the others
    image_revision: Mapped[int] = mapped_column(Integer, default=-1, server_default="-1")
    #: the analyzed_revision whose timeline the timeline pass last relinked (migration 0011)
    linked_revision: Mapped[int] = mapped_column(Integer, default=-1, server_default="-1")

    articles: Mapped[list[Article]] = relationship(foreign_keys=[Article.story_id])


class Brief(Base):
    """A versioned story brief; every stored sentence carries citations."""

    __tablename__ = "brief"
    __table_args__ = (
        UniqueConstraint("story_id", "version"),
        # exactly one brief per story revision, whatever workers race (migration 0005)
        UniqueConstraint("story_id", "revision", name="uq_brief_story_revision"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    story_id: Mapped[int] = mapped_column(ForeignKey("story.id"), index=True)
    version: Mapped[int] = mapped_column(Integer)
    #: the story revision this brief was written for (NULL on briefs older than 0005)
    revision: Mapped[int | None] = mapped_column(Integer, nullable=True)
    generated_at: Mapped[datetime]
    synthesizer: Mapped[str] = mapped_column(String(40))
    #: {section: [{"text": str, "heading": str?, "citations": [{article_id, quote_span}]}]}
    sections: Mapped[dict[str, Any]] = mapped_column(default=dict)
    #: seconds, tokens, dropped sentences with reasons, fallbacks
    stats: Mapped[dict[str, Any]] = mapped_column(default=dict)
    #: the same brief under the other citation weighting(s): {"balanced": sections}, in the
    #: ``sections`` format; NULL when none was written (LLM briefs, briefs older than 0010).
    #: Deferred: only a reader asking for another weighting loads it.
    variants: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True, deferred=True)


class Job(Base):
    """At-least-once execution record of one stage on one key; failures dead-letter here."""

    __tablename__ = "job"
    __table_args__ = (UniqueConstraint("stage", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    stage: Mapped[str] = mapped_column(String(40))
    key: Mapped[str] = mapped_column(String(300))
    state: Mapped[str] = mapped_column(String(16), default="pending", index=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class Heartbeat(Base):
    """The last sign of life of one process: a Celery worker, the scheduler, the embedded pipeline.

    Each process rewrites its row every ``heartbeat_seconds``; a row whose ``beat_at`` is
    older than a few intervals belongs to a process that died (a clean stop writes
    ``state = "stopped"``). ``details`` holds what the process last reported (queues, the
    last feed poll's outcome, …).
    """

    __tablename__ = "heartbeat"

    name: Mapped[str] = mapped_column(String(300), primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))
    state: Mapped[str] = mapped_column(String(16))
    host: Mapped[str | None] = mapped_column(String(255))
    pid: Mapped[int | None] = mapped_column(Integer)
    details: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    started_at: Mapped[datetime] = mapped_column(default=utcnow)
    beat_at: Mapped[datetime] = mapped_column(default=utcnow)
