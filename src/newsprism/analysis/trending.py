"""Trending score: how fast new outlets pick a story up, with exponential decay.

    score = Σ over distinct outlets  exp(−ln 2 · age_o / half_life) / half_life_hours

where age_o is the time since outlet *o* first carried the story (its earliest article's
published time, or fetch time when that is missing or in the future). A story that 12
outlets picked up in the last hour scores ≈ 12 / half_life; one picked up by the same 12
outlets a day ago (half-life 6 h) scores 16x less. The unit is "new outlets per hour".
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import UTC, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from newsprism.analysis.articles import StoryArticle
from newsprism.store.schema import Article, Story

__all__ = ["refresh_trending", "trending_score"]


def trending_score(
    articles: Sequence[StoryArticle], now: datetime, *, half_life_hours: float = 6.0
) -> float:
    """Decayed count of distinct outlets per hour (see module docstring)."""
    first_seen: dict[str, datetime] = {}
    for art in articles:
        when = art.published_at
        if when is None or when > now:
            when = art.fetched_at
        if when is None:
            continue
        key = art.outlet_key
        if key not in first_seen or when < first_seen[key]:
            first_seen[key] = when
    rate = math.log(2) / half_life_hours
    score = 0.0
    for when in first_seen.values():
        age_hours = max(0.0, (now - when).total_seconds() / 3600)
        score += math.exp(-rate * age_hours)
    return round(score / half_life_hours, 6)


def refresh_trending(
    session: Session, now: datetime, *, half_life_hours: float = 6.0, floor: float = 1e-4
) -> int:
    """Recompute the decayed score of every story still above *floor*; return how many.

    Scores are written at analysis time and would otherwise freeze; this keeps the home
    page ranking current between analyses. One grouped query gives each story's outlets
    and their first appearance.
    """
    ids = list(session.scalars(select(Story.id).where(Story.trending_score > floor)))
    if not ids:
        return 0
    first = func.min(func.coalesce(Article.published_at, Article.fetched_at))
    rows = session.execute(
        select(Article.story_id, Article.outlet_id, func.min(Article.url), first)
        .where(Article.story_id.in_(ids))
        .group_by(Article.story_id, Article.outlet_id)
    ).all()
    per_story: dict[int, list[StoryArticle]] = {sid: [] for sid in ids}
    for story_id, outlet_id, url, when in rows:
        if isinstance(when, str):  # SQLite returns the aggregate as text
            when = datetime.fromisoformat(when)
        if when is not None and when.tzinfo is None:
            when = when.replace(tzinfo=UTC)
        if story_id is None:
            continue
        per_story[story_id].append(
            StoryArticle(id=0, title="", text="", url=url, outlet_id=outlet_id, published_at=when)
        )
    for story_id, arts in per_story.items():
        story = session.get(Story, story_id)
        if story is not None:
            story.trending_score = trending_score(arts, now, half_life_hours=half_life_hours)
    return len(ids)
