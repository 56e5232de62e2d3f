"""Media landscape (distinct outlets per lean, headlines per bar) and the blindspot rule.

Blindspot rule: when at least ``min_rated`` rated outlets cover a story and one side
(left + lean_left, or right + lean_right) holds at least ``share`` of them, the story is
a blindspot *for the other side* — readers who follow only that side would barely see
it. ``side`` names the side that misses the story.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from newsprism.analysis.articles import StoryArticle
from newsprism.store.schema import LEANS

__all__ = ["LANDSCAPE_KEYS", "blindspot", "landscape"]

LANDSCAPE_KEYS = (*LEANS, "other")


def landscape(articles: Sequence[StoryArticle]) -> dict[str, Any]:
    """Count distinct outlets per lean ("other" = unrated), total, and headlines per bar.

    A syndicated copy counts as coverage by the outlet that published it.
    """
    outlets_by_lean: dict[str, set[str]] = {key: set() for key in LANDSCAPE_KEYS}
    headlines: dict[str, list[dict[str, Any]]] = {key: [] for key in LANDSCAPE_KEYS}
    for art in articles:
        key = art.lean if art.lean in LEANS else "other"
        outlets_by_lean[key].add(art.outlet_key)
        headlines[key].append(
            {
                "article_id": art.id,
                "outlet_id": art.outlet_id,
                "outlet": art.outlet,
                "title": art.title,
                "url": art.url,
                "published_at": art.published_at.isoformat() if art.published_at else None,
            }
        )
    counts = {key: len(outlets_by_lean[key]) for key in LANDSCAPE_KEYS}
    total = len(set().union(*outlets_by_lean.values()))
    return {
        "counts": counts,
        "total_outlets": total,
        "headlines": headlines,  # every key present, empty lists included
    }


def blindspot(counts: dict[str, int], *, share: float = 0.8, min_rated: int = 5) -> dict[str, Any]:
    """Return the blindspot verdict for lean *counts*: ``{"side", "text", "rule"}``."""
    left = counts.get("left", 0) + counts.get("lean_left", 0)
    right = counts.get("right", 0) + counts.get("lean_right", 0)
    rated = left + right + counts.get("center", 0)
    rule = (
        f"Blindspot when at least {min_rated} rated outlets cover a story and one side "
        f"(left + lean left, or right + lean right) is at least {share:.0%} of them."
    )
    side: str | None = None
    text: str | None = None
    if rated >= min_rated:
        if left / rated >= share:
            side = "right"
            text = (
                f"Blindspot for the right: {left} of {rated} rated outlets covering this story "
                f"lean left; {right} on the right covered it."
            )
        elif right / rated >= share:
            side = "left"
            text = (
                f"Blindspot for the left: {right} of {rated} rated outlets covering this story "
                f"lean right; {left} on the left covered it."
            )
    return {"side": side, "text": text, "rule": rule}
