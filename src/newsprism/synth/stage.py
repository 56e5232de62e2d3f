"""Brief stage: write a new, guarded brief version for stories whose coverage grew.

``synthesize_briefs(ctx)`` picks stories that

* have at least ``settings.min_outlets_for_brief`` outlets,
* are analyzed at their current revision (``analyzed_revision == revision``),
* have ``briefed_revision < revision``, and
* gained *substantial new coverage* since their last brief: there is no brief yet, or the
  number of outlets grew by at least 25% or by at least 3 (`substantial_growth`).

A story that changed without substantial growth gets ``briefed_revision = revision`` and
keeps its brief, so it is not looked at again until its next change. Each brief is written
as version n+1 with the synthesizer's name and ``stats`` (seconds, tokens and cost for the
LLM, dropped sentences with reasons, fallbacks). Outlets rated below
``settings.min_factuality`` are left out of the brief's inputs.

The extractive synthesizer writes the brief under the site's weighting
(``settings.brief_weighting``, "coverage" by default) into ``sections`` and the same brief
under the other weighting into ``variants`` ({"balanced": sections}); each goes through the
faithfulness guard and the page dedupe on its own, so either page a reader picks is guarded
and shows each sentence once.
"""

from __future__ import annotations

import importlib
import logging
import time
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from newsprism.config import FACTUALITY_LEVELS, Settings
from newsprism.pipeline import StageContext, StageReport
from newsprism.store.db import claim_rows, is_lock_conflict, yield_to_writers
from newsprism.store.schema import Article, Brief, Job, Outlet, Story, utcnow
from newsprism.stories.stage import slugify
from newsprism.synth.brief import ArticleInput, StoryInput
from newsprism.synth.brief import Brief as BriefData
from newsprism.synth.compose import dedupe_page
from newsprism.synth.extractive import (
    TEMPLATE_WORDS,
    WEIGHTINGS,
    ExtractiveSynthesizer,
    Synthesizer,
    side_outlets,
)
from newsprism.synth.guard import FaithfulnessGuard
from newsprism.synth.semantic import MemoEncoder, SentenceEncoder

__all__ = [
    "BATCH",
    "build_guard",
    "build_synthesizer",
    "load_story_input",
    "substantial_growth",
    "synthesize_briefs",
    "write_brief",
]

log = logging.getLogger(__name__)

#: Stories per stage run: a brief takes ~0.1–0.5 s extractive, so a batch stays under a minute.
BATCH = 50
#: Outlet growth that earns a new brief: +25% or +3 outlets, whichever comes first. One more
#: outlet on a 20-outlet story rarely changes what a brief says; three more usually adds a
#: new angle.
GROWTH_SHARE = 0.25
GROWTH_OUTLETS = 3
#: Page sentences whose MiniLM vectors the stage keeps for the page dedupe (~1.5 kB each,
#: ~30 MB): enough for the sentences of a few hundred recent briefs, so a story briefed again
#: as it grows, and its balanced page, embed only their new sentences.
PAGE_VECTORS = 20_000


def substantial_growth(outlets_now: int, outlets_at_last_brief: int | None) -> bool:
    """Tell whether a story with *outlets_now* outlets deserves a new brief (see module doc)."""
    if outlets_at_last_brief is None:
        return True
    grown = outlets_now - outlets_at_last_brief
    return grown >= GROWTH_OUTLETS or grown >= GROWTH_SHARE * max(outlets_at_last_brief, 1)


def build_guard(settings: Settings, encoder: SentenceEncoder | None = None) -> FaithfulnessGuard:
    """Build the faithfulness guard with *encoder*, else the shared all-MiniLM-L6-v2 encoder.

    The entailment step is on when ``settings.guard_nli`` is set and its model is installed.
    """
    from newsprism.synth.nli import shared_scorer
    from newsprism.synth.roles import RoleChecker
    from newsprism.synth.semantic import shared_encoder

    return FaithfulnessGuard(
        encoder or shared_encoder(),
        min_similarity=settings.guard_min_similarity,
        min_coverage=settings.guard_min_coverage,
        allowed_words=TEMPLATE_WORDS,
        nli=shared_scorer() if settings.guard_nli else None,
        max_not_entailed=settings.guard_nli_max_score,
        roles=RoleChecker(),
    )


def build_synthesizer(settings: Settings) -> Synthesizer:
    """Build the synthesizer named by ``settings.synthesizer``."""
    if settings.synthesizer == "llm":
        from newsprism.synth.llm import LLMSynthesizer

        return LLMSynthesizer.from_settings(settings)
    return ExtractiveSynthesizer(weighting=settings.brief_weighting)


