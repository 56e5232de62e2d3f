"""PostgreSQL search by newest id ranges: the same rows as one unrestricted query.

``search_article_ids`` / ``search_story_ids`` find the newest RANK_WINDOW matches range by
range, scanning or using GIN as the statistics suggest; these tests seed a table with
Zipf-distributed made-up words (common, middling and rare words, gaps in the ids) and
compare every query's page and total with the plain query it replaces. They need the
PostgreSQL server of the test suite (skipped when none answers).
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import text

from newsprism.store.db import Store
from newsprism.store.schema import Story
from newsprism.web import search
from newsprism.web.search import search_article_ids, search_story_ids, tsquery_text

NOW = datetime(2026, 12, 5, 12, tzinfo=UTC)
#: The query the range search replaces: the newest window of matches, ranked.
REFERENCE_ARTICLES = (
    "SELECT id, count(*) OVER () FROM (SELECT id, search_fts FROM article "
    "WHERE search_fts @@ to_tsquery('english', :q) ORDER BY id DESC LIMIT :window) hits "
    "ORDER BY ts_rank(search_fts, to_tsquery('english', :q)) DESC, id DESC "
    "LIMIT :limit OFFSET :offset"
)
REFERENCE_STORIES = (
    "SELECT id, count(*) OVER () FROM (SELECT id, search_fts, last_updated FROM story "
    "WHERE search_fts @@ to_tsquery('english', :q) AND merged_into IS NULL "
    "ORDER BY id DESC LIMIT :window) hits "
    "ORDER BY ts_rank(search_fts, to_tsquery('english', :q)) DESC, last_updated DESC, id DESC "
    "LIMIT :limit OFFSET :offset"
)


def _vocabulary(rng: random.Random, size: int) -> list[str]:
    words: set[str] = set()
    while len(words) < size:
        words.add("".join(rng.choice("bdgkmprstv") + rng.choice("aeiou") for _ in range(3)))
    return sorted(words)


def _seed_articles(store: Store, n: int, seed: int) -> list[str]:
    """*n* articles of Zipf-distributed words (rank 1 in most, the tail in a few), analysed."""
    rng = random.Random(seed)
    vocab = _vocabulary(rng, 600)
    cum = list(itertools.accumulate(1.0 / r for r in range(1, len(vocab) + 1)))
    rows = []
    for i in range(n):
        title, body = (" ".join(rng.choices(vocab, cum_weights=cum, k=k)) for k in (6, 40))
        rows.append({"u": f"https://x.example/{i}", "t": title, "x": body})
    with store.session() as s:
        s.execute(
            text(
                "INSERT INTO article (url, canonical_url, title, summary, text, categories, "
                "partial, status, attempts) "
                "VALUES (:u, :u, :t, '', :x, '[]', false, 'clustered', 0)"
            ),
            rows,
        )
        # gaps in the ids, as deletions leave them
        s.execute(text("DELETE FROM article WHERE id % 7 = 3 OR id BETWEEN 1500 AND 1800"))
    with store.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(text("ANALYZE article"))
    return vocab


def _queries(vocab: list[str]) -> list[str]:
    picks = [vocab[r] for r in (0, 1, 3, 8, 20, 60, 150, 400, 599)]
    two = [f"{a} {b}" for a, b in itertools.product(picks[::2], picks[1::2])]
    return [*picks, *two, picks[2][:2], picks[4][:3], "the " + picks[5], picks[5] + " the"]


def _reference(store: Store, sql: str, query: str, offset: int) -> tuple[list[int], int]:
    with store.session() as s:
        rows = s.execute(
            text(sql),
            {"q": tsquery_text(query), "window": search.RANK_WINDOW, "limit": 20, "offset": offset},
        ).all()
    return [int(r[0]) for r in rows], (int(rows[0][1]) if rows else 0)


def test_range_search_returns_the_rows_of_the_unrestricted_query(pg_store: Store) -> None:
    vocab = _seed_articles(pg_store, 4000, seed=3)
    checked = 0
    for query in _queries(vocab):
        for offset in (0, 40, 180):
            want_ids, want_total = _reference(pg_store, REFERENCE_ARTICLES, query, offset)
            with pg_store.session() as s:
                ids, total = search_article_ids(s, query, limit=20, offset=offset)
            assert ids == want_ids, (query, offset)
            if want_ids:
                assert total == want_total, query
            checked += bool(want_ids)
    assert checked > 30  # the queries did find rows, on several pages


def _pinned(how: str, used: set[str]) -> Callable[..., str]:
    """A stand-in for ``search._choose`` that always answers *how* (when it can apply)."""

    def pinned(
        n_rows: float,
        exact: list[float],
        prefix: float | None,
        span: float,
        unlisted: float = 0.0,
        key: float | None = None,
        recheck: bool = False,
    ) -> str:
        way = how if exact or how != "gin_exact" else "gin"
        if way == "keys" and (key is None or prefix is None):
            way = "gin"  # the query has no prefix key (a stop word or a short prefix)
        used.add(way)
        return way

    return pinned


def test_every_way_of_searching_a_range_is_exercised_and_exact(
    pg_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Pinned to each way in turn (scan, GIN, GIN on whole words, the prefix keys; the
    range on the key or tested on the heap), results do not change."""
    vocab = _seed_articles(pg_store, 2500, seed=5)
    queries = [
        vocab[1],
        vocab[30],
        vocab[300],
        f"{vocab[40]} {vocab[0]}",
        f"{vocab[0]} {vocab[9]}",
        vocab[7][:4],  # a prefix shorter than the word, keyed
        f"{vocab[3]} {vocab[50][:2]}",  # a prefix too short for a key
    ]
    monkeypatch.setattr(search, "RANK_WINDOW", 60)  # a few ranges per query
    used: set[str] = set()
    for how, pk_range in itertools.product(("scan", "gin", "gin_exact", "keys"), (True, False)):
        monkeypatch.setattr(search, "_choose", _pinned(how, used))
        monkeypatch.setattr(search, "_pk_range", lambda *a, pk=pk_range: pk)
        for query in queries:
            want = _reference(pg_store, REFERENCE_ARTICLES, query, 0)
            with pg_store.session() as s:
                got = search_article_ids(s, query, limit=20, offset=0)
            assert got == want, (how, pk_range, query)
    assert used == {"scan", "gin", "gin_exact", "keys"}


