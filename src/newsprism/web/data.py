"""Read model of the site: every page's data as plain JSON-ready dicts.

Each page of the site is one function here; the HTML view renders its dict with a
template and ``/api/v1`` returns the same dict as JSON, so the two cannot drift.
Only reads: the web never writes to the store.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Integer, bindparam, func, select, text
from sqlalchemy.orm import Session, defer
from sqlalchemy.types import TypeEngine

from newsprism.analysis.quotes import is_quotation
from newsprism.ingest.picture import IMAGE_FILE
from newsprism.nlp.text import STOP_WORDS, words
from newsprism.store.schema import LEANS, Article, Brief, Outlet, Story, UTCDateTime
from newsprism.synth.headlines import headline_penalty
from newsprism.web.search import search_article_ids, search_story_ids

__all__ = [
    "BUCKETS",
    "LEAN_LABELS",
    "SECTION_ORDER",
    "Page",
    "StoryVersion",
    "article_dict",
    "home_data",
    "outlet_data",
    "outlets_data",
    "search_data",
    "stories_data",
    "story_card",
    "story_data",
    "story_url",
    "story_validator",
    "story_validators",
]

#: Bars of the media landscape, left to right; "other" holds unrated outlets.
BUCKETS = (*LEANS, "other")
LEAN_LABELS = {
    "left": "Left",
    "lean_left": "Lean left",
    "center": "Center",
    "lean_right": "Lean right",
    "right": "Right",
    "other": "Other",
}
#: Brief sections in the order of the story page (seed 000, then seed 001's extras).
SECTION_ORDER = (
    "headline",
    "summary",
    "story",
    "why_it_matters",
    "context",
    "diverging_views",
    "global_impact",
    "key_players",
    "international_reactions",
    "sources",
    "bias_comparison",
    "key_points_left",
    "key_points_center",
    "key_points_right",
)


@dataclass(frozen=True)
class Page:
    """A page of a paginated list: 1-based number and size."""

    number: int = 1
    size: int = 20

    @property
    def offset(self) -> int:
        """Rows to skip."""
        return (self.number - 1) * self.size

    def info(self, total: int) -> dict[str, Any]:
        """Pagination facts for templates and the API."""
        pages = max(1, -(-total // self.size))
        return {
            "page": self.number,
            "per_page": self.size,
            "total": total,
            "pages": pages,
            "has_prev": self.number > 1,
            "has_next": self.number < pages,
        }


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def _tag(value: Any) -> str:
    return str(value).lstrip("#").strip()


def story_url(story: Story) -> str:
    """Site-relative URL of a story page."""
    return f"/story/{story.id}/{story.slug}" if story.slug else f"/story/{story.id}"


def story_card(story: Story) -> dict[str, Any]:
    """Describe one story as a list of stories shows it."""
    counts = {b: int((story.lean_counts or {}).get(b, 0)) for b in BUCKETS}
    return {
        "id": story.id,
        "title": story.title,
        "slug": story.slug,
        "url": story_url(story),
        "category": story.category,
        "hashtags": [_tag(t) for t in story.hashtags or [] if _tag(t)],
        "first_seen": _iso(story.first_seen),
        "last_updated": _iso(story.last_updated),
        "n_articles": story.n_articles,
        "n_outlets": story.n_outlets,
        "lean_counts": counts,
        "blindspot": story.blindspot,
        "trending_score": story.trending_score,
        "image": story_image(story),
    }


_IMAGE_NAME = re.compile(IMAGE_FILE)


def story_image(story: Story) -> dict[str, Any] | None:
    """The story's picture as pages show it (served from this site), or None."""
    image = story.image if isinstance(story.image, dict) else None
    name = str((image or {}).get("file") or "")
    if image is None or not _IMAGE_NAME.fullmatch(name):
        return None
    return {
        "src": f"/img/{name}",
        "width": image.get("width"),
        "height": image.get("height"),
        "outlet": image.get("outlet"),
        "article_id": image.get("article_id"),
    }


