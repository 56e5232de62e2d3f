"""Cross-validate the clusterer's parameters over stories on a labelled stream.

The protocol of docs/clustering.md (Tuning): the gold stories are shuffled (seed 7) into
5 folds; for each fold every grid point is scored on the stream of the other 4 folds'
articles, the best one (B-cubed F1) is scored on the held-out fold's stream. The script
prints each fold, the mean ± sd of the held-out P/R/F1 and the whole-stream score of
the defaults (or of ``--params``).

MiniLM embeddings are cached in a ``.npy`` file (``--cache``, default under /tmp; never
put it in the repository) so repeated runs cost only the clustering.

    UCI=../shared/data/clustering/uci-news-aggregator-sample/uci-news-aggregator-sample.csv
    python bench/tune_clustering.py --data $UCI
    python bench/tune_clustering.py --data $UCI --grid '{"threshold": [0.4, 0.45]}'
    python bench/tune_clustering.py --data $UCI --whole-only --params '{"threshold": 0.45}'
    python bench/tune_clustering.py --data baly.jsonl.gz --silver topic-date --whole-only
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import json
import random
import statistics
import sys
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from newsprism.config import Settings
from newsprism.nlp.embed import article_text, make_embedder
from newsprism.stories.cluster import ClusterParams
from newsprism.stories.evaluate import (
    SILVER,
    LabelledArticle,
    bcubed,
    cluster_labels,
    load_labelled,
    story_extent,
)
from newsprism.stories.terms import ArticleTerms, extract_terms

Vectors = np.ndarray[Any, np.dtype[np.float32]]


def cached_vectors(articles: Sequence[LabelledArticle], cache: Path) -> Vectors:
    """MiniLM vectors of *articles*, read from *cache* when it matches these texts."""
    texts = [article_text(a.title, a.text) for a in articles]
    digest = hashlib.sha256("\x00".join(texts).encode("utf-8")).hexdigest()[:16]
    path = cache.with_name(f"{cache.stem}-{digest}.npy")
    if path.exists():
        return np.load(path)  # type: ignore[no-any-return]
    vectors = make_embedder(Settings(embedder="minilm")).embed(texts)
    path.parent.mkdir(parents=True, exist_ok=True)
    np.save(path, vectors)
    return vectors


def score(
    articles: Sequence[LabelledArticle],
    vectors: Vectors,
    terms: Sequence[ArticleTerms],
    rows: Sequence[int],
    params: ClusterParams,
) -> tuple[float, float, float, int]:
    """B-cubed (P, R, F1, predicted stories) of clustering the stream *rows*."""
    subset = [articles[i] for i in rows]
    predicted = cluster_labels(subset, vectors[list(rows)], params, [terms[i] for i in rows])
    p, r, f = bcubed([a.story for a in subset], predicted)
    return p, r, f, len(set(predicted))


def folds(articles: Sequence[LabelledArticle], k: int, seed: int) -> list[list[int]]:
    """Article rows (in stream order) of *k* folds of gold stories shuffled with *seed*."""
    stories = sorted({a.story for a in articles})
    random.Random(seed).shuffle(stories)
    fold_of = {story: i % k for i, story in enumerate(stories)}
    out: list[list[int]] = [[] for _ in range(k)]
    for row, article in enumerate(articles):
        out[fold_of[article.story]].append(row)
    return out


def grid_points(base: ClusterParams, grid: dict[str, list[Any]]) -> list[ClusterParams]:
    """Every combination of the *grid* values applied to *base*."""
    names = sorted(grid)
    return [
        replace(base, **dict(zip(names, values, strict=True)))
        for values in itertools.product(*(grid[n] for n in names))
    ]


def main() -> None:
    """Parse arguments, run the cross-validation and print the figures as JSON lines."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--cache", type=Path, default=Path("/tmp/newsprism-tune/vectors.npy"))
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--params", default="{}", help="JSON overrides of ClusterParams")
    parser.add_argument("--grid", default="{}", help='JSON {"name": [values, ...]}')
    parser.add_argument("--whole-only", action="store_true", help="only the whole stream")
    parser.add_argument("--silver", choices=sorted(SILVER), help="silver standard (JSONL)")
    args = parser.parse_args()

    articles = load_labelled(args.data, args.silver)
    vectors = cached_vectors(articles, args.cache)
    terms = [extract_terms(article_text(a.title, a.text)) for a in articles]
    base = replace(ClusterParams(), **json.loads(args.params))
    predicted = cluster_labels(articles, vectors, base, terms)
    p, r, f = bcubed([a.story for a in articles], predicted)
    whole = {"p": round(p, 4), "r": round(r, 4), "f1": round(f, 4)}
    whole |= {"predicted": len(set(predicted))} | story_extent(articles, predicted)
    print(json.dumps({"whole_stream": whole}), flush=True)
    if args.whole_only:
        return

    points = grid_points(base, json.loads(args.grid))
    parts = folds(articles, args.folds, args.seed)
    held: list[tuple[float, float, float]] = []
    for k, test_rows in enumerate(parts):
        train_rows = sorted(row for j, part in enumerate(parts) if j != k for row in part)
        ranked = sorted(
            ((score(articles, vectors, terms, train_rows, q)[2], i) for i, q in enumerate(points)),
            key=lambda fi: (-fi[0], fi[1]),
        )
        best = points[ranked[0][1]]
        p, r, f, _ = score(articles, vectors, terms, test_rows, best)
        held.append((p, r, f))
        chosen = {name: getattr(best, name) for name in sorted(json.loads(args.grid))}
        line = {"fold": k, "chosen": chosen, "train_f1": round(ranked[0][0], 4)}
        line |= {"p": round(p, 4), "r": round(r, 4), "f1": round(f, 4)}
        print(json.dumps(line), flush=True)
    summary = {
        name: f"{statistics.mean(v):.3f} ± {statistics.stdev(v):.3f}"
        for name, v in zip(("p", "r", "f1"), zip(*held, strict=True), strict=True)
    }
    print(json.dumps({"cv": summary, "grid_points": len(points)}), flush=True)


if __name__ == "__main__":
    main()
