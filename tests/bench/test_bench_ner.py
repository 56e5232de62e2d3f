"""bench/bench_ner.py: the story sample and the top-5 agreement measure (no model, no timing)."""

from __future__ import annotations

import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parents[2] / "bench"
sys.path.insert(0, str(BENCH))

import bench_ner  # noqa: E402


def _row(day: str, topic: str) -> dict[str, str]:
    return {"published": day, "topic": topic, "title": "t", "text": "x"}


def test_pick_stories_keeps_groups_of_three_and_splits_them() -> None:
    rows = [_row(f"2019-01-{d:02d}", "politics") for d in range(1, 21) for _ in range(3)]
    rows += [_row("2019-02-01", "lonely"), _row("2019-02-01", "lonely")]  # too small
    split = bench_ner.pick_stories(rows, articles=10_000)
    groups = split["tune"] + split["test"]
    assert len(groups) == 20
    assert all(len(idx) == 3 for idx in groups)
    assert split["tune"]
    assert split["test"]
    # a smaller sample is a prefix: no group changes sides
    small = bench_ner.pick_stories(rows, articles=9)
    assert all(g in split["tune"] for g in small["tune"])
    assert all(g in split["test"] for g in small["test"])


def test_agreement_counts_shared_top_five() -> None:
    names = ["Alpha", "Bravo", "Charlie", "Delta", "Echo", "Foxtrot"]
    # each article names the first k names, so the ranking is Alpha > Bravo > ... > Foxtrot
    base = [[(n, "ORG") for n in names[:k]] for k in range(1, 7)]
    same = bench_ner.agreement([list(range(6))], base, base)
    assert same == {"stories": 1, "top5_agreement": 1.0, "same_top5": 1.0}
    # the variant misses Alpha everywhere: Foxtrot enters its top five, 4 of 5 kept
    variant = [[e for e in ents if e[0] != "Alpha"] for ents in base]
    lower = bench_ner.agreement([list(range(6))], base, variant)
    assert lower["top5_agreement"] == 0.8
    assert lower["same_top5"] == 0.0


def test_duplicate_share() -> None:
    assert bench_ner.duplicate_share(["a", "b", "a", "c"]) == 0.25
    assert bench_ner.duplicate_share(["x" * 3000, "x" * 2000 + "y"], max_chars=2000) == 0.5
