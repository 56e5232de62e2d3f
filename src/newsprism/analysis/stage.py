"""Analysis stage: analyze every story whose membership changed since its last analysis.

``analyze_stories(ctx)`` picks up to ``analysis_batch_size`` stories with
``revision > analyzed_revision`` (and not merged away), runs `analyze_story` on each in
its own transaction and sets ``analyzed_revision`` to the revision it read, so a story
that changes while it is analyzed is analyzed again. Every 10 minutes it also decays
the trending scores of all stories still trending (`refresh_trending`). A story whose
analysis fails keeps the error in ``story.analysis["error"]`` and is retried when it
changes next — the stage never loops on one bad story. A call that drains the backlog
then relinks the timelines of the stories analysed since their last relink
(`relink_timelines`), so the timelines do not depend on the order of analysis.
"""

from __future__ import annotations

import importlib
import logging

from sqlalchemy import select

from newsprism.analysis.category import TextEmbedder
from newsprism.analysis.story import (
    analyze_story,
    fill_entities,
    framing_background,
    relink_timelines,
)
from newsprism.analysis.trending import refresh_trending
from newsprism.errors import NewsPrismError
from newsprism.pipeline import StageContext, StageReport
from newsprism.store.db import claim_rows, is_lock_conflict, try_stage_lock, yield_to_writers
from newsprism.store.schema import Story, utcnow

__all__ = ["analyze_stories"]

log = logging.getLogger(__name__)

#: Seconds between two refreshes of the decaying trending scores (a score changes by
#: 2 % in 10 minutes with the default 6 h half-life, invisible in a ranking).
TRENDING_REFRESH_SECONDS = 600.0
#: Stories relinked per transaction (4 ms each: 169 stories of a 400-article replay in 0.66 s).
TIMELINE_PASS_BATCH = 200


def analyze_stories(ctx: StageContext) -> StageReport:
    """Analyze a batch of changed stories."""
    report = StageReport("analyze_stories")
    with ctx.store.session() as session:
        pending = session.execute(
            select(Story.id, Story.revision)
            .where(Story.revision > Story.analyzed_revision, Story.merged_into.is_(None))
            .order_by(Story.last_updated.desc())
            .limit(ctx.settings.analysis_batch_size)
        ).all()
    if pending:
        try:
            with ctx.store.session() as session:
                yield_to_writers(session)
                computed = fill_entities(session, [story_id for story_id, _ in pending])
            report.details["entities_computed"] = computed
        except Exception as exc:  # each story below retries on its own and records its error
            if is_lock_conflict(exc) or is_lock_conflict(exc.__cause__ or exc):
                log.info("batched entity recognition met a busy row; story by story instead")
            else:
                log.exception("batched entity recognition failed; falling back to story by story")
    background = None
    if pending:  # one count of the store's newest articles serves the whole batch
        with ctx.store.session() as session:
            background = framing_background(session)
    for story_id, _revision in pending:
        try:
            with ctx.store.session() as session:
                # claim the story (skip it if another worker has it), yielding to the
                # clustering stage on any lock wait: see `yield_to_writers`
                yield_to_writers(session)
                claimed = claim_rows(
                    session,
                    select(Story.id).where(
                        Story.id == story_id,
                        Story.revision > Story.analyzed_revision,
                        Story.merged_into.is_(None),
                    ),
                    scalars=False,
                )
                if not claimed:
                    report.details["skipped_claimed"] = report.details.get("skipped_claimed", 0) + 1
                    continue
                analyze_story(
                    session,
                    story_id,
                    settings=ctx.settings,
                    embedder=_category_embedder(ctx),
                    background=background,
                )
            report.processed += 1
        except Exception as exc:  # one bad story must not stop the batch
            if is_lock_conflict(exc) or is_lock_conflict(exc.__cause__ or exc):
                # clustering holds the story or its articles: it gets a new revision and
                # is analyzed again then; nothing is recorded as an error
                report.details["deferred"] = report.details.get("deferred", 0) + 1
                continue
            log.exception("analysis of story %s failed", story_id)
            report.failed += 1
            _record_analysis_error(ctx, story_id, exc)
    report.details["analyzed"] = report.processed
    if len(pending) < ctx.settings.analysis_batch_size:  # the backlog is drained
        report.details["timelines_relinked"] = _relink_timelines(ctx)
    report.details["trending_refreshed"] = _refresh_trending_now_and_then(ctx)
    return report


def _relink_timelines(ctx: StageContext) -> int:
    """Relink every timeline analysed since its last relink (`relink_timelines`), in batches.

    Each batch is its own transaction; a busy row leaves the rest to the next drained call.
    """
    total = 0
    while True:
        try:
            with ctx.store.session() as session:
                yield_to_writers(session)
                if not try_stage_lock(session, "relink_timelines"):
                    return total  # another worker relinks: one pass at a time
                done = relink_timelines(session, ctx.settings, limit=TIMELINE_PASS_BATCH)
        except Exception as exc:
            if is_lock_conflict(exc) or is_lock_conflict(exc.__cause__ or exc):
                return total
            raise
        total += done
        if done < TIMELINE_PASS_BATCH:
            return total


def _record_analysis_error(ctx: StageContext, story_id: int, exc: Exception) -> None:
    """Keep the error on the story and mark its current revision analyzed (no retry loop)."""
    with ctx.store.session() as session:
        yield_to_writers(session)
        story = session.get(Story, story_id)
        if story is not None and story.analyzed_revision < story.revision:
            story.analysis = {"error": f"{type(exc).__name__}: {exc}", "revision": story.revision}
            story.analyzed_revision = story.revision
            story.analyzed_at = utcnow()


def _category_embedder(ctx: StageContext) -> TextEmbedder | None:
    """Return the sentence model that made the story centroids (for category prototypes).

    Only with ``embedder = "minilm"``: the hashing embedder of tests has no semantics to
    compare with a category description. Without the model (not installed, not
    loadable) categories come from hints and keywords alone.
    """
    if ctx.settings.embedder != "minilm":
        return None
    if "analysis.no_embedder" in ctx.resources:
        return None
    try:
        # the stories area owns nlp.embed (contract: pipeline_embedder(ctx) -> Embedder)
        embedder: TextEmbedder = importlib.import_module("newsprism.nlp.embed").pipeline_embedder(
            ctx
        )
    except (ImportError, NotImplementedError, NewsPrismError) as exc:
        log.warning("categories without the sentence model (%s): hints and keywords only", exc)
        ctx.resources["analysis.no_embedder"] = True
        return None
    return embedder


def _refresh_trending_now_and_then(ctx: StageContext) -> int:
    """Decay trending scores at most every `TRENDING_REFRESH_SECONDS` (not counted as work)."""
    now = utcnow()
    last = ctx.resources.get("analysis.trending_refreshed_at")
    if last is not None and (now - last).total_seconds() < TRENDING_REFRESH_SECONDS:
        return 0
    ctx.resources["analysis.trending_refreshed_at"] = now
    try:
        with ctx.store.session() as session:
            yield_to_writers(session)
            return refresh_trending(
                session, now, half_life_hours=ctx.settings.trending_half_life_hours
            )
    except Exception as exc:
        if is_lock_conflict(exc) or is_lock_conflict(exc.__cause__ or exc):
            # the scores are refreshed again at the next story analysis or next round
            ctx.resources.pop("analysis.trending_refreshed_at", None)
            return 0
        raise
