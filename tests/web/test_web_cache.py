"""Story pages revalidate with ETag / Last-Modified and change when the story changes."""

from __future__ import annotations

from datetime import timedelta

from fastapi.testclient import TestClient
from sqlalchemy import update
from web_world import NOW, World, build_world

from newsprism.config import Settings
from newsprism.store.db import Store
from newsprism.store.schema import Brief, Story
from newsprism.web.app import create_app


def test_story_page_answers_304_to_its_own_etag(client: TestClient, world: World) -> None:
    first = client.get(f"/story/{world.story}")
    again = client.get(f"/story/{world.story}", headers={"If-None-Match": first.headers["etag"]})
    assert again.status_code == 304
    assert again.content == b""


def test_story_page_answers_304_to_if_modified_since(client: TestClient, world: World) -> None:
    first = client.get(f"/story/{world.story}")
    again = client.get(
        f"/story/{world.story}", headers={"If-Modified-Since": first.headers["last-modified"]}
    )
    assert again.status_code == 304


def test_new_revision_invalidates_cached_story_page(
    client: TestClient, world: World, sqlite_store: Store
) -> None:
    first = client.get(f"/story/{world.story}")
    with sqlite_store.session() as s:
        s.execute(
            update(Story)
            .where(Story.id == world.story)
            .values(title="Belarus frees more prisoners", revision=4, last_updated=NOW)
        )
        s.execute(update(Brief).where(Brief.story_id == world.story).values(sections={}))
    again = client.get(f"/story/{world.story}", headers={"If-None-Match": first.headers["etag"]})
    assert again.status_code == 200
    assert again.headers["etag"] != first.headers["etag"]
    assert '<h1 id="story-title">Belarus frees more prisoners</h1>' in again.text


def test_new_brief_version_invalidates_cached_story_page(
    client: TestClient, world: World, sqlite_store: Store
) -> None:
    first = client.get(f"/story/{world.story}")
    with sqlite_store.session() as s:
        s.add(
            Brief(
                story_id=world.story,
                version=2,
                generated_at=NOW + timedelta(seconds=1),
                synthesizer="llm",
                sections={
                    "headline": [
                        {
                            "text": "Second brief headline",
                            "citations": [
                                {
                                    "article_id": world.articles["center-post"],
                                    "quote_span": [0, 5],
                                    "field": "title",
                                    "source": "Center",
                                }
                            ],
                        }
                    ]
                },
            )
        )
    second = client.get(f"/story/{world.story}")
    assert second.headers["etag"] != first.headers["etag"]
    assert "Second brief headline" in second.text
    assert "brief by the llm synthesizer" in second.text


def test_unchanged_story_serves_identical_cached_body(client: TestClient, world: World) -> None:
    first = client.get(f"/story/{world.story}")
    second = client.get(f"/story/{world.story}")
    assert first.headers["etag"] == second.headers["etag"]
    assert first.content == second.content


def test_story_page_revalidates_and_invalidates_on_both_stores(
    settings: Settings, any_store: Store
) -> None:
    world = build_world(any_store)
    client = TestClient(create_app(settings, any_store))
    first = client.get(f"/story/{world.story}")
    assert first.status_code == 200
    assert "Belarus frees 123 prisoners as US eases sanctions" in first.text
    etag = first.headers["etag"]
    assert client.get(f"/story/{world.story}", headers={"If-None-Match": etag}).status_code == 304
    with any_store.session() as s:
        s.execute(update(Story).where(Story.id == world.story).values(revision=9))
    after = client.get(f"/story/{world.story}", headers={"If-None-Match": etag})
    assert after.status_code == 200
    assert after.headers["etag"] != etag
