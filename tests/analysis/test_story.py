"""analyze_story() end to end on a constructed story in SQLite, with the real spaCy model."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

import numpy as np
import pytest
from analysis_fixtures import T0, OneHotEmbedder, StoryBuilder

from newsprism.analysis.page_eval import timeline_links
from newsprism.analysis.story import analyze_story, fill_entities, relink_timelines
from newsprism.config import Settings
from newsprism.store.schema import Article, Story

NEUTRAL = (
    "Belarus freed 52 prisoners on Thursday after talks in Minsk with U.S. envoy John Coale. "
    "The group crossed the border into Lithuania by bus, officials in Vilnius said. "
)
LEFT = NEUTRAL + (
    "The political prisoners had been jailed for protesting. Rights groups say the regime still "
    "holds more than 1,100 political prisoners. "
    '"We will keep fighting for every single one of them," Sviatlana Tsikhanouskaya said.\n'
    "Subscribe to our newsletter for more coverage."
)
RIGHT = NEUTRAL + (
    "The deal is a diplomatic win for the administration. In exchange, the deal eases sanctions "
    "on the national airline. "
    '"We had a very productive meeting with President Lukashenko," Coale said. '
    '"More releases will follow."'
)
CENTER = NEUTRAL + (
    '"This is a step toward normal relations between our countries," '
    "said John Coale, the U.S. envoy. "
    "According to the Belarusian Telegraph Agency, Lukashenko pardoned the prisoners."
)


def _build(builder: StoryBuilder) -> int:
    for slug, lean in [
        ("left-daily", "left"),
        ("left-weekly", "left"),
        ("leaning-post", "lean_left"),
        ("center-wire", "center"),
        ("center-times", "center"),
        ("right-herald", "right"),
        ("right-report", "lean_right"),
        ("unrated-blog", None),
    ]:
        builder.outlet(slug, lean, category_hint="World" if slug == "center-wire" else None)
    arts = [
        {
            "outlet": "left-daily",
            "title": "Belarus frees political prisoners as regime seeks relief",
            "text": LEFT,
        },
        {
            "outlet": "left-weekly",
            "title": "Political prisoners freed by Lukashenko regime",
            "text": LEFT,
        },
        {
            "outlet": "leaning-post",
            "title": "Freed political prisoners arrive in Lithuania",
            "text": LEFT,
        },
        {
            "outlet": "center-wire",
            "title": "Belarus releases 52 prisoners after US talks",
            "text": CENTER,
        },
        {
            "outlet": "center-times",
            "title": "Belarus frees 52 after visit by US envoy",
            "text": CENTER,
        },
        {
            "outlet": "right-herald",
            "title": "Trump envoy wins release of 52 in Belarus deal",
            "text": RIGHT,
        },
        {
            "outlet": "right-report",
            "title": "Belarus deal frees 52, eases airline sanctions",
            "text": RIGHT,
        },
    ]
    story_id = builder.story(arts, centroid=np.ones(8, dtype=np.float32))
    original = builder.article_ids(story_id)[3]
    with builder.store.session() as s:  # a syndicated copy of the wire story on the unrated blog
        s.add(
            Article(
                outlet_id=builder.outlets["unrated-blog"],
                url="http://unrated-blog.example/copy",
                canonical_url="http://unrated-blog.example/copy",
                title=arts[3]["title"],
                text=CENTER,
                syndicated_of=original,
                story_id=story_id,
                status="clustered",
                published_at=T0 + timedelta(hours=1),
            )
        )
    return story_id


@pytest.fixture
def analyzed(builder: StoryBuilder) -> tuple[StoryBuilder, int, dict[str, object]]:
    story_id = _build(builder)
    with builder.store.session() as s:
        analysis = analyze_story(s, story_id, now=T0 + timedelta(hours=2))
    return builder, story_id, analysis


def test_landscape_counts_outlets_per_lean_with_the_syndicated_copy(analyzed: tuple) -> None:
    _, _, analysis = analyzed
    assert analysis["landscape"]["counts"] == {
        "left": 2,
        "lean_left": 1,
        "center": 2,
        "lean_right": 1,
        "right": 1,
        "other": 1,
    }
    assert analysis["landscape"]["total_outlets"] == 8


def test_story_columns_are_written(analyzed: tuple) -> None:
    builder, story_id, _ = analyzed
    with builder.store.session() as s:
        story = s.get(Story, story_id)
        assert story is not None
        assert story.n_outlets == 8
        assert story.lean_counts["center"] == 2
        assert story.analyzed_revision == story.revision == 1
        assert story.analyzed_at is not None
        assert story.trending_score > 0
        assert story.analysis["landscape"]["total_outlets"] == 8


def test_balanced_story_is_no_blindspot(analyzed: tuple) -> None:
    assert analyzed[2]["blindspot"]["side"] is None


def test_framing_shows_each_sides_planted_terms(analyzed: tuple) -> None:
    framing = analyzed[2]["framing"]
    assert framing["left"][0]["term"] == "political prisoners"
    assert "deal" in [t["term"] for t in framing["right"]]


def test_framing_hides_a_word_common_in_the_stores_other_news(builder: StoryBuilder) -> None:
    story_id = _build(builder)
    builder.outlet("wire", "center")
    other = [  # 120 articles of other stories, half of them say "deal"
        {"outlet": "wire", "title": f"Report {k}", "text": "The deal was signed." * (k % 2)}
        for k in range(120)
    ]
    builder.story(other, first_seen=T0 - timedelta(days=3))
    with builder.store.session() as s:
        framing = analyze_story(s, story_id, now=T0)["framing"]
    assert "deal" not in [t["term"] for t in framing["right"]]
    assert framing["left"][0]["term"] == "political prisoners"  # not common: still shown


def test_framing_leaves_out_shared_entities_and_boilerplate(analyzed: tuple) -> None:
    terms = {t["term"] for side in analyzed[2]["framing"].values() for t in side}
    for word in ("belarus", "coale", "lithuania", "newsletter", "subscribe"):
        assert not any(word in term.split() for term in terms), word


def test_sources_group_quotes_by_speaker_with_outlets(analyzed: tuple) -> None:
    sources = {g["speaker"]: g for g in analyzed[2]["sources"]}
    assert "John Coale" in sources  # "Coale" and "John Coale" merged
    coale_outlets = {o for q in sources["John Coale"]["quotes"] for o in q["outlets"]}
    assert {"Right Herald", "Center Wire"} <= coale_outlets
    assert sources["Sviatlana Tsikhanouskaya"]["quotes"][0]["outlets"] == [
        "Left Daily",
        "Left Weekly",
        "Leaning Post",
    ]


def test_entities_hashtags_category_and_regions(analyzed: tuple) -> None:
    analysis = analyzed[2]
    names = {e["text"] for e in analysis["entities"]}
    assert {"Belarus", "John Coale"} <= names
    assert 0 < len(analysis["hashtags"]) <= 6
    assert "#PoliticalPrisoners" in analysis["hashtags"]
    assert analysis["category"] == "World"
    assert {"Belarus", "Lithuania"} <= {r["country"] for r in analysis["regions"]}


def test_entities_are_cached_on_the_articles(analyzed: tuple) -> None:
    builder, story_id, _ = analyzed
    with builder.store.session() as s:
        cached = [a.entities for a in s.query(Article).filter_by(story_id=story_id)]
    assert all(c for c in cached)


def _wire_story(
    builder: StoryBuilder, title: str, text: str, days_ago: int = 0, url: str | None = None
) -> int:
    """A one-article story of the "wire" outlet, *days_ago* before T0 (timeline tests)."""
    article = {"outlet": "wire", "title": title, "text": text}
    if url is not None:
        article["url"] = url
    return builder.story(
        [article], first_seen=T0 - timedelta(days=days_ago), centroid=np.ones(8, dtype=np.float32)
    )


def _envoy_visit(
    builder: StoryBuilder, title: str = "US envoy John Coale visits Belarus", url: str | None = None
) -> int:
    """The envoy's visit to Minsk, 40 days before T0: the earlier story of timeline tests."""
    text = "Belarus leader Lukashenko met U.S. envoy John Coale in Minsk."
    return _wire_story(builder, title, text, days_ago=40, url=url)


