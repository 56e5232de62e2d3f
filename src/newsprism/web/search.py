"""Full-text search over stories and articles: SQLite FTS5 or PostgreSQL tsvector.

The indexes come from migration ``0002_search``; this module only queries them. User
input never reaches the FTS5 query language raw: it is reduced to word tokens, each
quoted, so ``"`` or ``NEAR(`` in a query cannot raise a syntax error.
"""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session

__all__ = ["fts5_query", "search_article_ids", "search_story_ids"]

_WORD = re.compile(r"\w+", re.UNICODE)
#: Longer queries add nothing but cost; 12 words covers any headline-like query.
MAX_TERMS = 12

PG_STORY_DOC = "to_tsvector('english', coalesce(title, '') || ' ' || coalesce(hashtags::text, ''))"
PG_ARTICLE_DOC = (
    "to_tsvector('english', coalesce(title, '') || ' ' || coalesce(summary, '') || ' ' "
    "|| coalesce(text, ''))"
)


def fts5_query(query: str) -> str:
    """Turn free text into an FTS5 MATCH: every word must occur; the last may be a prefix.

    Returns "" when the query holds no word at all.
    """
    words = _WORD.findall(query.lower())[:MAX_TERMS]
    if not words:
        return ""
    quoted = [f'"{w}"' for w in words]
    quoted[-1] += "*"
    return " ".join(quoted)


def _ids(session: Session, sql: str, params: dict[str, Any]) -> tuple[list[int], int]:
    rows = session.execute(text(sql), params).all()
    total = int(rows[0][1]) if rows else 0
    return [int(r[0]) for r in rows], total


def _search(
    session: Session, query: str, sqlite_sql: str, pg_sql: str, limit: int, offset: int
) -> tuple[list[int], int]:
    if session.get_bind().dialect.name == "sqlite":
        match = fts5_query(query)
        sql, params = sqlite_sql, {"q": match}
    else:
        match = query if _WORD.search(query) else ""
        sql, params = pg_sql, {"q": query}
    if not match:
        return [], 0
    return _ids(session, sql, {**params, "limit": limit, "offset": offset})


# FTS5 auxiliary functions (bm25) cannot share a SELECT with a window function, hence the
# inner SELECT. Article bm25 weights title 10×, summary 3×, body 1×: a query naming an
# event should surface the articles whose headline names it.
_SQLITE_STORIES = (
    "SELECT id, count(*) OVER () FROM ("
    "SELECT s.id AS id, bm25(story_fts) AS score, s.last_updated AS updated "
    "FROM story_fts JOIN story s ON s.id = story_fts.rowid "
    "WHERE story_fts MATCH :q AND s.merged_into IS NULL) "
    "ORDER BY score, updated DESC LIMIT :limit OFFSET :offset"
)
_PG_STORIES = (
    f"SELECT id, count(*) OVER () FROM story, websearch_to_tsquery('english', :q) q "
    f"WHERE {PG_STORY_DOC} @@ q AND merged_into IS NULL "
    f"ORDER BY ts_rank({PG_STORY_DOC}, q) DESC, last_updated DESC "
    "LIMIT :limit OFFSET :offset"
)
_SQLITE_ARTICLES = (
    "SELECT id, count(*) OVER () FROM ("
    "SELECT rowid AS id, bm25(article_fts, 10.0, 3.0, 1.0) AS score FROM article_fts "
    "WHERE article_fts MATCH :q) ORDER BY score, id DESC LIMIT :limit OFFSET :offset"
)
_PG_ARTICLES = (
    f"SELECT id, count(*) OVER () FROM article, websearch_to_tsquery('english', :q) q "
    f"WHERE {PG_ARTICLE_DOC} @@ q "
    f"ORDER BY ts_rank({PG_ARTICLE_DOC}, q) DESC, id DESC LIMIT :limit OFFSET :offset"
)


def search_story_ids(
    session: Session, query: str, *, limit: int, offset: int
) -> tuple[list[int], int]:
    """Find live (not merged) stories matching *query*: ids best first, and the total."""
    return _search(session, query, _SQLITE_STORIES, _PG_STORIES, limit, offset)


def search_article_ids(
    session: Session, query: str, *, limit: int, offset: int
) -> tuple[list[int], int]:
    """Find articles matching *query* in title, summary or text: ids best first, and the total."""
    return _search(session, query, _SQLITE_ARTICLES, _PG_ARTICLES, limit, offset)
