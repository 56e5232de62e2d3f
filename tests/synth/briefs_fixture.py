"""Data for brief tests: one fictional multi-outlet story, as inputs and as store rows."""

from __future__ import annotations

import copy
from datetime import UTC, datetime
from typing import Any

from newsprism.store.db import Store
from newsprism.store.schema import Article, Outlet, Story
from newsprism.synth.brief import ArticleInput, StoryInput

LEDGER = (
    "The city closed the Harbor Bridge on Tuesday after inspectors found cracks in two "
    "support beams. Mayor Ana Torres said the bridge would stay closed for at least 45 days "
    "while engineers assess the damage. About 60,000 vehicles cross the bridge every day, "
    "according to the transportation department. \u201cWe will not gamble with people\u2019s "
    "lives,\u201d Torres said at a news conference. Critics said years of crumbling "
    "infrastructure and deferred maintenance left the span at risk. The bridge opened in "
    "1962 and was last renovated in 1998."
)
VOICE = (
    "Commuters faced long delays on Wednesday after the Harbor Bridge was shut down. "
    "Inspectors discovered cracks in two support beams during a routine check on December 9. "
    "Transit officials added 40 extra buses to carry riders across the river. "
    "Advocates blamed crumbling infrastructure and said the state must invest in repairs "
    "before a disaster happens."
)
WIRE = (
    "Officials closed the Harbor Bridge after an inspection found cracks in two support "
    "beams, city engineers said. The closure is expected to last at least 45 days. "
    "Mayor Ana Torres told reporters, \u201cWe will not gamble with people\u2019s lives.\u201d "
    "The repair could cost as much as $12 million, according to an early estimate by the "
    "state transportation agency. Businesses near the bridge said the closure could cut "
    "their sales during the holiday season."
)
POST = (
    "Taxpayers may be asked to pay $12 million to repair the Harbor Bridge after inspectors "
    "found cracks in two support beams. Council member Rick Dalton called the project another "
    "example of wasteful spending by the city. Dalton said the city had ignored warnings "
    "about the bridge for years. The bridge carries about 60,000 vehicles every day and is a "
    "key route for freight trucks serving the port."
)

ARTICLES: list[dict[str, Any]] = [
    {"id": 1, "outlet": "Daily Ledger", "lean": "left", "factuality": "high",
     "title": "City closes Harbor Bridge after inspectors find cracks", "text": LEDGER},
    {"id": 2, "outlet": "Metro Voice", "lean": "lean_left", "factuality": "mostly_factual",
     "title": "Harbor Bridge shutdown snarls commute", "text": VOICE},
    {"id": 3, "outlet": "Wire Report", "lean": "center", "factuality": "very_high",
     "title": "Harbor Bridge closed for repairs after cracks found in beams", "text": WIRE},
    {"id": 4, "outlet": "Liberty Post", "lean": "right", "factuality": "low",
     "title": "Taxpayers face $12 million bill for Harbor Bridge repairs", "text": POST},
    {"id": 5, "outlet": "Town Crier", "lean": "lean_right", "factuality": "high",
     "title": "Harbor Bridge closed for repairs after cracks found in beams", "text": WIRE,
     "syndicated_of": 3},
]  # fmt: skip

