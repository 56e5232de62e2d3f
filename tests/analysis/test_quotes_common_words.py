"""Issue 15 (pages-a): a capitalised common word is no speaker ("Much", "Around", "Critics").

Read on the replayed 2018-07-16 window: "Much of …", "Around noon, …", "Critics of … say"
opened sentences next to quotes and were shown as speakers in Sources. Texts are written for
the test; each case failed before the change.
"""

from __future__ import annotations

import pytest
from quote_cases import resolved_speakers

COMMON_WORD_CASES = [
    pytest.param(
        "The forum banned the club main account from its site on Monday, robbing founder Jon "
        "Bale of his largest platform.\nAround noon, Vidstream revoked the club channel, "
        "writing: “This account has been terminated for violating the rules of Vidstream.” "
        "Specifically, the terms prohibit abuse.",
        "Around",
        id="a function word opening the sentence of a quote",
    ),
    pytest.param(
        "The debate centers over the wisdom of the goals. This was a shift from former leader "
        "Tom Vale’s famous dictum, “Build slowly, build once.” Critics of Vale say policies "
        "like Harbour 2030 (a plan to fill the docks) cost too much. The critics are loud.",
        "Critics",
        id="a noun the text also writes in lower case",
    ),
]


@pytest.mark.parametrize(("text", "word"), COMMON_WORD_CASES)
def test_common_word_is_no_speaker(text: str, word: str) -> None:
    assert word not in resolved_speakers(text)


def test_surname_that_is_a_common_word_stays_a_name() -> None:
    from newsprism.analysis.speakers import is_common_word

    text = (
        "Prime Minister Theresa May met her cabinet. The vote may come in May. "
        "“The choice before us is clear,” May told reporters."
    )
    assert resolved_speakers(text) == ["Theresa May"]
    assert not is_common_word("May", text)
    assert is_common_word("Much", "Much of the message was old.")
    assert is_common_word("August", "In August the vote was held.")
    assert not is_common_word("Page", "Carter Page read the page.", {"page"})
    assert not is_common_word("PragerU", "— PragerU (@prageru) wrote at prageru.com")


BODY_NAME_CASES = [
    pytest.param(
        "Farm imports fell by a fifth last year, according to the Ministry of Agriculture "
        "and Rural Affairs.",
        "Ministry of Agriculture and Rural Affairs",
        id="a body's name with of and and",
    ),
    pytest.param(
        "Four reporters were killed this year, according to the Committee to Protect Journalists.",
        "Committee to Protect Journalists",
        id="a committee to do something",
    ),
    pytest.param(
        "“We will keep marching until the law changes,” the March for Our Lives told a "
        "local paper.",
        "March for Our Lives",
        id="a movement's name with for",
    ),
]


@pytest.mark.parametrize(("text", "body"), BODY_NAME_CASES)
def test_a_body_keeps_its_whole_name(text: str, body: str) -> None:
    assert resolved_speakers(text) == [body]


def test_a_function_word_after_the_name_is_dropped() -> None:
    text = (
        "Rep. Ann Collins met donors on Friday.\nMinority Leader Jane Doe called for the Ethics "
        'Committee to speed its inquiry into Collins and said the new charges "show the '
        'culture of self-dealing among members in the capital."'
    )
    assert "Collins and" not in resolved_speakers(text)
    text = (
        "This week, the Pentagon is poised to announce a shift from “few independent” "
        "satellites to “a proliferated low-orbit web of cheaper commercial craft.” Officials "
        "hinted at it."
    )
    assert "Pentagon is" not in resolved_speakers(text)


def test_spellings_of_one_person_make_one_source() -> None:
    # "Jerry Nadler", "Jerrold Nadler", "Jerrold L. Nadler" were three Sources entries
    from newsprism.analysis.quote_groups import group_quotes
    from newsprism.analysis.quotes import Quote

    items = [
        (1, "A", Quote("The facts are clear and uncontested", 0, 5, "Jerrold Nadler")),
        (2, "B", Quote("No one is above the law in this land", 0, 5, "Jerry Nadler")),
        (3, "C", Quote("We will move forward this week", 0, 5, "Jerrold L. Nadler")),
        (4, "D", Quote("I did nothing wrong, and they know it", 0, 5, "Donald J. Trump")),
        (5, "E", Quote("This is a hoax from the start", 0, 5, "Donald Trump")),
        (6, "F", Quote("This is about the rule of law", 0, 5, "Ivanka Trump")),
    ]
    speakers = sorted(str(g["speaker"]) for g in group_quotes(items))
    assert len(speakers) == 3
    assert any("Ivanka" in s for s in speakers)
    spokespeople = [
        (1, "A", Quote("We stand by our reporting on this", 0, 5, "a Times spokesperson")),
        (2, "B", Quote("We do not comment on our sources", 0, 5, "a Journal spokesperson")),
    ]
    assert len(group_quotes(spokespeople)) == 2


def test_a_plural_common_noun_is_an_unnamed_group() -> None:
    text = (
        "The investigators met on Monday. The debate centers over the wisdom of the goals. "
        "This was a shift from former leader Tom Vale’s famous dictum, “Build slowly, build "
        "once.” Critics of Vale say policies like Harbour 2030 (a plan to fill the docks) "
        "cost too much. The critics are loud."
    )
    assert resolved_speakers(text) == ["critics"]


def test_a_bodys_noun_alone_joins_no_body_of_the_story() -> None:
    # "the department said …" had joined "Chicago Police Department", the story's most
    # named department, though the text meant the Justice Department
    from newsprism.analysis.quote_groups import surname_aliases

    full = {"chicago police department": 3, "justice department": 2, "william barr": 2}
    alias = surname_aliases(["department", "barr"], full)
    assert alias == {"barr": "william barr"}