def test_timeline_lists_an_earlier_story_on_the_same_subject(builder: StoryBuilder) -> None:
    builder.outlet("wire", "center")
    older_text = (
        "Belarus leader Lukashenko met U.S. envoy John Coale in Minsk to discuss prisoners."
    )
    old = builder.story(
        [{"outlet": "wire", "title": "US envoy John Coale visits Belarus", "text": older_text}],
        first_seen=T0 - timedelta(days=40),
        centroid=np.ones(8, dtype=np.float32),
    )
    unrelated = _wire_story(
        builder, "Ohio wins football title", "Ohio State beat Michigan in Columbus.", days_ago=10
    )
    new = _wire_story(builder, "Belarus frees prisoners", NEUTRAL + "Lukashenko pardoned them.")
    with builder.store.session() as s:
        analyze_story(s, old, now=T0)
        analyze_story(s, unrelated, now=T0)
    with builder.store.session() as s:
        timeline = analyze_story(s, new, now=T0)["timeline"]
    assert [t["story_id"] for t in timeline] == [old]


def test_timeline_links_stories_analysed_newest_first(builder: StoryBuilder) -> None:
    # a bulk import analyses the newest story first, when the older one has no entities yet
    builder.outlet("wire", "center")
    old = _envoy_visit(builder)
    new = _wire_story(
        builder,
        "Belarus frees prisoners",
        NEUTRAL + "Lukashenko pardoned them after talks with John Coale.",
    )
    with builder.store.session() as s:
        assert analyze_story(s, new, now=T0)["timeline"] == []
    with builder.store.session() as s:
        older_timeline = analyze_story(s, old, now=T0)["timeline"]
    with builder.store.session() as s:
        newer = s.get(Story, new)
        assert newer is not None
        assert newer.analysis is not None
        linked = [t["story_id"] for t in newer.analysis["timeline"]]
    assert older_timeline == []
    assert linked == [old]
    assert timeline_links(builder.store) == {"stories": 2, "stories_with_timeline": 1, "links": 1}


