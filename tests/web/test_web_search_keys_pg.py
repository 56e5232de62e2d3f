"""PostgreSQL prefix keys (migration 0009): ``search_keys`` and the search that reads them.

The GIN over ``search_keys(search_fts)`` holds every lexeme and its 3–6 character prefixes
(marked); ``search_article_ids`` matches a prefix through its key when it has one, and
through the 0006 tsvector GIN or a test of the row otherwise. These tests check the keys
themselves, the migration both ways, prefix matching at each length, and that SQLite
FTS5 and PostgreSQL find the same articles. They need the PostgreSQL server of the test
suite (skipped, naming it, when none answers).
"""

from __future__ import annotations

import itertools
import random

import pytest
from sqlalchemy import text

from newsprism.store.db import Store, alembic_config
from newsprism.web import search
from newsprism.web.search import search_article_ids

MARK = search.PREFIX_MARK


def _add_articles(store: Store, docs: list[tuple[str, str]]) -> list[int]:
    """Insert (title, text) articles in order and ANALYZE; their ids."""
    ids = []
    with store.session() as s:
        for i, (title, body) in enumerate(docs):
            ids.append(
                int(
                    s.execute(
                        text(
                            "INSERT INTO article (url, canonical_url, title, summary, text, "
                            "categories, partial, status, attempts) VALUES "
                            "(:u, :u, :t, '', :x, '[]', false, 'clustered', 0) RETURNING id"
                        ),
                        {"u": f"https://k.example/{i}", "t": title, "x": body},
                    ).scalar_one()
                )
            )
    if not store.is_sqlite:
        with store.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(text("ANALYZE article"))
    return ids


def _found(store: Store, query: str) -> set[int]:
    with store.session() as s:
        ids, total = search_article_ids(s, query, limit=500, offset=0)
    assert total == len(ids)
    return set(ids)


