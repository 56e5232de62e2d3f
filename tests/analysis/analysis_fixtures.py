"""Test data builder for analysis tests: outlets with leans, stories and articles."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import numpy as np

from newsprism.analysis.category import PROTOTYPES
from newsprism.store.db import Store
from newsprism.store.schema import Article, Feed, Outlet, Story

T0 = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)


@dataclass
class StoryBuilder:
    """Inserts outlets, feeds, stories and articles into a store; remembers their ids."""

    store: Store
    outlets: dict[str, int] = field(default_factory=dict)
    feeds: dict[str, int] = field(default_factory=dict)
    n_articles: int = 0

    def outlet(self, slug: str, lean: str | None, *, category_hint: str | None = None) -> int:
        with self.store.session() as s:
            row = Outlet(
                slug=slug,
                name=slug.replace("-", " ").title(),
                lean=lean,
                domains=[f"{slug}.example"],
            )
            s.add(row)
            s.flush()
            self.outlets[slug] = row.id
            feed = Feed(
                outlet_id=row.id,
                url=f"http://127.0.0.1/{slug}/feed.xml",
                category_hint=category_hint,
            )
            s.add(feed)
            s.flush()
            self.feeds[slug] = feed.id
            return row.id

    def story(
        self,
        articles: list[dict[str, Any]],
        *,
        first_seen: datetime = T0,
        centroid: np.ndarray | None = None,
        title: str = "",
    ) -> int:
        """A story with *articles* (dicts: outlet, title, text, and optional fields)."""
        with self.store.session() as s:
            story = Story(
                title=title or articles[0]["title"],
                slug=f"story-{self.n_articles}",
                first_seen=first_seen,
                last_updated=first_seen,
                revision=1,
                centroid=None if centroid is None else centroid.astype(np.float32).tobytes(),
            )
            s.add(story)
            s.flush()
            for i, spec in enumerate(articles):
                self.n_articles += 1
                slug = spec["outlet"]
                art = Article(
                    outlet_id=self.outlets.get(slug),
                    feed_id=self.feeds.get(slug),
                    url=spec.get("url", f"http://{slug}.example/a/{self.n_articles}"),
                    canonical_url=spec.get("url", f"http://{slug}.example/a/{self.n_articles}"),
                    title=spec["title"],
                    text=spec.get("text", ""),
                    categories=spec.get("categories", []),
                    published_at=spec.get("published_at", first_seen + timedelta(minutes=10 * i)),
                    fetched_at=spec.get("fetched_at"),
                    syndicated_of=spec.get("syndicated_of"),
                    status="clustered",
                    story_id=story.id,
                )
                s.add(art)
            s.flush()
            return story.id

    def article_ids(self, story_id: int) -> list[int]:
        with self.store.session() as s:
            return [
                a.id for a in s.query(Article).filter_by(story_id=story_id).order_by(Article.id)
            ]


class OneHotEmbedder:
    """Maps each category description to its own axis, and any other text to "Sports"."""

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        names = list(PROTOTYPES)
        out = np.zeros((len(texts), len(names)), dtype=np.float32)
        for i, text in enumerate(texts):
            hit = [j for j, name in enumerate(names) if text == PROTOTYPES[name]]
            out[i, hit[0] if hit else names.index("Sports")] = 1.0
        return out
