"""Full-text search on SQLite FTS5 and PostgreSQL, from the 0002 migration."""

from __future__ import annotations

from sqlalchemy import update
from web_world import build_world

from newsprism.store.db import Store
from newsprism.store.schema import Article, Story
from newsprism.web.data import Page, search_data, stories_data
from newsprism.web.search import fts5_query


def test_search_finds_story_and_articles(any_store: Store) -> None:
    world = build_world(any_store)
    with any_store.session() as s:
        result = search_data(s, "prisoners Belarus", Page(1, 20))
    assert result["stories"][0]["id"] == world.story
    assert len(result["articles"]) == 8


def test_search_sees_updated_titles(any_store: Store) -> None:
    world = build_world(any_store)
    with any_store.session() as s:
        s.execute(update(Story).where(Story.id == world.bare_story).values(title="Hurricane Zelda"))
        s.execute(
            update(Article)
            .where(Article.id == world.articles["center-post"])
            .values(title="Zelda makes landfall")
        )
    with any_store.session() as s:
        result = search_data(s, "zelda", Page(1, 20))
        stale = search_data(s, "storm closes", Page(1, 20))
    assert [x["id"] for x in result["stories"]] == [world.bare_story]
    assert [a["id"] for a in result["articles"]] == [world.articles["center-post"]]
    assert stale["stories"] == []


def test_search_survives_query_syntax_characters(any_store: Store) -> None:
    world = build_world(any_store)
    for query in ('"', "NEAR(", "a AND OR", "*", "prisoners)", "'; drop table story; --"):
        with any_store.session() as s:
            result = search_data(s, query, Page(1, 20))
        assert isinstance(result["stories"], list), query
    with any_store.session() as s:
        found = search_data(s, "prisoners)", Page(1, 20))
    assert found["stories"][0]["id"] == world.story
    assert any_store.count(Story) == 5


def test_hashtag_filter_matches_with_or_without_hash(any_store: Store) -> None:
    world = build_world(any_store)
    with any_store.session() as s:
        plain = stories_data(s, Page(1, 20), hashtag="humanrights")
        hashed = stories_data(s, Page(1, 20), hashtag="#HumanRights")
    assert [x["id"] for x in plain["stories"]] == [world.story]
    assert plain["stories"] == hashed["stories"]


def test_fts5_query_quotes_words_and_prefixes_the_last() -> None:
    assert fts5_query('Belarus "prisoners') == '"belarus" "prisoners"*'
    assert fts5_query("!!!") == ""


def test_search_migration_downgrades_and_upgrades_again(any_store: Store) -> None:
    from alembic import command

    from newsprism.store.db import alembic_config

    world = build_world(any_store)
    cfg = alembic_config(any_store.url)
    command.downgrade(cfg, "0001")
    assert any_store.current_revision() == "0001"
    any_store.upgrade()
    with any_store.session() as s:
        result = search_data(s, "storm", Page(1, 20))
    assert [x["id"] for x in result["stories"]] == [world.bare_story]
