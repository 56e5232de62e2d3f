"""Timeline: earlier stories about the same subject, newest first.

Two signals must agree, because either alone links unrelated stories: the story
centroids' cosine similarity (``min_similarity``; all-MiniLM-L6-v2 puts follow-ups of
one event at 0.55–0.8 and unrelated news below 0.35) and at least ``min_shared``
shared entities among the two stories' top entities. Candidates reach back
``days`` before the story's first article — beyond the clustering window, which
is exactly where the clusterer stops joining articles into one story.

An entity among the top entities of more than ``COMMON_SHARE`` of the candidates is no
shared subject: on the replayed 2019-01-21 window "us" and "donald trump" stood in 35 %
and 33 % of all stories' top entities, and the border-emergency story's timeline listed
"The 10 Dems most likely to win the 2020 nomination" and a state-taxes story through them.
The strongest links are kept (similarity, then shared entities), then shown newest first.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import numpy as np

__all__ = ["COMMON_SHARE", "Candidate", "common_entities", "related_stories", "strongest_first"]

#: Share of candidates whose top entities hold an entity past which it links nothing: the
#: most common subjects of the replayed windows stood at 0.33–0.40 (the president, "us",
#: the Supreme Court in Kavanaugh's month); a story's own subject below 0.25.
COMMON_SHARE = 0.2
#: Candidates needed before an entity's share says anything.
COMMON_MIN_CANDIDATES = 20


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


def common_entities(candidates: Sequence[Candidate]) -> set[str]:
    """Entities among the top entities of more than `COMMON_SHARE` of *candidates*.

    Empty below `COMMON_MIN_CANDIDATES` candidates, where a share says nothing.
    """
    if len(candidates) < COMMON_MIN_CANDIDATES:
        return set()
    counts = Counter(key for cand in candidates for key in cand.entity_keys)
    return {key for key, n in counts.items() if n > COMMON_SHARE * len(candidates)}


def strongest_first(item: dict[str, Any]) -> tuple[float, int]:
    """Sort key of a timeline link: similarity, then shared entities."""
    return (item.get("similarity") or 0.0, int(item.get("shared_entities") or 0))


def related_stories(
    centroid: np.ndarray | None,
    entity_keys: set[str],
    candidates: Sequence[Candidate],
    *,
    min_similarity: float = 0.5,
    min_shared: int = 2,
    limit: int = 6,
    common: set[str] | None = None,
) -> list[dict[str, Any]]:
    """Candidates related by centroid similarity and shared entities, newest first.

    When either story lacks a centroid, sharing ``min_shared + 1`` entities suffices.
    Entities in *common* (default: `common_entities` of *candidates*) are not shared.
    """
    if common is None:
        common = common_entities(candidates)
    found: list[dict[str, Any]] = []
    for cand in candidates:
        shared = len((entity_keys & cand.entity_keys) - common)
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
    # the strongest links, shown newest first (not the newest of any strength)
    found.sort(key=strongest_first, reverse=True)
    found = found[:limit]
    found.sort(key=lambda item: item["first_seen"], reverse=True)
    return found
