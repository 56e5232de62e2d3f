"""The embedding model's paths side by side: speed, agreement and clustering F1 (issue 20).

For each backend (torch = sentence-transformers; onnx = the same graph on ONNX Runtime;
onnx-int8 = per-channel int8 matrix products), on the same texts in the same run:

- bare articles/s on the pipeline's embedding input (title + 1,000 characters of
  replayed baly2020 articles), batches of ``embed_batch_size``; rounds interleave the
  backends so a busy machine slows them alike, and the best round counts;
- cosine of each text's vector to the torch vector (min and mean);
- B-cubed F1 of the default clusterer on the clustering sets' test parts and the UCI
  whole stream (`newsprism eval clustering`), and the change against torch.

    python bench/bench_embed_paths.py                  # 600 texts, 3 rounds, every set
    python bench/bench_embed_paths.py --texts 300 --rounds 2 --no-clustering
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import platform
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import numpy as np

from newsprism.config import Settings
from newsprism.nlp.embed import article_text, make_embedder
from newsprism.replay import read_articles
from newsprism.stories.evaluate import evaluate_file

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"
BALY = DATA / "articles/baly2020/articles-2018-2020.jsonl.gz"
UCI = DATA / "clustering/uci-news-aggregator-sample/uci-news-aggregator-sample.csv"
LABELS = ROOT / "tests/stories/labels"
BACKENDS = ("torch", "onnx", "onnx-int8")

#: (name, data, labels, part, headlines) — the sets of BENCHMARKS.md's issue 17 table.
SETS: tuple[tuple[str, Path, Path | None, str | None, bool], ...] = (
    ("baly 2018-09 full, test", BALY, LABELS / "baly2020-2018-09.csv", "test", False),
    ("baly 2018-09 headlines, test", BALY, LABELS / "baly2020-2018-09.csv", "test", True),
    ("baly 2019-09 full, test", BALY, LABELS / "baly2020-2019-09.csv", "test", False),
    ("baly 2019-09 headlines, test", BALY, LABELS / "baly2020-2019-09.csv", "test", True),
    ("UCI test", UCI, None, "test", False),
    ("UCI whole stream", UCI, None, None, False),
)


def speed_and_agreement(n_texts: int, rounds: int) -> dict[str, Any]:
    """Best-of-*rounds* articles/s per backend and cosine agreement with torch."""
    texts = [
        article_text(a.title, a.text or "", a.summary or "")
        for a in itertools.islice(read_articles(BALY), n_texts)
    ]
    embedders = {b: make_embedder(Settings(embed_backend=b)) for b in BACKENDS}
    for embedder in embedders.values():
        embedder.embed(["warm up", "the models load before the clock starts"])
    batch = Settings().embed_batch_size
    best: dict[str, float] = dict.fromkeys(BACKENDS, 0.0)
    vectors: dict[str, np.ndarray[Any, Any]] = {}
    for _ in range(rounds):
        for name, embedder in embedders.items():
            start = time.perf_counter()
            rows = [embedder.embed(texts[i : i + batch]) for i in range(0, len(texts), batch)]
            rate = len(texts) / (time.perf_counter() - start)
            best[name] = max(best[name], rate)
            vectors[name] = np.vstack(rows)
    out: dict[str, Any] = {"texts": len(texts)}
    for name in BACKENDS:
        cosines = (vectors[name] * vectors["torch"]).sum(axis=1)
        out[name] = {
            "articles_per_s": round(best[name], 2),
            "speedup_vs_torch": round(best[name] / best["torch"], 2),
            "cosine_to_torch_min": round(float(cosines.min()), 5),
            "cosine_to_torch_mean": round(float(cosines.mean()), 5),
        }
    return out


def clustering(backends: tuple[str, ...]) -> list[dict[str, Any]]:
    """F1 of every set under every backend (the baseline printed beside it)."""
    rows = []
    for name, data, labels, part, headlines in SETS:
        if not data.exists():
            rows.append({"set": name, "skipped": f"{data} absent"})
            continue
        row: dict[str, Any] = {"set": name}
        for backend in backends:
            result = evaluate_file(
                data, Settings(embed_backend=backend), labels=labels, part=part,
                headlines=headlines,
            )  # fmt: skip
            row[backend] = {"f1": result["f1"], "baseline_f1": result["baseline_f1"]}
        for backend in backends:
            if backend != "torch" and "torch" in row:
                row[backend]["delta_f1"] = round(row[backend]["f1"] - row["torch"]["f1"], 4)
        rows.append(row)
        print(json.dumps(row), file=sys.stderr, flush=True)
    return rows


def main() -> int:
    """Run and print one JSON object."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--texts", type=int, default=600)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--no-clustering", action="store_true")
    parser.add_argument("--json", action="store_true", help="one line of JSON")
    args = parser.parse_args()
    if not BALY.exists():
        reason = f"{BALY} absent: this benchmark reads ../shared/data in place"
        print(json.dumps({"skipped": reason}))
        return 0
    result: dict[str, Any] = {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores",
        "command": "python bench/bench_embed_paths.py " + " ".join(sys.argv[1:]),
        "load_average_start": round(os.getloadavg()[0], 2),
        "speed": speed_and_agreement(args.texts, args.rounds),
    }
    if not args.no_clustering:
        result["clustering"] = clustering(BACKENDS)
    result["load_average_end"] = round(os.getloadavg()[0], 2)
    print(json.dumps(result) if args.json else json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
