"""Page-quality evaluation: replay a corpus through the real pipeline and measure the pages.

``newsprism eval pages --data CORPUS --json`` imports a window of a JSONL corpus into a fresh
SQLite store, runs every stage after fetching (dedupe → embed → cluster → analyze → brief),
renders each briefed story page with the real web app and reports what a reader would
notice: repeated sentences, headlines or questions shown as facts, opinion without a
speaker, names shown as framing words.

The checks here are deliberately *not* the synthesizer's own filters: a headline is a
sentence matching any title in the corpus, opinion is told by the article's URL, a name is
a word the coverage itself capitalises mid-sentence — so the measure can disagree with the
code it measures.

Measures are plain functions ``measure(run) -> value`` in `MEASURES`; the ones another area
owns start as `not_wired` slots reporting ``null`` until a function is registered with
`register_measure`.
"""

from __future__ import annotations

import contextlib
import gzip
import json
import re
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

from newsprism.browser import CHROMIUM
from newsprism.config import Settings
from newsprism.errors import DatasetError, NewsPrismError

__all__ = [
    "BAD_REASONS",
    "MEASURES",
    "EvalPage",
    "PageEvalRun",
    "bad_sentence_reason",
    "evaluate_pages",
    "near_duplicate",
    "not_wired",
    "register_measure",
]

#: Sections whose sentences are reported statements in the narrator's voice.
STATEMENT_SECTIONS = (
    "summary",
    "story",
    "why_it_matters",
    "context",
    "global_impact",
    "key_points_left",
    "key_points_center",
    "key_points_right",
)
#: Of those, the ones a reader reads as bullets.
BULLET_SECTIONS = ("summary", "key_points_left", "key_points_center", "key_points_right")
#: Two sentences with ≥ 0.8 of the shorter one's words in common say the same (issue 15).
TOKEN_OVERLAP = 0.8
#: Or a MiniLM cosine ≥ 0.9.
COSINE = 0.9

BAD_REASONS = (
    "headline",
    "question",
    "opinion_unattributed",
    "dateline",
    "boilerplate",
    "quote_without_speaker",
    "pronoun_subject",
)

#: Opinion told by the URL's section alone: the evaluation's own ground truth.
_OPINION_URL = re.compile(
    r"/(opinions?|op-?eds?|commentary|columns?|columnists?|editorials?|blogs?|voices|views|"
    r"perspectives?)(/|$)",
    re.IGNORECASE,
)
_ATTRIBUTION = re.compile(
    r"\b(said|says|say|told|wrote|writes|argued|argues|according to|claimed|claims|stated|states|"
    r"added|tweeted|believes?|contends?|insists?|asserted|noted)\b",
    re.IGNORECASE,
)
_DATELINE = re.compile(r"^[A-Z][A-Z .,'-]{2,40}(\([A-Za-z ]+\))?\s*[-—–]|^\((CNN|AP|Reuters)\)")
#: (a demonstrative before a span of time is a time adverbial, no pronoun: "This week, for
#: the first time, the senator emerged in first place …")
_PRONOUN = re.compile(
    r"^[\"“‘']?(he|she|they|it|(?:this|these|those)(?!\s+(?:time|week|year|month|morning|"
    r"afternoon|evening|weekend|spring|summer|fall|autumn|winter|season|term|cycle)s?\b)|we|i)\b",
    re.IGNORECASE,
)
_FIRST_PERSON = re.compile(r"(^|[^\"“”\w])(I|I'm|I've|my|me|we|our)\b")
_WORD = re.compile(r"[A-Za-z][A-Za-z'’\-]*")


@dataclass
class EvalPage:
    """One rendered story page: its data (as the web builds it), HTML and the card title."""

    story_id: int
    url: str
    card_title: str
    data: dict[str, Any]
    html: str
    analysis: dict[str, Any]

    def sentences(self, sections: tuple[str, ...] | None = None) -> list[tuple[str, str]]:
        """(section, text) of every brief sentence the page shows, in page order.

        Key players are names with their roles, labels rather than sentences: they are left
        out unless *sections* asks for them.
        """
        brief = self.data.get("brief") or {}
        out: list[tuple[str, str]] = []
        for name, items in (brief.get("sections") or {}).items():
            if sections is not None and name not in sections:
                continue
            if sections is None and name == "key_players":
                continue
            out.extend((name, str(item.get("text", ""))) for item in items)
        return out


