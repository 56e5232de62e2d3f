"""The online clusterer on small constructed streams with known stories."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from newsprism.nlp.embed import HashingEmbedder
from newsprism.stories.cluster import (
    CentroidIndex,
    Clusterer,
    ClusterParams,
    StreamItem,
    reads_body,
)
from newsprism.stories.terms import extract_terms

HOUR = 3600.0

# Three planted stories, interleaved in time, written with shared key words.
STREAM = [
    ("quake", "Strong earthquake strikes Chilean coast near Valparaiso"),
    ("budget", "Senate passes budget bill after overnight session"),
    ("quake", "Chile earthquake: tsunami warning issued for Valparaiso coast"),
    ("merger", "Pfizer agrees to buy Seagen in 43 billion dollar merger"),
    ("budget", "Budget bill clears Senate, heads to president"),
    ("quake", "Valparaiso earthquake damages homes along Chilean coast"),
    ("merger", "Pfizer Seagen merger: what the 43 billion deal means"),
    ("budget", "What is in the Senate budget bill passed overnight"),
    ("merger", "Seagen shares jump on Pfizer merger deal"),
    ("quake", "Tsunami warning lifted after Chile earthquake near Valparaiso"),
]


def _items(stream: list[tuple[str, str]], step_hours: float = 0.5) -> list[StreamItem]:
    vectors = HashingEmbedder().embed([text for _, text in stream])
    return [
        StreamItem(
            key=index,
            vector=vectors[index],
            published=1_700_000_000 + index * step_hours * HOUR,
            terms=extract_terms(text),
        )
        for index, (_, text) in enumerate(stream)
    ]


def _groups(labels: list[int]) -> set[frozenset[int]]:
    by_label: dict[int, set[int]] = {}
    for index, label in enumerate(labels):
        by_label.setdefault(label, set()).add(index)
    return {frozenset(members) for members in by_label.values()}


# The hashing embedder sees only shared words, so its cosines run lower than MiniLM's.
HASHING = ClusterParams(threshold=0.15)


def test_constructed_stream_recovers_the_planted_stories() -> None:
    clusterer = Clusterer(384, HASHING)
    labels = [clusterer.add(item).story_key for item in _items(STREAM)]
    gold: dict[str, set[int]] = {}
    for index, (story, _) in enumerate(STREAM):
        gold.setdefault(story, set()).add(index)
    assert _groups(labels) == {frozenset(members) for members in gold.values()}


def test_same_input_order_gives_the_same_assignments() -> None:
    runs = []
    for _ in range(2):
        clusterer = Clusterer(384, HASHING)
        runs.append([clusterer.add(item) for item in _items(STREAM)])
    assert runs[0] == runs[1]
    assert len({a.story_key for a in runs[0]}) == 3


def test_stories_leave_the_index_after_the_horizon() -> None:
    clusterer = Clusterer(384, ClusterParams(threshold=0.15, horizon_hours=2.0, w_time=0.0))
    items = _items(STREAM[:3], step_hours=0.1)
    for item in items:
        clusterer.add(item)
    assert clusterer.active_stories == 2
    late = _items([("quake", "Chile earthquake near Valparaiso: aftershocks continue")])[0]
    late = StreamItem(late.key + 100, late.vector, items[-1].published + 5 * HOUR, late.terms)
    assignment = clusterer.add(late)
    # both earlier stories were idle for more than two hours: evicted, so a new story starts
    assert assignment.new_story
    assert clusterer.active_stories == 1


def test_an_article_within_the_window_joins_its_story() -> None:
    clusterer = Clusterer(384, ClusterParams(threshold=0.15, window_hours=24.0))
    items = _items(STREAM[:3], step_hours=0.1)
    first = [clusterer.add(item) for item in items]
    late = _items([("quake", "Chile earthquake near Valparaiso: aftershocks continue")])[0]
    late = StreamItem(late.key + 100, late.vector, items[-1].published + 5 * HOUR, late.terms)
    assert clusterer.add(late).story_key == first[0].story_key


def test_syndicated_copy_follows_its_original_whatever_its_text() -> None:
    clusterer = Clusterer(384, HASHING)
    items = _items(STREAM[:4])
    assigned = [clusterer.add(item) for item in items]
    unrelated = _items([("x", "Local bakery wins regional pastry award")])[0]
    copy = StreamItem(
        50, unrelated.vector, items[-1].published + 60, unrelated.terms, syndicated_of=1
    )
    assignment = clusterer.add(copy)
    assert assignment.story_key == assigned[1].story_key
    assert assignment.reason == "syndicated"


def test_merge_pass_joins_stories_that_converge() -> None:
    clusterer = Clusterer(
        4, ClusterParams(threshold=0.9, merge_threshold=0.8, w_words=0, w_entities=0)
    )
    base = np.array([1.0, 0.0, 0.0, 0.0], dtype=np.float32)
    tilt = np.array([0.85, 0.53, 0.0, 0.0], dtype=np.float32)
    tilt /= np.linalg.norm(tilt)
    empty = extract_terms("")
    a = clusterer.add(StreamItem(1, base, 0.0, empty))
    b = clusterer.add(StreamItem(2, tilt, 10.0, empty))
    assert a.story_key != b.story_key
    clusterer.merge_pass()
    assert clusterer.flush_merges() == [(b.story_key, a.story_key)]
    assert clusterer.active_stories == 1
    assert clusterer.story_of(2) == a.story_key


def test_clusterer_keeps_no_story_longer_than_the_horizon_on_a_long_stream() -> None:
    rng = np.random.default_rng(3)
    clusterer = Clusterer(16, ClusterParams(horizon_hours=1.0))
    empty = extract_terms("")
    for index in range(600):
        vector = rng.normal(size=16).astype(np.float32)
        vector /= np.linalg.norm(vector)
        clusterer.add(StreamItem(index, vector, index * 60.0, empty))
    # one article a minute, random directions: at most ~61 stories touched in the last hour
    assert clusterer.active_stories <= 62


def _unit(*values: float) -> np.ndarray:
    vector = np.array(values, dtype=np.float32)
    return vector / np.linalg.norm(vector)


PLAIN = ClusterParams(w_words=0, w_entities=0, w_time=0, w_age=0, merge_w_words=0)


def test_full_text_articles_need_the_text_offset_on_top_of_the_threshold() -> None:
    params = replace(PLAIN, threshold=0.5, text_offset=0.2, merge_interval_hours=0)
    empty = extract_terms("")
    story, near = _unit(1, 0, 0, 0), _unit(0.6, 0.8, 0, 0)  # cos 0.6
    headline = Clusterer(4, params)
    first = headline.add(StreamItem(1, story, 0.0, empty))
    assert headline.add(StreamItem(2, near, 60.0, empty)).story_key == first.story_key
    full_text = Clusterer(4, params)
    first = full_text.add(StreamItem(1, story, 0.0, empty, long_text=True))
    joined = full_text.add(StreamItem(2, near, 60.0, empty, long_text=True))
    # 0.6 passes 0.5 but not 0.5 + 0.2
    assert joined.new_story
    assert joined.story_key != first.story_key


def test_reads_body_counts_text_or_summary_but_not_a_bare_headline() -> None:
    assert not reads_body("")
    assert not reads_body("", "short teaser")
    assert reads_body("x" * 300)
    assert reads_body(None, "y" * 300)


def test_old_stories_lose_score_past_the_free_age() -> None:
    params = replace(PLAIN, w_age=0.5, free_age_hours=72.0, window_hours=72.0, max_time_penalty=1)
    clusterer = Clusterer(4, params)
    empty = extract_terms("")
    vector = _unit(1, 0, 0, 0)
    # a story fed every 12 h stays open; its score for the same vector falls with age
    for index in range(9):
        clusterer.add(StreamItem(index, vector, index * 12 * HOUR, empty))
    (state,) = clusterer.stories.values()
    young = clusterer.score(StreamItem(50, vector, 60 * HOUR, empty), state)
    old = clusterer.score(StreamItem(51, vector, 108 * HOUR, empty), state)
    assert young == pytest.approx(1.0)
    # 108 h after the first article: 36 h past the free 72 h, half a window, 0.5 · 0.5
    assert old == pytest.approx(1.0 - 0.25)


def test_age_penalty_splits_a_topic_that_trickles_on_for_weeks() -> None:
    empty = extract_terms("")
    vector = _unit(1, 0, 0, 0)
    labels = {}
    for w_age in (0.0, 0.5):
        params = replace(PLAIN, threshold=0.8, w_age=w_age, max_time_penalty=1, max_age_hours=0)
        clusterer = Clusterer(4, params)
        labels[w_age] = {
            clusterer.add(StreamItem(day, vector, day * 24 * HOUR, empty)).story_key
            for day in range(21)
        }
    assert len(labels[0.0]) == 1
    assert len(labels[0.5]) > 1


def test_merge_pass_counts_shared_words_when_asked() -> None:
    vectors = (_unit(1, 0, 0, 0), _unit(0.6, 0.8, 0, 0))  # centroid cos 0.6
    shared = extract_terms("Mt. Gox bitcoin exchange bankruptcy filing")
    merged = []
    for merge_w_words in (0.0, 0.5):
        params = replace(PLAIN, threshold=0.9, merge_threshold=0.7, merge_w_words=merge_w_words)
        clusterer = Clusterer(4, params)
        for key, vector in enumerate(vectors):
            clusterer.add(StreamItem(key, vector, key * 10.0, shared))
        clusterer.merge_pass()
        merged.append(clusterer.active_stories == 1)
    assert merged == [False, True]


def test_nearest_members_let_a_story_follow_its_latest_articles() -> None:
    empty = extract_terms("")
    # the story drifted: many early articles on one axis, the latest on another
    early, late = _unit(1, 0, 0, 0), _unit(0, 1, 0, 0)
    follow_up = _unit(0.1, 1, 0, 0)
    scores = []
    for w_nearest in (0.0, 0.7):
        clusterer = Clusterer(4, replace(PLAIN, threshold=-1.0, w_nearest=w_nearest, near_k=1))
        for key in range(8):
            clusterer.add(StreamItem(key, early, key * 10.0, empty))
        clusterer.add(StreamItem(8, late, 90.0, empty))
        (state,) = clusterer.stories.values()
        scores.append(clusterer.score(StreamItem(9, follow_up, 100.0, empty), state))
    # 0.3 · cos(centroid) + 0.7 · cos(latest member) against the centroid alone
    assert scores[1] > scores[0] + 0.5


def test_second_look_joins_a_borderline_article_close_to_one_member() -> None:
    # a story of three members on three axes; the article is close to one of them only:
    # centroid cos 0.6 / sqrt(3) = 0.346, near members (0.6 + 0) / 2 = 0.30, blend 0.323
    empty = extract_terms("")
    members = [_unit(1, 0, 0, 0), _unit(0, 1, 0, 0), _unit(0, 0, 1, 0)]
    article = _unit(0.6, 0, 0, 0.8)
    for threshold, margin, joins in (
        (0.34, 0.03, True),  # 0.017 short: the closest member (0.6) clears the bar
        (0.34, 0.0, False),  # second look off
        (0.36, 0.03, False),  # 0.037 short: beyond the margin, not borderline
    ):
        params = replace(PLAIN, threshold=threshold, second_look_margin=margin)
        clusterer = Clusterer(4, params)
        first = clusterer.add(StreamItem(0, members[0], 0.0, empty))
        for key in (1, 2):
            clusterer.add(StreamItem(key, members[key], key, empty, follow_story=first.story_key))
        late = clusterer.add(StreamItem(3, article, 10.0, empty))
        assert (late.story_key == first.story_key) is joins, (threshold, margin)


def test_restore_brings_back_recent_members_and_the_text_flag() -> None:
    params = replace(PLAIN, threshold=-1.0, w_nearest=0.7, near_k=1)
    empty = extract_terms("")
    early, late = _unit(1, 0, 0, 0), _unit(0, 1, 0, 0)
    clusterer = Clusterer(4, params)
    centroid = _unit(8, 1, 0, 0)
    clusterer.restore(7, centroid, 9, 0.0, 90.0, member_vectors=[early] * 8 + [late])
    clusterer.restore(8, early, 1, 0.0, 90.0, long_text=True)
    state = clusterer.stories[7]
    assert state.long_text is False
    assert clusterer.stories[8].long_text is True
    # the latest member (late) counts, as it did before the restart
    score = clusterer.score(StreamItem(9, late, 100.0, empty), state)
    assert score == pytest.approx(0.3 * float(centroid @ late) + 0.7, abs=1e-5)


def test_a_strong_match_reopens_a_dormant_story_and_a_weak_one_needs_recency() -> None:
    params = replace(PLAIN, threshold=0.5, w_time=0.75, max_time_penalty=0.2, w_nearest=0.0)
    empty = extract_terms("")
    story = _unit(1, 0, 0, 0)
    strong, weak = _unit(0.9, 0.436, 0, 0), _unit(0.6, 0.8, 0, 0)  # cos 0.90 and 0.60
    for vector, gap_days, joins in (
        (strong, 10, True),  # 0.90 - 0.20 (capped) clears 0.5 ten days later
        (weak, 10, False),  # 0.60 - 0.20 does not
        (weak, 0.1, True),  # 0.60 - 0.025 does, a few hours later
    ):
        clusterer = Clusterer(4, params)
        first = clusterer.add(StreamItem(1, story, 0.0, empty))
        late = clusterer.add(StreamItem(2, vector, gap_days * 24 * HOUR, empty))
        assert (late.story_key == first.story_key) is joins, (gap_days, joins)


def test_bare_dates_count_half_a_day_less_idle_time() -> None:
    # a date without a time of day (midnight UTC): the next day's follow-up is not a full
    # 24 h idle; with times of day the same gap costs the full penalty
    params = replace(PLAIN, threshold=0.4, w_time=0.75, max_time_penalty=0.2, w_nearest=0.0)
    empty = extract_terms("")
    story, follow = _unit(1, 0, 0, 0), _unit(0.54, 0.8417, 0, 0)  # cos 0.54
    midnight = 19_000 * 24 * HOUR
    for grace, start, joins in (
        (12.0, midnight, True),  # 0.54 - 0.75 · 12 / 72 = 0.415 clears 0.40
        (0.0, midnight, False),  # 0.54 - 0.20 (capped) does not
        (12.0, midnight + 6 * HOUR, False),  # times of day: no grace
    ):
        clusterer = Clusterer(4, replace(params, date_grace_hours=grace))
        first = clusterer.add(StreamItem(1, story, start, empty))
        late = clusterer.add(StreamItem(2, follow, start + 24 * HOUR, empty))
        assert (late.story_key == first.story_key) is joins, (grace, start)


def test_a_word_the_story_owns_lets_a_follow_up_pay_a_tenth_of_the_time_penalty() -> None:
    # five articles of one story use "caravan"; three days later an article at cos 0.6 that
    # uses it pays 0.1 · 0.75 instead of the capped 0.20 and clears 0.5. Not when the word
    # is as much another story's (not owned), nor for a story of four articles.
    params = replace(PLAIN, threshold=0.5, w_time=0.75, max_time_penalty=0.2, w_nearest=0.0)
    story, other, follow = _unit(1, 0, 0, 0), _unit(0, 1, 0, 0), _unit(0.6, 0, 0.8, 0)
    caravan = extract_terms("The migrant caravan heads north")
    for size, rival_uses, rule_on, joins in (
        (5, 0, True, True),
        (5, 0, False, False),
        (5, 5, True, False),  # half the window's "caravan" articles are another story's
        (4, 0, True, False),  # too small a story to own a word
    ):
        # the rule as measured (factor 0.1, 5 articles, 3/4, 0.9); 1.0 (the default) is off
        clusterer = Clusterer(4, replace(params, owned_time_factor=0.1 if rule_on else 1.0))
        first = clusterer.add(StreamItem(0, story, 0.0, caravan))
        for key in range(1, size):
            clusterer.add(StreamItem(key, story, key * 60.0, caravan))
        for key in range(10, 10 + rival_uses):
            clusterer.add(StreamItem(key, other, key * 60.0, caravan))
        late = clusterer.add(StreamItem(99, follow, 72 * HOUR, caravan))
        assert (late.story_key == first.story_key) is joins, (size, rival_uses, rule_on)


def test_an_owned_word_lets_a_long_story_age_at_half_the_idle_factor() -> None:
    # one "caravan" article a day for eight days; a follow-up at cos 0.55 on the eighth day
    # is not idle but the story is old: age 0.5 · (192 - 72) / 72 = 0.83, of which the
    # owned-age factor 0.05 charges 0.042 (clears 0.5) and 0.1 charges 0.083 (does not)
    params = replace(
        PLAIN, threshold=0.5, w_time=0.75, w_age=0.5, max_time_penalty=0.2, w_nearest=0.0
    )
    story, follow = _unit(1, 0, 0, 0), _unit(0.55, 0.835, 0, 0)
    caravan = extract_terms("The migrant caravan heads north")
    for age_factor, joins in ((0.05, True), (0.1, False)):
        clusterer = Clusterer(4, replace(params, owned_age_factor=age_factor))
        first = clusterer.add(StreamItem(0, story, 0.0, caravan))
        for day in range(1, 9):
            clusterer.add(StreamItem(day, story, day * 24 * HOUR, caravan))
        late = clusterer.add(StreamItem(99, follow, 8 * 24 * HOUR + 60.0, caravan))
        assert (late.story_key == first.story_key) is joins, age_factor


def test_the_merge_pass_charges_the_owned_factor_when_two_stories_together_own_a_word() -> None:
    # five "caravan" articles, then three days later a two-article fragment at cos 0.6 that
    # uses the word too: the story alone no longer owns it (5 of its 7 uses), the two
    # together do. The fragment's first article stays out (0.6 - 0.075 < 0.55); the merge
    # pass pays 0.1 · 0.75 instead of the capped 0.20 and joins them (0.525 >= 0.5).
    params = replace(
        PLAIN,
        threshold=0.55,
        merge_threshold=0.5,
        w_time=0.75,
        max_time_penalty=0.2,
        w_nearest=0.0,
        merge_interval_hours=0,
    )
    story, fragment = _unit(1, 0, 0, 0), _unit(0.6, 0.8, 0, 0)
    caravan = extract_terms("The migrant caravan heads north")
    for owned_merge, merges in ((True, True), (False, False)):
        clusterer = Clusterer(4, replace(params, owned_merge=owned_merge))
        first = clusterer.add(StreamItem(0, story, 0.0, caravan))
        for key in range(1, 5):
            clusterer.add(StreamItem(key, story, key * 60.0, caravan))
        split = clusterer.add(StreamItem(10, fragment, 72 * HOUR, caravan))
        clusterer.add(StreamItem(11, fragment, 72 * HOUR + 60.0, caravan))
        assert split.new_story
        clusterer.merge_pass()
        assert (clusterer.story_of(11) == first.story_key) is merges, owned_merge


def test_a_new_trigger_pays_more_to_join_an_old_story_and_a_repeat_of_its_event_does_not() -> None:
    # three articles of a drone attack on Saudi oil plants; an article at cos 0.55 (bar 0.5,
    # no time terms) joins while the story is young. Past the free age (72 h) one that
    # shares none of the event's words (Iran threatening war) reads as a new trigger and
    # pays 0.1 more (0.45: a story of its own); one that repeats them still joins.
    params = replace(PLAIN, threshold=0.5, w_nearest=0.0, owned_time_factor=1.0)
    story, near = _unit(1, 0, 0, 0), _unit(0.55, 0.835, 0, 0)
    attack = [
        "Drones strike Saudi Aramco oil plants at Abqaiq",
        "Aramco says Abqaiq drone strike halves Saudi oil output",
        "Oil prices jump after drone strike on Aramco's Abqaiq plant",
    ]
    threat = extract_terms("Iran's foreign minister threatens all-out war")
    repeat = extract_terms("Aramco restores Abqaiq output after the drone strike")
    for trigger, terms, hours, joins in (
        (0.1, threat, 96, False),
        (0.0, threat, 96, True),  # the rule off
        (0.1, threat, 48, True),  # a young story: developments, not a new event
        (0.1, repeat, 96, True),  # the event's own words
    ):
        clusterer = Clusterer(4, replace(params, trigger_penalty=trigger))
        first = clusterer.add(StreamItem(0, story, 0.0, extract_terms(attack[0])))
        for key, text in enumerate(attack[1:], 1):
            clusterer.add(StreamItem(key, story, key * HOUR, extract_terms(text)))
        late = clusterer.add(StreamItem(9, near, hours * HOUR, terms))
        assert (late.story_key == first.story_key) is joins, (trigger, sorted(terms.words), hours)


def test_dormant_stories_are_evicted_by_the_size_budget_oldest_first() -> None:
    clusterer = Clusterer(4, replace(PLAIN, threshold=0.99, max_stories=3))
    empty = extract_terms("")
    directions = [_unit(1, 0, 0, 0), _unit(0, 1, 0, 0), _unit(0, 0, 1, 0), _unit(0, 0, 0, 1)]
    keys = [
        clusterer.add(StreamItem(i, vector, i * HOUR, empty)).story_key
        for i, vector in enumerate(directions)
    ]
    # the fifth article evicts the least recently updated story (the first) before it is placed
    clusterer.add(StreamItem(9, directions[3], 5 * HOUR, empty))
    assert sorted(clusterer.stories) == sorted(keys[1:])


def test_centroid_index_is_exact_while_small_and_switches_to_hnsw_past_the_size() -> None:
    rng = np.random.default_rng(5)
    vectors = rng.normal(size=(300, 16)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    exact, ann = CentroidIndex(16, ann_min=0), CentroidIndex(16, ann_min=100)
    for key, vector in enumerate(vectors):
        exact.add(key, vector)
        ann.add(key, vector)
    for key in range(0, 300, 3):  # removals swap rows: the keys must stay right
        exact.remove(key)
        ann.remove(key)
    assert not exact.uses_ann
    assert ann.uses_ann
    live = [k for k in range(300) if k % 3]
    query = vectors[7]
    truth = sorted(live, key=lambda k: -float(vectors[k] @ query))[:5]
    assert set(exact.search(query, 5)) == set(truth)
    assert truth[0] == 7
    assert ann.search(query, 5)[0] == 7
    # both modes report the inner product (HNSW in half precision)
    for index in (exact, ann):
        for key, score in index.search_scored(query, 5):
            assert score == pytest.approx(float(vectors[key] @ query), abs=0.01)
    for key in live[:190]:  # below half the size: back to exact search
        ann.remove(key)
    assert not ann.uses_ann
    assert set(ann.search(query, 3)) <= set(live[190:])


def test_resting_stories_move_to_the_dormant_index_and_reopen_on_a_close_follow_up() -> None:
    rng = np.random.default_rng(9)
    centres = rng.normal(size=(40, 32)).astype(np.float32)
    centres /= np.linalg.norm(centres, axis=1, keepdims=True)
    # past 10 searchable stories the resting ones move (HNSW over 40 entries visits all)
    params = ClusterParams(dormant_after_hours=6.0, merge_interval_hours=0.0, ann_min_stories=10)
    small = Clusterer(32, replace(params, ann_min_stories=100))
    clusterer, reference = (
        Clusterer(32, params),
        Clusterer(32, replace(params, dormant_after_hours=1e9)),
    )
    empty = extract_terms("", None)
    for i, centre in enumerate(centres):  # one story an hour, each quiet afterwards
        for c in (clusterer, reference, small):
            c.add(StreamItem(i, centre, i * HOUR, empty))
    assert not len(small._dormant)  # below the size of exact search: one index
    resting = [k for k in clusterer.stories if k in clusterer._dormant]
    assert len(resting) >= 30
    assert len(clusterer._index) + len(clusterer._dormant) == len(clusterer.stories)
    # the same candidates as one exact index, for any query
    for query in rng.normal(size=(20, 32)).astype(np.float32):
        assert set(clusterer._search(query, 5)) == set(reference._search(query, 5))
    # a close follow-up of the first story, two days later, re-opens it and makes it active
    follow = clusterer.add(StreamItem(100, centres[0], 48 * HOUR, empty))
    assert not follow.new_story
    assert follow.story_key in clusterer._index
    assert follow.story_key not in clusterer._dormant


def test_a_story_spans_at_most_max_age_then_the_topic_opens_a_new_story() -> None:
    vector = np.ones(32, dtype=np.float32) / np.sqrt(32.0)
    terms = extract_terms("Senate hearing on the memo", None)
    params = ClusterParams(merge_interval_hours=0.0, max_age_hours=14 * 24.0)
    capped, unlimited = Clusterer(32, params), Clusterer(32, replace(params, max_age_hours=0.0))
    spans: dict[int, list[float]] = {}
    for day in range(40):  # the same topic every day for 40 days: one article a day
        item = StreamItem(day, vector, day * 24 * HOUR, terms)
        spans.setdefault(capped.add(item).story_key, []).append(item.published)
        unlimited.add(item)
    assert len(unlimited.stories) == 1  # the capped time penalty alone chains them all
    assert sorted(len(t) for t in spans.values()) == [10, 15, 15]  # days 0–14, 15–29, 30–39
    assert all((max(t) - min(t)) / HOUR <= 14 * 24 for t in spans.values())
    # the old story left the search and holds nothing new
    assert list(capped.stories) == [max(spans)]


def test_older_articles_delivered_late_do_not_stretch_a_story_past_max_age() -> None:
    """A feed listing newest first (or a replay) delivers the older articles last."""
    vector = np.ones(32, dtype=np.float32) / np.sqrt(32.0)
    terms = extract_terms("Democratic primary debate", None)
    params = ClusterParams(merge_interval_hours=0.0, max_age_hours=14 * 24.0)
    clusterer = Clusterer(32, params)
    spans: dict[int, list[float]] = {}
    for day in reversed(range(40)):  # the same topic, one article a day, newest first
        item = StreamItem(day, vector, day * 24 * HOUR, terms)
        spans.setdefault(clusterer.add(item).story_key, []).append(item.published)
    assert len(spans) >= 3
    assert all((max(t) - min(t)) / HOUR <= 14 * 24 for t in spans.values())
