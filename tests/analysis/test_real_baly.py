"""A real story from baly2020 (the Mueller report's release, 2019-04-18), analyzed end to end.

Skipped without ../shared/data. Prints the analysis sample that goes into the report.
"""

from __future__ import annotations

import gzip
import json
from datetime import UTC, datetime

import pytest
from analysis_data import shared_path

from newsprism.analysis.category import CATEGORIES
from newsprism.analysis.story import analyze_story
from newsprism.store.db import Store
from newsprism.store.schema import Article, Outlet, Story

DAY = "2019-04-18"
KEYWORD = "mueller"
#: baly2020 rates on a three-point scale; map it onto ours.
LEANS = {"left": "left", "center": "center", "right": "right"}


def _load_story(store: Store) -> int:
    path = shared_path("articles/baly2020/articles-2018-2020.jsonl.gz")
    rows = []
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            if row["published"] == DAY and KEYWORD in row["title"].lower():
                rows.append(row)
    when = datetime.fromisoformat(DAY).replace(tzinfo=UTC)
    with store.session() as s:
        story = Story(
            title=rows[0]["title"], slug="mueller", first_seen=when, last_updated=when, revision=1
        )
        s.add(story)
        outlets: dict[str, int] = {}
        for row in rows:
            if row["outlet"] not in outlets:
                outlet = Outlet(slug=row["outlet"], name=row["outlet"], lean=LEANS.get(row["lean"]))
                s.add(outlet)
                s.flush()
                outlets[row["outlet"]] = outlet.id
            s.add(
                Article(
                    outlet_id=outlets[row["outlet"]],
                    url=row["url"],
                    canonical_url=row["url"] + f"#{row['id']}",
                    title=row["title"],
                    text=row["text"],
                    published_at=when,
                    story_id=story.id,
                    status="clustered",
                )
            )
        s.flush()
        return story.id


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
