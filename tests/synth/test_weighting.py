"""Coverage weighting (issue 15 item 9): citations per side follow the outlets, unless the
reader asks for balance; both pages are written, guarded and free of repeats."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from sqlalchemy import select
from weighting_fixture import ARTICLES, OUTLETS_BY_SIDE, insert_water_story, water_story

from newsprism.config import Settings
from newsprism.pageeval import near_duplicate
from newsprism.pipeline import StageContext
from newsprism.store.db import Store
from newsprism.store.schema import Article, Brief
from newsprism.synth.extractive import TEMPLATE_WORDS, ExtractiveSynthesizer, _Pool
from newsprism.synth.guard import FaithfulnessGuard, GuardItem, Verdict
from newsprism.synth.semantic import MemoEncoder
from newsprism.synth.sources import SourceSentence, sentence_vectors
from newsprism.synth.stage import synthesize_briefs

SIDE_OF = {a["id"]: a["lean"].removeprefix("lean_") for a in ARTICLES}
#: the sections read in the narrator's voice whose sides the weighting decides
#: (key points are one side each by definition)
NARRATOR = ("summary", "story", "why_it_matters", "context", "global_impact")


def _sides(sections: dict[str, Any], names: Sequence[str] = NARRATOR) -> Counter[str]:
    """Citations per side in *sections* (stored JSON) of the sections *names*."""
    return Counter(
        SIDE_OF[s["citations"][0]["article_id"]] for name in names for s in sections.get(name, [])
    )


def test_coverage_weighting_gives_each_side_its_share_of_outlets() -> None:
    brief = ExtractiveSynthesizer().brief(water_story())
    counts = _sides(brief.sections_json())
    total = sum(counts.values())
    outlets = sum(OUTLETS_BY_SIDE.values())
    assert total >= 15
    for side, n in OUTLETS_BY_SIDE.items():
        # 7/1/2 outlets: 70 / 10 / 20 % of the citations, give or take one and a half
        assert abs(counts[side] / total - n / outlets) <= 0.08, (side, dict(counts))
    assert brief.stats["weighting"] == "coverage"
    assert brief.stats["side_outlets"] == OUTLETS_BY_SIDE


def test_balanced_variant_gives_each_side_equal_turns() -> None:
    brief = ExtractiveSynthesizer(weighting="balanced").brief(water_story())
    sections = brief.sections_json()
    assert set(_sides(sections, ["summary"])) == {"left", "center", "right"}
    counts = _sides(sections, ["summary", "story"])
    assert set(counts) == {"left", "center", "right"}
    assert max(counts.values()) - min(counts.values()) <= 1, dict(counts)
    assert brief.stats["weighting"] == "balanced"


def _pool(lines: dict[str, list[str]]) -> _Pool:
    sentences = []
    for side, texts in lines.items():
        for text in texts:
            k = len(sentences)
            sentences.append(SourceSentence(k, k, f"{side}{k}", side, text, 0, len(text),
                                            "text", 0, 1))  # fmt: skip
    vectors = sentence_vectors([s.text for s in sentences])
    return _Pool(sentences, vectors, np.ones(len(sentences)))


_LINES = {
    "left": [
        "The council approved the harbor budget after a long debate on Monday.",
        "Teachers in the district will receive raises starting next autumn.",
        "Flood barriers along the river will be raised by two meters.",
        "A new clinic for veterans opened downtown with forty beds.",
    ],
    "right": ["Business owners asked the mayor to delay the new parking fees."],
}


def test_a_side_with_one_outlet_in_twenty_still_gets_one_citation() -> None:
    weights = {"left": 0.95, "right": 0.05}
    plain = _pool(_LINES).select(3, used=set(), weights=weights)
    floored = _pool(_LINES).select(3, used=set(), weights=weights, floor={"left", "right"})
    assert [s.side for s in plain] == ["left", "left", "left"]
    assert sorted(s.side for s in floored) == ["left", "left", "right"]


def test_sections_of_one_page_share_one_count_of_citations_per_side() -> None:
    pool = _pool(_LINES)
    tally: dict[str, int] = {}
    weights = {"left": 0.5, "right": 0.5}
    first = pool.select(1, used=set(), weights=weights, tally=tally)
    second = pool.select(1, used=set(), weights=weights, tally=tally)
    # a fresh count per section would give the larger side both picks
    assert {first[0].side, second[0].side} == {"left", "right"}
    assert tally == {"left": 1, "right": 1}


def test_both_variants_show_each_sentence_once() -> None:
    variants = ExtractiveSynthesizer().brief_variants(water_story(), ["coverage", "balanced"])
    assert set(variants) == {"coverage", "balanced"}
    for brief in variants.values():
        texts = [s.text for name, ss in brief.sections.items() if name != "bias_comparison"
                 for s in ss]  # fmt: skip
        for i, text in enumerate(texts):
            assert not any(near_duplicate(text, other) for other in texts[:i]), text


@dataclass
class _Stored:
    sections: dict[str, Any]
    stats: dict[str, Any]
    variants: dict[str, Any] | None


def _stored(store: Store, story_id: int) -> _Stored:
    """The story's one brief row (the deferred ``variants`` column read inside the session)."""
    with store.session() as session:
        row = session.scalars(select(Brief).where(Brief.story_id == story_id)).one()
        return _Stored(row.sections, row.stats, row.variants)