def outlet_dict(outlet: Outlet | None) -> dict[str, Any] | None:
    """Describe an outlet with its rating and where the rating comes from."""
    if outlet is None:
        return None
    return {
        "id": outlet.id,
        "slug": outlet.slug,
        "name": outlet.name,
        "url": f"/outlet/{outlet.slug}",
        "lean": outlet.lean,
        "bucket": outlet.lean or "other",
        "lean_source": outlet.lean_source,
        "lean_as_of": outlet.lean_as_of,
        "factuality": outlet.factuality,
        "factuality_source": outlet.factuality_source,
        "factuality_as_of": outlet.factuality_as_of,
        "owner": outlet.owner,
        "owner_type": outlet.owner_type,
        "owner_chain": outlet.owner_chain,
        "owner_source": outlet.owner_source,
        "owner_as_of": outlet.owner_as_of,
        "country": outlet.country,
        "language": outlet.language,
        "homepage": outlet.homepage,
        "domains": list(outlet.domains or []),
    }


def article_dict(article: Article, outlet: Outlet | None) -> dict[str, Any]:
    """Describe an article as lists and citations show it."""
    return {
        "id": article.id,
        "title": article.title,
        "url": article.url,
        "summary": article.summary,
        "published_at": _iso(article.published_at or article.fetched_at),
        "story_id": article.story_id,
        "outlet": outlet_dict(outlet),
        "bucket": (outlet.lean if outlet else None) or "other",
    }


#: Article columns no page shows: left unread when articles are listed (the text and the
#: vector are most of an article row's bytes).
_UNSHOWN = (
    defer(Article.text),
    defer(Article.embedding),
    defer(Article.minhash),
    defer(Article.entities),
)


# --- lists ------------------------------------------------------------------------------


def _live() -> Any:
    return Story.merged_into.is_(None)


def _hashtag_filter(session: Session, tag: str) -> Any:
    if session.get_bind().dialect.name == "sqlite":
        clause = (
            "EXISTS (SELECT 1 FROM json_each(story.hashtags) j "
            "WHERE lower(ltrim(j.value, '#')) = lower(:tag))"
        )
    else:
        clause = (
            "EXISTS (SELECT 1 FROM json_array_elements_text(story.hashtags) j(v) "
            "WHERE lower(ltrim(j.v, '#')) = lower(:tag))"
        )
    return text(clause).bindparams(tag=_tag(tag))


def stories_data(
    session: Session,
    page: Page,
    *,
    sort: str = "trending",
    category: str | None = None,
    hashtag: str | None = None,
    blindspot: bool = False,
    count: bool = True,
) -> dict[str, Any]:
    """Return a page of live stories, filtered and sorted (``trending`` or ``latest``).

    Without *count* the pagination leaves the total out (it costs a pass over every live
    story's index entry): for boxes that show one short page.
    """
    where = [_live(), Story.n_articles > 0]
    if category:
        where.append(Story.category == category)
    if hashtag:
        where.append(_hashtag_filter(session, hashtag))
    if blindspot:
        where.append(Story.blindspot.is_not(None))
    order: list[Any] = (
        [Story.trending_score.desc(), Story.last_updated.desc(), Story.id.desc()]
        if sort == "trending"
        else [Story.last_updated.desc(), Story.id.desc()]
    )
    rows = session.scalars(
        select(Story).where(*where).order_by(*order).limit(page.size).offset(page.offset)
    ).all()
    total = (
        int(session.scalar(select(func.count()).select_from(Story).where(*where)) or 0)
        if count
        else page.offset + len(rows)
    )
    return {
        "stories": [story_card(s) for s in rows],
        "pagination": page.info(total),
        "filters": {
            "sort": sort,
            "category": category,
            "hashtag": _tag(hashtag) if hashtag else None,
            "blindspot": blindspot,
        },
    }


