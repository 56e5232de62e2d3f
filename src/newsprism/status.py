"""What the system holds and where it is stuck: counts, states and errors per stage."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select

from newsprism.store.db import Store
from newsprism.store.schema import Article, Brief, Feed, Job, Outlet, Story

__all__ = ["collect_status"]

#: where an article with status "failed" failed, by the state it had reached
_STAGE_OF_STATE = {"new": "fetch", "extracted": "dedupe", "partial": "dedupe", "ready": "embed"}


def collect_status(store: Store) -> dict[str, Any]:
    """Counts of outlets, feeds, articles, stories, briefs; articles per state; errors per stage."""
    with store.session() as s:
        counts = {
            "outlets": s.scalar(select(func.count()).select_from(Outlet)) or 0,
            "feeds": s.scalar(select(func.count()).select_from(Feed)) or 0,
            "feeds_failing": s.scalar(select(func.count()).where(Feed.failures > 0)) or 0,
            "feeds_paused": s.scalar(select(func.count()).where(Feed.paused.is_(True))) or 0,
            "articles": s.scalar(select(func.count()).select_from(Article)) or 0,
            "stories": s.scalar(
                select(func.count()).select_from(Story).where(Story.merged_into.is_(None))
            )
            or 0,
            "briefs": s.scalar(select(func.count(func.distinct(Brief.story_id)))) or 0,
        }
        by_status = dict(
            s.execute(select(Article.status, func.count()).group_by(Article.status)).all()
        )
        errors: dict[str, int] = {"feeds": counts["feeds_failing"]}
        failed_rows = s.execute(
            select(Article.error, func.count())
            .where(Article.status == "failed")
            .group_by(Article.error)
        ).all()
        errors["articles"] = sum(n for _, n in failed_rows)
        for stage, n in s.execute(
            select(Job.stage, func.count())
            .where(Job.state.in_(("failed", "dead")))
            .group_by(Job.stage)
        ).all():
            errors[f"jobs:{stage}"] = n
        last_error = s.scalar(
            select(Feed.last_error).where(Feed.last_error.is_not(None)).order_by(Feed.id.desc())
        )
    return {
        "counts": counts,
        "articles_by_status": {str(k): int(v) for k, v in by_status.items()},
        "errors_by_stage": errors,
        "last_feed_error": last_error,
    }
