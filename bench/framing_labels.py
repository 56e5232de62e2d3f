"""Framing terms on real baly2020 stories: dump them for hand labels, or score the labels.

The sample (issue 15 item 6): baly2020 stories (`synth.evaluate._stories`: one day, one
topic, headlines sharing two content words) with ≥ 3 outlets and ≥ 2 rated sides, every
8th in date order (41 stories); stories at even positions of the sample are the tuning
half, odd positions the test half (fixed before any rule was designed). Exclusions are
those of the analysis: spaCy NER entities of the articles and outlet names
(`framing_exclusions`, with baly2020's outlet names as the registry).

    PYTHONPATH=src python bench/framing_labels.py dump  [--half tune|test] > terms.txt
    PYTHONPATH=src python bench/framing_labels.py score [--half tune|test] [--shares 0.1 0.2]

``score`` reads tests/analysis/framing_labels.json and reports, for the plain method and
with a background of general news (`framing.Background`: a word in more than a share of
its articles is not shown), the share of shown terms labelled generic, terms per story,
stories left with no term, and shown terms that have no label yet (they count as
unlabelled, not as framing).
"""

from __future__ import annotations

import argparse
import json
import random
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from newsprism.analysis.articles import SIDES, StoryArticle, side_of
from newsprism.analysis.evaluate import read_jsonl
from newsprism.analysis.framing import MAX_BACKGROUND_SHARE, Background, framing, framing_exclusions
from newsprism.nlp.entities import entities
from newsprism.synth.evaluate import _stories, find_baly

LABELS = Path(__file__).resolve().parents[1] / "tests/analysis/framing_labels.json"
EVERY = 8
#: Articles in the background, as `analysis.story.BACKGROUND_ARTICLES`.
BACKGROUND_ARTICLES = 400


def sample() -> list[tuple[str, list[dict[str, Any]]]]:
    """``(half, articles)`` of every sampled story, in date order."""
    stories = [
        g
        for g in _stories(find_baly())
        if len({a["outlet"] for a in g}) >= 3 and len({side_of(a["lean"]) for a in g} - {None}) >= 2
    ]
    picked = stories[::EVERY]
    return [("tune" if k % 2 == 0 else "test", g) for k, g in enumerate(picked)]


def story_key(group: Sequence[dict[str, Any]]) -> str:
    """A story's id in the labels: its articles' baly2020 ids, sorted, joined by '+'."""
    return "+".join(sorted(a["id"] for a in group))


def story_articles(
    group: Sequence[dict[str, Any]], outlet_ids: dict[str, int]
) -> list[StoryArticle]:
    """The story's articles as the analysis sees them, with their NER entities."""
    bodies = [f"{a['title']}\n{a['text']}" for a in group]
    ents = entities(bodies)
    return [
        StoryArticle(
            id=k,
            title=a["title"],
            text=a["text"],
            url=a["url"],
            outlet_id=outlet_ids.setdefault(a["outlet"], len(outlet_ids) + 1),
            outlet=a["outlet"],
            lean=a["lean"],
            entities=[list(e) for e in found],
        )
        for k, (a, found) in enumerate(zip(group, ents, strict=True))
    ]


def shown_terms(half: str, **options: Any) -> dict[str, list[tuple[str, str, str]]]:
    """``story key → [(side, term, one snippet)]`` as `framing` shows them."""
    stories = sample()
    registry = {a["outlet"] for _, g in stories for a in g}
    outlet_ids: dict[str, int] = {}
    out: dict[str, list[tuple[str, str, str]]] = {}
    for h, group in stories:
        if h != half:
            continue
        arts = story_articles(group, outlet_ids)
        result = framing(arts, exclude_words=framing_exclusions(arts, registry), **options)
        out[story_key(group)] = [
            (side, t["term"], t["snippets"][0]["text"] if t["snippets"] else "")
            for side in SIDES
            for t in result[side]
        ]
    return out


def background() -> Background:
    """Word document frequencies over `BACKGROUND_ARTICLES` baly2020 articles (seed 15).

    Like the analysis's background (the newest articles of the store, of any story), it
    may hold some of the story's own articles.
    """
    rows = read_jsonl(find_baly())
    picked = random.Random(15).sample(rows, BACKGROUND_ARTICLES)
    return Background.of_texts(f"{r['title']}\n{r['text']}" for r in picked)


def score(half: str, labels: dict[str, dict[str, str]], **options: Any) -> dict[str, Any]:
    """Generic share of the shown terms, terms per story and stories left without terms."""
    shown = shown_terms(half, **options)
    got = Counter(labels.get(key, {}).get(term, "unlabelled") for key, terms in shown.items()
                  for _side, term, _snippet in terms)  # fmt: skip
    labelled = got["generic"] + got["framing"]
    return {
        "stories": len(shown),
        "shown": sum(got.values()),
        "generic_share": round(got["generic"] / labelled, 3) if labelled else 0.0,
        "framing_terms": got["framing"],
        "unlabelled": got["unlabelled"],
        "terms_per_story": round(sum(got.values()) / len(shown), 2),
        "stories_without_terms": sum(1 for terms in shown.values() if not terms),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("mode", choices=["dump", "score"])
    parser.add_argument("--half", choices=["tune", "test"], default="tune")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--shares", type=float, nargs="*", help="background shares to try")
    parser.add_argument("--top-k", type=int, default=8, help="terms per side (dump more to label)")
    args = parser.parse_args()
    if args.mode == "dump":
        for key, terms in shown_terms(args.half, top_k=args.top_k).items():
            print(f"## {key}")
            for side, term, snippet in terms:
                print(f"{side:6} | {term} | {snippet[:200]}")
        return
    doc = json.loads(LABELS.read_text(encoding="utf-8"))
    labels = {s["story"]: s["terms"] for s in doc["stories"] if s["half"] == args.half}
    bg = background()
    shares = args.shares or [MAX_BACKGROUND_SHARE]
    result: dict[str, Any] = {"half": args.half, "background_articles": bg.n_docs}
    result["plain"] = score(args.half, labels)
    for share in shares:
        result[f"background {share}"] = score(
            args.half, labels, background=bg, max_background_share=share
        )
    if args.json:
        print(json.dumps(result, indent=1))
        return
    for name, figures in result.items():
        print(f"{name:>20}: {figures}")


if __name__ == "__main__":
    main()
