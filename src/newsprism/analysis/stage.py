"""Analysis stage (contract; implemented in issue 7).

``analyze_stories(ctx)``: for stories whose ``revision`` > ``analyzed_revision``, run
``analyze_story`` and write ``story.analysis`` (landscape, framing, sources, entities,
timeline), category, hashtags, regions, lean_counts, n_outlets, blindspot, trending_score;
then set ``analyzed_revision = revision``.
"""

from __future__ import annotations

from newsprism.pipeline import StageContext, StageReport


def analyze_stories(ctx: StageContext) -> StageReport:
    """Analyze a batch of changed stories."""
    raise NotImplementedError
