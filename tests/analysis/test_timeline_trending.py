from __future__ import annotations

from datetime import UTC, datetime, timedelta

import numpy as np
import pytest

from newsprism.analysis.articles import StoryArticle
from newsprism.analysis.timeline import Candidate, common_entities, related_stories
from newsprism.analysis.trending import OPINION_WEIGHT, trending_score
from newsprism.config import Settings

NOW = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)


def _unit(*values: float) -> np.ndarray:
    vec = np.array(values, dtype=np.float32)
    return vec / np.linalg.norm(vec)


def _cand(sid: int, days_ago: int, vec: np.ndarray | None, keys: set[str]) -> Candidate:
    return Candidate(sid, f"Story {sid}", f"story-{sid}", NOW - timedelta(days=days_ago), vec, keys)


def test_related_stories_need_similar_centroid_and_shared_entities() -> None:
    keys = {"belarus", "lukashenko", "john coale"}
    cands = [
        _cand(1, 30, _unit(1, 0.1, 0), {"belarus", "lukashenko"}),  # related
        _cand(2, 20, _unit(0, 1, 0), {"belarus", "lukashenko"}),  # other subject, same names
        _cand(3, 10, _unit(1, 0.2, 0), {"ohio"}),  # similar text, no shared entity
    ]
    assert [r["story_id"] for r in related_stories(_unit(1, 0, 0), keys, cands)] == [1]


def test_timeline_is_newest_first() -> None:
    keys = {"belarus", "lukashenko"}
    cands = [
        _cand(1, 90, _unit(1, 0, 0), keys),
        _cand(2, 5, _unit(1, 0, 0), keys),
        _cand(3, 40, _unit(1, 0, 0), keys),
    ]
    assert [r["story_id"] for r in related_stories(_unit(1, 0, 0), keys, cands)] == [2, 3, 1]


def test_without_centroids_more_shared_entities_are_required() -> None:
    keys = {"belarus", "lukashenko", "minsk"}
    cands = [
        _cand(1, 3, None, {"belarus", "lukashenko"}),
        _cand(2, 4, None, {"belarus", "lukashenko", "minsk"}),
    ]
    assert [r["story_id"] for r in related_stories(None, keys, cands)] == [2]


def _art(outlet: int, hours_ago: float) -> StoryArticle:
    return StoryArticle(
        id=outlet * 100 + int(hours_ago),
        title="t",
        text="",
        url="http://x.example",
        outlet_id=outlet,
        published_at=NOW - timedelta(hours=hours_ago),
    )


def test_fresh_pickups_trend_higher_than_old_ones() -> None:
    fresh = [_art(i, 0.5) for i in range(5)]
    old = [_art(i, 48) for i in range(5)]
    assert trending_score(fresh, NOW) > 10 * trending_score(old, NOW)


def test_one_outlet_counts_once() -> None:
    many_from_one = [_art(1, 0) for _ in range(5)]
    assert trending_score(many_from_one, NOW, half_life_hours=6) == trending_score(
        [_art(1, 0)], NOW, half_life_hours=6
    )


def test_score_halves_after_one_half_life() -> None:
    now_score = trending_score([_art(1, 0)], NOW, half_life_hours=6)
    later = trending_score([_art(1, 6)], NOW, half_life_hours=6)
    assert abs(later - now_score / 2) < 1e-6


def test_future_publication_time_falls_back_to_fetch_time() -> None:
    art = _art(1, -48)  # claims to be published in two days
    art.fetched_at = NOW - timedelta(hours=6)
    assert (
        abs(
            trending_score([art], NOW, half_life_hours=6)
            - trending_score([_art(1, 6)], NOW, half_life_hours=6)
        )
        < 1e-9
    )


def test_an_ongoing_wide_story_leads_a_fresh_one_outlet_piece() -> None:
    # seven outlets followed the story for a week; two of them wrote on it again today
    ongoing = [_art(i, 24 * 7) for i in range(7)] + [_art(1, 2), _art(2, 3)]
    single = [_art(9, 1)]
    assert trending_score(ongoing, NOW) > trending_score(single, NOW)


def test_between_bare_dates_yesterdays_wide_story_leads_todays_one_outlet_piece() -> None:
    # a replayed home page (every baly2020 time is a bare date) put today's one-outlet
    # columns above yesterday's 12-outlet story: a day between two dates is not 24 h
    midnight = datetime(2018, 2, 9, tzinfo=UTC)

    def dated(outlet: int, days_ago: int) -> StoryArticle:
        art = _art(outlet, 0)
        art.published_at = midnight - timedelta(days=days_ago)
        return art

    wide = [dated(i, 1) for i in range(12)]
    single = [dated(99, 0)]
    assert trending_score(wide, midnight) > trending_score(single, midnight)
    # with times of day, a day-old story pays the full day
    assert trending_score([_art(1, 24)], NOW) < trending_score([_art(1, 0)], NOW) / 3