def test_stage_stores_the_balanced_variant_beside_the_coverage_brief(
    sqlite_store: Store, settings: Settings, guard: FaithfulnessGuard
) -> None:
    story_id = insert_water_story(sqlite_store)
    synthesize_briefs(StageContext(sqlite_store, settings, resources={"faithfulness_guard": guard}))
    brief = _stored(sqlite_store, story_id)
    assert brief.stats["weighting"] == "coverage"
    assert brief.variants is not None
    assert set(brief.variants) == {"balanced"}
    balanced = brief.variants["balanced"]
    assert _sides(balanced, ["summary"]) == Counter({"left": 1, "center": 1, "right": 1})
    assert _sides(brief.sections)["left"] > _sides(balanced)["left"]
    with sqlite_store.session() as session:
        texts = {a.id: (a.text, a.title) for a in session.scalars(select(Article))}
    for sections in (brief.sections, balanced):
        for sentences in sections.values():
            for sentence in sentences:
                assert sentence["citations"]
                for cite in sentence["citations"]:
                    text, title = texts[cite["article_id"]]
                    start, end = cite["quote_span"]
                    body = title if cite["field"] == "title" else text
                    assert body[start:end] == cite["source"]


class _RejectHadley(FaithfulnessGuard):
    """The real guard, told to reject every sentence that names Hadley."""

    def check_many(self, items: Sequence[GuardItem]) -> list[Verdict]:
        verdicts = super().check_many(items)
        return [Verdict(False, "test", "names Hadley") if "Hadley" in i.text else v
                for i, v in zip(items, verdicts, strict=True)]  # fmt: skip


def test_guard_filters_the_balanced_variant_too(
    sqlite_store: Store, settings: Settings, guard: FaithfulnessGuard
) -> None:
    story_id = insert_water_story(sqlite_store)
    rejecting = _RejectHadley(guard.encoder, allowed_words=TEMPLATE_WORDS)
    synthesize_briefs(
        StageContext(sqlite_store, settings, resources={"faithfulness_guard": rejecting})
    )
    brief = _stored(sqlite_store, story_id)
    assert brief.variants is not None
    shown = [s["text"] for sections in (brief.sections, brief.variants["balanced"])
             for ss in sections.values() for s in ss]  # fmt: skip
    assert shown
    assert not [t for t in shown if "Hadley" in t]
    # the balanced page wants a right-wing sentence where the coverage page has none to spare:
    # the guard's refusals there are recorded
    assert brief.stats["variants"]["balanced"]["dropped"] >= 1


def test_a_balanced_site_stores_the_coverage_variant(
    sqlite_store: Store, settings: Settings, guard: FaithfulnessGuard
) -> None:
    story_id = insert_water_story(sqlite_store)
    balanced_site = settings.model_copy(update={"brief_weighting": "balanced"})
    synthesize_briefs(
        StageContext(sqlite_store, balanced_site, resources={"faithfulness_guard": guard})
    )
    brief = _stored(sqlite_store, story_id)
    assert brief.stats["weighting"] == "balanced"
    assert brief.variants is not None
    assert set(brief.variants) == {"coverage"}


class _CountingEncoder:
    """Hashing vectors, counting every text embedded."""

    def __init__(self) -> None:
        self.embedded: list[str] = []

    def embed(self, texts: Sequence[str]) -> np.ndarray[Any, np.dtype[np.float32]]:
        self.embedded.extend(texts)
        rows = np.zeros((len(texts), 8), dtype=np.float32)
        for k, text in enumerate(texts):
            rows[k, hash(text) % 8] = 1.0
        return rows


def test_the_two_pages_of_a_story_embed_each_sentence_once() -> None:
    counting = _CountingEncoder()
    memo = MemoEncoder(counting)
    first = memo.embed(["a b", "c d", "a b"])
    second = memo.embed(["c d", "e f"])
    assert counting.embedded == ["a b", "c d", "e f"]
    assert np.array_equal(first[1], second[0])
    assert first.shape == (3, 8)
    assert memo.embed([]).shape[0] == 0


def test_the_vector_memo_forgets_the_least_recently_used_text_first() -> None:
    counting = _CountingEncoder()
    memo = MemoEncoder(counting, max_texts=2)
    memo.embed(["a b", "c d"])
    memo.embed(["a b"])  # used again: "c d" is now the oldest
    memo.embed(["e f"])
    memo.embed(["a b", "c d"])
    assert counting.embedded == ["a b", "c d", "e f", "c d"]


def test_no_second_page_when_both_weightings_would_pick_alike() -> None:
    from dataclasses import replace

    from newsprism.synth.stage import weighting_is_moot

    story = water_story()
    assert not weighting_is_moot(story)  # 7 / 1 / 2 outlets
    left = [a for a in story.articles if a.side == "left"]
    assert weighting_is_moot(replace(story, articles=left))  # one side only
    one_each: dict[str, Any] = {}
    for art in story.articles:  # one outlet per side: equal turns either way
        one_each.setdefault(art.side, art)
    assert weighting_is_moot(replace(story, articles=list(one_each.values())))