def _ways(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Record the way each searched range was read."""
    used: list[str] = []
    real = search._step_sql

    def spy(table: search._PgTable, how: str, *rest: bool) -> str:
        used.append(how)
        return real(table, how, *rest)

    monkeypatch.setattr(search, "_step_sql", spy)
    return used


def test_search_keys_hold_each_lexeme_and_its_marked_prefixes(pg_store: Store) -> None:
    with pg_store.session() as s:
        keys = s.scalar(text("SELECT search_keys(to_tsvector('english', 'Immigration to Oslo'))"))
    # stemmed lexemes "immigr" and "oslo"; prefixes of 3..6 characters, never longer
    assert set(keys) == {
        "immigr",
        "oslo",
        *(MARK + p for p in ("imm", "immi", "immig", "immigr", "osl", "oslo")),
    }


def test_prefix_of_three_to_six_characters_is_read_from_its_key(
    pg_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    ids = _add_articles(
        pg_store,
        [("Immigration rules change", "x"), ("Immune systems", "y"), ("Oslo weather", "z")],
    )
    used = _ways(monkeypatch)
    # "belt" finds nothing; "imm" both im- words; "immig" only immigration
    assert _found(pg_store, "imm") == {ids[0], ids[1]}
    assert _found(pg_store, "immig") == {ids[0]}
    assert _found(pg_store, "rules immig") == {ids[0]}
    assert _found(pg_store, "belt") == set()
    assert set(used) == {"keys"}


def test_prefix_longer_than_its_key_is_tested_on_the_row(
    pg_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    # read through the keys (a tiny table might be scanned)
    monkeypatch.setattr(search, "_choose", lambda *a: "keys" if a[5] is not None else "gin")
    used = _ways(monkeypatch)
    ids = _add_articles(
        pg_store,
        [("Kristiansand port", "a"), ("Kristianstad fair", "b"), ("Kristin sings", "c")],
    )
    # all three share the key of "kristi"; only the row test tells the rest apart
    assert _found(pg_store, "kristians") == {ids[0], ids[1]}
    assert _found(pg_store, "kristiansa") == {ids[0]}
    assert _found(pg_store, "kristi") == set(ids)
    assert _found(pg_store, "port kristianst") == set()
    assert set(used) == {"keys"}


def test_two_character_prefix_matches_as_documented(
    pg_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Prefixes under three characters have no key: they are still prefixes (docs/web.md),
    read from the tsvector's GIN or by testing rows."""
    ids = _add_articles(pg_store, [("Oslo talks", "a"), ("Osaka fair", "b"), ("Paris", "c")])
    used = _ways(monkeypatch)
    assert _found(pg_store, "os") == {ids[0], ids[1]}
    assert _found(pg_store, "talks os") == {ids[0]}
    assert "keys" not in used


def test_a_whole_word_never_matches_a_prefix_key(pg_store: Store) -> None:
    """The mark keeps the prefix key of "osl" apart from a lexeme "osl"."""
    ids = _add_articles(pg_store, [("Osl notes", "a"), ("Oslo notes", "b")])
    # "osl" as a whole (first) word is the lexeme, found only where the word is
    assert _found(pg_store, "osl notes") == {ids[0]}
    # as the last word it is a prefix: both
    assert _found(pg_store, "notes osl") == {ids[0], ids[1]}


def test_search_ranks_title_matches_first_through_the_keys(pg_store: Store) -> None:
    ids = _add_articles(
        pg_store,
        [("Quokka census", "counting"), ("Weather", "a quokka seen"), ("Quokkas", "more")],
    )
    with pg_store.session() as s:
        found, total = search_article_ids(s, "quok", limit=20, offset=0)
    assert total == 3
    # title (weight A) matches first, newest first on a tie; the body match last
    assert found == [ids[2], ids[0], ids[1]]


def test_migration_0009_downgrades_and_upgrades_again(pg_store: Store) -> None:
    from alembic import command

    ids = _add_articles(pg_store, [("Immigration rules", "a"), ("Oslo", "b")])
    cfg = alembic_config(pg_store.url)
    command.downgrade(cfg, "0008")
    with pg_store.session() as s:
        gone = s.scalar(
            text(
                "SELECT (SELECT count(*) FROM pg_proc WHERE proname = 'search_keys')"
                " + (SELECT count(*) FROM pg_class WHERE relname LIKE '%search_fts_keys')"
            )
        )
    assert gone == 0
    # without the keys the search reads the 0006 tsvector GIN: same hits
    assert _found(pg_store, "immig") == {ids[0]}
    pg_store.upgrade()
    with pg_store.session() as s:
        indexes = s.scalars(
            text(
                "SELECT relname FROM pg_class WHERE relname LIKE 'ix_%_search_fts_keys' ORDER BY 1"
            )
        ).all()
    assert indexes == ["ix_article_search_fts_keys", "ix_story_search_fts_keys"]
    assert _found(pg_store, "immig") == {ids[0]}


def _documents(seed: int, n: int) -> list[tuple[str, str]]:
    """Made-up words both stemmers leave whole (consonant + a/o/u syllables), Zipf-drawn.

    No d, s, t: their prefixes would include English stop words ("do", "so", "to"), which
    PostgreSQL drops from a query and FTS5 does not.
    """
    rng = random.Random(seed)
    syllables = [c + v for c in "bgkmprv" for v in "aou"]
    vocab = sorted({"".join(rng.choices(syllables, k=3)) for _ in range(400)})
    cum = list(itertools.accumulate(1.0 / r for r in range(1, len(vocab) + 1)))
    return [
        tuple(" ".join(rng.choices(vocab, cum_weights=cum, k=k)) for k in (5, 25))  # type: ignore[misc]
        for _ in range(n)
    ]


def test_sqlite_and_postgresql_find_the_same_articles(sqlite_store: Store, pg_store: Store) -> None:
    docs = _documents(seed=12, n=150)  # fewer than RANK_WINDOW: every match is returned
    lite_ids = _add_articles(sqlite_store, docs)
    pg_ids = _add_articles(pg_store, docs)
    words = sorted({w for title, body in docs for w in f"{title} {body}".split()})
    queries = [
        *(w[:n] for w in words[::25] for n in (2, 3, 4, 6)),
        *(f"{a} {b[:4]}" for a, b in zip(words[::40], words[7::40], strict=False)),
    ]
    matched = 0
    for query in queries:
        lite = {lite_ids.index(i) for i in _found(sqlite_store, query)}
        pg = {pg_ids.index(i) for i in _found(pg_store, query)}
        assert lite == pg, query
        matched += bool(pg)
    assert matched > len(queries) // 2