@dataclass
class PageEvalRun:
    """Everything a measure may look at: the pages, the store and the corpus they came from."""

    pages: list[EvalPage]
    settings: Settings
    #: article id → {"url", "title", "outlet", "text", "author"}
    articles: dict[int, dict[str, Any]]
    outlet_names: set[str]
    corpus_titles: set[str] = field(default_factory=set)
    #: the sentence encoder, when one is loaded (MiniLM); None → token overlap only
    encoder: Any = None
    #: extra data a plugged-in measure may want (labelled sets, …)
    extras: dict[str, Any] = field(default_factory=dict)


Measure = Callable[[PageEvalRun], Any]


def not_wired(run: PageEvalRun) -> None:
    """A measure slot whose function is not plugged in yet: reports ``null``."""


def _words(text: str) -> list[str]:
    return [w.lower().strip("'’-") for w in _WORD.findall(text)]


def near_duplicate(a: str, b: str) -> bool:
    """Tell whether two sentences share ≥ `TOKEN_OVERLAP` of the shorter one's words."""
    wa, wb = set(_words(a)), set(_words(b))
    if not wa or not wb:
        return a.strip() == b.strip()
    return len(wa & wb) / min(len(wa), len(wb)) >= TOKEN_OVERLAP


def _duplicates_on_page(page: EvalPage, encoder: Any) -> int:
    texts = [t for _, t in page.sentences() if t]
    dupes = 0
    vectors = encoder.embed(texts) if encoder is not None and texts else None
    for i, text in enumerate(texts):
        for j in range(i):
            same = near_duplicate(text, texts[j])
            if not same and vectors is not None:
                same = float(vectors[i] @ vectors[j]) >= COSINE
            if same:
                dupes += 1
                break
    return dupes


def _page_duplicates(run: PageEvalRun) -> list[int]:
    """Repeats per page, computed once per run (two measures read them)."""
    if "duplicates" not in run.extras:
        run.extras["duplicates"] = [_duplicates_on_page(p, run.encoder) for p in run.pages]
    return list(run.extras["duplicates"])


def duplicate_sentences_per_page(run: PageEvalRun) -> float | None:
    """Mean number of sentences per page that repeat (or nearly repeat) an earlier one."""
    if not run.pages:
        return None
    return round(sum(_page_duplicates(run)) / len(run.pages), 3)


def pages_with_duplicates(run: PageEvalRun) -> float | None:
    """Share of pages with at least one repeated sentence."""
    if not run.pages:
        return None
    return round(sum(1 for n in _page_duplicates(run) if n > 0) / len(run.pages), 3)


def _normal(text: str) -> str:
    return " ".join(_words(text))


def _cited_articles(page: EvalPage, section: str, text: str) -> list[int]:
    brief = page.data.get("brief") or {}
    for item in (brief.get("sections") or {}).get(section, []):
        if item.get("text") == text:
            return [int(c.get("article_id", -1)) for c in item.get("citations") or []]
    return []


def bad_sentence_reason(run: PageEvalRun, page: EvalPage, section: str, text: str) -> str | None:
    """Why *text* is not a reported statement, or None when it is one (see `BAD_REASONS`)."""
    stripped = text.strip()
    norm = _normal(stripped)
    if norm in run.corpus_titles:
        return "headline"
    if stripped.rstrip("\"”’' ").endswith("?"):
        return "question"
    if _DATELINE.match(stripped):
        return "dateline"
    if re.search(r"opinions expressed|all rights reserved|sign up|subscribe|click here", norm):
        return "boilerplate"
    attributed = bool(_ATTRIBUTION.search(stripped))
    if stripped[:1] in '"“' and not attributed:
        return "quote_without_speaker"
    if _PRONOUN.match(stripped) and not attributed:
        return "pronoun_subject"
    cited = [run.articles.get(a) for a in _cited_articles(page, section, text)]
    from_opinion = any(a is not None and _OPINION_URL.search(str(a.get("url", ""))) for a in cited)
    outside_quotes = re.sub(r"[\"“][^\"”]*[\"”]", "", stripped)
    if (from_opinion or _FIRST_PERSON.search(outside_quotes)) and not attributed:
        return "opinion_unattributed"
    return None


def _bad_share(run: PageEvalRun, sections: tuple[str, ...]) -> dict[str, Any] | None:
    reasons: Counter[str] = Counter()
    total = 0
    for page in run.pages:
        for section, text in page.sentences(sections):
            total += 1
            why = bad_sentence_reason(run, page, section, text)
            if why:
                reasons[why] += 1
    if not total:
        return None
    return {
        "share": round(sum(reasons.values()) / total, 4),
        "n": total,
        "by_reason": dict(reasons.most_common()),
    }


