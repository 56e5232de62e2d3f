"""`newsprism eval clustering`: labelled files in, B-cubed scores out."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from newsprism.config import Settings
from newsprism.errors import DatasetError
from newsprism.stories.evaluate import (
    PARTS,
    LabelledArticle,
    baseline_labels,
    evaluate_file,
    load_labelled,
    story_extent,
    story_part,
)

ROWS = [
    (
        "q1",
        "quake",
        "Strong earthquake strikes Chilean coast near Valparaiso",
        "2026-03-02T08:00:00",
    ),
    ("b1", "budget", "Senate passes budget bill after overnight session", "2026-03-02T08:10:00"),
    (
        "q2",
        "quake",
        "Chile earthquake: tsunami warning for Valparaiso coast",
        "2026-03-02T08:20:00",
    ),
    (
        "m1",
        "merger",
        "Pfizer agrees to buy Seagen in 43 billion dollar merger",
        "2026-03-02T08:30:00",
    ),
    ("b2", "budget", "Budget bill clears Senate, heads to president", "2026-03-02T08:40:00"),
    ("m2", "merger", "Seagen shares jump on Pfizer merger deal", "2026-03-02T08:50:00"),
]


def _jsonl(path: Path) -> Path:
    with path.open("w", encoding="utf-8") as handle:
        for ident, story, title, published in ROWS:
            row = {"id": ident, "title": title, "text": "", "published": published}
            handle.write(json.dumps(row | {"outlet": "x", "story": story}) + "\n")
    return path


def _hashing(settings: Settings) -> Settings:
    return settings.model_copy(update={"cluster_threshold": 0.15})


def test_evaluate_jsonl_reports_bcubed_and_counts(tmp_path: Path, settings: Settings) -> None:
    result = evaluate_file(_jsonl(tmp_path / "stream.jsonl"), _hashing(settings))
    assert result["articles"] == 6
    assert result["stories"] == 3
    assert result["predicted_stories"] == 3
    assert result["precision"] == 1.0
    assert result["recall"] == 1.0
    assert result["f1"] == 1.0
    assert result["seconds"] >= 0


def test_evaluate_reads_the_uci_csv_layout(tmp_path: Path, settings: Settings) -> None:
    path = tmp_path / "uci.csv"
    lines = ["ID,TITLE,URL,PUBLISHER,CATEGORY,STORY,HOSTNAME,TIMESTAMP"]
    for index, (_, story, title, _) in enumerate(ROWS):
        stamp = 1_394_470_370_000 + index * 600_000
        lines.append(f'{index},"{title}",http://x.test/{index},X,b,{story},x.test,{stamp}')
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = evaluate_file(path, _hashing(settings))
    assert result["articles"] == 6
    assert result["f1"] == 1.0


def test_labelled_articles_come_in_publication_order(tmp_path: Path) -> None:
    path = tmp_path / "shuffled.jsonl"
    rows = [
        {"id": "late", "title": "b", "published": "2026-03-02", "story": "s"},
        {"id": "early", "title": "a", "published": 1_700_000_000, "story": "s"},
    ]
    path.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    assert [a.id for a in load_labelled(path)] == ["early", "late"]


def test_missing_fields_name_the_line_and_the_fix(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text(json.dumps({"id": 1, "title": "t"}) + "\n", encoding="utf-8")
    with pytest.raises(DatasetError, match=r"bad.jsonl:1: missing published, story"):
        load_labelled(path)


def test_unknown_file_type_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "data.txt"
    path.write_text("x", encoding="utf-8")
    with pytest.raises(DatasetError, match="jsonl"):
        load_labelled(path)


def _topics(path: Path) -> Path:
    rows = [
        ("a", "courts", "2020-03-02T08:00:00Z"),
        ("b", "courts", "2020-03-02T20:00:00Z"),
        ("c", "courts", "2020-03-03T09:00:00Z"),
        ("d", "health", "2020-03-02T09:00:00Z"),
    ]
    with path.open("w", encoding="utf-8") as handle:
        for ident, topic, published in rows:
            row = {"id": ident, "title": f"t {ident}", "published": published, "topic": topic}
            handle.write(json.dumps(row) + "\n")
    return path


def test_silver_topic_date_makes_one_story_of_a_topic_on_one_day(tmp_path: Path) -> None:
    articles = load_labelled(_topics(tmp_path / "silver.jsonl"), silver="topic-date")
    stories = {a.id: a.story for a in articles}
    assert stories["a"] == stories["b"] == "courts/2020-03-02"
    assert stories["c"] == "courts/2020-03-03"
    assert stories["d"] == "health/2020-03-02"
    by_topic = load_labelled(tmp_path / "silver.jsonl", silver="topic")
    assert {a.story for a in by_topic} == {"courts", "health"}


def test_silver_needs_a_topic_field_and_a_known_name(tmp_path: Path) -> None:
    path = _jsonl(tmp_path / "gold.jsonl")
    with pytest.raises(DatasetError, match="missing topic"):
        load_labelled(path, silver="topic-date")
    with pytest.raises(DatasetError, match="unknown silver"):
        load_labelled(path, silver="outlet")
    # without --silver a file lacking story ids is refused as before
    with pytest.raises(DatasetError, match="missing story"):
        load_labelled(_topics(tmp_path / "silver.jsonl"))


def test_story_extent_reports_the_largest_and_longest_predicted_story() -> None:
    day = 86400.0
    articles = [
        LabelledArticle(str(i), "t", "", published, "o", "g")
        for i, published in enumerate([0.0, 3 * day, 9 * day, day])
    ]
    extent = story_extent(articles, [1, 1, 1, 2])
    assert extent == {
        "largest_predicted_story": 3,
        "longest_span_days": 9.0,
        "stories_over_7_days": 1,
    }


def test_evaluate_file_scores_against_a_silver_standard(tmp_path: Path, settings: Settings) -> None:
    path = _topics(tmp_path / "silver.jsonl")
    result = evaluate_file(path, _hashing(settings), silver="topic-date")
    assert result["silver"] == "topic-date"
    assert result["articles"] == 4
    assert result["stories"] == 3
    assert result["longest_span_days"] >= 0


def _labels(path: Path, rows: list[tuple[str, str]]) -> Path:
    lines = ["id,url,story,part"] + [f"{i},http://x.test/{i},{s},test" for i, s in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_a_label_csv_picks_articles_and_gold_stories_from_an_unlabelled_file(
    tmp_path: Path,
) -> None:
    data = _topics(tmp_path / "articles.jsonl")  # ids a–d, no story field
    labels = _labels(tmp_path / "labels.csv", [("a", "s1"), ("c", "s1"), ("d", "s2")])
    articles = load_labelled(data, labels=labels)
    assert [(a.id, a.story) for a in articles] == [("a", "s1"), ("d", "s2"), ("c", "s1")]


def test_a_labelled_id_missing_from_the_data_is_one_clear_error(tmp_path: Path) -> None:
    data = _topics(tmp_path / "articles.jsonl")
    labels = _labels(tmp_path / "labels.csv", [("a", "s1"), ("zz", "s1")])
    with pytest.raises(DatasetError, match="1 labelled ids are not in"):
        load_labelled(data, labels=labels)


def test_parts_split_stories_not_articles_and_headlines_drop_the_text(tmp_path: Path) -> None:
    path = tmp_path / "stream.jsonl"
    with path.open("w", encoding="utf-8") as handle:
        for index in range(40):
            row = {"id": str(index), "title": f"t{index}", "text": "body " * 80}
            handle.write(json.dumps(row | {"published": index, "story": f"s{index % 10}"}) + "\n")
    parts = {p: load_labelled(path, part=p, headlines=True) for p in PARTS}
    tune, test = ({a.story for a in parts[p]} for p in PARTS)
    assert tune
    assert test
    assert not tune & test
    assert len(tune | test) == 10
    assert all(story_part(a.story) == "test" for a in parts["test"])
    assert all(a.text == "" for p in PARTS for a in parts[p])
    with pytest.raises(DatasetError, match="unknown part"):
        load_labelled(path, part="dev")


def test_the_baseline_is_one_single_pass_with_one_cosine_threshold() -> None:
    a, b, c = (1.0, 0.0, 0.0), (0.8, 0.6, 0.0), (0.0, 0.0, 1.0)
    vectors = np.array([a, b, c, a], dtype=np.float32)
    # b is at cos 0.8 from a: it joins at 0.6 and starts its own story at 0.9
    assert baseline_labels(vectors, 0.6) == [0, 0, 1, 0]
    assert baseline_labels(vectors, 0.9) == [0, 1, 2, 0]


def test_evaluate_file_reports_the_baseline_beside_the_project(
    tmp_path: Path, settings: Settings
) -> None:
    result = evaluate_file(_jsonl(tmp_path / "stream.jsonl"), _hashing(settings), part="test")
    assert result["part"] == "test"
    assert 0.0 < result["baseline_f1"] <= 1.0
    assert "single pass" in result["baseline"]
