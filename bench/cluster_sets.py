"""Score clusterer settings on every labelled set's tune part and on replayed windows.

The check issue 17 asks of a clustering rule, in one command: B-cubed F1 on the tune part of
each hand-labelled baly2020 window (tests/stories/labels/), full text and headlines, and on
the UCI sample's tune part, beside the plain MiniLM baseline; and **topic chaining** on
replayed windows of baly2020 (the first 500 articles from each ``--replay`` date, full text,
bare dates as in the replay): stories of 5 or more articles, how many of them span more
than 7 days, the largest story, and B-cubed precision against the AllSides ``topic`` (a
silver label: a story mixing topics is chained; one topic may hold several stories, so its
recall means nothing); and the check of the older entries, the first ``--first`` (1,500)
baly2020 articles against the silver topic-date standard (silver F1, largest story, stories
over 7 days). "mix" streams are the full-text parts with the body dropped from every article
whose SHA-1 of id is odd (not in the mean). Each ``--params`` is one row (JSON overrides of
ClusterParams; the first row is always the defaults).

    PYTHONPATH=src python bench/cluster_sets.py --params '{"trigger_penalty": 0.1}'

``--part test`` scores the test parts instead: run it once, after the choice (the rule of
docs/clustering.md). MiniLM vectors are cached under /tmp (``--cache``), never in the
repository; the data is read in place.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from newsprism.nlp.embed import article_text
from newsprism.stories.cluster import ClusterParams
from newsprism.stories.evaluate import (
    LabelledArticle,
    baseline_labels,
    bcubed,
    cluster_labels,
    load_labelled,
    story_extent,
)
from newsprism.stories.terms import ArticleTerms, extract_terms
from tune_clustering import Vectors, cached_vectors

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"
BALY = DATA / "articles" / "baly2020" / "articles-2018-2020.jsonl.gz"
UCI = DATA / "clustering" / "uci-news-aggregator-sample" / "uci-news-aggregator-sample.csv"
LABELS = ROOT / "tests" / "stories" / "labels"
#: replayed windows the chaining was first read on (BENCHMARKS.md, "topic chaining")
REPLAYS = ("2018-06-11", "2019-11-11")

Stream = tuple[list[LabelledArticle], Vectors, list[ArticleTerms]]


def prepared(articles: list[LabelledArticle], cache: Path) -> Stream:
    """The articles with their (cached) MiniLM vectors and their terms."""
    terms = [extract_terms(article_text(a.title, a.text)) for a in articles]
    return articles, cached_vectors(articles, cache), terms


def labelled_streams(baly: Path, uci: Path, part: str, cache: Path) -> dict[str, Stream]:
    """Every labelled window's *part*, full text and headlines, and the UCI sample's part."""
    streams: dict[str, Stream] = {}
    mixed: dict[str, Stream] = {}
    for labels in sorted(LABELS.glob("baly2020-*.csv")):
        window = labels.stem.removeprefix("baly2020-")
        full = load_labelled(baly, labels=labels, part=part)
        streams[window] = prepared(full, cache)
        streams[f"{window} head."] = prepared([replace(a, text="") for a in full], cache)
        mixed[f"mix {window}"] = prepared([_odd_headline(a) for a in full], cache)
    streams["UCI"] = prepared(load_labelled(uci, part=part), cache)
    return streams | mixed


def _odd_headline(article: LabelledArticle) -> LabelledArticle:
    """The article without its body when the SHA-1 of its id is odd (a "mix" stream)."""
    odd = int(hashlib.sha1(article.id.encode("utf-8")).hexdigest(), 16) % 2 == 1
    return replace(article, text="") if odd else article


def replay_streams(baly: Path, dates: Sequence[str], size: int, cache: Path) -> dict[str, Stream]:
    """The first *size* baly2020 articles from each date, labelled with their topic."""
    articles = load_labelled(baly, "topic")
    streams = {}
    for date in dates:
        start = datetime.fromisoformat(date).replace(tzinfo=UTC).timestamp()
        window = [a for a in articles if a.published >= start][:size]
        streams[f"replay {date}"] = prepared(window, cache)
    return streams


def first_articles(baly: Path, size: int, cache: Path) -> dict[str, Stream]:
    """The first *size* baly2020 articles, labelled by topic and day (silver)."""
    return {f"first {size}": prepared(load_labelled(baly, "topic-date")[:size], cache)}


def chaining(articles: Sequence[LabelledArticle], predicted: Sequence[int]) -> dict[str, Any]:
    """Stories of 5+ articles, those spanning more than 7 days, the largest, topic precision."""
    size = Counter(predicted)
    first: dict[int, float] = {}
    last: dict[int, float] = {}
    for article, label in zip(articles, predicted, strict=True):
        first[label] = min(first.get(label, article.published), article.published)
        last[label] = max(last.get(label, article.published), article.published)
    big = [label for label, n in size.items() if n >= 5]
    precision, _, _ = bcubed([a.story for a in articles], predicted)
    return {
        "stories_5plus": len(big),
        "over_7_days": sum((last[label] - first[label]) / 86400.0 > 7.0 for label in big),
        "largest": max(size.values()),
        "topic_precision": round(precision, 3),
    }


def row(streams: dict[str, Stream], params: ClusterParams) -> dict[str, Any]:
    """F1 per labelled stream and their mean, chaining per replay, for *params*."""
    out: dict[str, Any] = {}
    scores = []
    for name, (articles, vectors, terms) in streams.items():
        predicted = cluster_labels(articles, vectors, params, terms)
        gold = [a.story for a in articles]
        if name.startswith("replay"):
            out[name] = chaining(articles, predicted)
            continue
        _, _, f1 = bcubed(gold, predicted)
        if name.startswith("first"):
            extent = story_extent(articles, predicted)
            out[name] = {"silver_f1": round(f1, 3)} | {
                key: extent[key] for key in ("largest_predicted_story", "stories_over_7_days")
            }
            continue
        out[name] = round(f1, 4)
        if not name.startswith("mix"):
            scores.append(f1)
    out["mean_f1"] = round(float(np.mean(scores)), 4)
    return out


def main() -> None:
    """Parse arguments, score each parameter set and print one JSON line per row."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--params", action="append", default=[], help="JSON overrides (a row)")
    parser.add_argument("--part", choices=("tune", "test"), default="tune")
    parser.add_argument("--replay", action="append", help=f"replay start date ({REPLAYS})")
    parser.add_argument("--replay-size", type=int, default=500)
    parser.add_argument("--first", type=int, default=1500, help="first N articles (0: none)")
    parser.add_argument("--baly", type=Path, default=BALY)
    parser.add_argument("--uci", type=Path, default=UCI)
    parser.add_argument("--cache", type=Path, default=Path("/tmp/newsprism-tune/vectors.npy"))
    args = parser.parse_args()

    streams = labelled_streams(args.baly, args.uci, args.part, args.cache)
    baseline: dict[str, Any] = {"row": "plain baseline (cosine >= 0.6)"}
    for name, (articles, vectors, _) in streams.items():
        baseline[name] = round(bcubed([a.story for a in articles], baseline_labels(vectors))[2], 4)
    if args.part == "tune":  # chaining is a tuning check: the replays carry no gold
        streams |= replay_streams(args.baly, args.replay or REPLAYS, args.replay_size, args.cache)
        if args.first:
            streams |= first_articles(args.baly, args.first, args.cache)
    for overrides in ["{}", *args.params]:
        params = replace(ClusterParams(), **json.loads(overrides))
        print(json.dumps({"row": overrides} | row(streams, params)), flush=True)
    print(json.dumps(baseline), flush=True)


if __name__ == "__main__":
    main()
