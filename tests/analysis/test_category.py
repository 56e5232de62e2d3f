from __future__ import annotations

import numpy as np
import pytest
from analysis_data import shared_path
from analysis_fixtures import OneHotEmbedder

from newsprism.analysis.articles import StoryArticle
from newsprism.analysis.category import (
    categorize,
    category_of_hint,
    prototype_scores,
    prototype_vectors,
    score_text,
)
from newsprism.analysis.evaluate import evaluate_categories


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


def test_police_story_is_justice_not_health() -> None:
    title = "Officers charged in George Floyd death as police chief fires four"
    text = "Prosecutors charged the officers with murder; a judge set bail at $1 million."
    assert _one(title, text) == "Justice"


def test_navy_destroyer_flooding_is_military_not_climate() -> None:
    title = "Navy destroyer takes on water after flooding in engine room, sailors evacuated"
    assert _one(title, "The Pentagon said the warship was in port.") == "Military"


@pytest.mark.shared_data
def test_category_accuracy_on_uci_stories() -> None:
    result = evaluate_categories(
        shared_path("clustering/uci-news-aggregator-sample/uci-news-aggregator-sample.csv"),
        split="test",
    )
    print(f"UCI category accuracy (test stories, headlines only): {result}")
    assert result["accuracy"] > result["majority_baseline"] + 0.1


@pytest.mark.shared_data
def test_category_accuracy_on_baly2020_topics() -> None:
    result = evaluate_categories(
        shared_path("articles/baly2020/articles-2018-2020.jsonl.gz"), limit=2000, split="test"
    )
    print(f"baly2020 category accuracy (mapped topics, test half): {result}")
    assert result["accuracy"] >= 0.8


def test_centroid_close_to_a_category_description_decides_a_keywordless_story() -> None:
    embedder = OneHotEmbedder()
    centroid = embedder.embed(["a quiet afternoon"])[0]
    scores = prototype_scores(centroid, prototype_vectors(embedder))
    art = StoryArticle(id=1, title="A quiet afternoon", text="", url="http://x.example/1")
    assert categorize([art], embedding_scores=scores)[0] == "Sports"
    assert categorize([art])[0] == "General"


def test_centroid_of_another_size_is_ignored() -> None:
    assert prototype_scores(np.ones(3, dtype=np.float32), prototype_vectors(OneHotEmbedder())) == {}


def test_generic_words_of_a_beat_decide_nothing() -> None:
    # read on the replayed 2019-12-02 window: "… won America" filed under Sports, a
    # student-loan "borrower defense" story under Military; "star*" matched "started"
    assert score_text("How the tax bill won over the suburbs").get("Sports", 0) == 0
    assert score_text("The department rejected borrower defense claims").get("Military", 0) == 0
    assert score_text("Talks started again as the showdown began").get("Entertainment", 0) == 0
    assert score_text("The movie star won an award").get("Entertainment", 0) > 0
    assert score_text("The defense secretary visited the base").get("Military", 0) > 0
