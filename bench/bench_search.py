"""Search latency at size: SQLite FTS5 against PostgreSQL stored tsvector, same articles.

The articles are SYNTHETIC, built for size only: words drawn from a made-up vocabulary of
``--vocab`` pronounceable words (no English stop word among them) with Zipf frequencies
(s = 1.07, like news text), title 10 words, summary 30, text 150 — a real article's text
is ~4× longer, so real vectors are larger. Both databases get the very same rows (seeded
generator): SQLite through the FTS5 triggers of migration 0002, PostgreSQL by COPY into
the table whose generated ``search_fts`` column (migration 0006) tokenises on write,
then ``VACUUM ANALYZE`` as autovacuum would.

Queries: one-word and two-word, words picked log-uniformly by frequency rank between 10
and the vocabulary size (from "in most articles" to "in a handful"), so common words
are represented as much as rare ones; each timed query is ``search_article_ids`` (page 1,
20 ids, plus the total) in this process, as ``/search`` runs it. The document frequency
of every query's words is reported beside the latency.

    python bench/bench_search.py --articles 100000
    python bench/bench_search.py --articles 1000000 --queries 300
    python bench/bench_search.py --articles 100000 --only postgresql
    python bench/bench_search.py --articles 1000000 --only postgresql --pg-database np_search_1m
    python bench/bench_search.py --only postgresql --pg-database np_search_100k \
        --baseline-src ../old-checkout/src   # old and new code in turn, query by query

Prints one JSON object (also to ``--json``). Needs PostgreSQL on 127.0.0.1:5432 for that
half; creates and drops its own database, unless ``--pg-database`` names one to keep: it
is built on first use (same seed, same rows) and reused as it is afterwards, so a 1M run
does not rebuild for half an hour (it is upgraded to the newest migration each time).
"""

from __future__ import annotations

import argparse
import importlib.util
import itertools
import json
import os
import platform
import random
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from sqlalchemy import create_engine, text

from newsprism.store.db import Store
from newsprism.web.search import search_article_ids

