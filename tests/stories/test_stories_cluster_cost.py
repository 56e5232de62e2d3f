"""The clusterer's cheaper paths decide exactly as the plain computations they replace.

`Clusterer._similarities`, `_score_candidates`, `_story_overlap` and `_union_owns` take
shortcuts (buffers kept between calls, a candidate's members read only while a bound on its
similarity could reach the bar, word weights computed once per merge pass, stories that
share no word skipped): a clusterer that runs the plain code below must make the same
assignments, with the same scores to the last bit, and the same merges.
"""

from __future__ import annotations

import math
from dataclasses import replace

import numpy as np
import numpy.typing as npt

from newsprism.stories.cluster import (
    Assignment,
    CentroidIndex,
    Clusterer,
    ClusterParams,
    StoryState,
    StreamItem,
    Vector,
    _hnsw,
    same_language,
)
from newsprism.stories.terms import ArticleTerms

HOUR = 3600.0


class PlainClusterer(Clusterer):
    """The same rule, computed the plain way (one stack per call, weights per pair)."""

    def _similarities(self, vector: Vector, states: list[StoryState]) -> list[float]:
        cosines = np.stack([state.centroid for state in states]) @ vector
        p = self.params
        near = np.stack([s.recent for s in states if s.recent is not None]) @ vector
        counts = [min(s.n_recent, p.recent_members) for s in states]
        filled = np.arange(p.recent_members)[None, :] < np.array(counts)[:, None]
        near = np.sort(np.where(filled, near, -np.inf), axis=1)
        out = []
        for row, count, cos in zip(near.tolist(), counts, cosines.tolist(), strict=True):
            k = min(p.near_k, count)
            top = sum(row[-k:]) / k if k else cos
            out.append((1.0 - p.w_nearest) * cos + p.w_nearest * top)
        return out

    def _score_candidates(self, item: StreamItem) -> list[tuple[int, float]]:
        # every candidate's similarity first, then scored in falling similarity order
        p = self.params
        states = [
            self.stories[key]
            for key in self._search(item.vector, p.candidates)
            if key in self.stories and same_language(item.lang, self.stories[key].lang)
        ]
        if not states:
            return []
        similarities = self._similarities(item.vector, states)
        ceiling = p.w_words + p.w_entities
        weights = self._term_weights(item.terms)
        order = sorted(range(len(states)), key=lambda i: (-similarities[i], states[i].key))
        out: list[tuple[int, float]] = []
        threshold = self._threshold(item)
        bar = threshold - p.second_look_margin
        for i in order:
            if similarities[i] + ceiling < bar:
                break
            score = self._score(item, states[i], similarities[i], weights)
            out.append((states[i].key, score))
            if score >= threshold:
                bar = max(bar, score)
        return out

    def _story_overlap(self, small: StoryState, large: StoryState) -> float:
        weights = {
            t: self._idf(t) * math.sqrt(min(1.0, c / max(small.n, 1)))
            for t, c in small.words.items()
        }
        return self._overlap(weights, large.words, large.n)

    def _union_owns(self, a: StoryState, b: StoryState) -> bool:
        p = self.params
        small, large = sorted((a, b), key=lambda s: s.n)
        if large.n < p.owned_min_articles:
            return False
        need = p.owned_share * (a.n + b.n)
        for term, count in large.words.items():
            if count < need - small.n:
                continue
            total = count + small.words.get(term, 0)
            if total >= need and total >= p.owned_concentration * self._word_df.get(term, 0):
                return True
        return False


def _stream(seed: int, articles: int = 1500) -> list[StreamItem]:
    """Stories of 32-d vectors and 8 own words, each article a noisy copy of its centre.

    Loose fragments (noise near the threshold) split stories that the merge pass joins
    again; the few common words give pairs of stories 0, 1, 2 or more shared words.
    """
    rng = np.random.default_rng(seed)
    dim = 32
    centres: list[npt.NDArray[np.float64]] = []
    live: list[int] = []
    items = []
    for index in range(articles):
        if not live or rng.random() < 0.08:
            centre = rng.normal(size=dim)
            centres.append(centre / np.linalg.norm(centre))
            live.append(len(centres) - 1)
            live = live[-12:]
        story = live[int(rng.integers(len(live)))]
        vector = centres[story] + rng.normal(scale=0.9 / np.sqrt(dim), size=dim)
        vector /= np.linalg.norm(vector)
        own = {f"s{story}w{j}" for j in rng.choice(8, size=4, replace=False)}
        common = {f"c{j}" for j in rng.integers(0, 30, size=3)}
        items.append(
            StreamItem(
                key=index,
                vector=vector.astype(np.float32),
                # bare dates now and then (the date grace), else every 15 minutes
                published=86400.0 * 1000 + index * 900.0,
                terms=ArticleTerms(frozenset(own | common), frozenset(sorted(own)[:1])),
            )
        )
    return items


