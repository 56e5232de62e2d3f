"""Evaluation on public data: category accuracy, and real stories for analysis checks.

Category accuracy is measured on the UCI News Aggregator sample and baly2020 topics.

Reads the files in place; nothing is copied. UCI labels are b/t/e/m (t = science and
technology, so Technology and Science both count as right), judged per gold story (all
headlines of a story are one story to categorise, as in the product); baly2020 topics
are mapped where one of our categories names them (`BALY_TOPICS`; police, courts and
crime → Justice, armed forces → Military), the rest are skipped.

The labelled set is split in two before any tuning (`split_of`): a row belongs to the
``tune`` half when the first hex digit of sha1(key) is below 8, else to ``test``; the key
is the baly2020 article id or the UCI story id (so no story sits in both halves).
Lexicons are tuned on ``tune`` only; BENCHMARKS.md reports ``test``.
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import json
from collections import Counter
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np
from sqlalchemy import select

from newsprism.analysis.articles import StoryArticle
from newsprism.analysis.category import (
    TextEmbedder,
    categorize,
    prototype_scores,
    prototype_vectors,
)
from newsprism.errors import DatasetError
from newsprism.store.db import Store
from newsprism.store.schema import LEANS, Article, Outlet, Story

__all__ = [
    "BALY_TOPICS",
    "SPLITS",
    "UCI_LABELS",
    "evaluate_categories",
    "load_story",
    "read_jsonl",
    "split_of",
]

UCI_LABELS: dict[str, frozenset[str]] = {
    "b": frozenset({"Business"}),
    "t": frozenset({"Technology", "Science"}),
    "e": frozenset({"Entertainment"}),
    "m": frozenset({"Health"}),
}
_POLITICS = (
    "elections politics white_house us_house us_senate us_congress impeachment republican_party "
    "democratic_party campaign_finance voting_rights_and_voter_fraud"
)
_WORLD = "world europe asia africa great_britain"
#: AllSides files US policy debates under the policy area ("healthcare": Medicare for
#: All; "supreme_court": a nomination; "russia": the Mueller inquiry); for these topics
#: Politics is right as well.
_OR_POLITICS = {
    "healthcare": "Health",
    "justice": "Justice",
    "supreme_court": "Justice",
    "defense": "Military",
    "veterans_affairs": "Military",
    "middle_east": "World",
    "china": "World",
    "russia": "World",
    "north_korea": "World",
    "foreign_policy": "World",
}
_JUSTICE = "criminal_justice violence_in_america death_penalty capital_punishment_and_death_penalty"
#: baly2020 topic → the categories that count as right (the first is the topic's own).
BALY_TOPICS: dict[str, tuple[str, ...]] = {
    **dict.fromkeys(_POLITICS.split(), ("Politics",)),
    **dict.fromkeys(_WORLD.split(), ("World",)),
    **dict.fromkeys(["coronavirus", "public_health", "opioid_crisis"], ("Health",)),
    **dict.fromkeys(["economy_and_jobs", "banking_and_finance", "business"], ("Business",)),
    "technology": ("Technology", "Science"),
    "environment": ("Climate",),
    "sports": ("Sports",),
    "arts_and_entertainment": ("Entertainment",),
    "science": ("Science", "Technology"),
    **dict.fromkeys(_JUSTICE.split(), ("Justice",)),
    "us_military": ("Military", "World"),
    **{topic: (own, "Politics") for topic, own in _OR_POLITICS.items()},
}
SPLITS = ("tune", "test")


def split_of(key: str) -> str:
    """The half of the labelled set *key* belongs to: ``tune`` or ``test`` (module docstring)."""
    return "tune" if hashlib.sha1(key.encode()).hexdigest()[0] < "8" else "test"


def _predict(items: Sequence[tuple[str, str]], scores: dict[str, float] | None = None) -> str:
    articles = [StoryArticle(id=i, title=t, text=x, url="") for i, (t, x) in enumerate(items)]
    return categorize(articles, embedding_scores=scores)[0]


#: One labelled story: its (headline, text) articles and the categories that count as right.
_Row = tuple[list[tuple[str, str]], frozenset[str]]


def _labelled(path: Path, limit: int | None, split: str | None) -> list[_Row]:
    rows: list[_Row] = []
    if path.suffix == ".csv":
        stories: dict[str, list[dict[str, str]]] = {}
        with path.open(encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                stories.setdefault(row["STORY"], []).append(row)
        for story_id, members in stories.items():
            if split is None or split_of(story_id) == split:
                items = [(m["TITLE"], "") for m in members]
                rows.append((items, UCI_LABELS[members[0]["CATEGORY"]]))
    elif path.name.endswith((".jsonl", ".jsonl.gz")):
        opener = gzip.open if path.suffix == ".gz" else open
        with opener(path, "rt", encoding="utf-8") as fh:
            for line in fh:
                item = json.loads(line)
                want = BALY_TOPICS.get(item.get("topic", ""))
                if want is None or (split is not None and split_of(str(item["id"])) != split):
                    continue
                rows.append(([(item["title"], item.get("text", ""))], frozenset(want)))
                if limit is not None and len(rows) >= limit:
                    break
    else:
        raise DatasetError(
            f"{path}: expected the UCI News Aggregator CSV or a baly2020-style JSONL(.gz) "
            "with title, text and topic fields."
        )
    return rows[:limit] if limit is not None else rows


def evaluate_categories(
    path: Path,
    *,
    limit: int | None = None,
    embedder: TextEmbedder | None = None,
    split: str | None = None,
) -> dict[str, Any]:
    """Accuracy of `categorize` on *path*, with the majority-class baseline and coverage.

    With an *embedder*, the mean embedding of a row's articles (headline + 400 characters
    of text) stands in for the story centroid and adds the category-description
    similarity. *split* (``tune`` / ``test``, see `split_of`) keeps one half only.

    Keys: ``accuracy``, ``n``, ``general_share`` (predicted General: no signal),
    ``accuracy_when_decided`` (accuracy on the rest), ``majority_baseline``,
    ``confusion`` ({"gold→predicted": n}).
    """
    if not path.exists():
        raise DatasetError(f"{path} does not exist: point --data at the labelled file.")
    if split is not None and split not in SPLITS:
        raise DatasetError(f"split must be one of {', '.join(SPLITS)}, not {split!r}.")
    rows = _labelled(path, limit, split)
    if not rows:
        raise DatasetError(f"{path} holds no labelled rows this evaluation understands.")
    correct = general = decided_correct = 0
    confusion: Counter[str] = Counter()
    accepted: Counter[str] = Counter()
    similarity: list[dict[str, float] | None] = [None] * len(rows)
    if embedder is not None:
        prototypes = prototype_vectors(embedder)
        texts = [(i, f"{t}\n{x[:400]}") for i, (items, _g) in enumerate(rows) for t, x in items]
        sums: dict[int, np.ndarray] = {}
        for start in range(0, len(texts), 256):
            batch = texts[start : start + 256]
            for (i, _text), vector in zip(
                batch, np.asarray(embedder.embed([t for _i, t in batch])), strict=True
            ):
                sums[i] = sums[i] + vector if i in sums else vector.copy()
        for i, total in sums.items():
            similarity[i] = prototype_scores(total, prototypes)
    for (items, gold), scores in zip(rows, similarity, strict=True):
        predicted = _predict(items, scores)
        gold_name = "/".join(sorted(gold))
        accepted.update(gold)
        confusion[f"{gold_name}→{predicted}"] += 1
        hit = predicted in gold
        correct += hit
        if predicted == "General":
            general += 1
        else:
            decided_correct += hit
    n = len(rows)
    decided = n - general
    return {
        "n": n,
        "accuracy": round(correct / n, 4),
        "general_share": round(general / n, 4),
        "accuracy_when_decided": round(decided_correct / decided, 4) if decided else None,
        # always answering the category most rows accept
        "majority_baseline": round(accepted.most_common(1)[0][1] / n, 4),
        "confusion": dict(confusion.most_common()),
    }


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    """All rows of a JSONL or JSONL.gz file (the baly2020 corpus is 12,280 rows, ~60 MB)."""
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def load_story(store: Store, rows: Sequence[dict[str, Any]], day: str, keyword: str) -> int:
    """Store the baly2020-style *rows* of *day* whose headline contains *keyword* as one story.

    Outlets are created (or reused) by name with the row's lean; returns the story id.
    For evaluations and demos on real text: baly2020 has no gold story ids.
    """
    picked = [r for r in rows if r["published"] == day and keyword in r["title"].lower()]
    if not picked:
        raise DatasetError(f"No article of {day} has {keyword!r} in its headline.")
    when = datetime.fromisoformat(day).replace(tzinfo=UTC)
    with store.session() as s:
        story = Story(
            title=picked[0]["title"], slug=keyword, first_seen=when, last_updated=when, revision=1
        )
        s.add(story)
        outlets: dict[str, int] = {}
        for row in picked:
            if row["outlet"] not in outlets:
                outlet = s.scalar(select(Outlet).where(Outlet.slug == row["outlet"]))
                if outlet is None:
                    lean = row.get("lean") if row.get("lean") in LEANS else None
                    outlet = Outlet(slug=row["outlet"], name=row["outlet"], lean=lean)
                    s.add(outlet)
                    s.flush()
                outlets[row["outlet"]] = outlet.id
            s.add(
                Article(
                    outlet_id=outlets[row["outlet"]],
                    url=row["url"],
                    canonical_url=f"{row['url']}#{row['id']}",
                    title=row["title"],
                    text=row["text"],
                    published_at=when,
                    story_id=story.id,
                    status="clustered",
                )
            )
        s.flush()
        return story.id