def test_yesterdays_eighteen_outlet_story_leads_this_mornings_two_outlet_piece() -> None:
    # the 2019-11-11 replay's home page at its newest article (2019-12-17 16:00): the
    # impeachment story, its outlets' newest articles 17 h to three weeks old, ranked
    # under a two-outlet analysis piece with a 6 h half-life; the default ranks it first
    outlets = [
        (17.5, "right"), (19.0, "right"), (22.0, "lean_left"), (23.5, "center"),
        (26.5, "lean_left"), (35.5, "center"), (37.0, "lean_left"), (68.8, "lean_left"),
        (89.4, "center"), (100.7, "left"), (103.5, "lean_left"), (113.3, "center"),
        (117.3, "right"), (154.2, "right"), (197.6, "lean_right"), (293.9, "left"),
        (508.0, "lean_left"), (517.6, "left"),
    ]  # fmt: skip
    wide = []
    for i, (age, lean) in enumerate(outlets):
        art = _art(i, age)
        art.lean = lean
        wide.append(art)
    piece = [_art(50, 0), _art(51, 503.2)]
    for art in piece:
        art.lean = "lean_left"
    half_life = Settings().trending_half_life_hours
    assert trending_score(wide, NOW, half_life_hours=half_life) > trending_score(
        piece, NOW, half_life_hours=half_life
    )


def test_an_entity_most_stories_name_links_nothing() -> None:
    # "donald trump" and "us" linked a border-emergency story to a 2020-primary listicle on
    # a replayed page: shared only through the names every story of the window carries
    keys = {"donald trump", "us", "border wall", "emergency"}
    filler = [_cand(10 + k, 1 + k % 20, _unit(0, 0, 1), {"donald trump", "us"}) for k in range(30)]
    cands = [
        _cand(1, 2, _unit(1, 0.3, 0), {"donald trump", "us", "iowa"}),  # the listicle
        _cand(2, 5, _unit(1, 0.2, 0), {"donald trump", "border wall", "emergency"}),
        *filler,
    ]
    assert [r["story_id"] for r in related_stories(_unit(1, 0, 0), keys, cands)] == [2]


def test_the_strongest_links_are_kept_then_shown_newest_first() -> None:
    keys = {"belarus", "lukashenko"}
    weak = [_cand(10 + k, 1 + k, _unit(1, 1, 0), keys) for k in range(6)]  # cosine 0.71
    strong = [_cand(1, 30, _unit(1, 0, 0), keys), _cand(2, 20, _unit(1, 0.1, 0), keys)]
    found = [r["story_id"] for r in related_stories(_unit(1, 0, 0), keys, [*weak, *strong])]
    assert found[-2:] == [2, 1]  # the two closest stories stay, oldest last
    assert len(found) == 6


def test_common_entities_are_those_of_many_candidates() -> None:
    cands = [_cand(k, 1 + k, None, {"us", "donald trump"} | {f"topic {k}"}) for k in range(25)]
    assert common_entities(cands) == {"us", "donald trump"}
    assert common_entities(cands[:5]) == set()  # too few candidates to tell


def test_common_entities_of_the_whole_window_apply_to_few_candidates() -> None:
    # analysed newest first, a story has few analysed earlier candidates: the common
    # subjects come from the whole window and still link nothing
    keys = {"donald trump", "us", "iowa"}
    cands = [_cand(1, 2, _unit(1, 0.3, 0), {"donald trump", "us"})]
    assert [r["story_id"] for r in related_stories(_unit(1, 0, 0), keys, cands)] == [1]
    common = {"donald trump", "us"}
    assert related_stories(_unit(1, 0, 0), keys, cands, common=common) == []


def test_an_outlet_that_wrote_only_opinion_counts_half() -> None:
    # the last evening's one-outlet column stood among a replayed window's top stories
    column = [_art(9, 1)]
    report = [_art(8, 1)]
    assert trending_score(column, NOW, opinion_outlets={"id:9"}) == pytest.approx(
        OPINION_WEIGHT * trending_score(column, NOW)
    )
    assert trending_score(column, NOW, opinion_outlets={"id:9"}) < trending_score(report, NOW)
    # another outlet's column does not touch this one's report
    assert trending_score(report, NOW, opinion_outlets={"id:9"}) == trending_score(report, NOW)
