"""Brief stage (contract; implemented in issue 8).

``synthesize_briefs(ctx)``: for analyzed stories with at least
``settings.min_outlets_for_brief`` outlets whose coverage changed substantially since
``briefed_revision``, write a new ``brief`` version; then set ``briefed_revision``.
"""

from __future__ import annotations

from newsprism.pipeline import StageContext, StageReport


def synthesize_briefs(ctx: StageContext) -> StageReport:
    """Write briefs for a batch of stories."""
    raise NotImplementedError
