"""Cost of story clustering on a long generated stream (no dataset, no model).

A stream of articles with planted stories (synthetic 384-d embeddings and keyword
terms) is fed to the clusterer in publication order, one article every 20 s (4,320 a
day, so a 72 h window holds ~13k articles). The script reports the mean assignment
CPU time per article around the 10k-th article and at the end of the stream, their ratio,
the resident memory, the number of active stories, and the B-cubed F1 of the first
10k articles against the planted stories as a sanity check.

    python bench/bench_clustering.py                 # 1,000,000 articles
    python bench/bench_clustering.py --articles 200000
    python bench/bench_clustering.py --max-seconds 1200   # stop early, report the size reached
    python bench/bench_clustering.py --index         # exact numpy vs HNSW search by size
    python bench/bench_clustering.py --horizon-days 21   # horizon and story age limit
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time
from collections import deque
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import numpy as np

from newsprism.stories.cluster import CentroidIndex, Clusterer, ClusterParams
from newsprism.stories.evaluate import bcubed
from planted import DIM, PlantedStream, rss_mb


def index_costs(sizes: tuple[int, ...] = (500, 1000, 2000, 4000, 8000, 16000)) -> None:
    """Print the CPU µs of one 12-nearest search, exact (numpy) against HNSW, by size."""
    rng = np.random.default_rng(1)
    for size in sizes:
        vectors = rng.normal(size=(size, DIM)).astype(np.float32)
        vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
        queries = vectors[rng.integers(0, size, 500)]
        row: dict[str, float] = {"stories": size}
        for name, ann_min in (("exact_us", 0), ("hnsw_us", 1)):
            index = CentroidIndex(DIM, ann_min)
            for key, vector in enumerate(vectors):
                index.add(key, vector)
            tick = time.process_time()
            for query in queries:
                index.search(query, 12)
            row[name] = round((time.process_time() - tick) / len(queries) * 1e6, 1)
        print(json.dumps(row))


def main() -> None:
    """Run the benchmark and print one JSON object."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1_000_000)
    parser.add_argument("--segment", type=int, default=5_000, help="articles per timing window")
    parser.add_argument(
        "--max-seconds", type=float, default=0, help="stop after this long (0: never)"
    )
    parser.add_argument("--index", action="store_true", help="only time the centroid index")
    parser.add_argument(
        "--horizon-days",
        type=float,
        default=0,
        help="horizon_hours and max_age_hours in days (0: the defaults)",
    )
    args = parser.parse_args()
    if args.index:
        index_costs()
        return
    stream = PlantedStream()
    params = ClusterParams()
    if args.horizon_days:
        hours = args.horizon_days * 24.0
        params = replace(params, horizon_hours=hours, max_age_hours=hours)
    clusterer = Clusterer(DIM, params)
    gold: list[int] = []
    predicted: list[int] = []
    parent: dict[int, int] = {}
    timings: dict[str, float] = {}
    early = (10_000 - args.segment, 10_000)
    recent: deque[float] = deque(maxlen=args.segment)
    spent = 0.0
    processed = 0
    rss_at_10k = 0.0
    active_at_10k = 0
    precision = recall = f1 = 0.0

    def find(key: int) -> int:
        while key in parent:
            key = parent[key]
        return key

    started = time.perf_counter()
    cpu_started = time.process_time()
    for index in range(args.articles):
        item, story = stream.article(index)
        # CPU time of this process: on a shared machine wall time measures the neighbours
        tick = time.process_time()
        assigned = clusterer.add(item).story_key
        took = time.process_time() - tick
        # labels are kept for the first 10k articles only, so the RSS measures the
        # clusterer rather than two growing lists
        merges = clusterer.flush_merges()
        if index < early[1]:
            predicted.append(assigned)
            gold.append(story)
            for gone, keep in merges:
                parent[gone] = keep
        recent.append(took)
        processed = index + 1
        if early[0] <= index < early[1]:
            spent += took
        if index + 1 == early[1]:
            timings["early"] = spent / args.segment
            spent = 0.0
            rss_at_10k = rss_mb()
            active_at_10k = clusterer.active_stories
            precision, recall, f1 = bcubed(gold, [find(k) for k in predicted])
        elapsed = time.perf_counter() - started
        if (index + 1) % 50_000 == 0:
            print(f"{index + 1} articles, {elapsed:.0f} s", file=sys.stderr)
        if args.max_seconds and elapsed > args.max_seconds and processed > early[1]:
            break
    timings["late"] = sum(recent) / len(recent)

    print(
        json.dumps(
            {
                "articles": processed,
                "planted_stories": stream.next_story,
                "us_per_article_at_10k": round(timings["early"] * 1e6, 1),
                f"us_per_article_at_{processed}": round(timings["late"] * 1e6, 1),
                "ratio": round(timings["late"] / timings["early"], 2),
                "active_stories_at_10k": active_at_10k,
                "active_stories_at_end": clusterer.active_stories,
                "rss_mb_at_10k": round(rss_at_10k, 1),
                "rss_mb_at_end": round(rss_mb(), 1),
                "bcubed_first_10k": {
                    "p": round(precision, 4),
                    "r": round(recall, 4),
                    "f1": round(f1, 4),
                },
                "seconds": round(time.perf_counter() - started, 1),
                "cpu_seconds": round(time.process_time() - cpu_started, 1),
                "horizon_days": params.horizon_hours / 24.0,
                "load_average": os.getloadavg()[0],
                "machine": f"{platform.machine()}, {len(os.sched_getaffinity(0))} cores",
            }
        )
    )


if __name__ == "__main__":
    main()