@pytest.mark.parametrize("order", ["older first", "newer first"])
def test_a_story_of_columns_alone_is_no_event_of_a_timeline(
    builder: StoryBuilder, order: str
) -> None:
    builder.outlet("wire", "center")
    column = _envoy_visit(
        builder,
        "OPINION: Lukashenko and the envoy John Coale",
        url="https://wire.example/opinion/lukashenko-coale",
    )
    new = _wire_story(
        builder,
        "Belarus frees prisoners",
        NEUTRAL + "Lukashenko pardoned them after talks with John Coale.",
    )
    for story_id in [column, new] if order == "older first" else [new, column]:
        with builder.store.session() as s:
            analysis = analyze_story(s, story_id, now=T0)
            if story_id == column:
                assert analysis["opinion_only"] is True
    with builder.store.session() as s:
        newer = s.get(Story, new)
        assert newer is not None
        assert newer.analysis is not None
        assert newer.analysis["opinion_only"] is False
        assert newer.analysis["timeline"] == []


def test_top_stories_rank_breadth_relative_to_the_newest_article(builder: StoryBuilder) -> None:
    # replayed articles from 2019: wall-clock decay would score every story 0
    day = datetime(2019, 4, 18, tzinfo=UTC)
    for name, lean in (("l1", "left"), ("l2", "left"), ("c1", "center"), ("r1", "right")):
        builder.outlet(name, lean)
    wide = builder.story(
        [
            {"outlet": o, "title": f"Report released {o}", "text": NEUTRAL, "published_at": day}
            for o in ("l1", "l2", "c1", "r1")
        ],
        first_seen=day,
    )
    opinion = builder.story(
        [
            {
                "outlet": "l1",
                "title": "My view",
                "text": NEUTRAL,
                "published_at": day + timedelta(hours=3),
            }
        ],
        first_seen=day + timedelta(hours=3),
    )
    with builder.store.session() as s:
        wide_score = analyze_story(s, wide, now=T0)["trending_score"]
        opinion_score = analyze_story(s, opinion, now=T0)["trending_score"]
    assert opinion_score > 0
    assert wide_score > 3 * opinion_score


