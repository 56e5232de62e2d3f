from __future__ import annotations

from newsprism.analysis.hashtags import hashtag, hashtags, is_credit_or_outlet, is_topic
from newsprism.analysis.regions import country_of, story_regions


def test_city_resolves_to_its_country() -> None:
    assert country_of("Minsk") == "Belarus"


def test_us_state_resolves_to_united_states() -> None:
    assert country_of("Ohio") == "United States"


def test_acronym_with_dots_resolves() -> None:
    assert country_of("U.S.") == "United States"


def test_unknown_place_resolves_to_nothing() -> None:
    assert country_of("Atlantis") is None


def test_story_regions_rank_by_mentions_with_region() -> None:
    places = [["Belarus", "Minsk", "Lithuania"], ["Belarus", "Vilnius"], ["Minsk"]]
    regions = story_regions(places)
    assert [r["country"] for r in regions] == ["Belarus", "Lithuania"]
    assert regions[0]["region"] == "Europe"


def test_passing_mention_does_not_tag_the_story() -> None:
    places = [["Belarus"] * 3, ["Belarus", "Minsk"], ["Belarus", "Japan"], ["Minsk"] * 2]
    assert "Japan" not in [r["country"] for r in story_regions(places)]


def test_hashtag_is_camel_case() -> None:
    assert hashtag("political prisoners") == "#PoliticalPrisoners"


def test_hashtag_keeps_inner_capitals() -> None:
    assert hashtag("U.S. envoy") == "#USEnvoy"


def test_hashtags_are_deduplicated_and_capped_at_six() -> None:
    tags = hashtags(
        [
            "political prisoners",
            "Political Prisoners",
            "John Coale",
            "Coale",
            "Belarus",
            "Lithuania",
            "Minsk",
            "Vilnius",
            "sanctions relief",
            "potash",
        ]
    )
    assert tags == [
        "#PoliticalPrisoners",
        "#JohnCoale",
        "#Belarus",
        "#Lithuania",
        "#Minsk",
        "#Vilnius",
    ]


def test_descriptions_of_people_are_not_topics() -> None:
    assert not is_topic("black man")
    assert not is_topic("sex acts")
    assert not is_topic("paranoid schizophrenic")
    assert is_topic("political prisoners")
    # a possessive whose "'s" the key phrase lost ("the country's prison population")
    assert not is_topic("country prison population")
    assert is_topic("prison population")
    assert not is_topic("bad economics")  # a verdict from a quotation
    # counts and generic heads name no subject (replayed pages: #MillionPeople, #Bill5)
    for junk in ("million people", "administration rule", "bill 5"):
        assert not is_topic(junk), junk
    assert is_topic("health insurance")
    assert is_topic("economics")


def test_photo_credits_and_outlets_are_not_tags() -> None:
    assert is_credit_or_outlet("Getty Images")
    assert is_credit_or_outlet("The Hill", {"hill"})
    assert not is_credit_or_outlet("Donald Trump", {"hill"})
    assert is_credit_or_outlet("State")  # the State Department, cut to a common noun
    assert not is_credit_or_outlet("State Department")


def test_dateline_capitals_are_no_acronym_in_a_hashtag() -> None:
    # "WASHINGTON —" and "NEW YORK (Reuters)" datelines gave #WASHINGTON and #NEWYORK
    assert hashtag("WASHINGTON") == "#Washington"
    assert hashtag("NEW YORK") == "#NewYork"
    assert hashtag("USMCA") == "#USMCA"
    assert hashtag("NATO") == "#NATO"


def test_an_outlet_name_after_its_city_is_no_hashtag() -> None:
    # "#LouisvilleCourierJournal" on the replayed 2019-12-02 window
    outlets = {"courier journal", "hill", "new york times"}
    assert is_credit_or_outlet("Louisville Courier Journal", outlets)
    assert not is_credit_or_outlet("Capitol Hill", outlets)
    assert not is_credit_or_outlet("Kentucky Supreme Court", outlets)


def test_a_long_phrase_with_one_topic_word_is_no_topic() -> None:
    # "#AdministrationEvidentIntent", "#FrequentOnlineHarassment", "#CapableSpaceSystems"
    # on the replayed 2018-07-16 window: sentence words around one lexicon word
    assert not is_topic("administration evident intent")
    assert not is_topic("frequent online harassment")
    assert not is_topic("capable space systems")
    assert is_topic("greenhouse gas emissions")
    assert is_topic("nuclear weapons program")
    assert is_topic("trade war")
