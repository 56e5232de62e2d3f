from __future__ import annotations

from newsprism.synth.text import normalize_text, number_values, split_sentences


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
