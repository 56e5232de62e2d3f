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
from datetime import datetime

from newsprism.analysis.articles import StoryArticle

__all__ = ["trending_score"]


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
