"""Languages: the hand-made multilingual set is tagged right, and kept apart when asked."""

from __future__ import annotations

import json
from pathlib import Path

from newsprism.ingest.extract import detect_language
from newsprism.nlp.embed import HashingEmbedder, article_text
from newsprism.stories.evaluate import LabelledArticle, cluster_labels

CASES = Path(__file__).with_name("multilingual_cases.json")


def _articles() -> tuple[list[LabelledArticle], list[str]]:
    rows = json.loads(CASES.read_text(encoding="utf-8"))["articles"]
    arts = [
        LabelledArticle(r["id"], r["title"], r["text"], 1.7e9 + 60 * i, "x", r["story"])
        for i, r in enumerate(rows)
    ]
    return arts, [r["lang"] for r in rows]


def test_py3langid_tags_every_hand_written_article_with_its_language() -> None:
    arts, langs = _articles()
    assert [detect_language(f"{a.title}. {a.text}") for a in arts] == langs


def test_kept_apart_by_language_no_story_mixes_languages() -> None:
    arts, langs = _articles()
    vectors = HashingEmbedder().embed([article_text(a.title, a.text) for a in arts])
    labels = cluster_labels(arts, vectors, langs=list(langs))
    by_story: dict[int, set[str]] = {}
    for label, lang in zip(labels, langs, strict=True):
        by_story.setdefault(label, set()).add(lang)
    assert all(len(found) == 1 for found in by_story.values())
    # the English-only events still group: the two museum and the two strike reports
    assert labels[20] == labels[21]
    assert labels[22] == labels[23]
