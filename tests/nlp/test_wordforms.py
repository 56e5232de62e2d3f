"""Word roots for the guard's word counts: forms of one word join, other words stay apart."""

from __future__ import annotations

import pytest

from newsprism.nlp.wordforms import word_root
from newsprism.synth.text import content_roots


@pytest.mark.parametrize(
    "forms",
    [
        ("kept", "keep", "keeps", "keeping"),
        ("held", "hold", "holds"),
        ("reversal", "reversed", "reverse", "reverses"),
        ("invitation", "invite", "invited", "invitations"),
        ("renewal", "renew", "renewals", "renewed"),
        ("ended", "end", "ends"),
        ("apply", "applied", "applies", "applying"),
        ("stopped", "stop", "stopping"),
        ("elected", "election", "elections"),
        ("illegal", "illegally"),
    ],
)
def test_the_forms_of_one_word_share_a_root(forms: tuple[str, ...]) -> None:
    assert len({word_root(f) for f in forms}) == 1


@pytest.mark.parametrize(
    ("a", "b"),
    [("protest", "protect"), ("order", "ordeal"), ("power", "pow"), ("status", "stat"),
     ("congress", "congres"), ("killed", "kid")],
)  # fmt: skip
def test_different_words_keep_different_roots(a: str, b: str) -> None:
    assert word_root(a) != word_root(b)


def test_content_roots_skip_stop_and_number_words() -> None:
    assert content_roots("He said the two senators kept the invitations.") == [
        "senator",
        "keep",
        "invit",
    ]
