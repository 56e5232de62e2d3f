"""Full-text search over stories and articles: SQLite FTS5 or PostgreSQL tsvector.

The indexes come from migrations ``0002_search`` (SQLite FTS5) and ``0006`` (PostgreSQL:
stored ``search_fts`` tsvector columns with GIN indexes); this module only queries them.
User input never reaches either query language raw: it is reduced to word tokens, so
``"``, ``NEAR(``, ``&`` or ``:*`` in a query cannot raise a syntax error. On both
databases every word must occur and the last one may be a prefix ("belar" finds Belarus).
"""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session

__all__ = ["fts5_query", "search_article_ids", "search_story_ids", "tsquery_text"]

_WORD = re.compile(r"\w+", re.UNICODE)
#: Longer queries add nothing but cost; 12 words covers any headline-like query.
MAX_TERMS = 12

#: Article search ranks at most this many matches, the newest, and shows the best of them
#: first; the total it reports is capped likewise (both databases; stories are few and
#: all ranked on SQLite). On PostgreSQL, ranking reads each candidate's stored
#: vector (~1.9 kB, TOASTed): 1,000 candidates cost ~25 ms, 200 ~5 ms (EXPLAIN ANALYZE on
#: 20k synthetic articles), and a common word walks fewer rows to fill the window.
RANK_WINDOW = 200


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


def tsquery_text(query: str) -> str:
    """Turn free text into a PostgreSQL ``to_tsquery`` string: words ANDed, the last a prefix.

    Only word characters survive, so no operator of the tsquery syntax can get in.
    Returns "" when the query holds no word at all.
    """
    words = _WORD.findall(query.lower())[:MAX_TERMS]
    if not words:
        return ""
    return " & ".join([*words[:-1], words[-1] + ":*"])


def _ids(session: Session, sql: str, params: dict[str, Any]) -> tuple[list[int], int]:
    rows = session.execute(text(sql), params).all()
    total = int(rows[0][1]) if rows else 0
    return [int(r[0]) for r in rows], total


def _search(
    session: Session, query: str, sqlite_sql: str, pg_sql: str, limit: int, offset: int
) -> tuple[list[int], int]:
    params: dict[str, Any]
    if session.get_bind().dialect.name == "sqlite":
        match = fts5_query(query)
        sql, params = sqlite_sql, {"q": match, "window": RANK_WINDOW}
    else:
        match = tsquery_text(query)
        sql, params = pg_sql, {"q": match, "window": RANK_WINDOW}
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
# PostgreSQL: the newest PG_RANK_WINDOW matches, then ranked by ts_rank over the stored
# vector (nothing is re-tokenised per query). The tsquery is written out, not a CTE, so
# the planner sees the words' frequencies: a rare word is read from the GIN index, a
# very common one by walking the primary key backwards until the window is full.
_PG_STORIES = (
    "SELECT id, count(*) OVER () FROM ("
    "SELECT id, search_fts, last_updated FROM story "
    "WHERE search_fts @@ to_tsquery('english', :q) AND merged_into IS NULL "
    "ORDER BY id DESC LIMIT :window) hits "
    "ORDER BY ts_rank(search_fts, to_tsquery('english', :q)) DESC, last_updated DESC, id DESC "
    "LIMIT :limit OFFSET :offset"
)
# SQLite: FTS5 walks its index newest rowid first, so only the window's rows get a bm25.
_SQLITE_ARTICLES = (
    "SELECT id, count(*) OVER () FROM ("
    "SELECT rowid AS id, bm25(article_fts, 10.0, 3.0, 1.0) AS score FROM article_fts "
    "WHERE article_fts MATCH :q ORDER BY rowid DESC LIMIT :window) "
    "ORDER BY score, id DESC LIMIT :limit OFFSET :offset"
)
_PG_ARTICLES = (
    "SELECT id, count(*) OVER () FROM ("
    "SELECT id, search_fts FROM article WHERE search_fts @@ to_tsquery('english', :q) "
    "ORDER BY id DESC LIMIT :window) hits "
    "ORDER BY ts_rank(search_fts, to_tsquery('english', :q)) DESC, id DESC "
    "LIMIT :limit OFFSET :offset"
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
