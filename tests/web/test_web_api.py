"""/api/v1 JSON, feeds out (parsed back with feedparser), sitemap and robots.txt."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import Counter
from datetime import UTC, datetime

import feedparser
from alembic.script import ScriptDirectory
from fastapi.testclient import TestClient
from sqlalchemy import select
from web_world import World

from newsprism.store.db import Store, alembic_config
from newsprism.store.schema import Article, Outlet


def test_api_stories_lists_by_trending_with_pagination(client: TestClient, world: World) -> None:
    data = client.get("/api/v1/stories").json()
    assert [s["id"] for s in data["stories"]][:2] == [world.story, world.bare_story]
    assert data["pagination"] == {
        "page": 1,
        "per_page": 20,
        "total": 5,
        "pages": 1,
        "has_prev": False,
        "has_next": False,
    }
    assert data["stories"][0]["lean_counts"]["other"] == 1


def test_api_stories_filters_by_category_hashtag_and_blindspot(
    client: TestClient, world: World
) -> None:
    weather = client.get("/api/v1/stories", params={"category": "weather"}).json()
    tagged = client.get("/api/v1/stories", params={"hashtag": "#belarus"}).json()
    blind = client.get("/api/v1/stories", params={"blindspot": "true"}).json()
    assert [s["id"] for s in weather["stories"]] == [world.bare_story]
    assert {s["id"] for s in tagged["stories"]} == {world.story, world.other_stories[0]}
    assert [s["id"] for s in blind["stories"]] == [world.bare_story]


def test_api_story_has_numbered_citations_and_landscape(client: TestClient, world: World) -> None:
    data = client.get(f"/api/v1/stories/{world.story}").json()
    first = data["brief"]["sections"]["summary"][0]["citations"][0]
    assert first["n"] == 1
    assert first["outlet"] == "Center Post"
    assert data["references"][0]["id"] == world.articles["center-post"]
    bars = {b["bucket"]: b["count"] for b in data["landscape"]["bars"]}
    assert bars == {"left": 2, "lean_left": 1, "center": 2, "lean_right": 1, "right": 1, "other": 1}
    assert data["headline"] == "Belarus frees 123 prisoners as US eases sanctions"


def test_api_story_counts_coverage_by_owner_type(client: TestClient, world: World) -> None:
    data = client.get(f"/api/v1/stories/{world.story}").json()
    rows = {r["owner_type"]: (r["count"], r["outlets"]) for r in data["landscape"]["owner_types"]}
    assert rows == {
        "unknown": (
            5,
            ["Heartland Herald", "Indie Blog", "Metro Times", "Progress Daily", "Right Report"],
        ),
        "corporate": (1, ["Center Post"]),
        "cooperative": (1, ["Wire Service"]),
        "non_profit": (1, ["Left Wire"]),
    }
    assert next(iter(rows)) == "unknown"  # largest first


def test_api_outlet_has_ownership_with_provenance(client: TestClient, world: World) -> None:
    outlet = client.get("/api/v1/outlets/center-post").json()["outlet"]
    assert outlet["owner"] == "Center Post Holdings"
    assert outlet["owner_type"] == "corporate"
    assert outlet["owner_chain"] == "Big Media Group > Founder Family"
    assert (outlet["owner_source"], outlet["owner_as_of"]) == ("Wikipedia", "2024-06")


def test_api_unknown_story_is_json_404(client: TestClient) -> None:
    response = client.get("/api/v1/stories/4242")
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json() == {
        "type": "http://127.0.0.1:8000/api#problem-not-found",
        "title": "Not Found",
        "status": 404,
        "detail": "No story 4242.",
        "instance": "/api/v1/stories/4242",
    }


def test_api_outlets_and_outlet(client: TestClient, sqlite_store: Store, world: World) -> None:
    outlets = client.get("/api/v1/outlets").json()
    assert [o["name"] for o in outlets["outlets"]][:2] == ["Center Post", "Heartland Herald"]
    with sqlite_store.session() as s:
        stored = Counter(
            s.scalars(select(Outlet.slug).join(Article, Article.outlet_id == Outlet.id))
        )
    assert {o["slug"]: o["articles"] for o in outlets["outlets"] if o["articles"]} == stored
    one = client.get("/api/v1/outlets/right-report").json()
    assert one["outlet"]["lean"] == "right"
    assert one["outlet"]["lean_source"] == "AllSides"
    assert [s["id"] for s in one["stories"]] == [world.bare_story, world.story]


def test_api_search_finds_articles_and_stories(client: TestClient, world: World) -> None:
    data = client.get("/api/v1/search", params={"q": "storm"}).json()
    assert [s["id"] for s in data["stories"]] == [world.bare_story]
    assert len(data["articles"]) == 2


def test_api_health_reports_counts_and_schema(client: TestClient) -> None:
    data = client.get("/api/v1/health").json()
    # a site over a filled store with no pipeline or worker running processes nothing
    assert data["status"] == "down"
    assert data["reasons"][0].startswith("no worker or pipeline heartbeat")
    head = ScriptDirectory.from_config(alembic_config("sqlite://")).get_current_head()
    assert data["schema_revision"] == head
    assert data["counts"] == {"outlets": 8, "articles": 10, "stories": 5, "briefs": 1}


def test_openapi_documents_every_api_route(client: TestClient) -> None:
    paths = set(client.get("/api/v1/openapi.json").json()["paths"])
    assert {
        "/api/v1/stories",
        "/api/v1/stories/{story_id}",
        "/api/v1/outlets",
        "/api/v1/outlets/{slug}",
        "/api/v1/search",
        "/api/v1/health",
    } <= paths
    page = client.get("/api").text
    assert "GET /api/v1/stories/{story_id}" in page


def test_rss_feed_parses_back_with_every_story(client: TestClient, world: World) -> None:
    response = client.get("/feed.rss")
    assert response.headers["content-type"].startswith("application/rss+xml")
    feed = feedparser.parse(response.content)
    assert not feed.bozo
    assert feed.version == "rss20"
    titles = [e.title for e in feed.entries]
    assert titles[0] == "Storm closes schools across the coast"
    assert len(titles) == 5
    assert feed.entries[1].link.endswith(f"/story/{world.story}/belarus-frees-123-prisoners")


def test_atom_feed_per_category_parses_back(client: TestClient) -> None:
    feed = feedparser.parse(client.get("/category/weather/feed.atom").content)
    assert not feed.bozo
    assert feed.version == "atom10"
    assert [e.title for e in feed.entries] == ["Storm closes schools across the coast"]


def test_hashtag_feed_holds_only_tagged_stories(client: TestClient) -> None:
    feed = feedparser.parse(client.get("/tag/PoliticalPrisoners/feed.rss").content)
    assert [e.title for e in feed.entries] == [
        "Belarus frees 123 prisoners in bid to improve US relations"
    ]


def test_unknown_feed_format_is_404(client: TestClient) -> None:
    assert client.get("/feed.json").status_code == 404


def test_sitemap_lists_story_pages_and_robots_points_to_it(
    client: TestClient, world: World
) -> None:
    root = ET.fromstring(client.get("/sitemap.xml").content)
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locs = [e.text for e in root.findall("s:url/s:loc", ns)]
    assert f"http://127.0.0.1:8000/story/{world.story}/belarus-frees-123-prisoners" in locs
    assert "http://127.0.0.1:8000/outlet/indie-blog" in locs
    robots = client.get("/robots.txt").text
    assert "Sitemap: http://127.0.0.1:8000/sitemap.xml" in robots


def test_api_health_names_the_newest_fetch_and_counts_by_status(
    client: TestClient, sqlite_store: Store, world: World
) -> None:
    stamps = [datetime(2026, 3, 1, 8, tzinfo=UTC), datetime(2026, 3, 1, 9, tzinfo=UTC)]
    with sqlite_store.session() as s:
        rows = s.scalars(select(Article).order_by(Article.id)).all()
        rows[-2].fetched_at, rows[-1].fetched_at = stamps
    data = client.get("/api/v1/health").json()
    assert (
        datetime.fromisoformat(data["newest_article_fetched_at"]).replace(tzinfo=UTC) == stamps[1]
    )
    assert sum(data["articles_by_status"].values()) == data["counts"]["articles"] == len(rows)
