"""Languages: tag a hand-made multilingual set with py3langid and cluster it two ways.

The set (tests/stories/multilingual_cases.json) is five invented events each written in
English, German, French and Spanish plus two English-only events, 24 articles, all
hand-written. It is clustered with the default embedder (all-MiniLM-L6-v2) and default
parameters, once language-blind (the baseline) and once kept apart by the detected
language (what the pipeline does). Nothing is tuned; the test part (odd ids) is reported
beside the whole set.

    PYTHONPATH=src python bench/eval_multilingual.py [--embedder hashing]
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

CASES = Path(__file__).resolve().parents[1] / "tests" / "stories" / "multilingual_cases.json"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--embedder", choices=("minilm", "hashing"), default="minilm")
    args = parser.parse_args()

    from newsprism.ingest.extract import detect_language
    from newsprism.nlp.embed import HashingEmbedder, MiniLMEmbedder, article_text
    from newsprism.stories.evaluate import LabelledArticle, bcubed, cluster_labels

    rows = json.loads(CASES.read_text(encoding="utf-8"))["articles"]
    embedder: Any = MiniLMEmbedder() if args.embedder == "minilm" else HashingEmbedder()
    results: dict[str, Any] = {"embedder": args.embedder}
    for part, chosen in (
        ("all", rows),
        ("test", [r for r in rows if int(r["id"][1:]) % 2 == 1]),
    ):
        arts = [
            LabelledArticle(
                r["id"], r["title"], r["text"], 1_700_000_000.0 + 60 * i, "x", r["story"]
            )
            for i, r in enumerate(chosen)
        ]
        detected = [detect_language(f"{a.title}. {a.text}") for a in arts]
        vectors = embedder.embed([article_text(a.title, a.text) for a in arts])
        gold = [a.story for a in arts]
        blind = cluster_labels(arts, vectors)
        apart = cluster_labels(arts, vectors, langs=detected)
        mixed = {
            label: {d for d, lab in zip(detected, blind, strict=True) if lab == label}
            for label in set(blind)
        }
        results[part] = {
            "articles": len(arts),
            "langid_correct": sum(d == r["lang"] for d, r in zip(detected, chosen, strict=True)),
            "blind_bcubed_p_r_f1": [round(x, 3) for x in bcubed(gold, blind)],
            "blind_stories": len(set(blind)),
            "blind_stories_mixing_languages": sum(len(v) > 1 for v in mixed.values()),
            "apart_bcubed_p_r_f1": [round(x, 3) for x in bcubed(gold, apart)],
            "apart_stories": len(set(apart)),
            "gold_stories": len(set(gold)),
        }
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
