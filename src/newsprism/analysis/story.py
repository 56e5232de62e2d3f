"""``analyze_story()``: every per-story fact, computed from the story's articles and stored.

Writes ``story.analysis`` (landscape, blindspot, framing, sources, entities, key_phrases,
timeline, regions, category_scores) and the story columns category, hashtags, regions,
lean_counts, n_outlets, blindspot, trending_score, analyzed_revision and analyzed_at.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta
from typing import Any

import numpy as np
from sqlalchemy import select
from sqlalchemy.orm import Session

from newsprism.analysis.articles import StoryArticle, load_story_articles
from newsprism.analysis.category import (
    TextEmbedder,
    categorize,
    prototype_scores,
    prototype_vectors,
)
from newsprism.analysis.framing import Background, framing, framing_exclusions
from newsprism.analysis.hashtags import hashtags, is_credit_or_outlet, is_topic
from newsprism.analysis.landscape import blindspot, landscape
from newsprism.analysis.quote_groups import group_quotes, surname_aliases
from newsprism.analysis.quotes import Quote, extract_quotes
from newsprism.analysis.regions import COUNTRIES, story_regions
from newsprism.analysis.speaker_resolution import resolve_speakers
from newsprism.analysis.timeline import (
    Candidate,
    common_entities,
    related_stories,
    strongest_first,
    unit_vector,
)
from newsprism.analysis.trending import reference_time, trending_score
from newsprism.config import Settings
from newsprism.nlp.entities import PLACE_LABELS, entity_key
from newsprism.nlp.keyphrases import key_phrases
from newsprism.nlp.opinion import is_opinion
from newsprism.store.db import claim_rows
from newsprism.store.schema import Article, Outlet, Story, utcnow

__all__ = [
    "EntityFn",
    "analyze_story",
    "fill_entities",
    "opinion_outlets",
    "relink_timelines",
    "story_entities",
]

#: texts → entities per text, as (text, label) pairs; the default is spaCy (nlp.entities).
EntityFn = Callable[[Sequence[str]], list[list[tuple[str, str]]]]

#: Entities kept per story, and how many of them define the subject for the timeline.
MAX_ENTITIES = 25
TIMELINE_ENTITIES = 12
#: Candidate stories scanned for the timeline (newest first) — bounds the work per story.
TIMELINE_CANDIDATES = 400
#: Related stories shown on a timeline.
TIMELINE_LIMIT = 6
#: Articles of the framing background (`framing_background`): counting 400 baly2020
#: articles takes 0.4 s here, so the analysis stage counts them once per batch.
BACKGROUND_ARTICLES = 400
#: NORP ("Russian", "Democrats") makes adjectives, not tags.
_HASHTAG_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "EVENT", "LAW", "FAC"})


_PROTOTYPE_CACHE: dict[int, tuple[TextEmbedder, np.ndarray]] = {}


def _prototypes(embedder: TextEmbedder) -> np.ndarray:
    """Category description vectors of *embedder*, computed once per embedder object."""
    cached = _PROTOTYPE_CACHE.get(id(embedder))
    if cached is None or cached[0] is not embedder:
        cached = (embedder, prototype_vectors(embedder))
        _PROTOTYPE_CACHE[id(embedder)] = cached
    return cached[1]


def _default_entities(texts: Sequence[str]) -> list[list[tuple[str, str]]]:
    from newsprism.nlp.entities import entities

    return entities(texts)


def _ensure_entities(session: Session, articles: list[StoryArticle], entity_fn: EntityFn) -> int:
    """Fill ``article.entities`` (a cache on the row) for articles that have none yet.

    Returns how many texts went through *entity_fn*.
    """
    missing = [a for a in articles if a.entities is None]
    if not missing:
        return 0
    # identical texts (a copy the deduper did not link, a re-sent page) are recognised once
    unique = list(dict.fromkeys(a.body for a in missing))
    by_text = dict(zip(unique, entity_fn(unique), strict=True))
    for art in missing:
        ents = by_text[art.body]
        art.entities = [[text, label] for text, label in ents]
        row = session.get(Article, art.id)
        if row is not None:
            row.entities = art.entities
    return len(unique)


def fill_entities(
    session: Session, story_ids: Sequence[int], entity_fn: EntityFn | None = None
) -> int:
    """Compute the missing entities of the articles of *story_ids* in one batch.

    spaCy is much faster over one long stream of texts than story by story (fewer, fuller
    batches); `analyze_story` then finds the entities cached on the rows. A syndicated
    copy takes its original's entities. Returns how many articles went through the
    recogniser. Articles with the same text go through it once.
    """
    articles = [a for sid in story_ids for a in load_story_articles(session, sid)]
    by_id = {a.id: a for a in articles}
    missing = [a for a in articles if a.entities is None]
    # an original in another story (or not yet in one) whose entities are already stored
    elsewhere = {a.syndicated_of for a in missing if a.syndicated_of is not None} - set(by_id)
    if elsewhere:
        for row_id, ents in session.execute(
            select(Article.id, Article.entities).where(
                Article.id.in_(elsewhere), Article.syndicated_of.is_(None)
            )
        ):
            if ents is not None:  # JSON null or SQL NULL: not recognised yet
                by_id[row_id] = StoryArticle(id=row_id, title="", text="", url="", entities=ents)
    # a syndicated copy names whom its original names: recognise the original only
    originals = {
        a.id: by_id[a.syndicated_of]
        for a in missing
        if a.syndicated_of in by_id and by_id[a.syndicated_of].syndicated_of is None
    }
    recognised = _ensure_entities(
        session, [a for a in missing if a.id not in originals], entity_fn or _default_entities
    )
    for copy in (a for a in missing if a.id in originals):
        copy.entities = originals[copy.id].entities
        row = session.get(Article, copy.id)
        if row is not None:
            row.entities = copy.entities
    return recognised


def _person(labels: Counter[str]) -> bool:
    """Tell whether an entity is a person from its label votes.

    The small model calls "Donald Trump" ORG in about half of the Mueller-report
    articles of baly2020, so a quarter of PERSON votes is enough.
    """
    return labels["PERSON"] * 4 >= sum(labels.values())


def story_entities(articles: Sequence[StoryArticle]) -> list[dict[str, Any]]:
    """Entities of the story: ``{"text", "label", "count"}`` with count = articles naming it.

    Spellings merge by `entity_key`; a one-word PERSON ("Coale") joins the one full name
    ending with it ("John Coale").
    """
    docs: Counter[str] = Counter()
    labels: dict[str, Counter[str]] = defaultdict(Counter)
    surface: dict[str, Counter[str]] = defaultdict(Counter)
    per_article: list[set[str]] = []
    # the order of first mention breaks ties of count: a set's order changes with the
    # process (string hashing), and it had changed the top entities, hence the timeline
    # links, of 21 of 169 stories between two runs of one replay
    first: dict[str, int] = {}
    for art in articles:
        keys: set[str] = set()
        for text, label in art.entities or []:
            key = entity_key(text)
            if not key:
                continue
            keys.add(key)
            first.setdefault(key, len(first))
            labels[key][label] += 1
            surface[key][text] += 1
        per_article.append(keys)
    persons = {k: sum(labels[k].values()) for k in labels if " " in k and _person(labels[k])}
    # only a person's name joins a full name: "FBI" ending a misread "Shows Ex-FBI" headline
    # fragment had made that fragment the story's second entity (90 articles, a hashtag)
    alias = surname_aliases([k for k in labels if _person(labels[k])], persons)
    for keys in per_article:
        docs.update({alias.get(k, k) for k in keys})
    for short, full in alias.items():
        labels[full].update(labels.pop(short))
        first[full] = min(first.get(full, len(first)), first.pop(short, len(first)))
    ranked = sorted(docs.items(), key=lambda item: (-item[1], first.get(item[0], len(first))))
    out = [
        {
            "text": surface[key].most_common(1)[0][0],
            "label": "PERSON" if _person(labels[key]) else labels[key].most_common(1)[0][0],
            "count": n,
        }
        for key, n in ranked
    ]
    return out[:MAX_ENTITIES]


def _framing_exclusions(session: Session, articles: Sequence[StoryArticle]) -> set[str]:
    """Words that are names: the story's entities, its outlets and the registry's outlets."""
    return framing_exclusions(articles, session.scalars(select(Outlet.name)))


def framing_background(session: Session, limit: int = BACKGROUND_ARTICLES) -> Background:
    """Word document frequencies over the store's newest *limit* articles, of any story.

    The yardstick of "common in news" for `framing`. It may hold the story's own
    articles: a handful among hundreds moves no word across the threshold.
    """
    rows = session.execute(
        select(Article.title, Article.text).order_by(Article.id.desc()).limit(limit)
    )
    return Background.of_texts(f"{title or ''}\n{text or ''}" for title, text in rows)


def _timeline_candidates(
    session: Session, story: Story, settings: Settings, *, later: bool
) -> list[Candidate]:
    """Analysed stories within ``timeline_days`` before (or after) *story*, nearest first."""
    window = timedelta(days=settings.timeline_days)
    when = (
        (Story.first_seen > story.first_seen, Story.first_seen <= story.first_seen + window)
        if later
        else (Story.first_seen < story.first_seen, Story.first_seen >= story.first_seen - window)
    )
    rows = session.execute(
        select(Story.id, Story.title, Story.slug, Story.first_seen, Story.centroid)
        .where(
            Story.id != story.id,
            Story.merged_into.is_(None),
            *when,
            Story.analyzed_revision >= 0,
        )
        .order_by(Story.first_seen.asc() if later else Story.first_seen.desc())
        .limit(TIMELINE_CANDIDATES)
    ).all()
    centroid = unit_vector(story.centroid)
    prelim = []
    for sid, title, slug, first_seen, blob in rows:
        vec = unit_vector(blob)
        if (
            centroid is not None
            and vec is not None
            and vec.shape == centroid.shape
            and float(vec @ centroid) < settings.timeline_min_similarity
        ):
            continue  # cheap filter before loading the candidate's analysis
        prelim.append((sid, title, slug, first_seen, vec))
    prelim = prelim[:60]
    analyses: dict[int, dict[str, Any]] = dict(
        session.execute(
            select(Story.id, Story.analysis).where(Story.id.in_([p[0] for p in prelim]))
        ).all()
    )
    candidates = []
    for sid, title, slug, first_seen, vec in prelim:
        if (analyses.get(sid) or {}).get("opinion_only"):
            continue  # columns alone are no event of the timeline
        ents = (analyses.get(sid) or {}).get("entities") or []
        cand_keys = {entity_key(e["text"]) for e in ents[:TIMELINE_ENTITIES]}
        candidates.append(Candidate(sid, title, slug, first_seen, vec, cand_keys))
    return candidates


def opinion_outlets(articles: Sequence[StoryArticle]) -> set[str]:
    """Keys of the outlets whose every article in the story is an opinion piece."""
    reported = {a.outlet_key for a in articles if not is_opinion(a)}
    return {a.outlet_key for a in articles} - reported


def _timeline(
    session: Session,
    story: Story,
    entity_rows: list[dict[str, Any]],
    settings: Settings,
    now: datetime,
    *,
    opinion_only: bool = False,
) -> list[dict[str, Any]]:
    """Earlier related stories of *story*; and *story* joins the timelines of later ones.

    The second half makes the timeline independent of the analysis order: after a bulk
    import the stage analyses newest first, when older related stories have no entities
    yet; each older story, analysed later, adds itself to its newer relatives. A story of
    columns alone (*opinion_only*) is no event in anyone's timeline ("OPINION: Donald Trump
    and the Imperial Presidency" stood between the Iraq visit and the Syria pullout).
    """
    keys = {entity_key(e["text"]) for e in entity_rows[:TIMELINE_ENTITIES]}
    centroid = unit_vector(story.centroid)
    before = _timeline_candidates(session, story, settings, later=False)
    after = _timeline_candidates(session, story, settings, later=True)
    # the common subjects of the whole window, not of one side of it: analysed newest
    # first, a story has few analysed earlier candidates, too few to tell what is common
    common = common_entities([*before, *after])
    earlier = related_stories(
        centroid, keys, before, min_similarity=settings.timeline_min_similarity, common=common
    )
    later = related_stories(
        centroid,
        keys,
        after,
        min_similarity=settings.timeline_min_similarity,
        limit=TIMELINE_CANDIDATES,
        common=common,
    )
    for item in [] if opinion_only else later:
        newer = session.get(Story, item["story_id"])
        if newer is None or not newer.analysis:
            continue
        entry = {
            **item,
            "story_id": story.id,
            "title": story.title,
            "slug": story.slug,
            "first_seen": story.first_seen.isoformat(),
        }
        others = [t for t in newer.analysis.get("timeline") or [] if t["story_id"] != story.id]
        # the strongest links stay, shown newest first
        merged = sorted([*others, entry], key=strongest_first, reverse=True)[:TIMELINE_LIMIT]
        merged.sort(key=lambda t: t["first_seen"], reverse=True)
        # a new dict: the JSON column only notices reassignment
        newer.analysis = {**newer.analysis, "timeline": merged}
        newer.analyzed_at = now  # the page's cache key: its timeline changed
    return earlier


def relink_timelines(
    session: Session, settings: Settings, *, limit: int, now: datetime | None = None
) -> int:
    """Relink the timelines of up to *limit* stories analysed since their last relink.

    Each story's timeline is computed again against every story analysed by now, oldest
    story first so that a newer story's own computation comes after the links older ones
    added to it. Run once nothing is left to analyze, it makes a bulk import end with the
    timelines of any analysis order: analysed one by one, a story saw only the stories
    analysed before it, and the common subjects of a window half analysed. Returns the
    stories visited.
    """
    now = now or utcnow()
    # row-locked until the commit: an analysis of the same story meanwhile (another worker)
    # waits or skips it, so neither overwrites the other's analysis
    ids = claim_rows(
        session,
        select(Story.id)
        .where(
            Story.merged_into.is_(None),
            Story.analyzed_revision >= 0,
            Story.linked_revision < Story.analyzed_revision,
        )
        .order_by(Story.first_seen.asc(), Story.id.asc())
        .limit(limit),
    )
    for story_id in ids:
        story = session.get(Story, story_id)
        if story is None:
            continue
        analysis = story.analysis or {}
        if "entities" in analysis:  # not an analysis that failed
            timeline = _timeline(
                session,
                story,
                analysis["entities"],
                settings,
                now,
                opinion_only=bool(analysis.get("opinion_only")),
            )
            if timeline != analysis.get("timeline"):
                story.analysis = {**analysis, "timeline": timeline}
                story.analyzed_at = now  # the page's cache key
        story.linked_revision = story.analyzed_revision
    return len(ids)


def _is_place(text: str, label: str) -> bool:
    """Tell whether an entity names a place.

    GPE/LOC entities, plus country names the small model mislabels (it tags "Belarus" at
    the start of a sentence as ORG).
    """
    return label in PLACE_LABELS or (label in {"ORG", "PERSON"} and text in COUNTRIES)


def _outlet_keys(session: Session, articles: Sequence[StoryArticle]) -> set[str]:
    """Entity keys of every outlet name in the store and of the story's outlets."""
    names = [*session.scalars(select(Outlet.name)), *(a.outlet for a in articles if a.outlet)]
    keys = {entity_key(n) for n in names}
    return keys | {k.removeprefix("the ") for k in keys}


