"""Evaluation on public data: category accuracy, and real stories for analysis checks.

Category accuracy is measured on the UCI News Aggregator sample and baly2020 topics.

Reads the files in place; nothing is copied. UCI labels are b/t/e/m (t = science and
technology, so Technology and Science both count as right); baly2020 topics are mapped
where one of our categories names them unambiguously, the rest are skipped.
"""

from __future__ import annotations

import csv
import gzip
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

__all__ = ["BALY_TOPICS", "UCI_LABELS", "evaluate_categories", "load_story", "read_jsonl"]

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
_WORLD = "world middle_east china russia north_korea europe asia africa great_britain"
BALY_TOPICS: dict[str, str] = {
    **dict.fromkeys(_POLITICS.split(), "Politics"),
    **dict.fromkeys(_WORLD.split(), "World"),
    **dict.fromkeys(["coronavirus", "healthcare", "public_health", "opioid_crisis"], "Health"),
    **dict.fromkeys(["economy_and_jobs", "banking_and_finance", "business"], "Business"),
    "technology": "Technology",
    "environment": "Climate",
    "sports": "Sports",
    "arts_and_entertainment": "Entertainment",
    "science": "Science",
}


def _predict(title: str, text: str = "", scores: dict[str, float] | None = None) -> str:
    article = StoryArticle(id=0, title=title, text=text, url="")
    return categorize([article], embedding_scores=scores)[0]


def _labelled(path: Path, limit: int | None) -> list[tuple[str, str, frozenset[str]]]:
    rows: list[tuple[str, str, frozenset[str]]] = []
    if path.suffix == ".csv":
        with path.open(encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                rows.append((row["TITLE"], "", UCI_LABELS[row["CATEGORY"]]))
    elif path.name.endswith((".jsonl", ".jsonl.gz")):
        opener = gzip.open if path.suffix == ".gz" else open
        with opener(path, "rt", encoding="utf-8") as fh:
            for line in fh:
                item = json.loads(line)
                want = BALY_TOPICS.get(item.get("topic", ""))
                if want is not None:
                    rows.append((item["title"], item.get("text", ""), frozenset({want})))
                if limit is not None and len(rows) >= limit:
                    break
    else:
        raise DatasetError(
            f"{path}: expected the UCI News Aggregator CSV or a baly2020-style JSONL(.gz) "
            "with title, text and topic fields."
        )
    return rows[:limit] if limit is not None else rows


def evaluate_categories(
    path: Path, *, limit: int | None = None, embedder: TextEmbedder | None = None
) -> dict[str, Any]:
    """Accuracy of `categorize` on *path*, with the majority-class baseline and coverage.

    With an *embedder*, each row's embedding (headline + 400 characters of text) stands
    in for the story centroid and adds the category-description similarity.

    Keys: ``accuracy``, ``n``, ``general_share`` (predicted General: no signal),
    ``accuracy_when_decided`` (accuracy on the rest), ``majority_baseline``,
    ``confusion`` ({"gold→predicted": n}).
    """
    if not path.exists():
        raise DatasetError(f"{path} does not exist: point --data at the labelled file.")
    rows = _labelled(path, limit)
    if not rows:
        raise DatasetError(f"{path} holds no labelled rows this evaluation understands.")
    correct = general = decided_correct = 0
    confusion: Counter[str] = Counter()
    gold_counts: Counter[str] = Counter()
    similarity: list[dict[str, float] | None] = [None] * len(rows)
    if embedder is not None:
        prototypes = prototype_vectors(embedder)
        for start in range(0, len(rows), 256):
            batch = rows[start : start + 256]
            vectors = embedder.embed([f"{t}\n{x[:400]}" for t, x, _g in batch])
            for i, vector in enumerate(vectors):
                similarity[start + i] = prototype_scores(np.asarray(vector), prototypes)
    for (title, text, gold), scores in zip(rows, similarity, strict=True):
        predicted = _predict(title, text, scores)
        gold_name = "/".join(sorted(gold))
        gold_counts[gold_name] += 1
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
        "majority_baseline": round(gold_counts.most_common(1)[0][1] / n, 4),
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