def _run(
    clusterer: Clusterer, items: list[StreamItem]
) -> tuple[list[Assignment], list[tuple[int, int]]]:
    assignments, merges = [], []
    for item in items:
        assignments.append(clusterer.add(item))
        merges.extend(clusterer.flush_merges())
    return assignments, merges


def test_the_cheaper_paths_make_the_plain_decisions_to_the_last_bit() -> None:
    # merges on (a low merge bar), the owned-word merge on, short recency so that the time
    # penalty and its owned factors decide some merges
    params = ClusterParams(
        threshold=0.45,
        merge_threshold=0.35,
        window_hours=6.0,
        free_age_hours=6.0,
        owned_min_articles=3,
    )
    total_merges = 0
    for seed in range(3):
        items = _stream(seed)
        fast = _run(Clusterer(32, params), items)
        plain = _run(PlainClusterer(32, params), items)
        assert fast == plain
        assert len({a.story_key for a in fast[0]}) > 20
        total_merges += len(fast[1])
    assert total_merges >= 10  # the merge pass and its shortcuts were exercised


def test_a_story_that_absorbs_another_is_weighed_anew_in_the_same_merge_pass() -> None:
    # Story 1 absorbs story 2 in the pass; story 1's cached word weights must be dropped,
    # else its overlap with story 3 is computed from its words before the merge.
    clusterer = Clusterer(4, replace(ClusterParams(), w_nearest=0.0))
    terms = [
        ArticleTerms(frozenset({"alpha", "beta", "gamma"}), frozenset()),
        ArticleTerms(frozenset({"delta", "zeta", "alpha"}), frozenset()),
        ArticleTerms(frozenset({"alpha", "beta", "epsilon"}), frozenset()),
    ]
    vectors = np.eye(4, dtype=np.float32)
    for key, (vector, words) in enumerate(zip(vectors[:3], terms, strict=True)):
        clusterer.add(StreamItem(key, vector, key * 60.0, words))
    one, two, three = (clusterer.stories[k] for k in sorted(clusterer.stories))
    clusterer._pass_weights, clusterer._pass_top = {}, {}
    before = clusterer._story_overlap(one, three)
    clusterer._absorb(one, two)
    after = clusterer._story_overlap(one, three)
    plain = PlainClusterer._story_overlap(clusterer, one, three)  # type: ignore[arg-type]
    assert after == plain
    assert after != before


def _clusterer_with_random_stories(
    seed: int, near_k: int = 2
) -> tuple[Clusterer, list[StoryState]]:
    """A clusterer holding 40 stories of 1-12 random articles over a 60-word vocabulary."""
    rng = np.random.default_rng(seed)
    params = ClusterParams(threshold=2.0, merge_interval_hours=0, near_k=near_k)
    clusterer = Clusterer(16, params)
    key = 0
    for _ in range(40):
        size = int(rng.integers(1, 13))
        centre = rng.normal(size=16)
        for i in range(size):
            vector = centre + rng.normal(size=16)
            words = frozenset(f"w{j}" for j in rng.integers(0, 60, size=8))
            item = StreamItem(key, (vector / np.linalg.norm(vector)).astype(np.float32), key, None)  # type: ignore[arg-type]
            item = replace(item, terms=ArticleTerms(words, frozenset()))
            if i == 0:
                clusterer.add(item)  # threshold 2: a story of its own
                story = clusterer.story_of(key)
            else:
                assert story is not None
                clusterer._join(clusterer.stories[story], item)
            key += 1
    return clusterer, list(clusterer.stories.values())


def test_candidate_similarities_equal_the_stacked_computation() -> None:
    # stories of 1-12 members: ring buffers partly filled and wrapped around
    for seed in range(5):
        clusterer, states = _clusterer_with_random_stories(seed)
        rng = np.random.default_rng(100 + seed)
        for _ in range(20):
            vector = rng.normal(size=16)
            query: Vector = (vector / np.linalg.norm(vector)).astype(np.float32)
            chosen = [states[i] for i in rng.choice(len(states), size=12, replace=False)]
            fast = clusterer._similarities(query, chosen)
            assert fast == PlainClusterer._similarities(clusterer, query, chosen)  # type: ignore[arg-type]