def bad_bullets(run: PageEvalRun) -> dict[str, Any] | None:
    """Share of summary and key-point bullets that are not reported statements, by reason."""
    return _bad_share(run, BULLET_SECTIONS)


def bad_statements(run: PageEvalRun) -> dict[str, Any] | None:
    """The same over every narrator-voice sentence (bullets, body, why/context/impact)."""
    return _bad_share(run, STATEMENT_SECTIONS)


def _proper_nouns(page: EvalPage, run: PageEvalRun) -> set[str]:
    """Words the story's own articles capitalise in ≥ 80 % of their mid-sentence uses."""
    upper: Counter[str] = Counter()
    seen: Counter[str] = Counter()
    for art in page.data.get("articles") or []:
        body = run.articles.get(int(art.get("id", -1)), {}).get("text", "")
        for match in re.finditer(r"(?<=[a-z,;] )([A-Za-z][A-Za-z'’\-]+)", body):
            word = match.group(1)
            seen[word.lower()] += 1
            if word[0].isupper():
                upper[word.lower()] += 1
    return {w for w, n in seen.items() if n >= 2 and upper[w] / n >= 0.8}


def outlet_phrases(names: Iterable[str]) -> set[tuple[str, ...]]:
    """Each outlet name as a word sequence, with and without a leading "the"."""
    phrases: set[tuple[str, ...]] = set()
    for name in names:
        words = tuple(_words(name))
        if words:
            phrases.add(words)
        if len(words) > 1 and words[0] == "the":
            phrases.add(words[1:])
    return phrases


def names_an_outlet(term: str, phrases: set[tuple[str, ...]]) -> bool:
    """Tell whether *term* holds a whole outlet name ("fox news", "hill" for The Hill).

    A word of a longer name alone is no outlet name: "policy" is not Foreign Policy, nor
    "morning" The Dallas Morning News.
    """
    words = tuple(_words(term))
    return any(words[i : i + len(p)] == p for p in phrases for i in range(len(words) - len(p) + 1))


def framing_entity_share(run: PageEvalRun) -> dict[str, Any] | None:
    """Share of shown framing terms that are names (people, places, outlets) or outlet names."""
    total = named = 0
    examples: Counter[str] = Counter()
    phrases = outlet_phrases(run.outlet_names)
    for page in run.pages:
        framing = page.data.get("framing") or {}
        proper = _proper_nouns(page, run)
        for items in framing.values():
            for item in items or []:
                term = str(item.get("term", "")).strip()
                if not term:
                    continue
                total += 1
                words = _words(term)
                if names_an_outlet(term, phrases) or (words and all(w in proper for w in words)):
                    named += 1
                    examples[term.lower()] += 1
    if not total:
        return None
    return {
        "share": round(named / total, 4),
        "n": total,
        "examples": [t for t, _ in examples.most_common(12)],
    }


def headline_matches_card(run: PageEvalRun) -> float | None:
    """Share of pages whose page headline is the card title."""
    if not run.pages:
        return None
    same = sum(1 for p in run.pages if str(p.data.get("headline")) == p.card_title)
    return round(same / len(run.pages), 3)


#: name → measure. The last four belong to the analysis and web areas (issue 15 items 5–8,
#: 10): they stay `not_wired` (null) until those areas `register_measure` their function.
MEASURES: dict[str, Measure] = {
    "duplicate_sentences_per_page": duplicate_sentences_per_page,
    "pages_with_duplicates": pages_with_duplicates,
    "bad_bullets": bad_bullets,
    "bad_statements": bad_statements,
    "framing_entity_share": framing_entity_share,
    "headline_matches_card": headline_matches_card,
    "speaker_accuracy": not_wired,
    "category_accuracy": not_wired,
    "timeline_links": not_wired,
    "lean_bar_above_fold_share": not_wired,
}


def balanced_variant(run: PageEvalRun) -> dict[str, Any] | None:
    """Repeats and bad bullets on the balanced pages (``?weighting=balanced``, issue 15 item 9).

    The brief stage writes a second, balanced page per story; it must hold the same floors.
    """
    pages: list[EvalPage] = list(run.extras.get("balanced_pages") or [])
    if not pages:
        return None
    extras = {k: v for k, v in run.extras.items() if k != "duplicates"}
    sub = replace(run, pages=pages, extras=extras)
    bullets = bad_bullets(sub)
    return {
        "pages": len(pages),
        "duplicate_sentences_per_page": duplicate_sentences_per_page(sub),
        "pages_with_duplicates": pages_with_duplicates(sub),
        "bad_bullets": bullets["share"] if bullets else None,
    }


MEASURES["balanced_variant"] = balanced_variant