ANALYSIS: dict[str, Any] = {
    "landscape": {"counts": {"left": 1, "lean_left": 1, "center": 1, "lean_right": 1,
                             "right": 1, "other": 0}, "total_outlets": 5},
    "framing": {
        "left": [
            {"term": "crumbling infrastructure", "z": 3.1, "count": 2, "snippets": [
                {"article_id": 1, "outlet": "Daily Ledger",
                 "text": "Critics said years of crumbling infrastructure"}]},
            {"term": "invest", "z": 2.0, "count": 1, "snippets": [
                {"article_id": 2, "outlet": "Metro Voice", "text": "the state must invest"}]},
        ],
        "center": [
            {"term": "inspection", "z": 1.5, "count": 1, "snippets": [
                {"article_id": 3, "outlet": "Wire Report",
                 "text": "an inspection found cracks"}]},
        ],
        "right": [
            {"term": "wasteful spending", "z": 2.8, "count": 1, "snippets": [
                {"article_id": 4, "outlet": "Liberty Post",
                 "text": "another example of wasteful spending"}]},
            {"term": "taxpayers", "z": 2.2, "count": 1, "snippets": [
                {"article_id": 4, "outlet": "Liberty Post", "text": "Taxpayers may be asked"}]},
        ],
    },
    "sources": [
        {"speaker": "Ana Torres", "quotes": [
            {"text": "We will not gamble with people\u2019s lives", "article_ids": [1, 3],
             "outlets": ["Daily Ledger", "Wire Report"]}]},
    ],
    "entities": [{"text": "Harbor Bridge", "label": "FAC", "count": 9}],
    "key_phrases": ["support beams", "Harbor Bridge", "crumbling infrastructure"],
    "timeline": [],
}  # fmt: skip


def story_input(
    articles: list[dict[str, Any]], analysis: dict[str, Any] | None = None
) -> StoryInput:
    """A fixture's article dicts as synthesizer input (story 1, titled like its first)."""
    return StoryInput(
        story_id=1,
        title=articles[0]["title"],
        articles=[
            ArticleInput(
                article_id=a["id"],
                outlet=a["outlet"],
                lean=a["lean"],
                title=a["title"],
                text=a["text"],
                outlet_id=a["id"],
                syndicated_of=a.get("syndicated_of"),
                url=a.get("url", ""),
            )
            for a in articles
        ],
        analysis=analysis if analysis is not None else {},
    )


def bridge_story() -> StoryInput:
    """The fictional Harbor Bridge story as synthesizer input (its own copy to change)."""
    return story_input(copy.deepcopy(ARTICLES), copy.deepcopy(ANALYSIS))


def insert_story(
    store: Store, articles: list[dict[str, Any]] = ARTICLES, *, revision: int = 1,
    analyzed: bool = True,
) -> int:  # fmt: skip
    """Store outlets, articles and one analyzed story; returns the story id."""
    now = datetime(2025, 12, 10, 12, tzinfo=UTC)
    with store.session() as session:
        story = Story(
            title=articles[0]["title"], slug="harbor-bridge", first_seen=now, last_updated=now,
            n_articles=len(articles), n_outlets=len({a["outlet"] for a in articles}),
            revision=revision, analyzed_revision=revision if analyzed else -1,
            analysis=ANALYSIS,
        )  # fmt: skip
        session.add(story)
        session.flush()
        ids: dict[int, int] = {}
        for a in articles:
            outlet = session.query(Outlet).filter_by(slug=a["outlet"].lower()).one_or_none()
            if outlet is None:
                outlet = Outlet(slug=a["outlet"].lower(), name=a["outlet"], lean=a["lean"],
                                factuality=a.get("factuality"), domains=[])  # fmt: skip
                session.add(outlet)
                session.flush()
            url = f"https://{outlet.slug.replace(' ', '')}.example/{a['id']}"
            art = Article(
                outlet_id=outlet.id, url=url, canonical_url=url,
                title=a["title"], text=a["text"], story_id=story.id, status="clustered",
                published_at=now,
                syndicated_of=ids.get(a["syndicated_of"]) if a.get("syndicated_of") else None,
            )  # fmt: skip
            session.add(art)
            session.flush()
            ids[a["id"]] = art.id
        # framing snippets and quotes point at fixture ids; map them to the stored ids
        story.analysis = _remap(ANALYSIS, ids)
        return story.id


def _remap(analysis: dict[str, Any], ids: dict[int, int]) -> dict[str, Any]:
    import copy

    out = copy.deepcopy(analysis)
    for items in out["framing"].values():
        for item in items:
            for snippet in item["snippets"]:
                snippet["article_id"] = ids.get(snippet["article_id"], -1)
    for source in out["sources"]:
        for quote in source["quotes"]:
            quote["article_ids"] = [ids[i] for i in quote["article_ids"] if i in ids]
    return out