def test_story_overlap_sums_in_the_same_order_as_the_plain_overlap() -> None:
    # many shared words: a sum in another order would differ in the last bits somewhere
    for seed in range(3):
        clusterer, states = _clusterer_with_random_stories(seed)
        clusterer._pass_weights, clusterer._pass_top = {}, {}
        for small in states:
            for large in states:
                plain = PlainClusterer._story_overlap(clusterer, small, large)  # type: ignore[arg-type]
                assert clusterer._story_overlap(small, large) == plain
                assert clusterer._union_owns(small, large) == PlainClusterer._union_owns(
                    clusterer,  # type: ignore[arg-type]
                    small,
                    large,
                )


class CountingClusterer(Clusterer):
    """Counts the candidates whose recent members were read (`_blend`)."""

    blends = 0

    def _blend(self, products: list[float], state: StoryState, cos: float) -> float:
        self.blends += 1
        return super()._blend(products, state, cos)


def _scaled(items: list[StreamItem], seed: int) -> list[StreamItem]:
    """The same stream with vectors of norm 0.5-2 (the bounds may not assume unit vectors)."""
    rng = np.random.default_rng(seed)
    return [replace(item, vector=item.vector * np.float32(rng.uniform(0.5, 2.0))) for item in items]


def test_candidates_pruned_by_their_similarity_bound_change_no_decision() -> None:
    # the second look needs every candidate near the bar; scaled vectors break a bound
    # that assumed unit norms; long text moves the bar
    base = ClusterParams(threshold=0.45, merge_threshold=0.35, window_hours=6.0)
    cases = [
        (base, _stream(7)),
        (replace(base, second_look_margin=0.05), _stream(8)),
        (base, _scaled(_stream(9), 9)),
        (replace(base, near_k=1, recent_members=3), _stream(10)),
    ]
    for params, items in cases:
        fast = CountingClusterer(32, params)
        assert _run(fast, items) == _run(PlainClusterer(32, params), items)
        # the bound did prune: without it every candidate's members are read
        unpruned = CountingClusterer(32, params)
        unpruned._near_bound = lambda *a, **k: math.inf  # type: ignore[method-assign]
        assert _run(unpruned, items) == _run(PlainClusterer(32, params), items)
        assert fast.blends < unpruned.blends


def test_the_similarity_bound_is_never_below_the_similarity() -> None:
    # random queries, and the tight cases: a member itself, pushed along or against the
    # centroid (the bound then rests on the member farthest on that side); one nearest
    # member, so that the similarity reaches the bound
    for seed in range(5):
        clusterer, states = _clusterer_with_random_stories(seed, near_k=1)
        rng = np.random.default_rng(200 + seed)
        queries = [rng.normal(size=16) * rng.uniform(0.3, 3.0) for _ in range(10)]
        for state in states[:10]:
            assert state.recent is not None
            for member in state.recent[: min(state.n_recent, 8)]:
                for push in (-1.5, -0.5, 0.0, 0.5):
                    queries.append(member + push * state.centroid)
        for vector in queries:
            query: Vector = vector.astype(np.float32)
            size = math.sqrt(float(np.dot(query, query)))
            cosines = clusterer._centroid_cosines(query, states)
            blends = clusterer._similarities(query, states)
            for state, cos, blend in zip(states, cosines, blends, strict=True):
                assert clusterer._near_bound(state, cos, size, tight=True) >= blend
                assert clusterer._near_bound(state, cos, size, tight=False) >= blend


def test_a_rebuilt_hnsw_index_is_the_graph_of_inserting_its_entries_one_by_one() -> None:
    # 600 entries past ann_min, then 257 removals: the tombstones pass max(256, n / 4)
    # and the index is rebuilt from the 343 live entries in key order
    rng = np.random.default_rng(5)
    vectors = rng.normal(size=(600, 8)).astype(np.float32)
    index = CentroidIndex(8, ann_min=64)
    for key, vector in enumerate(vectors):
        index.add(key, vector)
    for key in range(0, 514, 2):
        index.remove(key)
    assert index.uses_ann
    assert index._tombstones == 0  # just rebuilt
    one_by_one = _hnsw(8)
    for key in sorted(set(range(600)) - set(range(0, 514, 2))):
        one_by_one.add(key, vectors[key], threads=1)
    assert index._hnsw.save() == one_by_one.save()


