"""Full-text search on SQLite FTS5 and PostgreSQL, from the 0002 migration."""

from __future__ import annotations

from sqlalchemy import update
from web_world import build_world

from newsprism.store.db import Store
from newsprism.store.schema import Article, Story
from newsprism.web.data import Page, search_data, stories_data
from newsprism.web.search import fts5_query, tsquery_text


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


def test_search_matches_a_prefix_of_the_last_word(any_store: Store) -> None:
    world = build_world(any_store)
    with any_store.session() as s:
        partial = search_data(s, "prisoners Bela", Page(1, 20))
        inner = search_data(s, "Bela prisoners", Page(1, 20))
    assert partial["stories"][0]["id"] == world.story
    assert len(partial["articles"]) == 8
    # only the last word is a prefix: "bela" alone as a first word matches nothing
    assert inner["stories"] == []
    assert inner["articles"] == []


def test_search_ranks_a_title_match_above_a_body_match(any_store: Store) -> None:
    build_world(any_store)
    # the title match is the older row: only its rank puts it first
    with any_store.session() as s:
        s.add(
            Article(
                url="https://x.example/1",
                canonical_url="https://x.example/1",
                title="Quokka census counts record numbers",
                text="Counting went well.",
            )
        )
        s.add(
            Article(
                url="https://x.example/2",
                canonical_url="https://x.example/2",
                title="Markets calm",
                text="A quiet day; the quokka census came later.",
            )
        )
    with any_store.session() as s:
        result = search_data(s, "quokka", Page(1, 20))
    assert [a["title"] for a in result["articles"]] == [
        "Quokka census counts record numbers",
        "Markets calm",
    ]


def test_tsquery_text_keeps_only_words() -> None:
    assert tsquery_text("Belarus & !prisoners:*") == "belarus & prisoners:*"
    assert tsquery_text("'; --") == ""


def test_postgres_search_reads_a_stored_indexed_vector(pg_store: Store) -> None:
    from sqlalchemy import text

    build_world(pg_store)
    with pg_store.session() as s:
        kinds = dict(
            s.execute(
                text(
                    "SELECT table_name, is_generated FROM information_schema.columns "
                    "WHERE column_name = 'search_fts'"
                )
            ).all()
        )
        indexes = set(
            s.scalars(
                text(
                    "SELECT indexname FROM pg_indexes "
                    "WHERE indexdef LIKE '%USING gin (search_fts)%'"
                )
            )
        )
    assert kinds == {"article": "ALWAYS", "story": "ALWAYS"}
    assert indexes == {"ix_article_search_fts", "ix_story_search_fts"}
