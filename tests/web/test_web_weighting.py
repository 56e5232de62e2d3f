"""The reader's citation weighting: ``?weighting=coverage|balanced`` on the story page and
the API (issue 15 item 9). The page says which it shows; the two never share a cache entry."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from web_world import World

from newsprism.store.db import Store
from newsprism.store.schema import Brief
from newsprism.web.fastpath import query_weighting

BALANCED_LINE = "Ales Bialiatski walked out of prison with 122 others."
COVERAGE_LINE = "Ales Bialiatski and Maria Kolesnikova were freed."
OUTLETS = {"left": 7, "center": 1, "right": 2}


def _weigh(store: Store, story_id: int, *, variant: bool = True) -> None:
    """Mark the world's brief coverage-weighted (7/1/2 outlets), with a balanced variant."""
    with store.session() as s:
        brief = s.scalars(select(Brief).where(Brief.story_id == story_id)).one()
        stats: dict[str, Any] = {
            "weighting": "coverage",
            "side_outlets": OUTLETS,
            "side_shares": {"left": 0.7, "center": 0.1, "right": 0.2},
        }
        if variant:
            balanced = copy.deepcopy(brief.sections)
            balanced["summary"][1]["text"] = BALANCED_LINE
            brief.variants = {"balanced": balanced}
            stats["variants"] = {"balanced": {"sentences": 20, "dropped": 0}}
        brief.stats = stats


@pytest.fixture
def weighed(client: TestClient, world: World, sqlite_store: Store) -> World:
    _weigh(sqlite_store, world.story)
    return world


def test_story_page_says_citations_follow_coverage_and_links_to_balanced(
    client: TestClient, weighed: World
) -> None:
    page = client.get(f"/story/{weighed.story}")
    assert page.status_code == 200
    assert "Citations follow coverage: 7 left, 1 center, 2 right outlets" in page.text
    assert "?weighting=balanced#weighting" in page.text
    assert "Show balanced" in page.text
    assert COVERAGE_LINE in page.text
    assert BALANCED_LINE not in page.text


def test_balanced_page_shows_the_balanced_variant_and_says_so(
    client: TestClient, weighed: World
) -> None:
    page = client.get(f"/story/{weighed.story}?weighting=balanced")
    assert page.status_code == 200
    assert "Citations balanced: equal turns for each side" in page.text
    assert "(7 left, 1 center, 2 right outlets)" in page.text
    assert BALANCED_LINE in page.text
    assert COVERAGE_LINE not in page.text
    # the way back is the plain page: the site's default needs no parameter
    back = f'<a href="/story/{weighed.story}/belarus-frees-123-prisoners#weighting" rel="nofollow">'
    assert back + "Show coverage-weighted</a>" in page.text


def test_each_weighting_has_its_own_cached_page_and_etag(
    client: TestClient, weighed: World
) -> None:
    url = f"/story/{weighed.story}"
    pages = {}
    for _ in range(3):  # the first renders, the later ones come from the cache and fast path
        for weighting, query in (("coverage", ""), ("balanced", "?weighting=balanced")):
            page = client.get(url + query)
            assert page.status_code == 200
            if weighting in pages:
                assert page.content == pages[weighting].content
            pages[weighting] = page
    assert pages["coverage"].headers["etag"] != pages["balanced"].headers["etag"]
    assert BALANCED_LINE in pages["balanced"].text
    assert BALANCED_LINE not in pages["coverage"].text
    explicit = client.get(url + "?weighting=coverage")
    assert explicit.headers["etag"] == pages["coverage"].headers["etag"]
    # a client holding the coverage page must not be told the balanced one is unchanged
    other = client.get(
        url + "?weighting=balanced", headers={"If-None-Match": pages["coverage"].headers["etag"]}
    )
    assert other.status_code == 200
    same = client.get(
        url + "?weighting=balanced", headers={"If-None-Match": pages["balanced"].headers["etag"]}
    )
    assert same.status_code == 304


def test_invalid_weighting_is_refused_like_other_bad_parameters(
    client: TestClient, weighed: World
) -> None:
    url = f"/story/{weighed.story}"
    client.get(url)  # cached: the fast path must still not answer a bad parameter
    for query in ("?weighting=loud", "?weighting=", "?weighting=balanced&weighting=coverage"):
        page = client.get(url + query)
        api = client.get(f"/api/v1/stories/{weighed.story}{query}")
        if query.count("weighting") == 2:
            # repeated: the last value wins, as everywhere in the app
            assert page.status_code == 200
            continue
        assert page.status_code == 422, query
        assert api.status_code == 422, query
        assert api.headers["content-type"].startswith("application/problem+json")
    assert client.get(f"/story/{weighed.story}?page=2&utm_source=x").status_code == 200


def test_api_story_reports_and_switches_the_weighting(client: TestClient, weighed: World) -> None:
    default = client.get(f"/api/v1/stories/{weighed.story}").json()["brief"]
    balanced = client.get(f"/api/v1/stories/{weighed.story}?weighting=balanced").json()["brief"]
    assert default["weighting"] == "coverage"
    assert default["side_outlets"] == OUTLETS
    assert default["weightings"] == ["coverage", "balanced"]
    assert default["weighting_links"]["balanced"].endswith("?weighting=balanced")
    assert balanced["weighting"] == "balanced"
    assert [s["text"] for s in balanced["sections"]["summary"]][1] == BALANCED_LINE
    assert [s["text"] for s in default["sections"]["summary"]][1] == COVERAGE_LINE


def test_brief_without_a_variant_shows_its_own_weighting_and_no_switch(
    client: TestClient, world: World, sqlite_store: Store
) -> None:
    _weigh(sqlite_store, world.story, variant=False)
    page = client.get(f"/story/{world.story}?weighting=balanced")
    assert page.status_code == 200
    assert "Citations follow coverage: 7 left, 1 center, 2 right outlets" in page.text
    assert "Show balanced" not in page.text
    assert "the same as balanced" not in page.text  # a lopsided story: not the same
    api = client.get(f"/api/v1/stories/{world.story}?weighting=balanced").json()["brief"]
    assert api["weighting"] == "coverage"
    assert api["weighting_links"] == {}


def test_a_story_whose_sides_have_as_many_outlets_says_balanced_is_the_same(
    client: TestClient, world: World, sqlite_store: Store
) -> None:
    _weigh(sqlite_store, world.story, variant=False)
    with sqlite_store.session() as s:
        brief = s.scalars(select(Brief).where(Brief.story_id == world.story)).one()
        brief.stats = {**brief.stats, "side_outlets": {"left": 2, "right": 2}}
    page = client.get(f"/story/{world.story}")
    assert "Citations follow coverage: 2 left, 2 right outlets" in page.text
    assert "the same as balanced here" in page.text
    assert "Show balanced" not in page.text


def test_fast_path_reads_the_weighting_as_the_route_does() -> None:
    assert query_weighting(b"", "coverage") == "coverage"
    assert query_weighting(b"utm_source=x", "coverage") == "coverage"
    assert query_weighting(b"weighting=balanced", "coverage") == "balanced"
    # an escaped name or value is still the parameter the route will read
    assert query_weighting(b"w%65ighting=balanced", "coverage") == "balanced"
    assert query_weighting(b"weighting=b%61lanced", "coverage") == "balanced"
    assert query_weighting(b"weighting=", "coverage") is None
    assert query_weighting(b"weighting=loud", "coverage") is None
