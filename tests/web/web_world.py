"""A store filled with outlets of every lean, an analysed and briefed story, and more.

The analysis and brief JSON follow the contracts of the analysis and synth helpers
exactly (see /work/notes/common.md), so the pages are tested against the shapes the
pipeline writes. Imported by the web tests, their conftest and bench/bench_web.py.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from newsprism.store.db import Store
from newsprism.store.schema import Article, Brief, Outlet, Story

__all__ = ["NOW", "OUTLETS", "World", "build_world"]

NOW = datetime.now(UTC).replace(microsecond=0)

#: owner, type, chain of the outlets that have one (the rest: owner unknown)
OWNERS = {
    "center-post": ("Center Post Holdings", "corporate", "Big Media Group > Founder Family"),
    "wire-service": ("Wire Service Cooperative", "cooperative", None),
    "leftwire": ("Left Wire Foundation", "non_profit", None),
}

OUTLETS = [
    # slug, name, lean
    ("leftwire", "Left Wire", "left"),
    ("progress-daily", "Progress Daily", "left"),
    ("metro-times", "Metro Times", "lean_left"),
    ("center-post", "Center Post", "center"),
    ("wire-service", "Wire Service", "center"),
    ("heartland-herald", "Heartland Herald", "lean_right"),
    ("right-report", "Right Report", "right"),
    ("indie-blog", "Indie Blog", None),
]


@dataclass
class World:
    """Ids of what `build_world` inserted."""

    outlets: dict[str, int] = field(default_factory=dict)
    articles: dict[str, int] = field(default_factory=dict)
    story: int = 0
    bare_story: int = 0
    other_stories: list[int] = field(default_factory=list)
    article_base: str = "http://127.0.0.1:9/articles"


def _sentence(text: str, article_id: int, source: str, **extra: Any) -> dict[str, Any]:
    return {
        "text": text,
        "citations": [
            {
                "article_id": article_id,
                "quote_span": [0, len(source)],
                "field": "text",
                "source": source,
            }
        ],
        **extra,
    }


def build_world(
    store: Store,
    *,
    article_base: str = "http://127.0.0.1:9/articles",
    text_of: Callable[[str], str] = lambda s: s,
) -> World:
    """Outlets of every lean, a fully analysed and briefed story, a bare story, and more.

    *text_of* transforms every outside string (titles, names, quotes): the XSS test
    passes payload-laden variants through it.
    """
    world = World(article_base=article_base)
    with store.session() as s:
        for slug, name, lean in OUTLETS:
            owner, owner_type, chain = OWNERS.get(slug, (None, None, None))
            outlet = Outlet(
                # not through text_of: its payload cycle would shift for every other field
                owner=owner,
                owner_type=owner_type,
                owner_chain=chain,
                owner_source="Wikipedia" if owner else None,
                owner_as_of="2024-06" if owner else None,
                slug=slug,
                name=text_of(name),
                domains=[f"{slug}.example"],
                lean=lean,
                lean_source="AllSides" if lean else None,
                lean_as_of="2025-06" if lean else None,
                factuality="high" if lean else None,
                factuality_source="Media Bias/Fact Check" if lean else None,
                country="US",
                language="en",
                homepage=f"https://{slug}.example/",
            )
            s.add(outlet)
            s.flush()
            world.outlets[slug] = outlet.id
        story = Story(
            title=text_of("Belarus frees 123 prisoners in bid to improve US relations"),
            slug="belarus-frees-123-prisoners",
            category="world",
            hashtags=["#Belarus", "#PoliticalPrisoners", "#HumanRights"],
            first_seen=NOW - timedelta(hours=5),
            last_updated=NOW - timedelta(hours=1),
            n_articles=8,
            n_outlets=8,
            lean_counts={
                "left": 2,
                "lean_left": 1,
                "center": 2,
                "lean_right": 1,
                "right": 1,
                "other": 1,
            },
            trending_score=9.5,
            blindspot=None,
            revision=3,
        )
        s.add(story)
        s.flush()
        world.story = story.id
        for i, (slug, _name, _lean) in enumerate(OUTLETS):
            art = Article(
                outlet_id=world.outlets[slug],
                url=f"{article_base}/{slug}.html",
                canonical_url=f"{article_base}/{slug}.html",
                title=text_of(f"{_name} reports: Belarus releases prisoners"),
                summary=text_of(f"Summary from {_name}: Belarus released 123 prisoners."),
                text=text_of(f"Belarus released 123 prisoners on Saturday, {_name} reported."),
                published_at=NOW - timedelta(hours=4, minutes=i),
                status="clustered",
                story_id=story.id,
            )
            s.add(art)
            s.flush()
            world.articles[slug] = art.id
        a = world.articles
        headlines: dict[str, list[dict[str, Any]]] = {}
        for slug, name, lean in OUTLETS:
            headlines.setdefault(lean or "other", []).append(
                {
                    "article_id": a[slug],
                    "outlet_id": world.outlets[slug],
                    "outlet": text_of(name),
                    "title": text_of(f"{name} reports: Belarus releases prisoners"),
                    "url": f"{article_base}/{slug}.html",
                    "published_at": (NOW - timedelta(hours=4)).isoformat(),
                }
            )
        story.analysis = {
            "landscape": {
                "counts": {
                    "left": 2,
                    "lean_left": 1,
                    "center": 2,
                    "lean_right": 1,
                    "right": 1,
                    "other": 1,
                },
                "total_outlets": 8,
                "headlines": headlines,
            },
            "blindspot": {"side": None, "text": None, "rule": "share < 20%"},
            "framing": {
                "left": [{"term": text_of("regime"), "z": 3.1, "count": 4, "snippets": []}],
                "center": [{"term": "thaw", "z": 2.2, "count": 3, "snippets": []}],
                "right": [{"term": text_of("Trump's order"), "z": 2.9, "count": 2, "snippets": []}],
            },
            "sources": [
                {
                    "speaker": text_of("John Coale"),
                    "quotes": [
                        {
                            "text": text_of("That's our goal."),
                            "article_ids": [a["center-post"]],
                            "outlets": [text_of("Center Post")],
                        }
                    ],
                }
            ],
            "entities": [{"text": "Belarus", "label": "GPE", "count": 12}],
            "key_phrases": ["political prisoners"],
            "timeline": [],
        }
        story.analyzed_revision = 3
        story.analyzed_at = NOW - timedelta(minutes=50)
        src = text_of("Belarus released 123 prisoners on Saturday.")
        sections = {
            "headline": [
                _sentence(
                    text_of("Belarus frees 123 prisoners as US eases sanctions"),
                    a["wire-service"],
                    src,
                )
            ],
            "summary": [
                _sentence(
                    text_of("Belarus released 123 prisoners, bringing the total to 156."),
                    a["center-post"],
                    src,
                    heading=text_of("Belarus releases 123 prisoners"),
                ),
                _sentence(
                    text_of("Ales Bialiatski and Maria Kolesnikova were freed."),
                    a["leftwire"],
                    src,
                    heading="High-profile figures freed",
                ),
                _sentence(
                    text_of("Washington agreed to lift sanctions on potash."),
                    a["right-report"],
                    src,
                    heading="US eases sanctions",
                ),
            ],
            "story": [
                _sentence(
                    text_of("In a move to improve U.S. relations, Belarus released 123 prisoners."),
                    a["wire-service"],
                    src,
                    paragraph=0,
                ),
                _sentence(
                    text_of("The U.S. agreed to lift sanctions on potash."),
                    a["heartland-herald"],
                    src,
                    paragraph=0,
                ),
                _sentence(
                    text_of("Many had been jailed for political activism."),
                    a["metro-times"],
                    src,
                    paragraph=1,
                ),
            ],
            "why_it_matters": [
                _sentence(
                    text_of("Diplomatic engagement led to prisoner releases."),
                    a["center-post"],
                    src,
                    heading="US-Belarus relations",
                ),
                _sentence(
                    text_of("The releases highlight human rights concerns."),
                    a["progress-daily"],
                    src,
                    heading="Political prisoners",
                ),
                _sentence(
                    text_of("Belarus sits between Russia and Ukraine."),
                    a["wire-service"],
                    src,
                    heading="Geopolitical dynamics",
                ),
            ],
            "context": [
                _sentence(text_of("The release follows years of sanctions."), a["center-post"], src)
            ],
            "diverging_views": [
                _sentence(
                    text_of("Left outlets stress repression; right outlets stress diplomacy."),
                    a["leftwire"],
                    src,
                    side="left",
                )
            ],
            "global_impact": [
                _sentence(text_of("The deal affects sanctions policy."), a["wire-service"], src)
            ],
            "bias_comparison": [
                _sentence(
                    text_of("Outlets on the left call the government a regime."),
                    a["leftwire"],
                    src,
                    side="left",
                    terms=["regime"],
                ),
                _sentence(
                    text_of("Outlets on the right credit Trump's order."),
                    a["right-report"],
                    src,
                    side="right",
                    terms=["Trump's order"],
                ),
            ],
            "sources": [
                _sentence(
                    text_of("John Coale said normalising relations is the goal."),
                    a["center-post"],
                    src,
                    speaker=text_of("John Coale"),
                )
            ],
            "key_points_left": [
                _sentence(text_of("The US will lift sanctions on potash."), a["leftwire"], src)
            ],
            "key_points_center": [
                _sentence(
                    text_of("Coale announced the lifting of sanctions."), a["center-post"], src
                )
            ],
            "key_points_right": [
                _sentence(text_of("No concessions were disclosed."), a["right-report"], src)
            ],
        }
        s.add(
            Brief(
                story_id=story.id,
                version=1,
                generated_at=NOW - timedelta(minutes=40),
                synthesizer="extractive",
                sections=sections,
            )
        )
        story.briefed_revision = 3
        bare = Story(
            title=text_of("Storm closes schools across the coast"),
            slug="storm-closes-schools",
            category="weather",
            hashtags=["Storm"],
            first_seen=NOW - timedelta(hours=2),
            last_updated=NOW - timedelta(minutes=30),
            n_articles=2,
            n_outlets=2,
            lean_counts={"left": 1, "right": 1},
            trending_score=2.0,
            blindspot="left",
            revision=1,
        )
        # analysed, not briefed: its quotations are listed as found
        bare.analysis = {
            "framing": {"left": [], "center": [], "right": []},
            "sources": [
                {"speaker": None, "quotes": [{"text": "Nobody saw it coming.", "outlets": []}]},
                {"speaker": "Dana Reyes", "quotes": [{"text": "Stay home.", "outlets": []}]},
                {  # "…, according to the weather service": no quotation
                    "speaker": "Weather Service",
                    "quotes": [{"text": "Winds reached 90 mph", "kind": "reported"}],
                },
            ],
        }
        s.add(bare)
        s.flush()
        world.bare_story = bare.id
        for slug in ("leftwire", "right-report"):
            s.add(
                Article(
                    outlet_id=world.outlets[slug],
                    url=f"{article_base}/{slug}-storm.html",
                    canonical_url=f"{article_base}/{slug}-storm.html",
                    title=text_of(f"Storm coverage by {slug}"),
                    summary="",
                    text="The storm closed schools.",
                    published_at=NOW - timedelta(hours=1),
                    status="clustered",
                    story_id=bare.id,
                )
            )
        for k in range(3):
            other = Story(
                title=f"World story number {k}",
                slug=f"world-story-{k}",
                category="world",
                hashtags=["Belarus"] if k == 0 else [],
                first_seen=NOW - timedelta(days=1, hours=k),
                last_updated=NOW - timedelta(days=1, hours=k),
                n_articles=1,
                n_outlets=1,
                lean_counts={"center": 1},
                trending_score=1.0 - k / 10,
                revision=1,
            )
            s.add(other)
            s.flush()
            world.other_stories.append(other.id)
        story.analysis = {
            **story.analysis,
            "timeline": [
                {
                    "story_id": world.other_stories[0],
                    "title": text_of("World story number 0"),
                    "first_seen": (NOW - timedelta(days=1)).isoformat(),
                }
            ],
        }
    return world
