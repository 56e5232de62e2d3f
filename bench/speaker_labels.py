"""Speaker accuracy on the hand-labelled baly2020 quotes, and the sampler that chose them.

    python bench/speaker_labels.py                  # accuracy, tune and test halves + baseline
    python bench/speaker_labels.py --sample 180     # print quotes in context, for labelling

Reads ../shared/data in place; the label file (tests/analysis/speaker_labels.json) holds
article ids, offsets, sha1 and labels only.
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path

from newsprism.analysis.evaluate import read_jsonl
from newsprism.analysis.page_eval import (
    load_speaker_labels,
    nearest_name_speaker,
    speaker_accuracy,
)
from newsprism.analysis.quotes import _quote_spans

DATA = (
    Path(__file__).resolve().parents[2]
    / "shared/data/articles/baly2020/articles-2018-2020.jsonl.gz"
)


def sample(rows: list[dict[str, str]], n: int) -> None:
    """Print *n* quotes (<= 2 per article, >= 5 words) in context; seed 15."""
    rnd = random.Random(15)
    rnd.shuffle(rows)
    count = 0
    for row in rows:
        text = row["text"]
        spans = [(a, b) for a, b in _quote_spans(text) if len(text[a:b].split()) >= 5]
        for a, b in rnd.sample(spans, min(2, len(spans))):
            print(f"#{count} id={row['id']} {a}:{b}\n  …{text[max(0, a - 350) : b + 160]}\n")
            count += 1
        if count >= n:
            return


def main() -> None:
    """Run the evaluation or the sampler."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--sample", type=int, default=0)
    args = parser.parse_args()
    rows = read_jsonl(args.data)
    if args.sample:
        sample(rows, args.sample)
        return
    texts = {r["id"]: r["text"] for r in rows}
    labels = load_speaker_labels()
    out = {}
    for split in ("tune", "test"):
        system = speaker_accuracy(labels, texts, split=split)
        base = speaker_accuracy(labels, texts, split=split, predict=nearest_name_speaker)
        out[split] = {
            "n": system["n"],
            "accuracy": system["accuracy"],
            "named_accuracy": system["named_accuracy"],
            "baseline_nearest_name": base["accuracy"],
        }
    print(json.dumps(out, indent=1))


if __name__ == "__main__":
    main()
