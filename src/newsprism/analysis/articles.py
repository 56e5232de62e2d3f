"""The per-article view every analysis step reads, loaded once per story from the store."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

from sqlalchemy import select
from sqlalchemy.orm import Session

from newsprism.store.schema import Article, Feed, Outlet

__all__ = ["SIDES", "StoryArticle", "load_story_articles", "side_of"]

#: The three framing sides; left = left + lean_left, right = right + lean_right.
SIDES = ("left", "center", "right")
_SIDE = {
    "left": "left",
    "lean_left": "left",
    "center": "center",
    "lean_right": "right",
    "right": "right",
}


def side_of(lean: str | None) -> str | None:
    """Return the framing side of a five-point lean; None for unrated outlets."""
    return _SIDE.get(lean) if lean else None


@dataclass
class StoryArticle:
    """What analysis needs of one article of a story (plain data, no session attached)."""

    id: int
    title: str
    text: str
    url: str
    outlet_id: int | None = None
    outlet: str = ""
    lean: str | None = None
    published_at: datetime | None = None
    fetched_at: datetime | None = None
    categories: list[str] = field(default_factory=list)
    category_hint: str | None = None
    syndicated_of: int | None = None
    entities: list[Any] | None = None

    @property
    def side(self) -> str | None:
        """Left / center / right, or None when the outlet is unrated."""
        return side_of(self.lean)

    @property
    def outlet_key(self) -> str:
        """Identity of the publishing outlet: its id, or the URL host for unknown outlets."""
        if self.outlet_id is not None:
            return f"id:{self.outlet_id}"
        return "host:" + (urlsplit(self.url).hostname or "?").removeprefix("www.")

    @property
    def body(self) -> str:
        """Headline and text, one per line."""
        return f"{self.title}\n{self.text}" if self.title else self.text

    @property
    def seen_at(self) -> datetime | None:
        """When the article appeared: published time, or fetch time when that is missing."""
        return self.published_at or self.fetched_at


def load_story_articles(session: Session, story_id: int) -> list[StoryArticle]:
    """Load the articles of *story_id* with outlet name, lean and feed hint, oldest first."""
    rows = session.execute(
        select(Article, Outlet.name, Outlet.lean, Feed.category_hint)
        .outerjoin(Outlet, Article.outlet_id == Outlet.id)
        .outerjoin(Feed, Article.feed_id == Feed.id)
        .where(Article.story_id == story_id)
        .order_by(Article.published_at, Article.id)
    ).all()
    out = []
    for art, outlet_name, lean, hint in rows:
        host = urlsplit(art.url).hostname or ""
        out.append(
            StoryArticle(
                id=art.id,
                title=art.title or "",
                text=art.text or art.summary or "",
                url=art.url,
                outlet_id=art.outlet_id,
                outlet=outlet_name or host.removeprefix("www."),
                lean=lean,
                published_at=art.published_at,
                fetched_at=art.fetched_at,
                categories=[str(c) for c in (art.categories or [])],
                category_hint=hint,
                syndicated_of=art.syndicated_of,
                entities=art.entities,
            )
        )
    return out
