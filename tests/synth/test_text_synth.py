from __future__ import annotations

from newsprism.synth.normalize import canonical
from newsprism.synth.text import (
    as_reported,
    normalize_text,
    number_values,
    ratios_as_percents,
    split_sentences,
)


def test_split_sentences_returns_exact_spans_and_keeps_abbreviations_inside() -> None:
    text = "Mr. Smith met U.S. officials on Dec. 13. \u201cWe agreed,\u201d he said.  Then he left."
    parts = [text[a:b] for a, b in split_sentences(text)]
    assert parts == [
        "Mr. Smith met U.S. officials on Dec. 13.",
        "\u201cWe agreed,\u201d he said.",
        "Then he left.",
    ]


def test_number_values_reads_digits_words_and_scales_alike() -> None:
    assert number_values("one hundred twenty-three") == {123.0}
    assert number_values("123 people") == {123.0}
    assert number_values("1.2 million and 1,200,000") == {1_200_000.0}


def test_number_values_ignores_the_pronoun_one() -> None:
    assert number_values("one of the prisoners was freed") == set()


def test_normalize_text_expands_month_abbreviations_and_straightens_quotes() -> None:
    assert normalize_text("On Dec. 13 he said \u201cno\u201d") == 'on december 13 he said "no"'


def test_ratios_and_scale_suffixes_read_as_numbers() -> None:
    from newsprism.synth.normalize import canonical
    from newsprism.synth.text import number_values, ratios_as_percents

    assert number_values("tariffs on $60bn and £30.5m") == {60e9, 30.5e6}
    assert number_values("a 100m sprint") == {100.0}  # metres, not millions
    assert ratios_as_percents("two out of three voters", "about 67% of voters") == {2.0, 3.0}
    assert ratios_as_percents("one in four", "about 30% of voters") == set()
    assert ratios_as_percents("won 5 in 2019", "5 percent") == set()  # no ratio
    assert canonical("About nine in ten American imports") == "About 90 percent of American imports"
    assert canonical("won 5 in 2019") == "won 5 in 2019"


def test_decimals_in_words_and_minimum_bounds() -> None:
    from newsprism.synth.claims import bound_problem
    from newsprism.synth.text import number_values

    assert number_values("from fourteen point one percent to twelve point eight") == {14.1, 12.8}
    assert number_values("At one point two officers left") == {2.0}  # a moment, not 1.2
    source = "Costco said it would raise starting wages to a minimum of $14 an hour."
    assert bound_problem("Costco will lift starting pay to at least $14 an hour.", source) is None
    assert bound_problem("Costco will lift starting pay to up to $14 an hour.", source)


def test_a_quotation_reads_as_reported_speech_in_the_claims_voice() -> None:
    source = "\"Usually it's 10, so I guess they're giving up,\" he said."
    claim = "Trump said that it is usually 10 years, so he guessed Democrats were giving up."
    assert as_reported(source, claim) == "Usually it's 10, so he guess they're giving up"
    letter = "Despite our progress, I have determined that it is the right time for me to go."
    assert as_reported(letter, "Nielsen wrote that she had decided to go.") == (
        "Despite their progress, she have determined that it is the right time for her to go."
    )
    assert as_reported("Trump met Xi on Friday.", "Trump met Xi.") is None


def test_a_fraction_of_something_states_the_sources_percentage() -> None:
    source = "Duke Energy warned that up to 75 percent of its 4 million customers could lose power."
    claim = "Duke warned that as many as three-quarters of its four million customers could."
    assert ratios_as_percents(claim, source) == {3.0}
    assert ratios_as_percents("two-thirds of its customers", source) == set()
    assert canonical("three-quarters of them, a third of voters, the third quarter of 2019") == (
        "75 percent of them, 33 percent of voters, the 3rd quarter of 2019"
    )
