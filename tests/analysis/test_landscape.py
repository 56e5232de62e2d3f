from __future__ import annotations

from newsprism.analysis.articles import StoryArticle
from newsprism.analysis.landscape import blindspot, landscape


def _art(i: int, outlet_id: int | None, lean: str | None, **kw: object) -> StoryArticle:
    return StoryArticle(
        id=i,
        title=f"Headline {i}",
        text="",
        url=f"http://o{outlet_id}.example/{i}",
        outlet_id=outlet_id,
        outlet=f"Outlet {outlet_id}",
        lean=lean,
        **kw,  # type: ignore[arg-type]
    )


def test_counts_distinct_outlets_per_lean() -> None:
    arts = [_art(1, 1, "left"), _art(2, 1, "left"), _art(3, 2, "lean_left"), _art(4, 3, "right")]
    land = landscape(arts)
    assert land["counts"] == {
        "left": 1,
        "lean_left": 1,
        "center": 0,
        "lean_right": 0,
        "right": 1,
        "other": 0,
    }
    assert land["total_outlets"] == 3


def test_unrated_outlets_count_as_other() -> None:
    land = landscape([_art(1, 1, None), _art(2, 2, "center")])
    assert land["counts"]["other"] == 1
    assert land["headlines"]["other"][0]["outlet"] == "Outlet 1"


def test_syndicated_copy_counts_for_the_outlet_that_ran_it() -> None:
    original = _art(1, 1, "center")
    copy = _art(2, 2, "right", syndicated_of=1)
    land = landscape([original, copy])
    assert land["counts"]["center"] == 1
    assert land["counts"]["right"] == 1
    assert land["total_outlets"] == 2


def test_headlines_carry_outlet_and_link() -> None:
    land = landscape([_art(7, 3, "lean_right")])
    row = land["headlines"]["lean_right"][0]
    assert (row["article_id"], row["outlet"], row["url"]) == (7, "Outlet 3", "http://o3.example/7")


def test_blindspot_for_the_right_when_left_dominates() -> None:
    verdict = blindspot(
        {"left": 3, "lean_left": 2, "center": 1, "right": 0}, share=0.8, min_rated=5
    )
    assert verdict["side"] == "right"
    assert "5 of 6" in verdict["text"]


def test_blindspot_for_the_left_when_right_dominates() -> None:
    assert blindspot({"right": 4, "lean_right": 1}, share=0.8, min_rated=5)["side"] == "left"


def test_no_blindspot_below_the_minimum_outlets() -> None:
    verdict = blindspot({"left": 4}, share=0.8, min_rated=5)
    assert verdict["side"] is None
    assert verdict["text"] is None


def test_no_blindspot_for_balanced_coverage() -> None:
    assert blindspot({"left": 3, "center": 3, "right": 3}, share=0.8, min_rated=5)["side"] is None


def test_unrated_outlets_do_not_count_toward_a_blindspot() -> None:
    assert blindspot({"left": 4, "other": 10}, share=0.8, min_rated=5)["side"] is None


def test_every_lean_has_a_headline_list_even_when_empty() -> None:
    land = landscape([_art(1, 1, "left")])
    assert set(land["headlines"]) == {"left", "lean_left", "center", "lean_right", "right", "other"}
    assert land["headlines"]["right"] == []
