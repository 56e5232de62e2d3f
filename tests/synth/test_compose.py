"""One sentence, one place: repeats on a page are dropped."""

from __future__ import annotations

from newsprism.synth.brief import Brief, Citation, Sentence
from newsprism.synth.compose import dedupe_page, same_statement


def test_one_quote_in_two_sentences_is_one_statement() -> None:
    a = "“We will not gamble with people’s lives,” Torres said at a news conference."
    b = "Mayor Ana Torres told reporters, “We will not gamble with people’s lives.”"
    assert same_statement(a, b)
    assert not same_statement(a, "The bridge opened in 1962 and was renovated in 1998.")


def test_dedupe_page_keeps_the_first_place_a_sentence_appears() -> None:
    cite = [Citation(1, 0, 10, "x")]
    lead = "Belarus freed 123 prisoners on Saturday after talks with a U.S. envoy."
    brief = Brief(
        1,
        {
            "summary": [Sentence(lead, cite)],
            "story": [Sentence(lead, cite), Sentence("Potash is a key export.", cite)],
            "key_points_left": [Sentence("Belarus freed 123 prisoners on Saturday.", cite)],
        },
    )
    dropped = dedupe_page(brief)
    assert [s.text for s in brief.sections["summary"]] == [lead]
    assert [s.text for s in brief.sections["story"]] == ["Potash is a key export."]
    assert "key_points_left" not in brief.sections
    assert len(dropped) == 2