def _timeline_links(run: PageEvalRun) -> dict[str, Any] | None:
    """Stories of the run with a timeline, and their links (`analysis.page_eval`)."""
    from newsprism.analysis.page_eval import timeline_links

    store = run.extras.get("store")
    return None if store is None else timeline_links(store)


def _category_accuracy(run: PageEvalRun) -> float | None:
    """Category accuracy on the test half of the corpus' labelled topics (null if none)."""
    from newsprism.analysis.page_eval import category_accuracy

    corpus = run.extras.get("corpus")
    if corpus is None:
        return None
    try:
        value = category_accuracy(Path(corpus), split="test").get("accuracy")
    except NewsPrismError:  # a corpus without topic labels
        return None
    return None if value is None else float(value)


def _speaker_accuracy(run: PageEvalRun) -> float | None:
    """Speaker accuracy on the test half of the hand-labelled quotes found in the corpus."""
    from newsprism.analysis.evaluate import read_jsonl
    from newsprism.analysis.page_eval import load_speaker_labels, speaker_accuracy

    corpus = run.extras.get("corpus")
    if corpus is None:
        return None
    labels = load_speaker_labels()
    wanted = {label.article_id for label in labels}
    try:
        texts = {r["id"]: r["text"] for r in read_jsonl(Path(corpus)) if r.get("id") in wanted}
    except (NewsPrismError, KeyError, ValueError):
        return None
    result = speaker_accuracy(labels, texts, split="test")
    return None if result["accuracy"] is None else float(result["accuracy"])


#: Story pages the fold measure opens (two viewports each): enough for a share, bounded time.
FOLD_PAGES = 40


