"""Category accuracy on labelled public data (UCI News Aggregator sample, baly2020 topics).

Reads the files in place; nothing is copied. UCI labels are b/t/e/m (t = science and
technology, so Technology and Science both count as right); baly2020 topics are mapped
where one of our categories names them unambiguously, the rest are skipped.
"""

from __future__ import annotations

import csv
import gzip
import json
from collections import Counter
from pathlib import Path
from typing import Any

from newsprism.analysis.articles import StoryArticle
from newsprism.analysis.category import categorize
from newsprism.errors import DatasetError

__all__ = ["BALY_TOPICS", "UCI_LABELS", "evaluate_categories"]

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


def _predict(title: str, text: str = "") -> str:
    return categorize([StoryArticle(id=0, title=title, text=text, url="")])[0]


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


def evaluate_categories(path: Path, *, limit: int | None = None) -> dict[str, Any]:
    """Accuracy of `categorize` on *path*, with the majority-class baseline and coverage.

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
    for title, text, gold in rows:
        predicted = _predict(title, text)
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
