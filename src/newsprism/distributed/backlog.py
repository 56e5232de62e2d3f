"""How much work is waiting for each stage, read from the store (the single source of truth)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import ColumnElement, Select, false, func, or_, select
from sqlalchemy.orm import Session

from newsprism.config import Settings
from newsprism.store.schema import Article, Feed, Story, utcnow

__all__ = ["ARTICLE_INPUT", "oldest_waiting", "stage_backlog"]

#: the article states each article stage consumes (schema.ARTICLE_STATES)
ARTICLE_INPUT: dict[str, tuple[str, ...]] = {
    "fetch_articles": ("new",),
    "dedupe_articles": ("extracted", "partial"),
    "embed_articles": ("ready",),
    "cluster_articles": ("embedded",),
}


def _story_input(stage: str, settings: Settings) -> ColumnElement[bool]:
    if stage == "analyze_stories":
        return Story.analyzed_revision < Story.revision
    return (
        (Story.briefed_revision < Story.revision)
        & (Story.analyzed_revision == Story.revision)
        & (Story.n_outlets >= settings.min_outlets_for_brief)
    )


#: When an article reached the store: fetched, else first seen in a feed (a poll stored it,
#: the page is not fetched yet), else published (imported rows). Publication alone would
#: make a replay of 2019 articles lag by years.
_ARRIVED = func.coalesce(Article.fetched_at, Article.first_seen_at, Article.published_at)

#: Stories whose picture has not been chosen for their current membership.
_IMAGE_DUE = (
    Story.merged_into.is_(None),
    Story.n_articles > 0,
    Story.image_revision < Story.revision,
)


def stage_backlog(session: Session, stage: str, settings: Settings) -> int:
    """Rows waiting for *stage*: due feeds, articles in its input state, or stale stories."""
    if stage == "poll_feeds":
        due = or_(Feed.next_poll_at.is_(None), Feed.next_poll_at <= utcnow())
        return int(session.scalar(select(func.count()).where(Feed.paused == false(), due)) or 0)
    if stage == "cluster_articles":
        # what the stage would take now: an article held back for an older one still on
        # its way is not due yet (a job for it would find nothing to do)
        from newsprism.stories.stage import cluster_due

        where = cluster_due(settings, utcnow())
        return int(session.scalar(select(func.count()).where(where)) or 0)
    if stage in ARTICLE_INPUT:
        where = Article.status.in_(ARTICLE_INPUT[stage])
        return int(session.scalar(select(func.count()).where(where)) or 0)
    if stage in ("analyze_stories", "synthesize_briefs"):
        open_story = Story.merged_into.is_(None) & _story_input(stage, settings)
        return int(session.scalar(select(func.count()).where(open_story)) or 0)
    if stage == "fetch_images" and settings.story_images:
        return int(session.scalar(select(func.count()).where(*_IMAGE_DUE)) or 0)
    return 0


def _stories_waiting_since(*where: ColumnElement[bool]) -> Select[Any]:
    """The earliest, over the stories matching *where*, of their newest article's arrival.

    A story without articles counts from its ``last_updated``.
    """
    arrived = func.max(func.coalesce(_ARRIVED, Story.last_updated))
    newest = (
        select(arrived.label("arrived"))
        .select_from(Story)
        .outerjoin(Article, Article.story_id == Story.id)
        .where(*where)
        .group_by(Story.id)
        .subquery()
    )
    return select(func.min(newest.c.arrived))


def oldest_waiting(session: Session, stage: str, settings: Settings) -> datetime | None:
    """Since when the oldest item waiting for *stage* has been waiting.

    Articles: when they arrived (fetched, else first seen in a feed, else published);
    feeds: when their poll fell due; stories: when their newest article arrived (their
    membership last changed). A story's ``last_updated`` is story time, the newest
    publication date: after an import or a replay it lies years back and would report years
    of lag for work that came in now.
    """
    if stage == "poll_feeds":
        query = select(func.min(Feed.next_poll_at)).where(
            Feed.paused == false(), Feed.next_poll_at <= utcnow()
        )
    elif stage in ARTICLE_INPUT:
        arrived = func.min(_ARRIVED)
        query = select(arrived).where(Article.status.in_(ARTICLE_INPUT[stage]))
    elif stage in ("analyze_stories", "synthesize_briefs"):
        query = _stories_waiting_since(Story.merged_into.is_(None), _story_input(stage, settings))
    elif stage == "fetch_images" and settings.story_images:
        query = _stories_waiting_since(*_IMAGE_DUE)
    else:
        return None
    value = session.scalar(query)
    if isinstance(value, str):  # SQLite returns the raw text of a computed column
        value = datetime.fromisoformat(value)
    if isinstance(value, datetime) and value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value
