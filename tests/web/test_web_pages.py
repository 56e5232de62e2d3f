"""HTML pages over a filled store, through the in-process client."""

from __future__ import annotations

import html
import json
import re
from datetime import timedelta

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import update
from web_world import NOW, World

from newsprism.config import Settings
from newsprism.store.db import Store
from newsprism.store.schema import Article, Story
from newsprism.web.app import create_app


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_story_without_brief_lists_articles_grouped_by_lean(
    client: TestClient, world: World
) -> None:
    html = client.get(f"/story/{world.bare_story}").text
    assert '<h1 id="story-title">Storm closes schools across the coast</h1>' in html
    coverage = html.split('id="h-coverage"', 1)[1].split("</section>", 1)[0]
    left = coverage.index(">Left <")
    right = coverage.index(">Right <")
    assert left < coverage.index("Storm coverage by leftwire") < right
    assert right < coverage.index("Storm coverage by right-report")
    assert "Summary" not in _text(html).split("Coverage by lean")[0].split("Share")[-1]
    # one heading per section (the lean bar's hidden heading is "Coverage by lean"), and a
    # quotation without a named speaker is not listed
    assert _text(html).count("Coverage by lean") == 1
    sources = html.split('id="h-sources"', 1)[1].split("</section>", 1)[0]
    assert "Dana Reyes" in sources
    assert "Stay home." in sources
    assert "Unattributed" not in html
    assert "Nobody saw it coming." not in html
    assert "Winds reached 90 mph" not in html  # a reported sentence is no quotation
    assert "Bias comparison" not in html  # no side has framing terms


def test_story_page_has_every_section_in_seed_order(client: TestClient, world: World) -> None:
    text = _text(client.get(f"/story/{world.story}").text)
    order = [
        "Belarus frees 123 prisoners as US eases sanctions",
        "Summary",
        "Full story",
        "Why this story matters",
        "Context corner",
        "Diverging views",
        "Global impact",
        "Sources",
        "Bias comparison",
        "Media landscape",
        "Key points from the Left",
        "Key points from the Center",
        "Key points from the Right",
        "Timeline",
        "Cited articles",
        "More from World",
    ]
    positions = [text.index(label) for label in order]
    assert positions == sorted(positions)
    for shown in ("#Belarus", "#PoliticalPrisoners", "Share on X", "Copy link", "8 total sources"):
        assert shown in text


def test_a_diverging_view_says_whose_it_is(client: TestClient, world: World) -> None:
    # replayed pages gave three sentences under Diverging views with nothing to say which
    # side each came from
    html = client.get(f"/story/{world.story}").text
    section = html[html.index('id="h-div"') : html.index("</section>", html.index('id="h-div"'))]
    assert 'class="badge lean-left-badge">Left</span>' in section


def test_story_page_without_analysis_builds_landscape_from_articles(
    client: TestClient, world: World
) -> None:
    html = client.get(f"/story/{world.bare_story}").text
    landscape = html.split('id="landscape"', 1)[1].split("</section>", 1)[0]
    assert "2 total sources" in landscape
    right_bar = landscape.split('id="bar-right"', 1)[1].split("</details>", 1)[0]
    assert "Storm coverage by right-report" in right_bar


def test_citations_are_numbered_in_page_order_with_source_and_outlet(
    client: TestClient, world: World
) -> None:
    html = client.get(f"/story/{world.story}").text
    summary = html.split('id="h-summary"', 1)[1].split("</section>", 1)[0]
    numbers = re.findall(r'href="#ref-(\d+)"', summary)
    assert numbers == ["1", "2", "3"]
    assert "Belarus released 123 prisoners on Saturday." in summary
    assert "— Center Post" in summary
    refs = html.split('id="h-refs"', 1)[1]
    assert re.search(r'id="ref-1" value="1">\s*<a href="[^"]+/center-post.html"', refs)


