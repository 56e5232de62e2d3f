"""Issue 15, tenth pass: a speaker after an adverb, and surnames that read like groups.

Each text is written for the test (no article text is copied); each case failed before the
change that added it.
"""

from __future__ import annotations

import pytest
from quote_cases import resolved_speakers

TENTH_PASS_CASES = [
    pytest.param(
        "Many questioned the value of the posts.\n\n\u201cWhat would help me feel safe? It "
        "is not a black square,\u201d author Dana Ruiz recently told a podcast.",
        ["Dana Ruiz"],
        id="a job title, the name and an adverb before the verb",
    ),
    pytest.param(
        "Union president Mark Evans criticised the decision.\n\n\u201cThese officers did "
        "what they were told. This is disgraceful,\u201d Evans wrote on the union's site.",
        ["Mark Evans"],
        id="a surname ending like a group word is the person the text names",
    ),
]


@pytest.mark.parametrize(("text", "expected"), TENTH_PASS_CASES)
def test_tenth_pass_speakers(text: str, expected: list[str]) -> None:
    assert resolved_speakers(text) == expected


def test_a_group_word_with_no_such_person_names_no_speaker() -> None:
    # "Americans" stays a group when no one in the text bears it as a surname
    text = "The poll came out.\n\n\u201cWe want change,\u201d Americans said in the survey."
    assert resolved_speakers(text) != ["Americans"]