def test_story_without_articles_gets_an_empty_analysis(builder: StoryBuilder) -> None:
    with builder.store.session() as s:
        story = Story(title="Empty", slug="empty", first_seen=T0, last_updated=T0, revision=1)
        s.add(story)
        s.flush()
        analysis = analyze_story(s, story.id, now=T0)
    assert analysis["landscape"]["total_outlets"] == 0
    assert analysis["category"] == "General"
    assert analysis["sources"] == []
    assert analysis["hashtags"] == []


def test_article_from_an_unknown_host_counts_as_other(builder: StoryBuilder) -> None:
    story_id = builder.story(
        [
            {
                "outlet": "nobody",
                "title": "A headline",
                "text": "",
                "url": "http://www.blog.example/post",
            }
        ]
    )
    with builder.store.session() as s:
        analysis = analyze_story(s, story_id, now=T0)
    assert analysis["landscape"]["counts"]["other"] == 1
    assert analysis["landscape"]["headlines"]["other"][0]["outlet"] == "blog.example"


def test_category_uses_the_centroid_when_an_embedder_is_given(builder: StoryBuilder) -> None:
    embedder = OneHotEmbedder()
    builder.outlet("wire", "center")
    story_id = builder.story(
        [{"outlet": "wire", "title": "A quiet afternoon", "text": "Nothing to report."}],
        centroid=embedder.embed(["anything"])[0],
    )
    with builder.store.session() as s:
        assert analyze_story(s, story_id, now=T0)["category"] == "General"
        assert analyze_story(s, story_id, now=T0, embedder=embedder)["category"] == "Sports"


def test_fill_entities_runs_one_batch_for_many_stories(builder: StoryBuilder) -> None:
    builder.outlet("wire", "center")
    stories = [
        builder.story(
            [
                {
                    "outlet": "wire",
                    "title": f"Story {n} part {k}",
                    "text": f"Text {n}.{k} in Minsk.",
                }
                for k in range(2)
            ],
            first_seen=T0,
        )
        for n in range(3)
    ]
    calls: list[list[str]] = []

    def recognise(texts: Sequence[str]) -> list[list[tuple[str, str]]]:
        calls.append(list(texts))
        return [[("Minsk", "GPE")] for _ in texts]

    with builder.store.session() as s:
        assert fill_entities(s, stories, recognise) == 6
    with builder.store.session() as s:
        assert fill_entities(s, stories, recognise) == 0  # cached on the rows now
        cached = [a.entities for a in s.query(Article).filter(Article.story_id.in_(stories))]
    assert len(calls) == 1
    assert len(calls[0]) == 6
    assert cached == [[["Minsk", "GPE"]]] * 6