def test_story_page_carries_opengraph_twitter_and_json_ld(client: TestClient, world: World) -> None:
    html = client.get(f"/story/{world.story}").text
    assert (
        '<meta property="og:title" content="Belarus frees 123 prisoners as US eases sanctions">'
        in html
    )
    assert '<meta name="twitter:card" content="summary">' in html
    block = html.split('<script type="application/ld+json">', 1)[1].split("</script>", 1)[0]
    data = json.loads(block)
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == "Belarus frees 123 prisoners as US eases sanctions"
    assert data["url"].endswith(f"/story/{world.story}/belarus-frees-123-prisoners")
    assert len(data["citation"]) == 7


def test_merged_story_redirects_to_the_story_it_joined(
    client: TestClient, world: World, sqlite_store: Store
) -> None:
    with sqlite_store.session() as s:
        s.execute(
            update(Story).where(Story.id == world.other_stories[0]).values(merged_into=world.story)
        )
    response = client.get(f"/story/{world.other_stories[0]}", follow_redirects=False)
    assert response.status_code == 301
    assert response.headers["location"] == f"/story/{world.story}"


def test_unknown_story_is_a_404_page(client: TestClient) -> None:
    response = client.get("/story/99999")
    assert response.status_code == 404
    assert "No such story" in response.text


def test_home_orders_top_stories_by_trending_score(client: TestClient) -> None:
    html = client.get("/").text
    top = html.split('id="h-top"', 1)[1].split("</section>", 1)[0]
    titles = re.findall(r'class="card-title"><a href="[^"]+">([^<]+)</a>', top)
    assert titles[:2] == [
        "Belarus frees 123 prisoners in bid to improve US relations",
        "Storm closes schools across the coast",
    ]


def test_home_shows_blindspots_and_category_navigation(client: TestClient) -> None:
    html = client.get("/").text
    side = html.split('id="h-blind"', 1)[1].split("</section>", 1)[0]
    assert "Storm closes schools" in side
    assert "Belarus" not in side
    assert '<a href="/category/world">World</a>' in html
    assert '<a href="/category/weather">Weather</a>' in html


def test_hashtag_page_lists_stories_with_that_tag_in_any_case(client: TestClient) -> None:
    text = _text(client.get("/tag/belarus").text)
    assert "Belarus frees 123 prisoners" in text
    assert "World story number 0" in text
    assert "World story number 1" not in text


def test_category_page_paginates(settings: Settings, sqlite_store: Store, world: World) -> None:
    with sqlite_store.session() as s:
        for k in range(25):
            s.add(
                Story(
                    title=f"Science story {k:02d}",
                    slug=f"science-{k}",
                    category="science",
                    first_seen=NOW - timedelta(hours=k),
                    last_updated=NOW - timedelta(hours=k),
                    n_articles=1,
                    n_outlets=1,
                )
            )
    client = TestClient(create_app(settings.model_copy(update={"web_page_size": 10}), sqlite_store))
    first = client.get("/category/science").text
    third = client.get("/category/science?page=3").text
    assert first.count('class="card-title"') == 10
    assert third.count('class="card-title"') == 5
    assert "Page 3 of 3" in third
    assert 'rel="prev" href="/category/science?page=2"' in third
    assert 'rel="next"' not in third


def test_outlet_page_shows_rating_provenance_and_articles(client: TestClient) -> None:
    text = _text(client.get("/outlet/center-post").text)
    assert "Center, rated by AllSides (as of 2025-06)" in text
    assert "High, rated by Media Bias/Fact Check" in text
    assert "Center Post reports: Belarus releases prisoners" in text
    assert "Stories covered" in text


def test_outlet_page_shows_owner_type_chain_and_source(client: TestClient) -> None:
    text = html.unescape(_text(client.get("/outlet/center-post").text))
    assert (
        "Center Post Holdings (corporate); above it: Big Media Group > Founder Family. "
        "Source: Wikipedia (as of 2024-06)"
    ) in text
    assert "Owner Unknown" in _text(client.get("/outlet/indie-blog").text)


