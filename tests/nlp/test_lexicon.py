"""nlp.lexicon: one list of reporting verbs and one of the offices before a name."""

from __future__ import annotations

import re

import pytest

from newsprism.nlp.lexicon import (
    HONORIFICS,
    PERSON_TITLES,
    SPEECH_VERBS,
    speech_alternation,
)


def test_every_reader_of_who_said_it_takes_the_same_verbs() -> None:
    from newsprism.analysis.quote_patterns import _VERBS
    from newsprism.synth.claims import _SPEECH
    from newsprism.synth.headings import _SPEECH_VERB

    for verb in SPEECH_VERBS:
        phrase = verb.replace(" ", "  ")  # any blank between the words of a phrase
        for pattern in (_VERBS, _SPEECH, _SPEECH_VERB):
            assert re.fullmatch(rf"(?:{pattern})", phrase), (verb, pattern[:40])


def test_a_subset_of_reporting_verbs_must_come_from_the_vocabulary() -> None:
    assert speech_alternation(("said", "pointed out")) == r"said|pointed\s+out"
    with pytest.raises(ValueError, match="condemned"):
        speech_alternation(("said", "condemned"))


def test_the_brief_and_its_key_players_know_the_same_offices() -> None:
    from newsprism.synth.heading_words import _PERSON_TITLES
    from newsprism.synth.players import _TITLE_BEFORE

    assert _PERSON_TITLES == PERSON_TITLES
    for title in PERSON_TITLES - HONORIFICS:
        written = "CEO" if title == "ceo" else title.capitalize() + ("." if len(title) <= 3 else "")
        assert _TITLE_BEFORE.search(f"the {written} "), title
    assert _TITLE_BEFORE.search("Mr. ") is None  # an honorific is no role
