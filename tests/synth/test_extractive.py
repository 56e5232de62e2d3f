from __future__ import annotations

import re

from briefs_fixture import ARTICLES

from newsprism.synth.brief import StoryInput
from newsprism.synth.extractive import ExtractiveSynthesizer
from newsprism.synth.guard import FaithfulnessGuard

SIDE_OF = {a["id"]: a["lean"] for a in ARTICLES}


def _body(story: StoryInput, article_id: int, field: str) -> str:
    art = story.article(article_id)
    assert art is not None
    return art.title if field == "title" else art.text


def test_every_citation_points_at_the_exact_text_it_quotes(story_input: StoryInput) -> None:
    sections = ExtractiveSynthesizer().brief(story_input).sections_json()
    assert sections
    for sentences in sections.values():
        for sentence in sentences:
            assert sentence["citations"]
            for cite in sentence["citations"]:
                start, end = cite["quote_span"]
                body = _body(story_input, cite["article_id"], cite["field"])
                assert body[start:end] == cite["source"]


def test_headline_is_one_outlets_title_cited_as_title(story_input: StoryInput) -> None:
    headline = ExtractiveSynthesizer().brief(story_input).sections_json()["headline"]
    assert len(headline) == 1
    assert headline[0]["text"] in {a["title"] for a in ARTICLES}
    assert headline[0]["citations"][0]["field"] == "title"


def test_summary_has_three_headed_sentences_from_different_sides(story_input: StoryInput) -> None:
    summary = ExtractiveSynthesizer().brief(story_input).sections_json()["summary"]
    assert len(summary) == 3
    assert all(s["heading"] for s in summary)
    sides = {SIDE_OF[s["citations"][0]["article_id"]].removeprefix("lean_") for s in summary}
    assert len(sides) == 3


def test_headings_use_only_words_of_their_sentence(story_input: StoryInput) -> None:
    brief = ExtractiveSynthesizer().brief(story_input).sections_json()
    for name in ("summary", "why_it_matters"):
        for s in brief.get(name, []):
            words = set(re.findall(r"\w+", s["text"].lower()))
            assert set(re.findall(r"\w+", s["heading"].lower())) <= words


def test_key_points_of_a_side_cite_only_that_sides_articles(story_input: StoryInput) -> None:
    brief = ExtractiveSynthesizer().brief(story_input).sections_json()
    allowed = {
        "left": {"left", "lean_left"},
        "center": {"center"},
        "right": {"right", "lean_right"},
    }
    for side, leans in allowed.items():
        points = brief[f"key_points_{side}"]
        assert points
        for point in points:
            assert {SIDE_OF[c["article_id"]] for c in point["citations"]} <= leans


def test_syndicated_copy_is_never_cited_twice(story_input: StoryInput) -> None:
    sections = ExtractiveSynthesizer().brief(story_input).sections_json()
    cited = {c["article_id"] for ss in sections.values() for s in ss for c in s["citations"]}
    assert 5 not in cited  # article 5 is Town Crier's copy of Wire Report's article 3


def test_bias_comparison_quotes_framing_terms_and_cites_snippets_holding_them(
    story_input: StoryInput,
) -> None:
    bias = ExtractiveSynthesizer().brief(story_input).sections_json()["bias_comparison"]
    by_side = {b["side"]: b for b in bias}
    assert set(by_side) == {"left", "center", "right"}
    left = by_side["left"]
    assert left["terms"] == ["crumbling infrastructure", "invest"]
    assert "\u201ccrumbling infrastructure\u201d" in left["text"]
    for term, cite in zip(left["terms"], left["citations"], strict=True):
        assert term in cite["source"]


def test_diverging_views_contrast_the_sides_words(story_input: StoryInput) -> None:
    views = ExtractiveSynthesizer().brief(story_input).sections_json()["diverging_views"]
    assert views[0]["text"] == (
        "Outlets on the left use \u201ccrumbling infrastructure\u201d and \u201cinvest\u201d, "
        "while outlets on the right use \u201cwasteful spending\u201d and \u201ctaxpayers\u201d."
    )


def test_sources_section_quotes_the_speaker_verbatim_with_attribution(
    story_input: StoryInput,
) -> None:
    sources = ExtractiveSynthesizer().brief(story_input).sections_json()["sources"]
    assert sources[0]["speaker"] == "Ana Torres"
    assert "\u201cWe will not gamble with people\u2019s lives\u201d" in sources[0]["text"]
    assert "Ana Torres" in sources[0]["citations"][0]["source"]


def test_a_story_without_framing_or_quotes_omits_those_sections(story_input: StoryInput) -> None:
    story_input.analysis = {}
    sections = ExtractiveSynthesizer().brief(story_input).sections_json()
    assert "bias_comparison" not in sections
    assert "sources" not in sections
    assert "summary" in sections


def test_extractive_brief_passes_the_guard_whole(
    story_input: StoryInput, guard: FaithfulnessGuard
) -> None:
    brief = guard.filter_brief(ExtractiveSynthesizer().brief(story_input))
    assert brief.stats["dropped"] == []


def test_headline_skips_short_titles_and_still_cites_the_right_one(
    story_input: StoryInput,
) -> None:
    # a two-word title is left out of the headline pool; the others keep their own rows
    story_input.articles[0].title = "Bridge shut"
    headline = ExtractiveSynthesizer().brief(story_input).sections_json()["headline"][0]
    cite = headline["citations"][0]
    assert headline["text"] != "Bridge shut"
    assert _body(story_input, cite["article_id"], "title") == headline["text"]