def test_fill_entities_gives_a_syndicated_copy_its_originals_entities(
    builder: StoryBuilder,
) -> None:
    builder.outlet("wire", "center")
    builder.outlet("paper", "left")
    story_id = builder.story(
        [{"outlet": "wire", "title": "Talks in Minsk", "text": "Envoys met in Minsk."}]
    )
    (original,) = builder.article_ids(story_id)
    with builder.store.session() as s:
        s.add(
            Article(url="http://paper.example/copy", canonical_url="http://paper.example/copy",
                    title="Talks in Minsk", text="Envoys met in Minsk. (Wire)",
                    status="clustered", story_id=story_id, syndicated_of=original,
                    published_at=T0)
        )  # fmt: skip
    seen: list[str] = []

    def recognise(texts: Sequence[str]) -> list[list[tuple[str, str]]]:
        seen.extend(texts)
        return [[("Minsk", "GPE")] for _ in texts]

    with builder.store.session() as s:
        assert fill_entities(s, [story_id], recognise) == 1
    with builder.store.session() as s:
        cached = {a.id: a.entities for a in s.query(Article).filter_by(story_id=story_id)}
    assert len(seen) == 1
    assert "(Wire)" not in seen[0]  # the copy's text never went through the recogniser
    assert list(cached.values()) == [[["Minsk", "GPE"]]] * 2


def test_fill_entities_takes_a_copys_entities_from_an_original_in_another_story(
    builder: StoryBuilder,
) -> None:
    builder.outlet("wire", "center")
    builder.outlet("paper", "left")
    first = builder.story(
        [{"outlet": "wire", "title": "Talks in Minsk", "text": "Envoys met in Minsk."}]
    )
    (original,) = builder.article_ids(first)
    seen: list[str] = []

    def recognise(texts: Sequence[str]) -> list[list[tuple[str, str]]]:
        seen.extend(texts)
        return [[("Minsk", "GPE")] for _ in texts]

    with builder.store.session() as s:
        assert fill_entities(s, [first], recognise) == 1
    # the copy was clustered into a different story after its original was recognised
    second = builder.story(
        [{"outlet": "paper", "title": "Minsk talks", "text": "Envoys met in Minsk. (Wire)"}]
    )
    (copy,) = builder.article_ids(second)
    with builder.store.session() as s:
        s.get(Article, copy).syndicated_of = original  # type: ignore[union-attr]
    with builder.store.session() as s:
        assert fill_entities(s, [second], recognise) == 0
    with builder.store.session() as s:
        assert s.get(Article, copy).entities == [["Minsk", "GPE"]]  # type: ignore[union-attr]
    assert len(seen) == 1


def test_fill_entities_recognises_identical_texts_once(builder: StoryBuilder) -> None:
    builder.outlet("wire", "center")
    builder.outlet("paper", "left")
    same = {"title": "Talks in Minsk", "text": "Envoys met in Minsk."}
    story_id = builder.story(
        [
            {"outlet": "wire", **same},
            {"outlet": "paper", **same},
            {"outlet": "paper", "title": "Other", "text": "Rain in Riga."},
        ]
    )
    calls: list[list[str]] = []

    def recognise(texts: Sequence[str]) -> list[list[tuple[str, str]]]:
        calls.append(list(texts))
        return [[(t.split()[-1].strip("."), "GPE")] for t in texts]

    with builder.store.session() as s:
        assert fill_entities(s, [story_id], recognise) == 2
    with builder.store.session() as s:
        got = [
            a.entities for a in s.query(Article).filter_by(story_id=story_id).order_by(Article.id)
        ]
    assert [len(c) for c in calls] == [2]
    assert got == [[["Minsk", "GPE"]], [["Minsk", "GPE"]], [["Riga", "GPE"]]]


def test_an_organisation_acronym_never_joins_a_person_name_ending_with_it() -> None:
    from newsprism.analysis.articles import StoryArticle
    from newsprism.analysis.story import story_entities

    def art(i: int, entities: list[tuple[str, str]]) -> StoryArticle:
        url = f"http://x.example/{i}"
        return StoryArticle(id=i, title="t", text="x", url=url, entities=entities)

    articles = [art(i, [("FBI", "ORG"), ("James Comey", "PERSON"), ("Comey", "PERSON")])
                for i in range(5)]  # fmt: skip
    articles.append(art(9, [("Shows Ex-FBI", "PERSON"), ("FBI", "ORG")]))
    found = {e["text"]: e["count"] for e in story_entities(articles)}
    assert found["FBI"] == 6
    assert found["James Comey"] == 5  # the surname still joins the full name
    assert found.get("Shows Ex-FBI", 0) <= 1