@contextlib.contextmanager
def _serve(settings: Settings, store: Any) -> Iterator[str]:
    """The site on a free loopback port, in a thread, for the length of the block."""
    import socket
    import threading

    import uvicorn

    from newsprism.web.app import create_app

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = int(sock.getsockname()[1])
    config = uvicorn.Config(
        create_app(settings, store), host="127.0.0.1", port=port, log_level="warning"
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise DatasetError("the site did not start for the fold measure")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def _fold_share(run: PageEvalRun) -> dict[str, Any] | None:
    """Share of story pages whose lean strip and counts sit in the first screen.

    Desktop and phone viewports, in Chromium; null without a browser (``CHROMIUM`` and
    Playwright).
    """
    from newsprism.analysis.page_eval import lean_bar_above_fold

    store = run.extras.get("store")
    if store is None or not run.pages or not Path(CHROMIUM).exists():
        return None
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return None
    with _serve(run.settings, store) as base:
        return lean_bar_above_fold(base, [p.url for p in run.pages[:FOLD_PAGES]])


# the analysis and web areas' measures (issue 15 items 5, 7, 8, 10)
MEASURES.update(
    speaker_accuracy=_speaker_accuracy,
    category_accuracy=_category_accuracy,
    timeline_links=_timeline_links,
    lean_bar_above_fold_share=_fold_share,
)


def register_measure(name: str, fn: Measure) -> None:
    """Plug *fn* in as measure *name* (replacing a `not_wired` slot or adding one)."""
    MEASURES[name] = fn


# --- running --------------------------------------------------------------------------


def _window(path: Path, since: date | None, limit: int) -> Iterator[tuple[int, Any, str]]:
    from newsprism.importer import LineError, parse_line

    if not path.exists():
        raise DatasetError(f"{path} does not exist: pass a JSONL or .jsonl.gz file of articles.")
    opener = gzip.open if path.suffix == ".gz" else open
    taken = 0
    with opener(path, "rb") as handle:
        for line_no, raw in enumerate(handle, 1):
            if taken >= limit:
                break
            if not raw.strip():
                continue
            try:
                art, canonical = parse_line(raw)
            except LineError:
                continue
            if since is not None and (art.published is None or art.published.date() < since):
                continue
            taken += 1
            yield line_no, art, canonical


def evaluate_pages(
    corpus: Path,
    *,
    since: date | None = None,
    limit: int = 400,
    work_dir: Path | None = None,
    embedder: str = "minilm",
    progress: Callable[[str], None] | None = None,
) -> dict[str, Any]:
    """Replay *limit* articles of *corpus* (from *since* on), build the pages, run `MEASURES`."""
    if not corpus.is_file():
        raise DatasetError(f"{corpus} does not exist: pass a JSONL or .jsonl.gz file of articles.")
    with tempfile.TemporaryDirectory(prefix="newsprism-eval-") as tmp:
        data_dir = work_dir or Path(tmp)
        settings = Settings(data_dir=data_dir, database_url="", embedder=embedder)
        run = build_run(corpus, settings, since=since, limit=limit, progress=progress)
        run.extras["corpus"] = corpus
        return report(run, corpus=corpus, since=since, limit=limit)


def build_run(
    corpus: Path,
    settings: Settings,
    *,
    since: date | None,
    limit: int,
    progress: Callable[[str], None] | None = None,
) -> PageEvalRun:
    """Import, run the pipeline to the end and render every briefed story page."""
    from sqlalchemy import select

    from newsprism.importer import ImportReport, import_articles
    from newsprism.outlets.registry import load_registry, sync_registry
    from newsprism.pipeline import Pipeline, StageContext
    from newsprism.store.db import Store
    from newsprism.store.schema import Article, Brief, Outlet, Story

    say = progress or (lambda _msg: None)
    settings.ensure_data_dir()
    store = Store(settings.sqlalchemy_url)
    store.upgrade()
    sync_registry(store, load_registry(overrides=settings.outlets_overrides))
    imported = ImportReport()
    import_articles(store, _window(corpus, since, limit), imported)
    say(f"imported {imported.inserted} articles")
    ctx = StageContext(store, settings)
    pipeline = Pipeline(ctx)
    stages = ("dedupe_articles", "embed_articles", "cluster_articles", "analyze_stories",
              "synthesize_briefs")  # fmt: skip
    for _ in range(6):  # a later pass picks up stories an earlier one changed
        reports = pipeline.run_once(stages)
        say(", ".join(f"{r.stage} {r.processed}" for r in reports))
        if not any(r.did_work for r in reports):
            break
    with store.session() as session:
        articles: dict[int, dict[str, Any]] = {
            a.id: {
                "url": a.url,
                "title": a.title,
                "text": a.text or "",
                "author": a.author,
                "outlet_id": a.outlet_id,
            }
            for a in session.scalars(select(Article))
        }
        outlet_names = {o.name for o in session.scalars(select(Outlet))}
        briefed = list(
            session.scalars(
                select(Story.id).where(
                    Story.id.in_(select(Brief.story_id)), Story.merged_into.is_(None)
                )
            )
        )
    pages = render_pages(settings, store, briefed)
    two_ways = [p.story_id for p in pages
                if "balanced" in ((p.data.get("brief") or {}).get("weightings") or [])]  # fmt: skip
    balanced_pages = render_pages(settings, store, two_ways, weighting="balanced")
    encoder = ctx.resources.get("faithfulness_guard")
    titles = {_normal(str(a["title"])) for a in articles.values() if a["title"]}
    return PageEvalRun(
        pages=pages,
        settings=settings,
        articles=articles,
        outlet_names=outlet_names,
        corpus_titles=titles,
        encoder=getattr(encoder, "encoder", None),
        extras={"store": store, "imported": imported.inserted, "balanced_pages": balanced_pages},
    )


def render_pages(
    settings: Settings, store: Any, story_ids: list[int], *, weighting: str | None = None
) -> list[EvalPage]:
    """Build each story page as the site does: its data and its HTML from the web app.

    *weighting* asks for that brief variant (``?weighting=``); None is the site's default.
    """
    from fastapi.testclient import TestClient

    from newsprism.store.schema import Story
    from newsprism.web.app import create_app
    from newsprism.web.data import story_data

    client = TestClient(create_app(settings, store))
    pages: list[EvalPage] = []
    with store.session() as session:
        for story_id in story_ids:
            story = session.get(Story, story_id)
            data = story_data(
                session, story_id, weighting=weighting, default_weighting=settings.brief_weighting
            )
            if story is None or data is None:
                continue
            url = str(data["story"]["url"]) + (f"?weighting={weighting}" if weighting else "")
            html = client.get(url).text
            pages.append(EvalPage(story_id, url, str(story.title or ""), data, html,
                                  dict(story.analysis or {})))  # fmt: skip
    return pages


def report(run: PageEvalRun, **meta: Any) -> dict[str, Any]:
    """Run every measure of `MEASURES` over *run*."""
    out: dict[str, Any] = {
        "corpus": str(meta.get("corpus", "")),
        "since": str(meta.get("since") or ""),
        "limit": meta.get("limit"),
        "articles": run.extras.get("imported"),
        "pages": len(run.pages),
    }
    for name, fn in MEASURES.items():
        out[name] = fn(run)
    return out


def dumps(result: dict[str, Any]) -> str:
    """The report as indented JSON."""
    return json.dumps(result, indent=2, sort_keys=False, default=str)