PG_ADMIN = os.environ.get("NEWSPRISM_BENCH_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
STOP = {"have", "more", "some", "were", "such", "only", "once", "same", "very", "does"}
LENGTHS = {"title": 10, "summary": 30, "text": 150}


def vocabulary(size: int, rng: random.Random) -> list[str]:
    """*size* distinct made-up words of 2–4 consonant-vowel syllables, in frequency order."""
    consonants, vowels = "bdfgklmnprstvz", "aeiou"
    words: set[str] = set()
    order: list[str] = []
    while len(order) < size:
        word = "".join(
            rng.choice(consonants) + rng.choice(vowels) for _ in range(rng.randint(2, 4))
        )
        if word not in words and word not in STOP:
            words.add(word)
            order.append(word)
    return order


def articles(n: int, vocab: list[str], seed: int) -> Iterator[tuple[str, str, str, str]]:
    """(canonical url, title, summary, text) for *n* articles with Zipf-distributed words."""
    rng = random.Random(seed)
    cum = list(itertools.accumulate(1.0 / (r**1.07) for r in range(1, len(vocab) + 1)))
    for i in range(n):
        parts = [" ".join(rng.choices(vocab, cum_weights=cum, k=k)) for k in LENGTHS.values()]
        yield (f"https://bench.example/a/{i}", *parts)


def build_sqlite(path: Path, rows: Iterator[tuple[str, str, str, str]]) -> Store:
    store = Store(f"sqlite:///{path}")
    store.upgrade()
    sql = (
        "INSERT INTO article (url, canonical_url, title, summary, text, categories, partial, "
        "status, attempts) VALUES (?, ?, ?, ?, ?, '[]', 0, 'clustered', 0)"
    )
    raw = store.engine.raw_connection()
    try:
        cur = raw.cursor()
        while chunk := list(itertools.islice(rows, 10000)):
            cur.executemany(sql, [(u, u, t, s, x) for u, t, s, x in chunk])
            raw.commit()
    finally:
        raw.close()
    return store


def build_postgres(url: str, rows: Iterator[tuple[str, str, str, str]]) -> Store:
    store = Store(url)
    store.upgrade()
    raw: Any = store.engine.raw_connection()
    try:
        cur = raw.cursor()
        copy_sql = (
            "COPY article (url, canonical_url, title, summary, text, categories, partial, "
            "status, attempts) FROM STDIN"
        )
        while chunk := list(itertools.islice(rows, 20000)):
            with cur.copy(copy_sql) as copy:
                for u, t, s, x in chunk:
                    copy.write_row((u, u, t, s, x, "[]", False, "clustered", 0))
            raw.commit()
    finally:
        raw.close()
    with store.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(text("VACUUM ANALYZE article"))
    return store


def reuse_postgres(url: str, n: int) -> Store:
    """A kept bench database, upgraded to the newest migration; it must hold *n* articles."""
    store = Store(url)
    store.upgrade()
    with store.session() as s:
        have = int(s.scalar(text("SELECT count(*) FROM article")) or 0)
    if have != n:
        store.dispose()
        raise SystemExit(f"{url} holds {have} articles, not {n}: drop it or name another")
    return store


def pick_queries(vocab: list[str], n: int, words: int, rng: random.Random) -> list[str]:
    """*n* queries of *words* words, ranks log-uniform in [10, len(vocab)]."""
    top = len(vocab)
    out = []
    for _ in range(n):
        ranks = [int(10 * (top / 10) ** rng.random()) for _ in range(words)]
        out.append(" ".join(vocab[min(r, top) - 1] for r in ranks))
    return out


def doc_share(vocab: list[str], query: str) -> float:
    """Expected share of articles containing every query word (independent Zipf draws)."""
    h = sum(1.0 / (r**1.07) for r in range(1, len(vocab) + 1))
    rank = {w: i + 1 for i, w in enumerate(vocab)}
    tokens = sum(LENGTHS.values())
    share = 1.0
    for word in query.split():
        p = (1.0 / rank[word] ** 1.07) / h
        share *= 1.0 - (1.0 - p) ** tokens
    return share


Search = Callable[..., tuple[list[int], int]]


def load_baseline(src: Path) -> Search:
    """``search_article_ids`` of another checkout's ``newsprism/web/search.py`` (old code)."""
    spec = importlib.util.spec_from_file_location(
        "baseline_search", src / "newsprism" / "web" / "search.py"
    )
    if spec is None or spec.loader is None:
        raise SystemExit(f"no search.py under {src}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up there
    spec.loader.exec_module(module)
    found: Search = module.search_article_ids
    return found


def summary(times: list[float], empty: int) -> dict[str, Any]:
    times = sorted(times)
    return {
        "queries": len(times),
        "p50_ms": round(statistics.median(times), 2),
        "p95_ms": round(times[int(0.95 * (len(times) - 1))], 2),
        "p99_ms": round(times[int(0.99 * (len(times) - 1))], 2),
        "max_ms": round(times[-1], 2),
        "no_result": empty,
    }


def time_queries(
    store: Store, queries: list[str], baseline: Search | None = None
) -> dict[str, Any]:
    """Latency of each query; with *baseline*, that code's too, the two run in turn per
    query (same load; each first on every other query) and their pages compared."""
    ways: dict[str, Search] = {"new": search_article_ids}
    if baseline:
        ways["baseline"] = baseline
    for q in queries[:20]:  # warm the caches the way a running server has them warm
        for search in ways.values():
            with store.session() as s:
                search(s, q, limit=20, offset=0)
    times: dict[str, list[float]] = {name: [] for name in ways}
    pages: dict[str, list[int]] = {}
    empty, differ = 0, 0
    for i, q in enumerate(queries):
        # alternate which runs first: the second finds the first's pages in the cache
        for name, search in list(ways.items())[:: 1 if i % 2 else -1]:
            with store.session() as s:
                start = time.perf_counter()
                pages[name], _total = search(s, q, limit=20, offset=0)
                times[name].append((time.perf_counter() - start) * 1000)
        empty += not pages["new"]
        differ += baseline is not None and pages["new"] != pages["baseline"]
    out = summary(times["new"], empty)
    if baseline:
        out["baseline"] = summary(times["baseline"], empty)
        out["pages_differing"] = differ
    return out


def size_mb(store: Store) -> float:
    with store.session() as s:
        if store.is_sqlite:
            pages = s.scalar(text("PRAGMA page_count")) or 0
            return round(int(pages) * int(s.scalar(text("PRAGMA page_size")) or 0) / 1e6, 1)
        return round(int(s.scalar(text("SELECT pg_database_size(current_database())")) or 0) / 1e6)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--vocab", type=int, default=50_000)
    parser.add_argument("--queries", type=int, default=300, help="per kind (one-, two-word)")
    parser.add_argument("--only", choices=["sqlite", "postgresql"])
    parser.add_argument("--json", type=Path)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--pg-database", help="keep the PostgreSQL bench database under this name and reuse it"
    )
    parser.add_argument(
        "--baseline-src",
        type=Path,
        help="also time this checkout's src/ search (PostgreSQL), in turn with this one's",
    )
    args = parser.parse_args()

    rng = random.Random(args.seed)
    vocab = vocabulary(args.vocab, rng)
    kinds = {
        "one_word": pick_queries(vocab, args.queries, 1, rng),
        "two_words": pick_queries(vocab, args.queries, 2, rng),
    }
    result: dict[str, Any] = {
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}",
        "articles": args.articles,
        "vocabulary": args.vocab,
        "query_doc_share": {
            kind: {
                "median": round(statistics.median(doc_share(vocab, q) for q in qs), 5),
                "max": round(max(doc_share(vocab, q) for q in qs), 3),
            }
            for kind, qs in kinds.items()
        },
    }
    with tempfile.TemporaryDirectory(prefix="np-search-") as tmp:
        if args.only in (None, "sqlite"):
            start = time.perf_counter()
            store = build_sqlite(Path(tmp) / "s.db", articles(args.articles, vocab, args.seed))
            entry: dict[str, Any] = {"build_s": round(time.perf_counter() - start, 1)}
            entry["size_mb"] = size_mb(store)
            for kind, qs in kinds.items():
                entry[kind] = time_queries(store, qs)
            store.dispose()
            result["sqlite_fts5"] = entry
            print(json.dumps({"sqlite_fts5": entry}), file=sys.stderr, flush=True)
        if args.only in (None, "postgresql"):
            admin = create_engine(PG_ADMIN, isolation_level="AUTOCOMMIT")
            name = args.pg_database or f"np_bench_search_{uuid.uuid4().hex[:8]}"
            with admin.connect() as conn:
                exists = conn.scalar(
                    text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": name}
                )
                if not exists:
                    conn.execute(text(f'CREATE DATABASE "{name}"'))
            try:
                start = time.perf_counter()
                url = PG_ADMIN.rsplit("/", 1)[0] + "/" + name
                if exists:
                    store = reuse_postgres(url, args.articles)
                    entry = {"build_s": "reused"}
                else:
                    store = build_postgres(url, articles(args.articles, vocab, args.seed))
                    entry = {"build_s": round(time.perf_counter() - start, 1)}
                entry["size_mb"] = size_mb(store)
                baseline = load_baseline(args.baseline_src) if args.baseline_src else None
                for kind, qs in kinds.items():
                    entry[kind] = time_queries(store, qs, baseline)
                store.dispose()
                result["postgresql"] = entry
            finally:
                if not args.pg_database:
                    with admin.connect() as conn:
                        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
                admin.dispose()
    result["load_after"] = round(os.getloadavg()[0], 1)
    out = json.dumps(result, indent=2)
    print(out)
    if args.json:
        args.json.write_text(out + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
