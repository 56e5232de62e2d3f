"""The faithfulness guard on the hand-written cases (issue 16): figures, cost, order-independence.

Runs the guard as the product builds it on one split of
``tests/synth/cases/faithfulness_cases.jsonl`` (default: the test half), prints the figures
beside the lexical baseline, then judges the same cases again in reversed order and in
chunks of 7 and counts verdicts that changed (must be 0).

    PYTHONPATH=src python bench/bench_faithfulness.py [--split test|tune] [--stories S72,S73]
        [--json]

``--stories`` keeps only the cases of those stories (the tag that ends a case's ``story``):
the figures of fresh cases alone, the honest estimate on stories the guard was not tuned on.
"""

from __future__ import annotations

import argparse
import json
import platform
import time
from pathlib import Path

from newsprism.config import Settings
from newsprism.synth.evaluate import evaluate_cases, load_cases
from newsprism.synth.guard import GuardItem
from newsprism.synth.stage import build_guard

CASES = Path(__file__).resolve().parents[1] / "tests/synth/cases/faithfulness_cases.jsonl"


def main() -> None:
    """Run the benchmark and print its figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--split", default="test")
    parser.add_argument("--stories", default="", help="comma-separated story tags (S72,S73)")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    cases = load_cases(CASES, split=args.split)
    if args.stories:
        wanted = set(args.stories.split(","))
        cases = [c for c in cases if c.story.split()[-1] in wanted]
    guard = build_guard(Settings())
    guard.check("Warm-up.", ["Warm-up."])  # load the models outside the timing
    result = evaluate_cases(cases, guard)
    context: dict[str, list[str]] = {}
    for c in cases:
        context.setdefault(c.story, []).extend(s for s in c.sources if s not in context[c.story])
    items = [GuardItem(c.sentence, c.sources, context=context[c.story]) for c in cases]
    first = guard.check_many(items)
    again = list(reversed(guard.check_many(list(reversed(items)))))
    chunked = [v for k in range(0, len(items), 7) for v in guard.check_many(items[k : k + 7])]
    result["order_changes"] = {
        "reversed": sum(a != b for a, b in zip(first, again, strict=True)),
        "chunks_of_7": sum(a != b for a, b in zip(first, chunked, strict=True)),
    }
    result["machine"] = f"{platform.node()} {platform.machine()} python {platform.python_version()}"
    result["date"] = time.strftime("%Y-%m-%d")
    if args.json:
        print(json.dumps(result, indent=1))
        return
    base = result["baseline_lexical"]
    print(f"split {args.split}: {result['cases']} cases, {result['ms_per_sentence']} ms/sentence")
    print(f"{'kind':22} {'exp':4} {'n':>4} {'guard':>6} {'lexical':>8}")
    for kind, row in result["by_kind"].items():
        print(f"{kind:22} {row['expected'][:3]:4} {row['cases']:4d} {row['dropped_share']:6.0%} "
              f"{base['by_kind'][kind]['dropped_share']:8.0%}")  # fmt: skip
    for label, fig in (("guard", result), ("lexical", base)):
        print(f"{label}: unsupported dropped {fig['unsupported_dropped_share']:.1%}, supported "
              f"dropped {fig['supported_dropped_share']:.1%}, weakest kind "
              f"{fig['weakest_unsupported_kind_caught']:.0%}")  # fmt: skip
    print("verdicts changed by order/chunking:", result["order_changes"])


if __name__ == "__main__":
    main()