# -- the dormant index asked less (decision-changing settings, off by default) ---------

#: the split into active and dormant indexes forced early (at 8 searchable stories), and
#: stories resting after 12 h: the generated streams of `_stream` rest stories after ~40 h
SPLIT = ClusterParams(
    threshold=0.45,
    merge_threshold=0.35,
    window_hours=6.0,
    ann_min_stories=8,
    dormant_after_hours=12.0,
    dormant_skip_margin=0.0,
    merge_dormant_drift=0.0,
    dormant_ann_min_stories=None,
)


class SkipRecorder(Clusterer):
    """Records, for each article that skipped the dormant search, its best score less the bar."""

    def __init__(self, dim: int, params: ClusterParams) -> None:
        super().__init__(dim, params)
        self.cleared: list[float] = []

    def _score_candidates(self, item: StreamItem) -> list[tuple[int, float]]:
        skips = self.dormant_skips
        out = super()._score_candidates(item)
        if self.dormant_skips > skips:
            self.cleared.append(max(score for _, score in out) - self._threshold(item))
        return out


def test_with_the_split_forced_and_the_settings_off_the_plain_decisions_hold() -> None:
    for seed in (0, 1):
        items = _stream(seed)
        fast = Clusterer(32, SPLIT)
        assert _run(fast, items) == _run(PlainClusterer(32, SPLIT), items)
        assert fast._split
        assert fast.dormant_searches > len(items) // 2  # the dormant index was asked
        assert fast.dormant_skips == fast.merge_dormant_skips == 0


def test_an_article_with_a_clear_active_winner_skips_the_dormant_search() -> None:
    items = _stream(2)
    skipping = SkipRecorder(32, replace(SPLIT, dormant_skip_margin=0.1))
    _run(skipping, items)
    plain = Clusterer(32, SPLIT)
    _run(plain, items)
    assert skipping.dormant_skips > 100
    assert skipping.dormant_searches < plain.dormant_searches - 100
    # only an article whose best active story cleared the bar by the margin skipped
    assert len(skipping.cleared) == skipping.dormant_skips
    assert min(skipping.cleared) >= 0.1


def test_an_article_without_a_clear_active_winner_is_decided_as_without_the_margin() -> None:
    # a margin no score reaches: the active index is asked first, its scores are reused
    # in the union's, and every decision is the plain one (the scores up to the last bit
    # of the BLAS products over fewer rows)
    for seed in (3, 4):
        items = _stream(seed)
        never = Clusterer(32, replace(SPLIT, dormant_skip_margin=5.0))
        first, first_merges = _run(never, items)
        plain, plain_merges = _run(PlainClusterer(32, SPLIT), items)
        assert never.dormant_skips == 0
        assert first_merges == plain_merges
        assert [(a.story_key, a.new_story, a.reason) for a in first] == [
            (a.story_key, a.new_story, a.reason) for a in plain
        ]
        assert np.allclose([a.score for a in first], [a.score for a in plain], atol=1e-6)


def test_the_merge_pass_asks_the_dormant_index_again_only_for_a_story_that_moved() -> None:
    items = _stream(5)
    drifting = Clusterer(32, replace(SPLIT, merge_dormant_drift=0.02))
    _run(drifting, items)
    plain = Clusterer(32, SPLIT)
    _run(plain, items)
    assert drifting.merge_dormant_skips > 50
    assert drifting.dormant_searches == plain.dormant_searches - drifting.merge_dormant_skips
    # a story's centroid when last asked is kept only while the story is held
    assert set(drifting._probed) <= set(drifting.stories)
    # a centroid that moved past the drift is asked again, and remembered anew
    key = next(iter(drifting._probed))
    state = drifting.stories[key]
    moved = -state.centroid
    drifting._probed[key] = moved
    searches = drifting.dormant_searches
    drifting._merge_candidates(state)
    assert drifting.dormant_searches == searches + 1
    assert drifting._probed[key] is state.centroid


def test_the_dormant_index_stays_exact_below_its_own_size() -> None:
    items = _stream(6)
    hnsw = Clusterer(32, SPLIT)
    exact = Clusterer(32, replace(SPLIT, dormant_ann_min_stories=10_000))
    _run(hnsw, items)
    _run(exact, items)
    assert len(exact._dormant) > SPLIT.ann_min_stories
    assert hnsw._dormant.uses_ann
    assert not exact._dormant.uses_ann
