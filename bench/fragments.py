"""What the clause check (`nlp/syntax.fragment`) would pass over in real article text.

    PYTHONPATH=src python bench/fragments.py --seed 1          # 150 random baly2020 articles
    PYTHONPATH=src python bench/fragments.py --seed 7 --json   # counts only

Samples articles of ../shared/data (read in place), keeps the sentences the other statement
rules let through (`split_sentences`, 6–60 words, `statement_problem` is None), and prints
the share the clause check flags with every flagged sentence, to be read by hand.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
from pathlib import Path

from newsprism.nlp.sentences import split_sentences
from newsprism.nlp.syntax import fragment
from newsprism.synth.statements import statement_problem

DATA = (
    Path(__file__).resolve().parents[2]
    / "shared/data/articles/baly2020/articles-2018-2020.jsonl.gz"
)


def candidates(path: Path, *, seed: int, articles: int) -> list[str]:
    """Sentences of *articles* random articles (every 37th line, shuffled by *seed*)."""
    rows = []
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for k, line in enumerate(handle):
            if k % 37 == 0:
                rows.append(json.loads(line))
            if len(rows) > 3000:
                break
    random.Random(seed).shuffle(rows)
    out = []
    for row in rows[:articles]:
        text = str(row.get("text") or "")
        for start, end in split_sentences(text)[:15]:
            sentence = text[start:end].strip()
            if (
                6 <= len(sentence.split()) <= 60
                and sentence[:1].isupper()
                and statement_problem(sentence) is None
            ):
                out.append(sentence)
    return out


def main() -> None:
    """Print the flagged sentences and the share."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--articles", type=int, default=150)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    if not args.data.exists():
        raise SystemExit(f"{args.data} not found: pass --data")
    sentences = candidates(args.data, seed=args.seed, articles=args.articles)
    flagged = [(why, s) for s in sentences if (why := fragment(s))]
    result = {
        "sentences": len(sentences),
        "flagged": len(flagged),
        "share": round(len(flagged) / max(len(sentences), 1), 4),
    }
    if not args.json:
        for why, sentence in flagged:
            print(f"{why:15} {sentence[:160]}")
    print(json.dumps(result))


if __name__ == "__main__":
    main()
