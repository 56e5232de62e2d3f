from __future__ import annotations

import csv
import gzip
import json

import pytest
from analysis_data import shared_path

from newsprism.analysis.articles import StoryArticle
from newsprism.analysis.category import categorize, category_of_hint

UCI_MAP = {
    "b": {"Business"},
    "t": {"Technology", "Science"},
    "e": {"Entertainment"},
    "m": {"Health"},
}
#: baly2020 topics that name one of our categories unambiguously (others are skipped).
BALY_MAP = {
    **dict.fromkeys(
        [
            "elections",
            "politics",
            "white_house",
            "us_house",
            "us_senate",
            "us_congress",
            "impeachment",
            "republican_party",
            "democratic_party",
            "campaign_finance",
            "voting_rights_and_voter_fraud",
        ],
        "Politics",
    ),
    **dict.fromkeys(["coronavirus", "healthcare", "public_health", "opioid_crisis"], "Health"),
    **dict.fromkeys(["economy_and_jobs", "banking_and_finance", "business"], "Business"),
    **dict.fromkeys(
        [
            "world",
            "middle_east",
            "china",
            "russia",
            "north_korea",
            "europe",
            "asia",
            "africa",
            "great_britain",
        ],
        "World",
    ),
    "technology": "Technology",
    "environment": "Climate",
    "sports": "Sports",
    "arts_and_entertainment": "Entertainment",
    "science": "Science",
}


def _one(title: str, text: str = "", **kw: object) -> str:
    art = StoryArticle(id=1, title=title, text=text, url="http://x.example/1", **kw)  # type: ignore[arg-type]
    return categorize([art])[0]


def test_feed_hint_decides_a_neutral_headline() -> None:
    assert _one("What happened on Tuesday", category_hint="Sport") == "Sports"


def test_article_categories_are_hints_too() -> None:
    assert _one("What happened on Tuesday", categories=["Business News"]) == "Business"


def test_text_decides_without_hints() -> None:
    assert _one("Senate passes bill as lawmakers head into midterm campaign") == "Politics"


def test_health_headline() -> None:
    assert _one("New vaccine cuts measles outbreak, CDC says") == "Health"


def test_climate_headline() -> None:
    assert _one("Greenhouse gas emissions hit record as wildfires spread") == "Climate"


def test_text_without_signal_is_general() -> None:
    assert _one("A quiet afternoon") == "General"


def test_unknown_hint_maps_to_nothing() -> None:
    assert category_of_hint("Opinion") is None


def test_story_majority_wins_over_one_article() -> None:
    arts = [
        StoryArticle(id=i, title=t, text="", url=f"http://x.example/{i}")
        for i, t in enumerate(
            [
                "Stocks slide as inflation fears grow",
                "Investors dump shares after earnings miss",
                "Nasdaq falls on tech earnings",
                "Film star attends premiere",
            ]
        )
    ]
    assert categorize(arts)[0] == "Business"


def uci_accuracy() -> tuple[float, int]:
    path = shared_path("clustering/uci-news-aggregator-sample/uci-news-aggregator-sample.csv")
    with path.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    correct = sum(_one(r["TITLE"]) in UCI_MAP[r["CATEGORY"]] for r in rows)
    return correct / len(rows), len(rows)


def baly_accuracy(limit: int = 2000) -> tuple[float, int]:
    path = shared_path("articles/baly2020/articles-2018-2020.jsonl.gz")
    correct = total = 0
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            want = BALY_MAP.get(row["topic"])
            if want is None:
                continue
            total += 1
            correct += _one(row["title"], row["text"]) == want
            if total == limit:
                break
    return correct / total, total


@pytest.mark.shared_data
def test_category_accuracy_on_uci_headlines() -> None:
    accuracy, n = uci_accuracy()
    print(f"UCI category accuracy (headlines only): {accuracy:.3f} on {n}")
    assert accuracy >= 0.35  # measured 0.389; a floor, so that a regression fails


@pytest.mark.shared_data
def test_category_accuracy_on_baly2020_topics() -> None:
    accuracy, n = baly_accuracy()
    print(f"baly2020 category accuracy (mapped topics): {accuracy:.3f} on {n}")
    assert accuracy >= 0.4
