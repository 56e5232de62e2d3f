"""The brief's data: `Brief`, `Sentence`, `Citation`, and the ``brief.sections`` JSON contract.

``sections`` is a dict of section name → list of sentence objects::

    {"text": str, "heading": str?, "side": str?, "terms": [str]?, "speaker": str?,
     "paragraph": int?, "citations": [{"article_id": int, "quote_span": [start, end],
                                       "field": "text" | "title", "source": str}]}

A sentence without citations is never stored and an empty section is omitted.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

__all__ = [
    "SECTION_NAMES",
    "WEIGHTINGS",
    "ArticleInput",
    "Brief",
    "Citation",
    "Sentence",
    "StoryInput",
    "brief_from_sections",
]

#: How a brief shares its citations between sides: "coverage" (the default) follows each
#: side's share of the story's outlets, "balanced" gives every side that covered it equal
#: turns. The stage stores both; the story page shows one and links to the other.
WEIGHTINGS = ("coverage", "balanced")

#: Section names of the story page, in page order.
SECTION_NAMES = (
    "headline",
    "summary",
    "story",
    "why_it_matters",
    "context",
    "diverging_views",
    "global_impact",
    "key_players",
    "international_reactions",
    "bias_comparison",
    "key_points_left",
    "key_points_center",
    "key_points_right",
    "sources",
)


@dataclass(frozen=True)
class Citation:
    """Where a sentence's support comes from: an exact span of one article's text or title."""

    article_id: int
    start: int
    end: int
    source: str
    field: str = "text"

    def to_json(self) -> dict[str, Any]:
        """Return the citation object of the sections contract."""
        return {
            "article_id": self.article_id,
            "quote_span": [self.start, self.end],
            "field": self.field,
            "source": self.source,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Citation:
        """Parse a stored citation object."""
        start, end = data["quote_span"]
        return cls(
            article_id=int(data["article_id"]),
            start=int(start),
            end=int(end),
            source=str(data.get("source", "")),
            field=str(data.get("field", "text")),
        )


@dataclass
class Sentence:
    """One brief sentence with its citations and optional section-specific fields."""

    text: str
    citations: list[Citation]
    heading: str | None = None
    paragraph: int | None = None
    side: str | None = None
    terms: list[str] | None = None
    speaker: str | None = None
    #: not stored: where the sentence came from ("extractive", "llm", "template")
    origin: str = "extractive"

    def to_json(self) -> dict[str, Any]:
        """Return the sentence object of the sections contract (only the fields that are set)."""
        data: dict[str, Any] = {"text": self.text}
        for name in ("heading", "paragraph", "side", "terms", "speaker"):
            value = getattr(self, name)
            if value is not None:
                data[name] = value
        data["citations"] = [c.to_json() for c in self.citations]
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Sentence:
        """Parse a stored sentence object."""
        return cls(
            text=str(data["text"]),
            citations=[Citation.from_json(c) for c in data.get("citations", [])],
            heading=data.get("heading"),
            paragraph=data.get("paragraph"),
            side=data.get("side"),
            terms=data.get("terms"),
            speaker=data.get("speaker"),
        )


@dataclass
class Brief:
    """A story brief: sections of cited sentences plus generation statistics."""

    story_id: int
    sections: dict[str, list[Sentence]] = field(default_factory=dict)
    synthesizer: str = "extractive"
    stats: dict[str, Any] = field(default_factory=dict)

    def sections_json(self) -> dict[str, list[dict[str, Any]]]:
        """``brief.sections``: cited sentences only, empty sections omitted, page order."""
        out: dict[str, list[dict[str, Any]]] = {}
        for name in SECTION_NAMES:
            kept = [s.to_json() for s in self.sections.get(name, []) if s.citations]
            if kept:
                out[name] = kept
        return out

    @property
    def headline(self) -> str | None:
        """Headline sentence, when there is one."""
        first = self.sections.get("headline")
        return first[0].text if first else None


def brief_from_sections(
    story_id: int, sections: dict[str, Any], synthesizer: str = "extractive"
) -> Brief:
    """Rebuild a `Brief` from a stored ``sections`` JSON."""
    return Brief(
        story_id=story_id,
        sections={k: [Sentence.from_json(s) for s in v] for k, v in sections.items()},
        synthesizer=synthesizer,
    )


@dataclass
class ArticleInput:
    """One article of a story, as the synthesizers see it."""

    article_id: int
    outlet: str
    lean: str | None
    title: str
    text: str
    outlet_id: int | None = None
    published_at: datetime | None = None
    syndicated_of: int | None = None
    #: the article's URL and byline: opinion sections and columnists are told by them
    url: str = ""
    author: str | None = None

    @property
    def side(self) -> str:
        """Side of the outlet: left / center / right / other (lean_left counts as left)."""
        if self.lean in ("left", "lean_left"):
            return "left"
        if self.lean in ("right", "lean_right"):
            return "right"
        if self.lean == "center":
            return "center"
        return "other"


@dataclass
class StoryInput:
    """Everything a synthesizer needs: the story's articles and ``story.analysis``."""

    story_id: int
    title: str
    articles: list[ArticleInput]
    analysis: dict[str, Any] = field(default_factory=dict)

    def article(self, article_id: int) -> ArticleInput | None:
        """Return the article with *article_id*, if it belongs to the story."""
        for art in self.articles:
            if art.article_id == article_id:
                return art
        return None