def categories(session: Session) -> list[dict[str, Any]]:
    """Categories with live stories, most stories first (the site's navigation)."""
    rows = session.execute(
        select(Story.category, func.count())
        .where(_live(), Story.category.is_not(None), Story.n_articles > 0)
        .group_by(Story.category)
        .order_by(func.count().desc(), Story.category)
    ).all()
    return [{"name": str(name), "stories": int(n)} for name, n in rows]


def home_data(session: Session, page: Page) -> dict[str, Any]:
    """Top stories by trending score, plus blindspots, latest and the category list."""
    top = stories_data(session, page, sort="trending")
    small = Page(1, 6)
    return {
        "top": top["stories"],
        "pagination": top["pagination"],
        "blindspots": stories_data(session, small, blindspot=True, count=False)["stories"],
        "latest": stories_data(session, small, sort="latest", count=False)["stories"],
        "categories": categories(session),
    }


# --- story ------------------------------------------------------------------------------


@dataclass(frozen=True)
class StoryVersion:
    """What decides whether a cached story page is still current."""

    #: opaque; changes whenever anything the page shows about the story changes
    key: str
    last_modified: datetime
    merged_into: int | None


#: Hot path of every story request: plain Core SQL, compiled once (the ORM equivalent
#: measured 4 ms against 0.3 ms for this on the 2-core test machine).
_VALIDATOR_COLUMNS = (
    "SELECT s.id, s.revision, s.last_updated, s.analyzed_at, s.merged_into, s.image_revision, "
    "(SELECT max(b.version) FROM brief b WHERE b.story_id = s.id) AS brief_version, "
    "(SELECT max(b.generated_at) FROM brief b WHERE b.story_id = s.id) AS brief_at "
    "FROM story s "
)
_VALIDATOR_TYPES: dict[str, TypeEngine[Any]] = {
    "id": Integer(),
    "revision": Integer(),
    "last_updated": UTCDateTime(),
    "analyzed_at": UTCDateTime(),
    "merged_into": Integer(),
    "image_revision": Integer(),
    "brief_version": Integer(),
    "brief_at": UTCDateTime(),
}
_VALIDATOR_SQL = text(_VALIDATOR_COLUMNS + "WHERE s.id = :id").columns(**_VALIDATOR_TYPES)
_VALIDATORS_SQL = (
    text(_VALIDATOR_COLUMNS + "WHERE s.id IN :ids")
    .bindparams(bindparam("ids", expanding=True))
    .columns(**_VALIDATOR_TYPES)
)


def _version(row: Any) -> StoryVersion:
    story_id, revision, updated, analyzed, merged, image_revision, brief_version, brief_at = row
    last = max(t for t in (updated, analyzed, brief_at) if t is not None)
    key = (
        f"{story_id}.{revision}.{brief_version or 0}.{merged or 0}.{image_revision}."
        f"{updated.timestamp():.6f}.{analyzed.timestamp() if analyzed else 0:.6f}"
    )
    return StoryVersion(key, last, merged)


def story_validator(conn: Connection | Session, story_id: int) -> StoryVersion | None:
    """Return the version of a story page (one query), or None when there is no such story.

    The key changes with membership (``revision``), ``last_updated``, a new analysis,
    a new brief, a merge or a new picture (``image_revision``).
    """
    row = conn.execute(_VALIDATOR_SQL, {"id": story_id}).first()
    return None if row is None else _version(row)


def story_validators(
    conn: Connection | Session, story_ids: Iterable[int]
) -> dict[int, StoryVersion]:
    """Return the versions of many story pages, 500 ids per query; missing stories are absent."""
    ids = sorted(set(story_ids))
    versions: dict[int, StoryVersion] = {}
    for start in range(0, len(ids), 500):  # SQLite's bound-parameter limit is 999 on old builds
        for row in conn.execute(_VALIDATORS_SQL, {"ids": ids[start : start + 500]}):
            versions[row[0]] = _version(row)
    return versions


