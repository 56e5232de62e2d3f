"""B-cubed precision / recall / F1 on examples small enough to compute by hand."""

from __future__ import annotations

import pytest

from newsprism.stories.evaluate import bcubed


def test_bcubed_perfect_clustering_scores_one() -> None:
    assert bcubed(["a", "a", "b"], [7, 7, 9]) == (1.0, 1.0, 1.0)


def test_bcubed_one_big_cluster_keeps_recall_and_halves_precision() -> None:
    # every item's predicted cluster holds 4 items of which 2 share its gold story
    precision, recall, f1 = bcubed(["a", "a", "b", "b"], [1, 1, 1, 1])
    assert precision == pytest.approx(0.5)
    assert recall == pytest.approx(1.0)
    assert f1 == pytest.approx(2 / 3)


def test_bcubed_all_singletons_keep_precision_and_lose_recall() -> None:
    precision, recall, _ = bcubed(["a", "a", "b", "b"], [1, 2, 3, 4])
    assert precision == pytest.approx(1.0)
    assert recall == pytest.approx(0.5)


def test_bcubed_mixed_example_matches_hand_computation() -> None:
    # gold: a a a b b ; predicted: 1 1 2 2 2
    # precision: items 1,2 -> 2/2; items 3 -> 1/3; items 4,5 -> 2/3  => (1+1+1/3+2/3+2/3)/5
    # recall:    items 1,2 -> 2/3; item 3 -> 1/3; items 4,5 -> 2/2   => (2/3+2/3+1/3+1+1)/5
    precision, recall, f1 = bcubed(["a", "a", "a", "b", "b"], [1, 1, 2, 2, 2])
    assert precision == pytest.approx((2 + 1 / 3 + 4 / 3) / 5)
    assert recall == pytest.approx((4 / 3 + 1 / 3 + 2) / 5)
    assert f1 == pytest.approx(2 * precision * recall / (precision + recall))


def test_bcubed_rejects_label_lists_of_different_length() -> None:
    with pytest.raises(ValueError, match="same length"):
        bcubed(["a"], [1, 2])
