"""A generated article stream with planted stories, shared by the clustering benches.

Articles arrive one every 20 s (4,320 a day, so a 72 h window holds ~13k articles);
one in 20 starts a story that lives 2–24 h, the others join a live story at random.
Each article gets a noisy 384-d unit vector around its story's centre (cos ≈ 0.75) and
three of the story's six keywords plus three common words. No dataset, no model.
"""

from __future__ import annotations

import resource

import numpy as np

from newsprism.stories.cluster import StreamItem
from newsprism.stories.terms import ArticleTerms

__all__ = [
    "COMMON_WORDS",
    "DIM",
    "NEW_STORY_SHARE",
    "SECONDS_PER_ARTICLE",
    "PlantedStream",
    "rss_mb",
]

DIM = 384
SECONDS_PER_ARTICLE = 20.0
NEW_STORY_SHARE = 0.05  # one article in 20 starts a story: ~216 new stories a day
COMMON_WORDS = [f"common{i}" for i in range(5000)]


def rss_mb() -> float:
    """Current resident memory of this process in MB (Linux /proc)."""
    with open("/proc/self/statm") as handle:
        pages = int(handle.read().split()[1])
    return pages * resource.getpagesize() / 1e6


class PlantedStream:
    """Articles drawn from stories that live 2–24 h, with noisy embeddings and terms."""

    def __init__(self, seed: int = 11) -> None:
        self.rng = np.random.default_rng(seed)
        self.live: list[tuple[int, np.ndarray, float, list[str]]] = []
        self.next_story = 0

    def _new_story(self, now: float) -> tuple[int, np.ndarray, float, list[str]]:
        center = self.rng.normal(size=DIM).astype(np.float32)
        center /= np.linalg.norm(center)
        ends = now + float(self.rng.uniform(2, 24)) * 3600.0
        keywords = [f"s{self.next_story}k{j}" for j in range(6)]
        story = (self.next_story, center, ends, keywords)
        self.next_story += 1
        self.live.append(story)
        return story

    def article(self, index: int) -> tuple[StreamItem, int]:
        """The *index*-th article and its planted story."""
        now = index * SECONDS_PER_ARTICLE
        self.live = [s for s in self.live if s[2] > now]
        if not self.live or self.rng.random() < NEW_STORY_SHARE:
            story = self._new_story(now)
        else:
            story = self.live[int(self.rng.integers(len(self.live)))]
        key, center, _, keywords = story
        # noise of norm ~0.9 around a unit center: cos(article, center) ≈ 0.75
        vector = center + self.rng.normal(scale=0.9 / np.sqrt(DIM), size=DIM).astype(np.float32)
        vector /= np.linalg.norm(vector)
        picks = self.rng.choice(6, size=3, replace=False)
        words = {keywords[i] for i in picks} | {
            COMMON_WORDS[i] for i in self.rng.integers(len(COMMON_WORDS), size=3)
        }
        terms = ArticleTerms(frozenset(words), frozenset(keywords[i] for i in picks[:1]))
        return StreamItem(index, vector.astype(np.float32), now, terms), key
