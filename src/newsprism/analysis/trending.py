"""Trending score: how many outlets are covering a story now, with exponential decay.

    score = breadth · Σ over distinct outlets  exp(−ln 2 · age_o / half_life) / half_life_hours
    breadth = 1 + LEAN_BONUS · (sides covering the story − 1)

where age_o is the time since outlet *o* last wrote on the story (its newest article's
published time, or fetch time when that is missing or in the future). A story that 12
outlets wrote on in the last hour scores ≈ 12 / half_life; one the same 12 outlets last
wrote on a day ago (half-life 12 h) scores 4x less. The half-life is half a news cycle: with
6 h, the 2019-11-11 replay's 18-outlet impeachment story (its outlets' newest articles 17
hours to three weeks old) ranked under a two-outlet analysis piece of that morning; a story
a dozen outlets carried yesterday is still the day's news. The unit is "outlets per hour"; a
story that left, center and right all carry counts double (`LEAN_BONUS`). The newest article
counts, not the first: an ongoing story that seven outlets have followed for a week and
write on again today leads a one-outlet piece of this morning (on the replayed 2018-07-16
window the first-article rule scored the 7-outlet Manafort trial 0.0004 and the newest story
of the window, also 7 outlets, 0.0 — both under one-outlet opinion pieces).

An outlet that wrote only opinion on a story (`nlp.opinion.is_opinion`: a column, an op-ed,
an editorial) counts `OPINION_WEIGHT` of an outlet: at the end of a replayed window
("OPINION: Character Is Destiny", a one-outlet listicle of the media's "rake-stepping") one
outlet's columns of the last evening stood among the top stories above the day's reported
news. The analysis stage stores those outlets in ``analysis["opinion_outlets"]``.

Ages are measured from the newest article in the store (`reference_time`), not from the
wall clock: after a bulk import of old articles the scores still rank the newest, widest
stories first instead of decaying everything to zero and falling back to "latest". Between
two bare dates (midnight UTC: a feed that gives the day only) an age counts
`BARE_DATE_GRACE_HOURS` less, as the clusterer's idle time does.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Sequence
from datetime import UTC, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from newsprism.analysis.articles import StoryArticle
from newsprism.config import Settings
from newsprism.store.schema import Article, Outlet, Story

__all__ = [
    "BARE_DATE_GRACE_HOURS",
    "HALF_LIFE_HOURS",
    "LEAN_BONUS",
    "OPINION_WEIGHT",
    "reference_time",
    "refresh_trending",
    "trending_score",
]

#: Extra weight per additional side (left / center / right) covering a story: a story
#: all three sides carry ranks as if twice as many outlets had it. With 0.5 the
#: 17-outlet, three-sided Mueller story of the baly2020 replay leads a one-outlet opinion
#: piece of the same day by 34 to 1.
LEAN_BONUS = 0.5


#: What an outlet that wrote only opinion on a story counts, against 1 for one that reported.
OPINION_WEIGHT = 0.5


#: The default half-life: the setting's (`trending_half_life_hours`), written once there.
HALF_LIFE_HOURS: float = float(Settings.model_fields["trending_half_life_hours"].default)

#: Hours a bare date's age counts less (see `trending_score`).
BARE_DATE_GRACE_HOURS = 12.0


def _bare_date(when: datetime) -> bool:
    """Whether *when* is a date without a time of day: exactly midnight UTC."""
    moment = when if when.tzinfo is not None else when.replace(tzinfo=UTC)
    moment = moment.astimezone(UTC)
    return (moment.hour, moment.minute, moment.second, moment.microsecond) == (0, 0, 0, 0)


def reference_time(session: Session, now: datetime) -> datetime:
    """The publication time of the newest article not in the future (else *now*)."""
    newest = session.scalar(
        select(func.max(Article.published_at)).where(Article.published_at <= now)
    )
    if isinstance(newest, str):  # SQLite returns the aggregate as text
        newest = datetime.fromisoformat(newest)
    if newest is None:
        return now
    if newest.tzinfo is None:
        newest = newest.replace(tzinfo=UTC)
    return min(now, newest)


def trending_score(
    articles: Sequence[StoryArticle],
    now: datetime,
    *,
    half_life_hours: float = HALF_LIFE_HOURS,
    opinion_outlets: Collection[str] = (),
) -> float:
    """Decayed count of distinct outlets per hour times lean breadth (module docstring).

    Outlets in *opinion_outlets* (their `StoryArticle.outlet_key`) count `OPINION_WEIGHT`.
    """
    last_seen: dict[str, datetime] = {}
    sides = {art.side for art in articles if art.side is not None}
    for art in articles:
        when = art.published_at
        if when is None or when > now:
            when = art.fetched_at
        if when is None:
            continue
        key = art.outlet_key
        if key not in last_seen or when > last_seen[key]:
            last_seen[key] = when
    rate = math.log(2) / half_life_hours
    score = 0.0
    for key, when in last_seen.items():
        weight = OPINION_WEIGHT if key in opinion_outlets else 1.0
        age_hours = max(0.0, (now - when).total_seconds() / 3600)
        if _bare_date(when) and _bare_date(now):
            # two bare dates (midnight UTC, a feed that gives the day only): yesterday's
            # article is not a full day older than today's, so half a day counts less (as
            # the clusterer's `date_grace_hours`); else a 12-outlet story of yesterday
            # ranked under today's one-outlet column on a replay
            age_hours = max(0.0, age_hours - BARE_DATE_GRACE_HOURS)
        score += weight * math.exp(-rate * age_hours)
    breadth = 1.0 + LEAN_BONUS * max(0, len(sides) - 1)
    return round(breadth * score / half_life_hours, 6)


def refresh_trending(
    session: Session,
    now: datetime,
    *,
    half_life_hours: float = HALF_LIFE_HOURS,
    floor: float = 1e-4,
) -> int:
    """Recompute the decayed score of every story still above *floor*; return how many.

    Scores are written at analysis time and would otherwise freeze; this keeps the home
    page ranking current between analyses. One grouped query gives each story's outlets,
    their lean and their newest article. Ages count from `reference_time`.
    """
    now = reference_time(session, now)
    ids = list(session.scalars(select(Story.id).where(Story.trending_score > floor)))
    if not ids:
        return 0
    newest = func.max(func.coalesce(Article.published_at, Article.fetched_at))
    rows = session.execute(
        select(Article.story_id, Article.outlet_id, Outlet.lean, func.min(Article.url), newest)
        .outerjoin(Outlet, Article.outlet_id == Outlet.id)
        .where(Article.story_id.in_(ids))
        .group_by(Article.story_id, Article.outlet_id, Outlet.lean)
    ).all()
    per_story: dict[int, list[StoryArticle]] = {sid: [] for sid in ids}
    for story_id, outlet_id, lean, url, when in rows:
        if isinstance(when, str):  # SQLite returns the aggregate as text
            when = datetime.fromisoformat(when)
        if when is not None and when.tzinfo is None:
            when = when.replace(tzinfo=UTC)
        if story_id is None:
            continue
        per_story[story_id].append(
            StoryArticle(
                id=0, title="", text="", url=url, outlet_id=outlet_id, lean=lean, published_at=when
            )
        )
    for story_id, arts in per_story.items():
        story = session.get(Story, story_id)
        if story is not None:
            opinion = (story.analysis or {}).get("opinion_outlets") or ()
            story.trending_score = trending_score(
                arts, now, half_life_hours=half_life_hours, opinion_outlets=opinion
            )
    return len(ids)
