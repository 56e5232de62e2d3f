"""Speaker accuracy on the hand-labelled baly2020 quotes, and the sampler that chose them.

    python bench/speaker_labels.py                  # accuracy, tune and test halves + baseline
    python bench/speaker_labels.py --split tune     # one half only (tune while tuning)
    python bench/speaker_labels.py --split tune --errors   # the tune half's wrong speakers
    python bench/speaker_labels.py --split tune --last 140 # the newest batch of labels alone
    python bench/speaker_labels.py --sample 180     # print quotes in context, for labelling
    python bench/speaker_labels.py --sample 160 --seed 1515 --split tune --unlabelled
    python bench/speaker_labels.py --sample 130 --seed 7070 --split tune --new-weeks
    python bench/speaker_labels.py --sample 140 --seed 4848 --split tune --thin-outlets

Reads ../shared/data in place; the label file (tests/analysis/speaker_labels.json) holds
article ids, offsets, sha1 and labels only. ``--errors`` prints the wrong speakers of the
tune half only: the test half is read for its figure, never quote by quote.
"""

from __future__ import annotations

import argparse
import datetime
import json
import random
from collections import Counter
from pathlib import Path

from newsprism.analysis.evaluate import read_jsonl, split_of
from newsprism.analysis.page_eval import (
    SpeakerLabel,
    as_extracted,
    load_speaker_labels,
    nearest_name_speaker,
    speaker_accuracy,
    system_speaker,
)
from newsprism.analysis.quotes import _quote_spans

DATA = (
    Path(__file__).resolve().parents[2]
    / "shared/data/articles/baly2020/articles-2018-2020.jsonl.gz"
)


def sample(
    rows: list[dict[str, str]],
    n: int,
    *,
    seed: int = 15,
    split: str | None = None,
    skip: frozenset[str] = frozenset(),
) -> None:
    """Print *n* quotes (<= 2 per article, >= 5 words) in context.

    Seed 15 over all articles chose the first 175 labels; *split* keeps the articles of
    one half, *skip* leaves out articles (those already labelled).
    """
    rnd = random.Random(seed)
    rnd.shuffle(rows)
    count = 0
    for row in rows:
        if (split is not None and split_of(row["id"]) != split) or row["id"] in skip:
            continue
        text = row["text"]
        spans = [(a, b) for a, b in _quote_spans(text) if len(text[a:b].split()) >= 5]
        for a, b in rnd.sample(spans, min(2, len(spans))):
            print(f"#{count} id={row['id']} {a}:{b}\n  …{text[max(0, a - 350) : b + 160]}\n")
            count += 1
        if count >= n:
            return


def _week(published: str) -> tuple[int, int]:
    """ISO (year, week) of a ``YYYY-MM-DD`` date."""
    year, week, _ = datetime.date.fromisoformat(published).isocalendar()
    return year, week


def _thick_outlet_articles(
    rows: list[dict[str, str]], labels: list[SpeakerLabel], split: str | None
) -> frozenset[str]:
    """Articles of outlets with at least the half's mean of labelled quotes per article.

    Every week of the data held a labelled article by the sixth pass, so ``--new-weeks``
    finds nothing; this keeps the outlets that earlier batches sampled least (by share).
    """
    outlet = {r["id"]: r["outlet"] for r in rows}
    kept = [r for r in rows if split is None or split_of(r["id"]) == split]
    articles = Counter(r["outlet"] for r in kept)
    quotes = Counter(
        outlet[label.article_id]
        for label in labels
        if label.article_id in outlet and (split is None or split_of(label.article_id) == split)
    )
    mean = sum(quotes.values()) / max(1, len(kept))
    thick = {name for name, n in articles.items() if quotes[name] / n >= mean}
    return frozenset(r["id"] for r in kept if r["outlet"] in thick)


def main() -> None:
    """Run the evaluation or the sampler."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--sample", type=int, default=0)
    parser.add_argument("--seed", type=int, default=15)
    parser.add_argument("--split", choices=("tune", "test"), default=None)
    parser.add_argument("--unlabelled", action="store_true", help="sample unlabelled articles")
    parser.add_argument(
        "--new-weeks",
        action="store_true",
        help="sample only articles of ISO weeks that hold no labelled article (other stories)",
    )
    parser.add_argument(
        "--thin-outlets",
        action="store_true",
        help="sample only unlabelled articles of outlets with fewer labelled quotes per article "
        "than the half's average (the outlets the labels under-represent)",
    )
    parser.add_argument("--errors", action="store_true", help="wrong speakers (tune half)")
    parser.add_argument(
        "--last", type=int, default=0, help="score only the last N labels (the newest batch)"
    )
    args = parser.parse_args()
    rows = read_jsonl(args.data)
    labels = load_speaker_labels()
    if args.sample:
        labelled = frozenset(label.article_id for label in labels)
        fresh = args.unlabelled or args.new_weeks or args.thin_outlets
        skip = labelled if fresh else frozenset()
        if args.new_weeks:
            weeks = {_week(r["published"]) for r in rows if r["id"] in labelled}
            skip = skip | frozenset(r["id"] for r in rows if _week(r["published"]) in weeks)
        if args.thin_outlets:
            skip = skip | _thick_outlet_articles(rows, labels, args.split)
        sample(rows, args.sample, seed=args.seed, split=args.split, skip=skip)
        return
    if args.errors and args.split != "tune":
        parser.error("--errors reads the tune half only: add --split tune")
    if args.last:
        labels = labels[-args.last :]
    texts = {r["id"]: r["text"] for r in rows}
    out = {}
    for split in (args.split,) if args.split else ("tune", "test"):
        system = speaker_accuracy(labels, texts, split=split)
        base = speaker_accuracy(labels, texts, split=split, predict=nearest_name_speaker)
        # the same quotes in the pipeline's text form (paragraphs one newline apart)
        stored = speaker_accuracy(labels, texts, split=split, predict=as_extracted(system_speaker))
        out[split] = {
            "n": system["n"],
            "accuracy": system["accuracy"],
            "named_accuracy": system["named_accuracy"],
            "accuracy_as_extracted": stored["accuracy"],
            "baseline_nearest_name": base["accuracy"],
        }
        if args.errors:
            for error in system["errors"]:
                text = texts[error["article_id"]]
                start = error["start"]
                print(json.dumps(error))
                print("  …" + text[max(0, start - 400) : start + 400].replace("\n", " ¶ ") + "\n")
    print(json.dumps(out, indent=1))


if __name__ == "__main__":
    main()