def _brief_weighting(brief: Brief, wanted: str, default: str, url: str) -> dict[str, Any]:
    """Which stored sections to show for *wanted*, what they are, and links to the others.

    Returns ``stored`` (the sections), ``weighting`` (what they are: None for a brief that
    did not record it), ``weightings`` (every weighting stored) and ``weighting_links``
    (weighting → page URL, for the ones not shown; the site default has no parameter).
    """
    stats = brief.stats or {}
    main = stats.get("weighting")
    # the stage lists the stored variants in stats: the deferred variants column is read
    # only when a reader asks for one of them
    others = [w for w in stats.get("variants") or {} if isinstance(w, str) and w != main]
    available = [w for w in (main, *others) if isinstance(w, str)]
    stored: dict[str, Any] = dict(brief.sections or {})
    shown: str | None = main
    if wanted in others:
        variant = (brief.variants or {}).get(wanted)
        if isinstance(variant, dict):
            stored, shown = variant, wanted
    links = {w: url if w == default else f"{url}?weighting={w}" for w in available if w != shown}
    return {
        "stored": stored,
        "weighting": shown,
        "weightings": available,
        "weighting_links": links,
    }


def _latest_brief(session: Session, story_id: int) -> Brief | None:
    return session.scalars(
        select(Brief).where(Brief.story_id == story_id).order_by(Brief.version.desc()).limit(1)
    ).first()


def _number_citations(
    sections: dict[str, Any], articles: dict[int, dict[str, Any]]
) -> list[dict[str, Any]]:
    """Give each cited article a number, in order of first citation; annotate citations.

    Mutates *sections* (a private copy): every citation gets ``n``, ``outlet`` and ``url``.
    """
    numbers: dict[int, int] = {}
    refs: list[dict[str, Any]] = []
    # The headline is the page's <h1>, shown without markers: numbering starts below it.
    for name in SECTION_ORDER[1:]:
        for sentence in sections.get(name) or []:
            kept = []
            for cite in sentence.get("citations") or []:
                aid = cite.get("article_id")
                if not isinstance(aid, int) or aid not in articles:
                    continue
                art = articles[aid]
                if aid not in numbers:
                    numbers[aid] = len(numbers) + 1
                    refs.append({"n": numbers[aid], **art})
                outlet = art["outlet"]["name"] if art["outlet"] else None
                kept.append(
                    {
                        **cite,
                        "n": numbers[aid],
                        "outlet": outlet,
                        "url": art["url"],
                        "title": art["title"],
                    }
                )
            sentence["citations"] = kept
    return refs


#: A story whose articles fall on at least this many days gets a thread of its days.
THREAD_MIN_DAYS = 3
#: Days the thread shows (the newest).
THREAD_MAX_DAYS = 10