def test_story_page_shows_coverage_by_owner_type(client: TestClient, world: World) -> None:
    text = _text(client.get(f"/story/{world.story}").text)
    assert "Coverage by owner type" in text
    assert "Non-profit 1 outlet (12 %) : Left Wire" in text
    assert "Owner unknown 5 outlets (62 %)" in text


def test_unrated_outlet_page_says_it_shows_as_other(client: TestClient) -> None:
    text = _text(client.get("/outlet/indie-blog").text)
    assert "Unrated: shown as “Other” on story pages" in text


def test_outside_links_with_script_scheme_become_inert(
    client: TestClient, world: World, sqlite_store: Store
) -> None:
    with sqlite_store.session() as s:
        s.execute(
            update(Article)
            .where(Article.id == world.articles["leftwire"])
            .values(url="javascript:alert(1)")
        )
    html = client.get(f"/story/{world.story}").text
    assert "javascript:" not in html


@pytest.mark.parametrize("visit", ["first", "cached"])
def test_responses_carry_security_headers(client: TestClient, world: World, visit: str) -> None:
    response = client.get(f"/story/{world.story}")
    if visit == "cached":  # the second visit is answered by the fast path
        response = client.get(f"/story/{world.story}")
    csp = response.headers["content-security-policy"]
    assert "script-src 'self'" in csp
    assert "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["x-frame-options"] == "DENY"


def test_widget_may_be_framed_by_other_sites(client: TestClient, world: World) -> None:
    response = client.get(f"/embed/story/{world.story}")
    assert "frame-ancestors *" in response.headers["content-security-policy"]
    assert "x-frame-options" not in response.headers
    assert "Belarus frees 123 prisoners as US eases sanctions" in response.text


def test_search_page_shows_matching_story_and_articles(client: TestClient) -> None:
    text = _text(client.get("/search", params={"q": "prisoners"}).text)
    assert "Results for “prisoners”" in text
    assert "Belarus frees 123 prisoners in bid to improve US relations" in text
    assert "Left Wire reports: Belarus releases prisoners" in text


def test_timeline_links_related_stories(client: TestClient, world: World) -> None:
    html = client.get(f"/story/{world.story}").text
    timeline = html.split('id="h-timeline"', 1)[1].split("</section>", 1)[0]
    assert f'<a href="/story/{world.other_stories[0]}">World story number 0</a>' in timeline


def test_head_requests_get_headers_without_body(client: TestClient, world: World) -> None:
    for path in ("/", f"/story/{world.story}", "/feed.rss"):
        response = client.head(path)
        assert response.status_code == 200, path
        assert response.content == b""
        assert "content-security-policy" in response.headers
    assert client.head(f"/story/{world.story}").headers["etag"].startswith('W/"')


def test_key_players_and_international_reactions_render_with_citations(
    client: TestClient, world: World, sqlite_store: Store
) -> None:
    from newsprism.store.schema import Brief

    aid = world.articles["center-post"]
    with sqlite_store.session() as s:
        brief = s.query(Brief).filter_by(story_id=world.story).one()
        cite = {"article_id": aid, "quote_span": [0, 10], "field": "text", "source": "x"}
        player = {"text": "Envoy John Coale", "speaker": "John Coale", "citations": [cite]}
        # a role that does not name the player keeps the name in front of it
        other = {"text": "the U.S. envoy", "speaker": "Mary Roe", "citations": [cite]}
        reaction = {
            "text": "Lithuania's government said it welcomed the release.",
            "heading": "Lithuania",
            "citations": [cite],
        }
        brief.sections = {
            **brief.sections,
            "key_players": [player, other],
            "international_reactions": [reaction],
        }
    text = _text(client.get(f"/story/{world.story}").text)
    # the role names the player already: no "John Coale: Envoy John Coale" echo
    assert "Key players Envoy John Coale" in text
    assert "Mary Roe : the U.S. envoy" in text
    assert "International reactions Lithuania Lithuania's government said" in html.unescape(text)
    data = client.get(f"/api/v1/stories/{world.story}").json()
    assert data["brief"]["sections"]["key_players"][0]["citations"][0]["n"] >= 1