def _passes_factuality(factuality: str | None, minimum: str) -> bool:
    try:
        registry = importlib.import_module("newsprism.outlets.registry")
        rule = registry.passes_factuality
    except (ImportError, AttributeError):
        # the registry's own rule is not in this build yet: same scale, unrated outlets pass
        if not minimum or factuality not in FACTUALITY_LEVELS:
            return True
        return FACTUALITY_LEVELS.index(factuality) <= FACTUALITY_LEVELS.index(minimum)
    return bool(rule(factuality, minimum))


def load_story_input(session: Session, story: Story, settings: Settings) -> StoryInput:
    """Load the synthesizers' view of *story*: articles (factuality-filtered), analysis."""
    rows = session.execute(
        select(Article, Outlet)
        .outerjoin(Outlet, Article.outlet_id == Outlet.id)
        .where(Article.story_id == story.id)
        .order_by(Article.id)
    ).all()
    articles = []
    for article, outlet in rows:
        if outlet is not None and not _passes_factuality(
            outlet.factuality, settings.min_factuality
        ):
            continue
        articles.append(
            ArticleInput(
                article_id=article.id,
                outlet=outlet.name
                if outlet is not None
                else (article.url.split("/")[2:3] or ["?"])[0],
                lean=outlet.lean if outlet is not None else None,
                title=article.title or "",
                text=article.text or article.summary or "",
                outlet_id=article.outlet_id,
                published_at=article.published_at,
                syndicated_of=article.syndicated_of,
                url=article.url or "",
                author=article.author,
            )
        )
    return StoryInput(story.id, story.title, articles, dict(story.analysis or {}))


def write_brief(
    session: Session,
    story: Story,
    brief: BriefData,
    variants: dict[str, BriefData] | None = None,
) -> int:
    """Store *brief* (and its *variants* by weighting) as the next version; returns it."""
    latest = session.scalar(select(func.max(Brief.version)).where(Brief.story_id == story.id))
    version = (latest or 0) + 1
    session.add(
        Brief(
            story_id=story.id,
            version=version,
            revision=story.revision,
            generated_at=utcnow(),
            synthesizer=brief.synthesizer,
            sections=brief.sections_json(),
            stats=brief.stats,
            variants={k: v.sections_json() for k, v in variants.items()} if variants else None,
        )
    )
    story.briefed_revision = story.revision
    if brief.headline:
        # the card shows the page's headline: one title for the story everywhere, its link
        # too ("/story/169/diplomat-bolton-warned-him-…-read-newsmax" was the slug of a
        # clustering title the page no longer showed, on the 2019-10 replay)
        story.title = brief.headline
        story.slug = slugify(brief.headline, story.id)
    return version


def synthesize_briefs(ctx: StageContext) -> StageReport:
    """Write briefs for a batch of stories (selection rule in the module docstring)."""
    settings = ctx.settings
    report = StageReport("synthesize_briefs")
    synthesizer: Synthesizer = ctx.resource("synthesizer", lambda: build_synthesizer(settings))
    guard: FaithfulnessGuard = ctx.resource(
        "faithfulness_guard", lambda: build_guard(settings, _pipeline_minilm(ctx))
    )
    vectors: MemoEncoder | None = ctx.resource(
        "page_vectors",
        lambda: MemoEncoder(guard.encoder, PAGE_VECTORS) if guard.encoder is not None else None,
    )
    skipped = 0
    wanted = _brief_wanted(settings)
    with ctx.store.session() as session:
        candidates = list(
            session.scalars(
                select(Story.id)
                .where(*wanted)
                .order_by(Story.last_updated.desc(), Story.id)
                .limit(BATCH)
            )
        )
    for story_id in candidates:
        try:
            # one transaction per story, holding the story row: a second worker skips it,
            # and the conditions are checked again on the locked row (exactly one brief
            # per revision; the unique key on (story_id, revision) backs this up)
            with ctx.store.session() as session:
                yield_to_writers(session)
                claimed = claim_rows(session, select(Story).where(Story.id == story_id, *wanted))
                if not claimed:
                    report.details["skipped_claimed"] = report.details.get("skipped_claimed", 0) + 1
                    continue
                outcome = _brief_story(
                    session, claimed[0], synthesizer, guard, settings, report, vectors
                )
                skipped += outcome == "skipped"
        except Exception as exc:
            if not (is_lock_conflict(exc) or is_lock_conflict(exc.__cause__ or exc)):
                raise
            # clustering holds the story: it is briefed at its next revision or next run
            report.details["deferred"] = report.details.get("deferred", 0) + 1
    report.details["skipped_small_growth"] = skipped
    return report


def _brief_wanted(settings: Settings) -> tuple[Any, ...]:
    """The conditions of a story that may need a brief (see the module docstring)."""
    return (
        Story.merged_into.is_(None),
        Story.n_outlets >= settings.min_outlets_for_brief,
        Story.analyzed_revision == Story.revision,
        Story.briefed_revision < Story.revision,
    )


