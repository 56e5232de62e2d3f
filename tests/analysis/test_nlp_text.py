from __future__ import annotations

import pytest

from newsprism.nlp.keyphrases import key_phrases
from newsprism.nlp.text import is_boilerplate, words


def test_words_drop_possessives_and_numbers() -> None:
    assert words("Belarus's 52 prisoners’ release") == ["belarus", "prisoners", "release"]


@pytest.mark.parametrize(
    "line",
    [
        "Subscribe to our newsletter for the latest updates",
        "We use cookies to improve your experience",
        "© 2026 Example Media. All rights reserved.",
        "By John Smith, Staff Writer",
        "Sign up for our daily briefing",
        "Reporting by Anna Lee; Editing by Tom Brown",
        "AP Photo/Alex Brandon",
    ],
)
def test_boilerplate_lines_are_recognised(line: str) -> None:
    assert is_boilerplate(line)


def test_reporting_is_not_boilerplate() -> None:
    assert not is_boilerplate("Belarus freed 52 political prisoners on Thursday, officials said.")


def test_key_phrases_prefer_phrases_shared_by_many_texts() -> None:
    texts = [
        "Belarus freed political prisoners after talks with the US envoy.",
        "The political prisoners crossed into Lithuania on Thursday.",
        "Relatives welcomed the political prisoners at the border crossing.",
        "A single outlet mentioned potash exports.",
    ]
    phrases = key_phrases(texts, top_k=3)
    assert phrases[0] == "political prisoners"
    assert "potash exports" not in phrases


def test_a_sentence_a_hover_card_runs_through_is_furniture() -> None:
    # The Hill prints a person's latest headlines inside the sentence, up to "MORE"
    assert is_boilerplate(
        "Crenshaw-AOC battle puts spotlight on lending guns to a friend MORE (R-Texas) pushed "
        "back against the definition."
    )
    assert is_boilerplate("Saagar Enjeti on impeachment: what comes next MORE said on Monday.")
    assert not is_boilerplate("The company said it would hire MORE workers than last year.")
    assert not is_boilerplate("Turnout was MORE than expected in the suburbs.")


def test_a_share_widget_opening_the_text_is_furniture() -> None:
    # 40 baly2020 articles open "Share All sharing options for: <title> …" (Vox's widget)
    assert is_boilerplate(
        "Share All sharing options for: The next coronavirus crisis will be a shortage of "
        "doctors and nurses The United States may soon face a shortage of health workers."
    )
    assert not is_boilerplate("The sharing economy has options for drivers.")
    assert is_boilerplate("Show Hide A Conservative leadership contest takes two stages.")
    assert is_boilerplate("For more on reproductive rights On this week's episode of the show.")
    assert not is_boilerplate("For more than a decade, the state has fought the law.")


def test_a_whole_hover_card_inside_a_sentence_is_furniture() -> None:
    # The card's headlines ("… impeachment trial …") are not the article's words: a replayed
    # shutdown story showed "impeachment" and "play" as words the center uses.
    card = (
        "President Trump Donald John TrumpGOP senators balk at lengthy impeachment trial Warren "
        "goes local in race to build 2020 movement MORE blinked first in the shutdown standoff."
    )
    assert is_boilerplate(card)
    assert not is_boilerplate("President Trump blinked first in the shutdown standoff.")
    assert not is_boilerplate("Trump said Trump Tower would stay open, MORE or less.")


def test_one_text_gives_the_phrases_it_repeats_not_every_window_used_once() -> None:
    text = (
        "Average hourly earnings rose in February. Economists were citing weather effects on "
        "building permits. The jump in average hourly earnings came as the unemployment rate "
        "fell. The unemployment rate doesn't mean conditions improved, one economist said."
    )
    phrases = key_phrases([text], top_k=5)
    assert phrases[:2] == ["Average hourly earnings", "unemployment rate"]
    assert "citing weather effects" not in phrases
    assert not any("n't" in p for p in phrases)


def test_a_phrase_never_starts_with_a_titles_last_word_before_a_name() -> None:
    # "staff John Kelly" (of "chief of staff John Kelly") headed a replayed bullet
    from newsprism.nlp.keyphrases import candidate_phrases

    found = candidate_phrases("The chief of staff John Kelly met the former envoy Ann Ortiz.")
    assert "staff John Kelly" not in found
    assert "envoy Ann Ortiz" not in found
    assert "John Kelly" in found
    assert "Ann Ortiz" in found