def test_entities_of_one_count_keep_the_order_of_first_mention() -> None:
    # a set's order changes from process to process; it had changed a story's top
    # entities, hence its timeline, between two runs of one replay
    from newsprism.analysis.articles import StoryArticle
    from newsprism.analysis.story import story_entities

    places = ["Minsk", "Riga", "Vilnius", "Warsaw", "Kyiv", "Tallinn", "Oslo", "Bern"]
    articles = [
        StoryArticle(id=1, title="t", text="x", url="http://x.example/1",
                     entities=[("John Coale", "PERSON"), *((p, "GPE") for p in places)]),
        StoryArticle(id=2, title="t", text="x", url="http://x.example/2",
                     entities=[("Coale", "PERSON"), ("Prague", "GPE")]),
    ]  # fmt: skip
    found = [(e["text"], e["count"]) for e in story_entities(articles)]
    assert found == [("John Coale", 2), *((p, 1) for p in places), ("Prague", 1)]


def test_an_outlet_is_no_primary_source(builder: StoryBuilder) -> None:
    # "ABC News: “… Performs at Troubadour …”" stood in a replayed Sources section
    builder.outlet("wire", "center")
    builder.outlet("river-gazette", "left")
    text = (
        "The Harbor Bridge will stay closed for weeks. \u201cWe will not gamble with "
        "people\u2019s lives on this bridge,\u201d Mayor Ana Torres said on Tuesday. "
        "\u201cThe repairs will take at least six weeks and cost millions,\u201d the River "
        "Gazette reported on Monday."
    )
    story = builder.story([{"outlet": "wire", "title": "Bridge stays shut", "text": text}])
    with builder.store.session() as s:
        speakers = [g["speaker"] for g in analyze_story(s, story, now=T0)["sources"]]
    assert "Ana Torres" in speakers
    assert not any(name and "Gazette" in name for name in speakers)


@pytest.mark.parametrize("order", ["pair first", "pair last"])
def test_relinked_timelines_do_not_depend_on_the_analysis_order(
    builder: StoryBuilder, order: str
) -> None:
    # two stories share "Lukashenko", "Minsk" and "John Coale"; 21 more stories name
    # Lukashenko in Minsk, which makes those two a common subject of the window, so the
    # pair shares one subject only and is no timeline link. Analysed first, the pair saw
    # too few stories to know that and was linked.
    builder.outlet("wire", "center")
    old = _envoy_visit(builder)
    new = _wire_story(
        builder,
        "Prisoners pardoned",
        "Lukashenko pardoned prisoners in Minsk after talks with John Coale.",
    )
    fillers = [
        _wire_story(
            builder,
            f"Harvest report number {n}",
            f"On Monday Lukashenko spoke in Minsk about harvest number {n}.",
            days_ago=1 + n,
        )
        for n in range(21)
    ]
    pair = [old, new]
    for story_id in [*pair, *fillers] if order == "pair first" else [*fillers, *pair]:
        with builder.store.session() as s:
            analyze_story(s, story_id, now=T0)

    def timelines() -> dict[int, list[int]]:
        with builder.store.session() as s:
            return {
                story.id: [t["story_id"] for t in story.analysis["timeline"]]
                for story in s.query(Story)
            }

    if order == "pair first":
        assert old in timelines()[new]  # the order-dependent link the pass removes
    with builder.store.session() as s:
        assert relink_timelines(s, Settings(), limit=100) == len(pair) + len(fillers)
    with builder.store.session() as s:
        assert relink_timelines(s, Settings(), limit=100) == 0  # each story once
    assert timelines() == {story_id: [] for story_id in [*pair, *fillers]}
