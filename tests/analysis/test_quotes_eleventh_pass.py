"""Issue 15, eleventh pass: places, clauses and opening phrases read as speakers.

Found reading the replayed 2018-10/11 window's Sources sections. Each text is written for
the test (no article text is copied); each case failed before the change that added it.
"""

from __future__ import annotations

import pytest
from quote_cases import resolved_speakers

ELEVENTH_PASS_CASES = [
    pytest.param(
        "Gov. Ann Ortiz spoke of praying before she sent the guard. That mission needed "
        "hundreds of soldiers sent to the Persian Gulf.\n"
        "\u201cIt was the hardest call I ever made,\u201d she told the station.",
        ["Ann Ortiz"],
        id="a sea is no antecedent of a pronoun",
    ),
    pytest.param(
        "The senator, Paul Reed, rarely spoke of his faith.\n"
        "In 2004, during a radio interview with host Dan Kline, he said it guided him.\n"
        "\u201cNobody should lead without something bigger than himself,\u201d he said.",
        ["Paul Reed"],
        id="two opening phrases before the same pronoun: the interviewer is no antecedent",
    ),
    pytest.param(
        "Kline recalled that Lincoln said he could not do the job except on his knees "
        "and Reed answered, \u201cYes, you have to.\u201d",
        ["Reed"],
        id="a clause joined by and is no speaker description",
    ),
    pytest.param(
        "Later, the Democratic candidate in the race for Ohio\u2019s 12th Congressional "
        "District, Ray Duval, called himself \u201ca fighter before fighting was cool.\u201d",
        ["Ray Duval"],
        id="a district is no speaker; the name in apposition is",
    ),
    pytest.param(
        "Still, as a retired Navy captain told me on Monday, \u201c3,000 is a lot,\u201d "
        "the size of \u201ca whole carrier group, and it will take a long time.\u201d",
        ["a retired Navy captain", "a retired Navy captain"],
        id="a short description before the verb, not the body inside it",
    ),
    pytest.param(
        "\u201cThere was no talk about time,\u201d said Rep. Dan Cole, the top Republican.\n\n"
        "Rep. Tina Marsh, D-Fla., defended the decision to wait until the morning.\n\n"
        "\u201cA vote like this should only take place in the light of day.\u201d",
        ["Dan Cole", "Tina Marsh"],
        id="a stance taken right before an unattributed quote is its speaker's",
    ),
]


@pytest.mark.parametrize(("text", "expected"), ELEVENTH_PASS_CASES)
def test_eleventh_pass_speakers(text: str, expected: list[str]) -> None:
    assert resolved_speakers(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "A new report by the Securities and Exchange Commission said the firm lied, "
        "calling it \u201ca scheme to defraud investors for years.\u201d",
        "Two days later, the consultant allegedly warned the firm that \u201cyour money "
        "comes from the capital\u201d and more.",
    ],
)
def test_bodies_joined_by_and_and_adverbs_stay_out_of_speakers(text: str) -> None:
    # "Exchange Commission" alone, or "the consultant allegedly", is no speaker
    assert all(
        s is None or (s != "Exchange Commission" and not s.endswith("allegedly"))
        for s in resolved_speakers(text)
    )
