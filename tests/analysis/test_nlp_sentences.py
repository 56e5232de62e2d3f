from __future__ import annotations

from newsprism.nlp.sentences import sentences, split_sentences


def test_spans_point_at_the_sentence_text() -> None:
    text = "  First one here.  Second one there.\nThird."
    spans = split_sentences(text)
    assert [text[a:b] for a, b in spans] == ["First one here.", "Second one there.", "Third."]


def test_titles_and_months_do_not_end_a_sentence() -> None:
    text = "Sen. Smith met Gov. Jones on Dec. 5 in Washington. They talked."
    assert sentences(text) == ["Sen. Smith met Gov. Jones on Dec. 5 in Washington.", "They talked."]


def test_dotted_acronym_inside_a_sentence_does_not_split() -> None:
    text = "The U.S. Senate voted on the U.N. resolution. It passed."
    assert sentences(text) == ["The U.S. Senate voted on the U.N. resolution.", "It passed."]


def test_dotted_acronym_before_a_sentence_starter_splits() -> None:
    assert sentences("He moved to the U.S. The family followed.") == [
        "He moved to the U.S.",
        "The family followed.",
    ]


def test_middle_initial_does_not_split() -> None:
    assert sentences("John F. Kennedy spoke. Crowds cheered.") == [
        "John F. Kennedy spoke.",
        "Crowds cheered.",
    ]


def test_period_inside_closing_quote_ends_the_sentence_after_the_quote() -> None:
    assert sentences('"We are done." He left the room.') == ['"We are done."', "He left the room."]


def test_question_in_quote_followed_by_lowercase_attribution_stays_one_sentence() -> None:
    assert sentences("“Are you serious?” she asked. Nobody answered.") == [
        "“Are you serious?” she asked.",
        "Nobody answered.",
    ]


def test_decimal_numbers_do_not_split() -> None:
    assert sentences("It cost $3.5 billion in 2024. Prices rose 2.4 percent.") == [
        "It cost $3.5 billion in 2024.",
        "Prices rose 2.4 percent.",
    ]


def test_line_breaks_end_sentences() -> None:
    assert sentences("A headline without a stop\nThe body starts here.") == [
        "A headline without a stop",
        "The body starts here.",
    ]


def test_empty_text_has_no_sentences() -> None:
    assert split_sentences("   \n ") == []


def test_time_abbreviations_split_only_before_a_sentence_opener() -> None:
    assert sentences(
        "Polls close at 8 p.m. Friday in Ohio. They open at 6 a.m. The count follows."
    ) == [
        "Polls close at 8 p.m. Friday in Ohio.",
        "They open at 6 a.m.",
        "The count follows.",
    ]


def test_latin_abbreviations_do_not_split() -> None:
    assert sentences("Some states, e.g. Ohio and Texas, voted early. Others waited.") == [
        "Some states, e.g. Ohio and Texas, voted early.",
        "Others waited.",
    ]


def test_state_abbreviation_at_the_end_of_a_sentence_splits() -> None:
    assert sentences("He lives in Tampa, Fla. The storm hit on Monday.") == [
        "He lives in Tampa, Fla.",
        "The storm hit on Monday.",
    ]


def test_plural_titles_do_not_end_a_sentence() -> None:
    # "Sanders will take on Democratic Sens." was a replayed heading and bullet
    text = "Sanders will take on Democratic Sens. Jane Roe and John Doe. Reps. Ann Lee agreed."
    assert sentences(text) == [
        "Sanders will take on Democratic Sens. Jane Roe and John Doe.",
        "Reps. Ann Lee agreed.",
    ]


def test_a_title_behind_then_or_ex_does_not_end_a_sentence() -> None:
    # a replayed summary bullet ended at "… what happened when then-Sen."
    text = "It echoed what happened when then-Sen. Barack Obama and ex-Gov. Brown visited. He left."
    assert sentences(text) == [
        "It echoed what happened when then-Sen. Barack Obama and ex-Gov. Brown visited.",
        "He left.",
    ]
    # any other hyphenated word before a period still ends the sentence
    assert sentences("It was a yes-or-no. Then it closed.") == [
        "It was a yes-or-no.",
        "Then it closed.",
    ]
