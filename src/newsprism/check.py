"""Consistency checker: what must never be in the store, counted with examples.

``newsprism check [--json]`` and the fault tests run `check_store`. Each finding is a
count plus up to `EXAMPLES` ids an operator can look at:

- ``ghost_stories``: live stories that claim articles (``n_articles`` ≥ 1) but have no
  member article — left behind when articles were clustered a second time;
- ``twin_stories``: pairs of live, non-empty stories with the same title (a story and its
  re-clustered copy carry the same most-central headline);
- ``wrong_member_counts``: live stories whose ``n_articles`` is not their member count;
- ``impossible_articles``: an unknown status, ``clustered`` without a story (or with a
  merged-away story), a story without ``clustered``, ``embedded`` without a vector;
- ``impossible_stories``: ``analyzed_revision`` or ``briefed_revision`` ahead of
  ``revision``;
- ``briefs_per_revision``: (story, revision) pairs with more than one brief;
- ``stuck_jobs``: jobs queued/running/retrying and unheard of for longer than
  *stale_seconds*, and ``dead`` jobs (dead-lettered work, `newsprism jobs retry`).

The store is consistent when every count is 0.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session, aliased

from newsprism.store.db import Store
from newsprism.store.schema import Article, Brief, Job, Story, utcnow

__all__ = ["ARTICLE_STATUSES", "EXAMPLES", "check_store"]

#: every status an article may have (the chain, plus the two error ends)
ARTICLE_STATUSES = ("new", "extracted", "partial", "ready", "embedded", "clustered", "failed")
#: ids shown per finding
EXAMPLES = 10
#: row stage of worker heartbeats in the job table (not tasks)
_HEARTBEAT = "worker_heartbeat"


def _finding(session: Session, count_stmt: Any, ids_stmt: Any) -> dict[str, Any]:
    count = int(session.scalar(count_stmt) or 0)
    examples = [list(r) if len(r) > 1 else r[0] for r in session.execute(ids_stmt.limit(EXAMPLES))]
    return {"count": count, "examples": examples if count else []}


def _count(stmt: Any) -> Any:
    return select(func.count()).select_from(stmt.subquery())


def check_store(store: Store, *, stale_seconds: float = 600.0) -> dict[str, Any]:
    """Count every inconsistency (see the module docstring); ``consistent`` when none."""
    live = Story.merged_into.is_(None)
    members = (
        select(Article.story_id, func.count().label("n")).group_by(Article.story_id).subquery()
    )
    other = aliased(Story)
    with store.session() as s:
        ghosts = select(Story.id).where(
            live,
            Story.n_articles > 0,
            ~select(Article.id).where(Article.story_id == Story.id).exists(),
        )
        twins = (
            select(Story.id, other.id)
            .join(other, and_(Story.title == other.title, Story.id < other.id))
            .where(live, other.merged_into.is_(None), Story.n_articles > 0, other.n_articles > 0)
            .where(Story.title != "")
        )
        wrong = (
            select(Story.id)
            .outerjoin(members, members.c.story_id == Story.id)
            .where(live, Story.n_articles != func.coalesce(members.c.n, 0))
        )
        merged_story = aliased(Story)
        impossible_articles = (
            select(Article.id)
            .outerjoin(merged_story, merged_story.id == Article.story_id)
            .where(
                or_(
                    Article.status.not_in(ARTICLE_STATUSES),
                    and_(Article.status == "clustered", Article.story_id.is_(None)),
                    and_(Article.status != "clustered", Article.story_id.is_not(None)),
                    and_(Article.status == "embedded", Article.embedding.is_(None)),
                    merged_story.merged_into.is_not(None),
                )
            )
        )
        impossible_stories = select(Story.id).where(
            or_(Story.analyzed_revision > Story.revision, Story.briefed_revision > Story.revision)
        )
        per_revision = (
            select(Brief.story_id, Brief.revision)
            .where(Brief.revision.is_not(None))
            .group_by(Brief.story_id, Brief.revision)
            .having(func.count() > 1)
        )
        cutoff = utcnow() - timedelta(seconds=stale_seconds)
        stuck = select(Job.stage, Job.key, Job.state).where(
            Job.stage != _HEARTBEAT,
            or_(
                Job.state == "dead",
                and_(Job.state.in_(("queued", "running", "retrying")), Job.updated_at < cutoff),
            ),
        )
        findings = {
            "ghost_stories": _finding(s, _count(ghosts), ghosts.order_by(Story.id)),
            "twin_stories": _finding(s, _count(twins), twins.order_by(Story.id)),
            "wrong_member_counts": _finding(s, _count(wrong), wrong.order_by(Story.id)),
            "impossible_articles": _finding(
                s, _count(impossible_articles), impossible_articles.order_by(Article.id)
            ),
            "impossible_stories": _finding(
                s, _count(impossible_stories), impossible_stories.order_by(Story.id)
            ),
            "briefs_per_revision": _finding(
                s, _count(per_revision), per_revision.order_by(Brief.story_id)
            ),
            "stuck_jobs": _finding(s, _count(stuck), stuck.order_by(Job.id)),
        }
        totals = {
            "articles": int(s.scalar(select(func.count()).select_from(Article)) or 0),
            "live_stories": int(s.scalar(select(func.count()).select_from(Story).where(live)) or 0),
            "briefs": int(s.scalar(select(func.count()).select_from(Brief)) or 0),
        }
    problems = sum(f["count"] for f in findings.values())
    return {"consistent": problems == 0, "problems": problems, "totals": totals, **findings}