def _hashtag_phrases(
    entity_rows: list[dict[str, Any]], phrases: list[str], outlet_keys: set[str]
) -> list[str]:
    ents = [
        e["text"]
        for e in entity_rows
        if e["label"] in _HASHTAG_LABELS
        and e["count"] >= 2
        and not is_credit_or_outlet(e["text"], outlet_keys)
    ]
    # topics from key phrases ("political prisoners"); proper names come from the entities
    multi = [p for p in phrases if " " in p and p.islower() and is_topic(p)]
    order: list[str] = []
    for i in range(max(len(ents), len(multi))):
        if i < len(multi):
            order.append(multi[i])
        if i < len(ents):
            order.append(ents[i])
    return order


def analyze_story(
    session: Session,
    story_id: int,
    *,
    settings: Settings | None = None,
    now: datetime | None = None,
    entity_fn: EntityFn | None = None,
    embedder: TextEmbedder | None = None,
    background: Background | None = None,
) -> dict[str, Any]:
    """Analyze one story, write the results to its row (not committed) and return the analysis.

    *entity_fn* replaces the spaCy entity recogniser (tests, other languages). With an
    *embedder* (the one that made the story centroid) the centroid's similarity to the
    category descriptions joins the category vote. *background* (`framing_background`,
    counted from the store when not given) keeps words common in all news out of framing.
    """
    cfg = settings or Settings()
    story = session.get(Story, story_id)
    if story is None:
        raise LookupError(f"story {story_id} does not exist")
    revision = story.revision
    now = now or utcnow()
    articles = load_story_articles(session, story_id)
    _ensure_entities(session, articles, entity_fn or _default_entities)

    land = landscape(articles)
    spot = blindspot(land["counts"], share=cfg.blindspot_share, min_rated=cfg.blindspot_min_outlets)
    frames = framing(
        articles,
        exclude_words=_framing_exclusions(session, articles),
        min_z=cfg.framing_min_z,
        background=background if background is not None else framing_background(session),
    )
    quote_items: list[tuple[int, str, Quote]] = []
    for art in articles:
        for quote in resolve_speakers(extract_quotes(art.text), art.text):
            quote_items.append((art.id, art.outlet, quote))
    entity_rows = story_entities(articles)
    people = {e["text"]: e["count"] for e in entity_rows if e["label"] == "PERSON"}
    outlet_keys = _outlet_keys(session, articles)
    # an outlet is a reporter, not a primary source: "ABC News: “Jussie Smollett Performs at
    # Troubadour …”" (a headline it was said to have run) stood in a replayed Sources section
    sources = [
        entry
        for entry in group_quotes(quote_items, known_names=people)
        if entry.get("speaker") is None or entity_key(str(entry["speaker"])) not in outlet_keys
    ]
    phrases = key_phrases([a.body for a in articles], top_k=10)
    tags = hashtags(_hashtag_phrases(entity_rows, phrases, outlet_keys))
    centroid = unit_vector(story.centroid)
    by_embedding = None
    if embedder is not None and centroid is not None:
        by_embedding = prototype_scores(centroid, _prototypes(embedder))
    category, category_scores = categorize(articles, embedding_scores=by_embedding)
    places = [[t for t, label in (a.entities or []) if _is_place(t, label)] for a in articles]
    regions = story_regions(places)
    opinion = opinion_outlets(articles)
    opinion_only = bool(articles) and opinion >= {a.outlet_key for a in articles}
    timeline = _timeline(session, story, entity_rows, cfg, now, opinion_only=opinion_only)
    trend = trending_score(
        articles,
        reference_time(session, now),
        half_life_hours=cfg.trending_half_life_hours,
        opinion_outlets=opinion,
    )

    analysis: dict[str, Any] = {
        "landscape": land,
        "blindspot": spot,
        "framing": frames,
        "sources": sources,
        "entities": entity_rows,
        "key_phrases": phrases,
        "timeline": timeline,
        "category": category,
        "category_scores": category_scores,
        "hashtags": tags,
        "regions": regions,
        "trending_score": trend,
        "opinion_outlets": sorted(opinion),
        "opinion_only": opinion_only,
        "revision": revision,
    }
    story.analysis = analysis
    story.category = category
    story.hashtags = tags
    story.regions = [r["country"] for r in regions]
    story.lean_counts = land["counts"]
    story.n_outlets = land["total_outlets"]
    story.blindspot = spot["side"]
    story.trending_score = trend
    story.analyzed_revision = revision
    story.analyzed_at = now
    return analysis