def story_thread(articles: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """How a story running over days developed: one line per day, newest first.

    Each day shows the headline that shares most words with that day's other headlines
    (the day's development, not a one-outlet angle; an opinion title or a question only
    when nothing else ran that day), with how many outlets wrote that day. A story of fewer than
    `THREAD_MIN_DAYS` days has none: its brief already tells it.
    """
    days: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for art in articles:
        if art.get("published_at") and art.get("title"):
            days[str(art["published_at"])[:10]].append(art)
    if len(days) < THREAD_MIN_DAYS:
        return []
    thread = []
    for day in sorted(days, reverse=True)[:THREAD_MAX_DAYS]:
        arts = days[day]
        shared = [set(words(a["title"])) - STOP_WORDS for a in arts]
        # (not an opinion title, words shared with the day's other headlines as far as the
        # title reports: an explainer's "Why Pelosi calling Trump's tweets racist … turned
        # into chaos" stood for a day of the House's vote); ties go to the first of the day
        weights = [
            (
                not a["title"].lower().startswith("opinion") and "?" not in a["title"],
                (1 + sum(len(shared[i] & other) for j, other in enumerate(shared) if j != i))
                * headline_penalty(a["title"]),
            )
            for i, a in enumerate(arts)
        ]
        best = arts[max(range(len(arts)), key=weights.__getitem__)]
        outlets = {a["outlet"]["id"] for a in arts if a.get("outlet")}
        thread.append(
            {
                "date": day,
                "headline": best["title"],
                "url": best["url"],
                "outlet": best["outlet"]["name"] if best.get("outlet") else None,
                "n_outlets": len(outlets),
                "n_articles": len(arts),
            }
        )
    return thread


def _fallback_landscape(articles: list[dict[str, Any]]) -> dict[str, Any]:
    """Compute the media landscape from the story's own articles (before analysis ran)."""
    seen: dict[str, set[int]] = defaultdict(set)
    headlines: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for art in articles:
        outlet = art["outlet"]
        bucket = art["bucket"]
        if outlet:
            seen[bucket].add(outlet["id"])
        headlines[bucket].append(
            {
                "article_id": art["id"],
                "outlet_id": outlet["id"] if outlet else None,
                "outlet": outlet["name"] if outlet else None,
                "title": art["title"],
                "url": art["url"],
                "published_at": art["published_at"],
            }
        )
    counts = {b: len(seen[b]) for b in BUCKETS}
    return {"counts": counts, "total_outlets": sum(counts.values()), "headlines": dict(headlines)}


#: Display names of the funding types (`OWNER_TYPES`), for "coverage by owner type".
OWNER_TYPE_LABELS = {
    "corporate": "Corporate",
    "independent": "Independent",
    "non_profit": "Non-profit",
    "cooperative": "Cooperative",
    "public": "Public broadcaster / agency",
    "state": "State-controlled",
    "unknown": "Owner unknown",
}


def coverage_by_owner_type(articles: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Distinct outlets covering a story per funding type, largest first; empty types left out.

    Outlets whose owner type the registry does not record count as ``unknown``.
    """
    outlets: dict[str, dict[int, str]] = defaultdict(dict)
    for art in articles:
        outlet = art["outlet"]
        if outlet:
            kind = outlet.get("owner_type") or "unknown"
            outlets[kind if kind in OWNER_TYPE_LABELS else "unknown"][outlet["id"]] = outlet["name"]
    total = sum(len(v) for v in outlets.values())
    rows = [
        {
            "owner_type": kind,
            "label": OWNER_TYPE_LABELS[kind],
            "count": len(outlets[kind]),
            "percent": round(100 * len(outlets[kind]) / total) if total else 0,
            "outlets": sorted(outlets[kind].values()),
        }
        for kind in OWNER_TYPE_LABELS
        if outlets.get(kind)
    ]
    return sorted(rows, key=lambda row: -int(row["count"]))


def _landscape_bars(landscape: dict[str, Any]) -> list[dict[str, Any]]:
    counts = landscape.get("counts") or {}
    total = int(landscape.get("total_outlets") or sum(int(v) for v in counts.values()) or 0)
    headlines = landscape.get("headlines") or {}
    bars = []
    for bucket in BUCKETS:
        count = int(counts.get(bucket, 0) or 0)
        bars.append(
            {
                "bucket": bucket,
                "label": LEAN_LABELS[bucket],
                "count": count,
                "percent": round(100 * count / total) if total else 0,
                "headlines": list(headlines.get(bucket) or []),
            }
        )
    return bars


def story_data(
    session: Session,
    story_id: int,
    *,
    more: int = 6,
    weighting: str | None = None,
    default_weighting: str = "coverage",
) -> dict[str, Any] | None:
    """Everything the story page shows, or None when the story does not exist.

    Works at every stage of a story's life: without analysis the landscape comes from
    the articles; without a brief the page lists the articles grouped by lean.
    *weighting* picks the brief variant ("coverage" or "balanced", default
    *default_weighting*); a brief stored without that variant is shown as written, and
    ``brief.weighting`` always names what is shown.
    """
    story = session.get(Story, story_id)
    if story is None:
        return None
    rows = session.execute(
        select(Article, Outlet)
        .options(*_UNSHOWN)
        .outerjoin(Outlet, Outlet.id == Article.outlet_id)
        .where(Article.story_id == story_id)
        .order_by(Article.published_at.desc(), Article.id)
    ).all()
    articles = [article_dict(a, o) for a, o in rows]
    by_id = {a["id"]: a for a in articles}
    brief = _latest_brief(session, story_id)
    analysis = dict(story.analysis or {})
    sections: dict[str, Any] = {}
    refs: list[dict[str, Any]] = []
    shown: dict[str, Any] = {}
    if brief is not None:
        shown = _brief_weighting(
            brief, weighting or default_weighting, default_weighting, story_url(story)
        )
        stored = shown.pop("stored")
        # Deep copy through JSON-ish structures: numbering mutates them.
        sections = {
            name: [dict(s) for s in stored.get(name) or [] if isinstance(s, dict)]
            for name in SECTION_ORDER
            if stored.get(name)
        }
        cited = {
            c.get("article_id")
            for sents in sections.values()
            for s in sents
            for c in s.get("citations") or []
        }
        missing = [a for a in cited if isinstance(a, int) and a not in by_id]
        if missing:
            for a, o in session.execute(
                select(Article, Outlet)
                .options(*_UNSHOWN)
                .outerjoin(Outlet, Outlet.id == Article.outlet_id)
                .where(Article.id.in_(missing))
            ).all():
                by_id[a.id] = article_dict(a, o)
        refs = _number_citations(sections, by_id)
        sections = {k: v for k, v in sections.items() if v}
    landscape = analysis.get("landscape") or _fallback_landscape(articles)
    by_lean: dict[str, list[dict[str, Any]]] = {b: [] for b in BUCKETS}
    for art in articles:
        by_lean[art["bucket"]].append(art)
    related: list[dict[str, Any]] = []
    if story.category:
        related = [
            story_card(s)
            for s in session.scalars(
                select(Story)
                .where(
                    _live(),
                    Story.category == story.category,
                    Story.id != story.id,
                    Story.n_articles > 0,
                )
                .order_by(Story.last_updated.desc())
                .limit(more)
            )
        ]
    headline = sections.get("headline")
    paragraphs: list[list[dict[str, Any]]] = []
    last_paragraph: object = object()
    for sentence in sections.get("story") or []:
        number = sentence.get("paragraph")
        # Without paragraph numbers, three sentences make a paragraph (seed 000's rhythm).
        fresh = (number is not None and number != last_paragraph) or (
            number is None and len(paragraphs[-1] if paragraphs else ()) >= 3
        )
        if not paragraphs or fresh:
            paragraphs.append([])
        paragraphs[-1].append(sentence)
        last_paragraph = number
    return {
        "story": {**story_card(story), "merged_into": story.merged_into},
        "headline": headline[0]["text"] if headline else story.title,
        "brief": (
            {
                "version": brief.version,
                "generated_at": _iso(brief.generated_at),
                "synthesizer": brief.synthesizer,
                "sections": sections,
                **shown,
                "side_shares": (brief.stats or {}).get("side_shares") or {},
                "side_outlets": (brief.stats or {}).get("side_outlets") or {},
            }
            if brief is not None
            else None
        ),
        "story_paragraphs": paragraphs,
        "references": refs,
        "landscape": {
            "total_outlets": int(landscape.get("total_outlets") or 0),
            "bars": _landscape_bars(landscape),
            "owner_types": coverage_by_owner_type(articles),
        },
        "blindspot": analysis.get("blindspot")
        or {"side": story.blindspot, "text": None, "rule": ""},
        # a side without terms is no comparison: no sides, no section (not an empty heading)
        "framing": {k: v for k, v in (analysis.get("framing") or {}).items() if v},
        "sources": _quoted_sources(analysis.get("sources") or []),
        "entities": analysis.get("entities") or [],
        "key_phrases": analysis.get("key_phrases") or [],
        "timeline": analysis.get("timeline") or [],
        "thread": story_thread(articles),
        "articles": articles,
        "articles_by_lean": {b: v for b, v in by_lean.items() if v},
        "more_from_category": related,
    }


# --- outlets ----------------------------------------------------------------------------


def outlets_data(session: Session, page: Page) -> dict[str, Any]:
    """Return a page of outlets by name, with how many articles each has."""
    total = int(session.scalar(select(func.count()).select_from(Outlet)) or 0)
    outlets = session.scalars(
        select(Outlet)
        .order_by(func.lower(Outlet.name), Outlet.id)
        .limit(page.size)
        .offset(page.offset)
    ).all()
    # count the page's outlets only, along the outlet_id index: grouping every article
    # took 150–170 ms per request at 1M articles
    counts = {
        outlet_id: int(n)
        for outlet_id, n in session.execute(
            select(Article.outlet_id, func.count())
            .where(Article.outlet_id.in_([o.id for o in outlets]))
            .group_by(Article.outlet_id)
        )
    }
    rows = [(o, counts.get(o.id, 0)) for o in outlets]
    return {
        "outlets": [{**(outlet_dict(o) or {}), "articles": int(n)} for o, n in rows],
        "pagination": page.info(total),
    }


def outlet_data(session: Session, slug: str, page: Page) -> dict[str, Any] | None:
    """Return an outlet's rating with provenance, its recent articles and stories covered."""
    outlet = session.scalars(select(Outlet).where(Outlet.slug == slug)).first()
    if outlet is None:
        return None
    total = int(
        session.scalar(
            select(func.count()).select_from(Article).where(Article.outlet_id == outlet.id)
        )
        or 0
    )
    recent = session.scalars(
        select(Article)
        .options(*_UNSHOWN)
        .where(Article.outlet_id == outlet.id)
        .order_by(Article.published_at.desc(), Article.id.desc())
        .limit(page.size)
        .offset(page.offset)
    ).all()
    covered = session.scalars(
        select(Story)
        .where(
            _live(),
            Story.id.in_(
                select(Article.story_id).where(
                    Article.outlet_id == outlet.id, Article.story_id.is_not(None)
                )
            ),
        )
        .order_by(Story.last_updated.desc())
        .limit(12)
    ).all()
    return {
        "outlet": outlet_dict(outlet),
        "articles": [article_dict(a, outlet) for a in recent],
        "pagination": page.info(total),
        "stories": [story_card(s) for s in covered],
    }


# --- search -----------------------------------------------------------------------------


def search_data(session: Session, query: str, page: Page) -> dict[str, Any]:
    """Stories and articles matching *query* (one pagination for both lists)."""
    query = query.strip()[:200]
    if not query:
        return {"query": "", "stories": [], "articles": [], "pagination": page.info(0)}
    story_ids, n_stories = search_story_ids(session, query, limit=page.size, offset=page.offset)
    article_ids, n_articles = search_article_ids(
        session, query, limit=page.size, offset=page.offset
    )
    stories = {s.id: s for s in session.scalars(select(Story).where(Story.id.in_(story_ids)))}
    arts = {
        a.id: (a, o)
        for a, o in session.execute(
            select(Article, Outlet)
            .options(*_UNSHOWN)
            .outerjoin(Outlet, Outlet.id == Article.outlet_id)
            .where(Article.id.in_(article_ids))
        ).all()
    }
    return {
        "query": query,
        "stories": [story_card(stories[i]) for i in story_ids if i in stories],
        "articles": [article_dict(*arts[i]) for i in article_ids if i in arts],
        "totals": {"stories": n_stories, "articles": n_articles},
        "pagination": page.info(max(n_stories, n_articles)),
    }


def _quoted_sources(entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The named speakers with their quotations in quotation marks, for the page's Sources.

    A quotation without a speaker tells the reader nothing; "according to X" sentences
    are no quotations (`is_quotation`).
    """
    out = []
    for entry in entries:
        quotes = [q for q in entry.get("quotes") or [] if is_quotation(q)]
        if entry.get("speaker") and quotes:
            out.append({**entry, "quotes": quotes})
    return out