def _brief_story(
    session: Session,
    story: Story,
    synthesizer: Synthesizer,
    guard: FaithfulnessGuard,
    settings: Settings,
    report: StageReport,
    vectors: SentenceEncoder | None,
) -> str:
    """Brief one claimed story in *session*: "written", "skipped" (small growth) or "failed"."""
    last = session.scalars(
        select(Brief).where(Brief.story_id == story.id).order_by(Brief.version.desc())
    ).first()
    before = None if last is None else int((last.stats or {}).get("n_outlets", 0))
    if not substantial_growth(story.n_outlets, before):
        story.briefed_revision = story.revision
        return "skipped"
    started = time.perf_counter()
    try:
        data = load_story_input(session, story, settings)
        brief, variants = _write_variants(synthesizer, data)
        # the variants, and the next brief of this story, share most sentences: each
        # distinct one is embedded once while it stays in the memo
        brief = _finish(brief, guard, vectors)
        variants = {name: _finish(v, guard, vectors) for name, v in variants.items()}
    except Exception as exc:
        # recorded as a failed job and on the report; the story is retried when its
        # coverage changes (a new revision), not in a loop at this one
        log.exception("brief for story %s failed", story.id)
        _record_failure(session, story, exc)
        story.briefed_revision = story.revision
        report.failed += 1
        report.details.setdefault("errors", []).append(f"story {story.id}: {exc}")
        return "failed"
    brief.stats.update(_stats(brief, story, started))
    for name, variant in variants.items():
        # what the guard and the dedupe dropped from the variant, for the record
        brief.stats.setdefault("variants", {})[name] = {
            "sentences": sum(len(v) for v in variant.sections.values()),
            "dropped": len(variant.stats.get("dropped", [])),
        }
    version = write_brief(session, story, brief, variants)
    log.info("story %s: brief v%d, %d sections, %d dropped", story.id, version,
             len(brief.sections), len(brief.stats.get("dropped", [])))  # fmt: skip
    report.processed += 1
    return "written"


def _write_variants(
    synthesizer: Synthesizer, data: StoryInput
) -> tuple[BriefData, dict[str, BriefData]]:
    """The brief under the synthesizer's weighting, and the others (extractive only).

    The LLM synthesizer writes one brief: a second request per story would double its cost.
    """
    if not isinstance(synthesizer, ExtractiveSynthesizer):
        return synthesizer.brief(data), {}
    if weighting_is_moot(data):
        # one side, or every side with as many outlets: both weightings give equal turns,
        # so the second page would be the first one again at twice the cost
        return synthesizer.brief(data), {}
    main = synthesizer.weighting
    order = [main, *(w for w in WEIGHTINGS if w != main)]
    briefs = synthesizer.brief_variants(data, order)
    return briefs.pop(main), briefs


def weighting_is_moot(data: StoryInput) -> bool:
    """Tell whether coverage and balanced weighting pick alike: one side, or equal counts."""
    counts = {n for n in side_outlets(data).values() if n}
    return len(counts) <= 1


def _finish(
    brief: BriefData, guard: FaithfulnessGuard, encoder: SentenceEncoder | None
) -> BriefData:
    """Guard *brief*, then drop repeats: one sentence, one place, whatever the synthesizer."""
    brief = guard.filter_brief(brief)
    repeats = dedupe_page(brief, encoder)
    if repeats:
        brief.stats.setdefault("dropped", []).extend(repeats)
    return brief


def _record_failure(session: Session, story: Story, exc: Exception) -> None:
    key = f"story:{story.id}@{story.revision}"
    job = session.scalars(
        select(Job).where(Job.stage == "synthesize_briefs", Job.key == key)
    ).first()
    if job is None:
        job = Job(stage="synthesize_briefs", key=key, attempts=0)
        session.add(job)
    job.state = "failed"
    job.attempts += 1
    job.last_error = f"{type(exc).__name__}: {exc}"[:2000]


def _stats(brief: BriefData, story: Story, started: float) -> dict[str, Any]:
    return {
        "seconds": round(time.perf_counter() - started, 3),
        "n_outlets": story.n_outlets,
        "revision": story.revision,
        "sentences": sum(len(v) for v in brief.sections.values()),
    }


def _pipeline_minilm(ctx: StageContext) -> SentenceEncoder | None:
    """The pipeline's own MiniLM embedder when it gives the guard's float32 vectors.

    One model in memory, not two; with ``embed_backend = "onnx-int8"`` the guard keeps its
    own float32 encoder, since its thresholds were set on float32 vectors.
    """
    if ctx.settings.embedder != "minilm" or ctx.settings.embed_backend == "onnx-int8":
        return None
    from newsprism.nlp.embed import pipeline_embedder

    return pipeline_embedder(ctx)
