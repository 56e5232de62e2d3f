"""First-name gender from the census lists of the ``names`` package."""

from __future__ import annotations

import pytest

from newsprism.nlp.names import first_name_gender, is_first_name


@pytest.mark.parametrize(
    ("first", "gender"),
    [
        ("Stephanie", "female"),
        ("Tara", "female"),
        ("Edward", "male"),
        ("DONALD", "male"),
        ("Mark.", "male"),
    ],
)
def test_clear_first_names_have_a_gender(first: str, gender: str) -> None:
    assert first_name_gender(first) == gender


@pytest.mark.parametrize("first", ["Lindsey", "Kelly", "Lee", "Kim", "Leslie", "Taylor"])
def test_names_both_sexes_carry_have_no_gender(first: str) -> None:
    # "Lindsey" is 8.6 times more often a woman's name, but news writes Lindsey Graham
    assert first_name_gender(first) is None


@pytest.mark.parametrize("first", ["Ashton", "Kamala"])
def test_a_name_missing_from_one_list_wins_no_gender_by_its_absence(first: str) -> None:
    # both are on the women's list only, below the men's list's 0.004 % floor
    assert first_name_gender(first) is None


def test_a_hyphenated_first_name_goes_by_its_first_part() -> None:
    assert first_name_gender("Edward-Isaac") == "male"


@pytest.mark.parametrize("word", ["J.", "", "Xq", "O'Rourke", "Zzyzx"])
def test_initials_and_unknown_words_have_no_gender(word: str) -> None:
    assert first_name_gender(word) is None


def test_is_first_name_reads_both_lists() -> None:
    assert is_first_name("Stephanie")
    assert is_first_name("Edward")
    assert not is_first_name("Buckingham")
