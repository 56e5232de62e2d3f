"""A real story from baly2020 (the Mueller report's release, 2019-04-18), analyzed end to end.

Skipped without ../shared/data. Prints the analysis sample that goes into the report.
"""

from __future__ import annotations

import pytest
from analysis_data import shared_path

from newsprism.analysis.category import CATEGORIES
from newsprism.analysis.evaluate import load_story, read_jsonl
from newsprism.analysis.story import analyze_story
from newsprism.store.db import Store

DAY = "2019-04-18"
KEYWORD = "mueller"


def _load_story(store: Store) -> int:
    rows = read_jsonl(shared_path("articles/baly2020/articles-2018-2020.jsonl.gz"))
    return load_story(store, rows, DAY, KEYWORD)


@pytest.mark.shared_data
def test_real_story_analysis_is_plausible(sqlite_store: Store) -> None:
    story_id = _load_story(sqlite_store)
    with sqlite_store.session() as s:
        analysis = analyze_story(s, story_id)
    _print_sample(analysis)
    land = analysis["landscape"]
    assert land["total_outlets"] >= 5
    assert min(land["counts"]["left"], land["counts"]["center"], land["counts"]["right"]) > 0
    assert sum(len(terms) for terms in analysis["framing"].values()) > 0
    assert all(t["snippets"] for terms in analysis["framing"].values() for t in terms)
    assert any(g["speaker"] for g in analysis["sources"])
    assert any("Mueller" in e["text"] for e in analysis["entities"][:5])
    assert 0 < len(analysis["hashtags"]) <= 6
    assert analysis["category"] in CATEGORIES


def _print_sample(analysis: dict) -> None:
    print("\n--- sample analysis: baly2020, 'Mueller' headlines of", DAY)
    print(
        "landscape:",
        analysis["landscape"]["counts"],
        "total",
        analysis["landscape"]["total_outlets"],
    )
    print("blindspot:", analysis["blindspot"]["side"], analysis["blindspot"]["text"])
    print("category:", analysis["category"], "| hashtags:", " ".join(analysis["hashtags"]))
    print("regions:", [r["country"] for r in analysis["regions"]])
    print("entities:", [(e["text"], e["label"], e["count"]) for e in analysis["entities"][:8]])
    print("key phrases:", analysis["key_phrases"])
    for side, terms in analysis["framing"].items():
        print(f"framing {side}:", [(t["term"], t["z"]) for t in terms[:6]])
        if terms:
            snip = terms[0]["snippets"][0]
            print(f"   e.g. {snip['outlet']}: {snip['text'][:160]}")
    for group in analysis["sources"][:5]:
        quote = group["quotes"][0]
        print(
            f'source {group["speaker"]!r}: "{quote["text"][:110]}" ({", ".join(quote["outlets"])})'
        )
