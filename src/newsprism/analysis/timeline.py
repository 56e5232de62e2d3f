"""Timeline: earlier stories about the same subject, newest first.

Two signals must agree, because either alone links unrelated stories: the story
centroids' cosine similarity (``min_similarity``; all-MiniLM-L6-v2 puts follow-ups of
one event at 0.55–0.8 and unrelated news below 0.35) and at least ``min_shared``
shared entities among the two stories' top entities. Candidates reach back
``days`` before the story's first article — beyond the clustering window, which
is exactly where the clusterer stops joining articles into one story.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import numpy as np

__all__ = ["Candidate", "related_stories"]


@dataclass
class Candidate:
    """An earlier story considered for the timeline."""

    story_id: int
    title: str
    slug: str
    first_seen: datetime
    centroid: np.ndarray | None
    entity_keys: set[str]


def unit_vector(blob: bytes | None) -> np.ndarray | None:
    """Decode a float32 centroid from its stored bytes, L2-normalised (None for none or zeros)."""
    if not blob:
        return None
    vec = np.frombuffer(blob, dtype=np.float32)
    norm = float(np.linalg.norm(vec))
    return vec / norm if norm > 0 else None


def related_stories(
    centroid: np.ndarray | None,
    entity_keys: set[str],
    candidates: Sequence[Candidate],
    *,
    min_similarity: float = 0.5,
    min_shared: int = 2,
    limit: int = 6,
) -> list[dict[str, Any]]:
    """Candidates related by centroid similarity and shared entities, newest first.

    When either story lacks a centroid, sharing ``min_shared + 1`` entities suffices.
    """
    found: list[dict[str, Any]] = []
    for cand in candidates:
        shared = len(entity_keys & cand.entity_keys)
        if (
            centroid is not None
            and cand.centroid is not None
            and centroid.shape == cand.centroid.shape
        ):
            similarity = float(np.dot(centroid, cand.centroid))
            if similarity < min_similarity or shared < min_shared:
                continue
        else:
            similarity = None
            if shared < min_shared + 1:
                continue
        found.append(
            {
                "story_id": cand.story_id,
                "title": cand.title,
                "slug": cand.slug,
                "first_seen": cand.first_seen.isoformat(),
                "similarity": None if similarity is None else round(similarity, 3),
                "shared_entities": shared,
            }
        )
    found.sort(key=lambda item: item["first_seen"], reverse=True)
    return found[:limit]
