"""Key players and international reactions on real coverage (Baly et al. 2020, read in place).

Groups the articles by day and topic (AllSides roundups: one event covered by several
outlets), takes the first GROUPS groups of at least three articles, finds their entities
(`newsprism.nlp.entities`) and prints each group's key players and international reactions,
then how many groups had each section. Output is for reading by hand; nothing is stored.

    PYTHONPATH=src python bench/bench_players.py 60
"""

from __future__ import annotations

import argparse
import gzip
import json
from collections import Counter, defaultdict
from pathlib import Path

DATA = (
    Path(__file__).resolve().parents[2]
    / "shared/data/articles/baly2020/articles-2018-2020.jsonl.gz"
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("groups", type=int, nargs="?", default=60)
    args = parser.parse_args()

    from newsprism.nlp.entities import entities
    from newsprism.synth.brief import ArticleInput, StoryInput
    from newsprism.synth.players import international_reactions, key_players

    if not DATA.exists():
        raise SystemExit(f"{DATA} is absent: this benchmark reads the shared data in place")
    groups: dict[tuple[str, str], list[dict[str, str]]] = defaultdict(list)
    with gzip.open(DATA, "rt", encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            groups[(row["published"], row["topic"])].append(row)
    chosen = [g for g in groups.values() if len(g) >= 3][: args.groups]
    with_players = with_reactions = 0
    for group in chosen:
        arts = [
            ArticleInput(i, a["outlet"], a["lean"], a["title"], a["text"])
            for i, a in enumerate(group)
        ]
        counts: Counter[tuple[str, str]] = Counter()
        for found in entities([a.text for a in arts]):
            counts.update(set(found))
        rows = [{"text": t, "label": lab, "count": c} for (t, lab), c in counts.most_common(30)]
        story = StoryInput(1, group[0]["title"], arts, {"entities": rows})
        players, reactions = key_players(story), international_reactions(story)
        with_players += bool(players)
        with_reactions += bool(reactions)
        print(f"== {group[0]['published']} {group[0]['topic']} ({len(group)} articles)")
        for s in players:
            print(f"  player   {s.speaker}: {s.text}")
        for s in reactions:
            print(f"  reaction [{s.heading}] {s.text[:160]}")
    print(f"groups {len(chosen)}, with key players {with_players}, with reactions {with_reactions}")


if __name__ == "__main__":
    main()