def test_range_search_widens_range_by_range_when_the_estimate_is_too_high(
    pg_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Statistics that overrate every word make the first range come up short."""
    vocab = _seed_articles(pg_store, 3000, seed=9)
    spans: list[float] = []
    real = search._choose

    def spy(n_rows: float, exact: list[float], prefix: float | None, span: float, *a: float) -> str:
        spans.append(span)
        return real(n_rows, exact, prefix, span, *a)

    monkeypatch.setattr(search, "_choose", spy)
    monkeypatch.setattr(search, "_share", lambda freqs, min_freq, prefix: 0.9)
    monkeypatch.setattr(search, "RANK_WINDOW", 30)
    monkeypatch.setattr(search, "MIN_SPAN", 30)
    for query in (vocab[5], vocab[100], vocab[-1], f"{vocab[2]} {vocab[7]}"):
        spans.clear()
        want = _reference(pg_store, REFERENCE_ARTICLES, query, 0)
        with pg_store.session() as s:
            got = search_article_ids(s, query, limit=20, offset=0)
        assert got == want, query
        assert len(spans) >= 2, query


def test_rows_at_range_boundaries_are_neither_lost_nor_counted_twice(
    pg_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ranges of a few rows over a word nearly every row holds: most boundaries match."""
    vocab = _seed_articles(pg_store, 600, seed=2)
    steps: list[str] = []
    real = search._choose

    def spy(n_rows: float, exact: list[float], prefix: float | None, span: float, *a: float) -> str:
        steps.append(real(n_rows, exact, prefix, span, *a))
        return steps[-1]

    monkeypatch.setattr(search, "_choose", spy)
    monkeypatch.setattr(search, "RANK_WINDOW", 40)
    monkeypatch.setattr(search, "MIN_SPAN", 3)
    monkeypatch.setattr(search, "SPAN_SLACK", 0.2)
    for offset in (0, 20):
        steps.clear()
        want = _reference(pg_store, REFERENCE_ARTICLES, vocab[0], offset)
        with pg_store.session() as s:
            got = search_article_ids(s, vocab[0], limit=20, offset=offset)
        assert got == want
        assert want[1] == 40
        assert len(steps) >= 5


def test_search_puts_the_planner_settings_back(pg_store: Store) -> None:
    vocab = _seed_articles(pg_store, 500, seed=1)
    with pg_store.session() as s:
        s.execute(text("SET LOCAL enable_seqscan = on"))
        before = s.execute(
            text(
                "SELECT current_setting('enable_indexscan'), current_setting('enable_seqscan'), "
                "current_setting('plan_cache_mode'), current_setting('work_mem')"
            )
        ).one()
        for query in (vocab[0], vocab[50], "zzzzqqq", "the"):
            search_article_ids(s, query, limit=20, offset=0)
            after = s.execute(
                text(
                    "SELECT current_setting('enable_indexscan'), "
                    "current_setting('enable_seqscan'), current_setting('plan_cache_mode'), "
                    "current_setting('work_mem')"
                )
            ).one()
            assert after == before, query
    assert tuple(before[:3]) == ("on", "on", "auto")
    assert before[3] != search.SEARCH_WORK_MEM


def test_story_range_search_skips_merged_stories_like_the_reference(pg_store: Store) -> None:
    rng = random.Random(4)
    vocab = _vocabulary(rng, 80)
    with pg_store.session() as s:
        for i in range(600):
            s.add(
                Story(
                    title=" ".join(rng.choices(vocab[: 5 + i % 70], k=5)),
                    slug=f"s{i}",
                    first_seen=NOW,
                    # shuffled dates: the rank's tie-break is last_updated, not the id
                    last_updated=NOW - timedelta(minutes=rng.randrange(10_000)),
                )
            )
    with pg_store.session() as s:
        s.execute(text("UPDATE story SET merged_into = id - 1 WHERE id % 5 = 0"))
    with pg_store.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(text("ANALYZE story"))
    for query in (vocab[0], vocab[3], vocab[40], f"{vocab[1]} {vocab[2]}", vocab[60][:2]):
        for offset in (0, 20):
            want = _reference(pg_store, REFERENCE_STORIES, query, offset)
            with pg_store.session() as s:
                got = search_story_ids(s, query, limit=20, offset=offset)
            assert got[0] == want[0], (query, offset)
            if want[0]:
                assert got[1] == want[1], query


def test_choose_scans_common_words_and_indexes_the_rest() -> None:
    n = 1_000_000.0
    # a word in most rows: testing a few hundred rows beats any index
    assert search._choose(n, [], 0.6, 500) == "scan"
    # a word in 1 % of rows: 30k rows to test, or 10k postings and ~300 fetches
    assert search._choose(n, [], 0.01, 30_000) == "gin"
    # a rare whole word and a prefix found everywhere: the prefix is tested on the
    # rare word's rows rather than read from the index
    assert search._choose(n, [0.002], 0.7, 200_000) == "gin_exact"


def test_choose_reads_a_keyed_prefix_from_its_key() -> None:
    n = 1_000_000.0
    # a prefix in 1 % of rows: its bitmap over every word it covers, or one key
    assert search._choose(n, [], 0.01, 30_000) == "gin"
    assert search._choose(n, [], 0.01, 30_000, 0.0, 0.01) == "keys"
    # a rare whole word and a prefix found everywhere: GIN skips through the prefix's
    # key in step with the rare word, no row is tested for the prefix
    assert search._choose(n, [0.002], 0.7, 200_000, 0.0, 0.7) == "keys"
    # a prefix past the key's length: each candidate tested on its vector as well
    assert search._choose(n, [], 0.01, 30_000, 0.0, 0.05, True) == "gin"
