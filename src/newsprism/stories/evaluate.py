"""Clustering evaluation: stream a labelled dataset through the clusterer, score B-cubed.

B-cubed precision and recall (Bagga & Baldwin 1998, as used by Miranda et al., EMNLP
2018, "Multilingual Clustering of Streaming News") average, over articles, the share
of an article's predicted story that shares its gold story (precision) and the share of
its gold story that shares its predicted story (recall).

Input formats (chosen by file name):

- ``*.jsonl`` / ``*.jsonl.gz``: one object a line with ``id``, ``title``, ``text``
  (may be empty), ``published`` (ISO 8601 date or datetime, or epoch seconds),
  ``outlet`` and ``story`` (the gold story id); see docs/clustering.md.
- ``*.csv``: the UCI News Aggregator layout ``ID, TITLE, URL, PUBLISHER, CATEGORY,
  STORY, HOSTNAME, TIMESTAMP`` (milliseconds since the epoch).

A JSONL file without story ids but with a ``topic`` field (e.g. the baly2020 AllSides
articles) can be scored against a **silver** standard (`SILVER`): ``topic-date`` takes
the articles of one topic published on one UTC day as a story, ``topic`` one topic as
a story (only its precision means something: how often unrelated topics were merged).
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import json
import time
from collections import Counter
from collections.abc import Hashable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from newsprism.errors import DatasetError
from newsprism.nlp.embed import Embedder, article_text, make_embedder
from newsprism.stories.cluster import (
    Clusterer,
    ClusterParams,
    StreamItem,
    cluster_params,
    reads_body,
)
from newsprism.stories.terms import ArticleTerms, extract_terms

if TYPE_CHECKING:
    from newsprism.config import Settings

__all__ = [
    "BASELINE_THRESHOLD",
    "PARTS",
    "SILVER",
    "LabelledArticle",
    "baseline_labels",
    "bcubed",
    "cluster_labels",
    "evaluate_articles",
    "evaluate_file",
    "load_labelled",
    "story_extent",
    "story_part",
]


#: Silver standards for files without gold story ids: name → what makes a "story".
SILVER = {
    "topic-date": "the articles of one topic published on one UTC day",
    "topic": "the articles of one topic (precision only: merges across topics)",
}


#: The plain baseline's fixed cosine threshold: one MiniLM single pass, no time, no words
#: (fixed a priori, as in issue 17; never tuned on any set).
BASELINE_THRESHOLD = 0.6

#: The parts of an evaluation set: stories go to ``tune`` or ``test`` by a hash of their id.
PARTS = ("tune", "test")


def story_part(story: str) -> str:
    """The part (``tune`` or ``test``) a gold story belongs to: SHA-1 of its id, even = tune.

    The rule is fixed before any tuning, needs no file, and agrees with the ``part`` column
    of the hand-labelled sets (tests/stories/labels/).
    """
    return "tune" if int(hashlib.sha1(story.encode("utf-8")).hexdigest(), 16) % 2 == 0 else "test"


@dataclass(frozen=True)
class LabelledArticle:
    """One article of an evaluation stream with its gold story."""

    id: str
    title: str
    text: str
    published: float
    outlet: str
    story: str


def bcubed(gold: Sequence[Hashable], predicted: Sequence[Hashable]) -> tuple[float, float, float]:
    """B-cubed (precision, recall, F1) of *predicted* cluster labels against *gold* labels."""
    if len(gold) != len(predicted):
        raise ValueError("gold and predicted labels must have the same length")
    n = len(gold)
    if n == 0:
        return 0.0, 0.0, 0.0
    pair = Counter(zip(predicted, gold, strict=True))
    size_pred = Counter(predicted)
    size_gold = Counter(gold)
    # Σ_i |C(i) ∩ G(i)| / |C(i)| groups by (C, G) cell: each of its n_cg members adds n_cg / n_c.
    precision = sum(c * c / size_pred[p] for (p, _), c in pair.items()) / n
    recall = sum(c * c / size_gold[g] for (_, g), c in pair.items()) / n
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def _parse_time(value: Any, where: str) -> float:
    if isinstance(value, int | float):
        return float(value)
    if isinstance(value, str) and value:
        try:
            moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            pass
        else:
            if moment.tzinfo is None:
                moment = moment.replace(tzinfo=UTC)
            return moment.timestamp()
    raise DatasetError(f"{where}: 'published' must be an ISO 8601 date/datetime or epoch seconds")


def _silver_story(row: dict[str, Any], published: float, silver: str) -> str:
    day = datetime.fromtimestamp(published, UTC).date().isoformat()
    return f"{row['topic']}/{day}" if silver == "topic-date" else str(row["topic"])


def _read_labels(path: Path) -> dict[str, str]:
    """Read a hand-made label CSV (``id,url,story,part``): article id → gold story."""
    if not path.exists():
        raise DatasetError(f"{path} does not exist: pass --labels with an id,story CSV")
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        if not {"id", "story"} <= set(reader.fieldnames or ()):
            raise DatasetError(f"{path}: expected a CSV with 'id' and 'story' columns")
        labels = {row["id"]: row["story"] for row in reader}
    if not labels:
        raise DatasetError(f"{path} holds no labels")
    return labels


def _load_jsonl(
    path: Path, silver: str | None = None, labels: dict[str, str] | None = None
) -> list[LabelledArticle]:
    opener = gzip.open if path.suffix == ".gz" else open
    # the field that must be present besides id/title/published
    label = "id" if labels is not None else "story" if silver is None else "topic"
    out = []
    with opener(path, "rt", encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            where = f"{path}:{number}"
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                raise DatasetError(f"{where}: not JSON ({exc.msg}); one object per line") from exc
            missing = [k for k in ("id", "title", "published", label) if k not in row]
            if missing:
                raise DatasetError(
                    f"{where}: missing {', '.join(missing)} (see docs/clustering.md)"
                )
            if labels is not None and str(row["id"]) not in labels:
                continue
            published = _parse_time(row["published"], where)
            if labels is not None:
                story = labels[str(row["id"])]
            elif silver is None:
                story = str(row["story"])
            else:
                story = _silver_story(row, published, silver)
            out.append(
                LabelledArticle(
                    id=str(row["id"]),
                    title=str(row["title"] or ""),
                    text=str(row.get("text") or ""),
                    published=published,
                    outlet=str(row.get("outlet") or ""),
                    story=story,
                )
            )
    return out


def _load_uci_csv(path: Path) -> list[LabelledArticle]:
    out = []
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        need = {"ID", "TITLE", "STORY", "TIMESTAMP"}
        if not need <= set(reader.fieldnames or ()):
            raise DatasetError(
                f"{path}: expected the UCI News Aggregator columns "
                "ID,TITLE,URL,PUBLISHER,CATEGORY,STORY,HOSTNAME,TIMESTAMP"
            )
        for number, row in enumerate(reader, 2):
            try:
                published = int(row["TIMESTAMP"]) / 1000.0
            except ValueError as exc:
                raise DatasetError(f"{path}:{number}: TIMESTAMP is not milliseconds") from exc
            out.append(
                LabelledArticle(
                    id=row["ID"],
                    title=row["TITLE"],
                    text="",
                    published=published,
                    outlet=row.get("PUBLISHER") or row.get("HOSTNAME") or "",
                    story=row["STORY"],
                )
            )
    return out


def load_labelled(
    path: Path,
    silver: str | None = None,
    *,
    labels: Path | None = None,
    part: str | None = None,
    headlines: bool = False,
) -> list[LabelledArticle]:
    """Read the articles of a labelled file, in publication order (stable for ties).

    *silver* (a key of `SILVER`) derives the stories of a JSONL file from its ``topic``
    and ``published`` fields instead of reading a ``story`` field. *labels* (an
    ``id,story`` CSV, e.g. tests/stories/labels/) keeps only the JSONL articles it names,
    with its stories. *part* keeps one part of the stories (`story_part`); *headlines*
    drops the body text (headline-only evaluation of a full-article set).
    """
    if part is not None and part not in PARTS:
        raise DatasetError(f"unknown part {part!r}: use one of {', '.join(PARTS)}")
    gold = _read_labels(Path(labels)) if labels is not None else None
    if not path.exists():
        raise DatasetError(f"{path} does not exist: pass --data with a labelled JSONL or UCI CSV")
    if silver is not None and silver not in SILVER:
        raise DatasetError(f"unknown silver standard {silver!r}: use one of {', '.join(SILVER)}")
    name = path.name.lower()
    if name.endswith((".jsonl", ".jsonl.gz", ".json.gz")):
        articles = _load_jsonl(path, silver, gold)
    elif silver is not None or gold is not None:
        raise DatasetError(f"{path}: --silver and --labels need a JSONL file")
    elif name.endswith(".csv"):
        articles = _load_uci_csv(path)
    else:
        raise DatasetError(f"{path}: use a .jsonl(.gz) file or the UCI News Aggregator .csv")
    if gold is not None and len(articles) < len(gold):
        raise DatasetError(f"{labels}: {len(gold) - len(articles)} labelled ids are not in {path}")
    if part is not None:
        articles = [a for a in articles if story_part(a.story) == part]
    if headlines:
        articles = [replace(a, text="") for a in articles]
    if not articles:
        raise DatasetError(f"{path} holds no articles")
    return sorted(articles, key=lambda a: a.published)


def cluster_labels(
    articles: Sequence[LabelledArticle],
    vectors: np.ndarray[Any, np.dtype[np.float32]],
    params: ClusterParams | None = None,
    terms: Sequence[ArticleTerms] | None = None,
    langs: Sequence[str | None] | None = None,
) -> list[int]:
    """Return predicted story labels for *articles* (in order) with their *vectors*.

    *terms* may hold each article's `extract_terms` result, computed once when the same
    articles are clustered many times (tuning). *langs* gives each article's language, so
    stories are kept apart by language as in the pipeline; without it all languages mix.
    """
    clusterer = Clusterer(vectors.shape[1], params)
    assigned: list[int] = []
    parent: dict[int, int] = {}
    for index, article in enumerate(articles):
        item = StreamItem(
            key=index,
            vector=vectors[index],
            published=article.published,
            terms=terms[index]
            if terms is not None
            else extract_terms(article_text(article.title, article.text)),
            long_text=reads_body(article.text),
            lang=langs[index] if langs is not None else None,
        )
        assigned.append(clusterer.add(item).story_key)
        for gone, keep in clusterer.flush_merges():
            parent[gone] = keep

    def find(key: int) -> int:
        while key in parent:
            key = parent[key]
        return key

    return [find(key) for key in assigned]


def baseline_labels(
    vectors: np.ndarray[Any, np.dtype[np.float32]], threshold: float = BASELINE_THRESHOLD
) -> list[int]:
    """The plain baseline: one single pass over MiniLM vectors with one cosine threshold.

    Each article joins the story whose centroid is most similar if that cosine reaches
    *threshold*, else starts a story; no time, no words, no merge pass, exact search.
    """
    sums = np.zeros((0, vectors.shape[1]), dtype=np.float64)
    centroids = np.zeros((0, vectors.shape[1]), dtype=np.float32)
    labels: list[int] = []
    for vector in vectors:
        if len(centroids):
            cosines = centroids @ vector
            best = int(np.argmax(cosines))
            if float(cosines[best]) >= threshold:
                sums[best] += vector
                centroids[best] = (sums[best] / np.linalg.norm(sums[best])).astype(np.float32)
                labels.append(best)
                continue
        sums = np.vstack([sums, vector.astype(np.float64)[None, :]])
        centroids = np.vstack([centroids, vector[None, :]])
        labels.append(len(centroids) - 1)
    return labels


def story_extent(
    articles: Sequence[LabelledArticle], predicted: Sequence[Hashable]
) -> dict[str, float]:
    """Size and time span of the predicted stories: over-merged topics show up here.

    Returns the largest story's size, the longest span (first to last article) in days
    and how many stories span more than a week.
    """
    first: dict[Hashable, float] = {}
    last: dict[Hashable, float] = {}
    for article, label in zip(articles, predicted, strict=True):
        first[label] = min(first.get(label, article.published), article.published)
        last[label] = max(last.get(label, article.published), article.published)
    spans = [(last[label] - first[label]) / 86400.0 for label in first]
    return {
        "largest_predicted_story": max(Counter(predicted).values(), default=0),
        "longest_span_days": round(max(spans, default=0.0), 2),
        "stories_over_7_days": sum(span > 7.0 for span in spans),
    }


def evaluate_articles(
    articles: Sequence[LabelledArticle],
    embedder: Embedder,
    params: ClusterParams | None = None,
) -> dict[str, Any]:
    """Embed and cluster *articles*, then score them; the dict `evaluate_file` returns."""
    start = time.perf_counter()
    vectors = embedder.embed([article_text(a.title, a.text) for a in articles])
    embedded = time.perf_counter()
    predicted = cluster_labels(articles, vectors, params)
    done = time.perf_counter()
    gold = [a.story for a in articles]
    precision, recall, f1 = bcubed(gold, predicted)
    base = bcubed(gold, baseline_labels(vectors))
    return {
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(f1, 4),
        "articles": len(articles),
        "stories": len({a.story for a in articles}),
        "predicted_stories": len(set(predicted)),
        "seconds": round(done - start, 2),
        "embed_seconds": round(embedded - start, 2),
        "cluster_seconds": round(done - embedded, 2),
        "baseline_precision": round(base[0], 4),
        "baseline_recall": round(base[1], 4),
        "baseline_f1": round(base[2], 4),
        "baseline": f"plain MiniLM single pass, cosine >= {BASELINE_THRESHOLD}",
    } | story_extent(articles, predicted)


def evaluate_file(
    path: Path,
    settings: Settings,
    params: ClusterParams | None = None,
    silver: str | None = None,
    *,
    labels: Path | None = None,
    part: str | None = None,
    headlines: bool = False,
) -> dict[str, Any]:
    """Stream the labelled file at *path* through the clusterer and score it (B-cubed).

    *silver* scores a file without story ids against a silver standard (`SILVER`);
    *labels*, *part* and *headlines* are those of `load_labelled`. The result holds the
    plain baseline's figures (``baseline_*``) on the same articles, from the same vectors.
    """
    articles = load_labelled(Path(path), silver, labels=labels, part=part, headlines=headlines)
    if params is None:
        params = cluster_params(settings)
    result = evaluate_articles(articles, make_embedder(settings), params)
    result["embedder"] = settings.embedder
    result["embed_backend"] = settings.embed_backend
    if silver is not None:
        result["silver"] = silver
    if part is not None:
        result["part"] = part
    if headlines:
        result["headlines"] = True
    return result
