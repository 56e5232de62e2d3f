"""Full-text search over stories and articles: SQLite FTS5 or PostgreSQL tsvector.

The indexes come from migrations ``0002_search`` (SQLite FTS5), ``0006`` (PostgreSQL:
stored ``search_fts`` tsvector columns with GIN indexes) and ``0009`` (PostgreSQL: GIN
over ``search_keys(search_fts)``, each lexeme and its 3–6 character prefixes); this module
only queries them.
User input never reaches either query language raw: it is reduced to word tokens, so
``"``, ``NEAR(``, ``&`` or ``:*`` in a query cannot raise a syntax error. On both
databases every word must occur and the last one may be a prefix ("belar" finds Belarus).
"""

from __future__ import annotations

import math
import re
import time
from dataclasses import dataclass
from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session

__all__ = ["fts5_query", "search_article_ids", "search_story_ids", "tsquery_text"]

_WORD = re.compile(r"\w+", re.UNICODE)
#: Longer queries add nothing but cost; 12 words covers any headline-like query.
MAX_TERMS = 12

#: Article search ranks at most this many matches, the newest, and shows the best of them
#: first; the total it reports is capped likewise (both databases; stories are few and
#: all ranked on SQLite; PostgreSQL windows stories too). On PostgreSQL, ranking reads
#: each candidate's stored vector (~1.9 kB, TOASTed): 1,000 candidates cost ~25 ms, 200
#: ~5 ms (EXPLAIN ANALYZE on 20k synthetic articles).
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


def _words(query: str) -> list[str]:
    return _WORD.findall(query.lower())[:MAX_TERMS]


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
# SQLite: FTS5 walks its index newest rowid first, so only the window's rows get a bm25.
_SQLITE_ARTICLES = (
    "SELECT id, count(*) OVER () FROM ("
    "SELECT rowid AS id, bm25(article_fts, 10.0, 3.0, 1.0) AS score FROM article_fts "
    "WHERE article_fts MATCH :q ORDER BY rowid DESC LIMIT :window) "
    "ORDER BY score, id DESC LIMIT :limit OFFSET :offset"
)


# --- PostgreSQL -------------------------------------------------------------------------
#
# The newest RANK_WINDOW matches are looked for newest id range first, each range searched
# the cheapest of three ways (``_choose``), then ranked by ts_rank over the stored vector.
# Why not one query: a GIN index returns matches unordered, so the planner can only walk
# the primary key backwards testing each row's vector, or fetch every match from the heap
# and sort. For a word in 1-10% of articles both are slow at 1M rows (the walk tests
# 2k-20k TOASTed vectors, the bitmap fetches 10k-100k rows), and the planner prices the
# vector test as a cheap operator, so it picks the walk where it costs seconds. Here the
# way is chosen in Python, from the words' shares in the column statistics (what the
# planner itself reads) and the per-row costs below. The plans are pinned for the search
# (set_config(..., true): no index or sequential scans, custom plans, work_mem) and put
# back in the same round trip as the last range; a range that yields too few matches is
# followed by the next older one, sized from the density seen so far. Two round trips
# when one range suffices, which is usual: on a busy machine each costs milliseconds.

#: Estimated µs per row for each kind of work (EXPLAIN ANALYZE on 100k/1M synthetic
#: articles, PostgreSQL 15, vectors ~1.9 kB and TOASTed). Only their ratios matter.
SCAN_US = 5.0  #: testing one row of a range: read it, detoast and test its vector
FETCH_US = 4.0  #: a bitmap heap scan fetching one candidate row
RECHECK_US = 30.0  #: testing a fetched candidate's vector for the prefix GIN skipped
GIN_US = 0.15  #: one posting of a whole word in the GIN index
GIN_PREFIX_US = 0.5  #: one posting of a prefix (every word it covers, into a bitmap)
KEY_US = 0.15  #: one posting of a ``search_keys`` key (a whole word or a prefix)
PK_US = 0.1  #: one key of a primary-key range bitmap
#: How far past the expected span a range reaches, so one step usually fills the window.
SPAN_SLACK = 1.5
#: The smallest range searched (fewer rows cannot fill the window).
MIN_SPAN = RANK_WINDOW
#: Prefix lengths (characters of the stemmed lexeme) ``search_keys`` indexes (migration
#: 0009): shorter prefixes are read from the 0006 GIN, longer ones by their first
#: PREFIX_MAX characters' key, each candidate then tested on its vector.
PREFIX_MIN, PREFIX_MAX = 3, 6
#: Marks a prefix key, so that the key of prefix "bel" never equals the lexeme "bel".
PREFIX_MARK = "\x01"
#: The share assumed for a word the statistics do not list, at most (the planner's
#: DEFAULT_TS_MATCH_SEL); below that, a fraction of the least listed share (``_share``).
UNLISTED_SHARE = 0.005


@dataclass(frozen=True)
class _PgTable:
    """Where and how to search one table (identifiers are constants, never user input)."""

    name: str
    live: str  # extra condition on the rows searched
    tiebreak: str  # columns ranking ties are broken by, newest first, before the id

    @property
    def keys_index(self) -> str:
        """The GIN over ``search_keys(search_fts)`` (migration 0009)."""
        return f"ix_{self.name}_search_fts_keys"


_PG_ARTICLE = _PgTable("article", "", "")
_PG_STORY = _PgTable("story", "AND merged_into IS NULL", ", last_updated")


def _choose(
    n_rows: float,
    exact: list[float],
    prefix: float | None,
    span: float,
    unlisted: float = 0.0,
    key: float | None = None,
    recheck: bool = False,
) -> str:
    """The cheapest way to find the matches among the *span* newest unsearched rows.

    ``scan``: test every row of the range. ``gin``: AND the GIN index (every word) with
    the range. ``gin_exact``: the whole words' candidates from GIN, newest first, each
    tested for the last word's prefix until enough match. ``keys`` (when the prefix has a
    ``search_keys`` key, whose share of rows is *key*): AND the keys' GIN (every word and
    the prefix, each one key) with the range; with *recheck* (a prefix longer than the
    key) each candidate is tested on its vector too. *exact* are the shares of rows
    holding each whole word, *prefix* that of the last word's prefix (None when it is a
    stop word). GIN intersects keys by skipping through the longer posting lists (its
    cost follows the rarest one), but a prefix's postings in the 0006 index, over every
    word it covers, are all read. Testing a candidate reads its TOASTed vector: the
    candidates are counted as if each whole word held at least *unlisted* of the rows
    (the most an unlisted word may hold), so a misjudged word cannot make that way look
    cheap.
    """
    density = math.prod(exact) * (1.0 if prefix is None else prefix)
    costs = {"scan": span * SCAN_US}
    # the whole words are skipped through in step with the rarest entry, the prefix's
    # bitmap included; without the prefix, in step with the rarest whole word
    rarest = min([*exact, 1.0 if prefix is None else prefix])
    exact_gin = n_rows * min(exact, default=0.0) * GIN_US * len(exact) + span * PK_US
    prefix_gin = 0.0 if prefix is None else n_rows * prefix * GIN_PREFIX_US
    all_gin = n_rows * rarest * GIN_US * len(exact) + span * PK_US + prefix_gin
    costs["gin"] = all_gin + span * density * FETCH_US
    if exact and prefix is not None:
        candidates = span * math.prod(max(p, unlisted) for p in exact)
        tested = min(candidates, SPAN_SLACK * RANK_WINDOW / prefix)
        costs["gin_exact"] = exact_gin + candidates * FETCH_US + tested * RECHECK_US
    if key is not None and prefix is not None:
        # the prefix's key holds at least the rows the prefix matches
        fetched = span * math.prod(exact) * max(key, prefix)
        costs["keys"] = (
            n_rows * min([*exact, key]) * KEY_US * (len(exact) + 1)
            + span * PK_US
            + fetched * (FETCH_US + (RECHECK_US if recheck else 0.0))
        )
    return min(costs, key=lambda k: costs[k])


def _share(freqs: list[float] | None, min_freq: float | None, prefix: bool) -> float:
    """A term's share of rows from the column statistics, as the planner estimates it.

    *freqs* are the frequencies of the listed lexemes the term matches (a prefix may match
    several; they are taken as independent). An unlisted word is rarer than the least
    listed one (*min_freq*), usually far rarer: word frequencies fall off like Zipf's law;
    an unlisted prefix may cover several such words, so it gets the planner's half.
    """
    part = 2 if prefix else 8
    floor = UNLISTED_SHARE if min_freq is None else min(UNLISTED_SHARE, min_freq / part)
    if not freqs:
        return floor
    if prefix:
        return max(floor, 1.0 - math.prod(1.0 - f for f in freqs))
    return max(freqs)


_PLANNER = ("plan_cache_mode", "enable_indexscan", "enable_seqscan", "work_mem")
#: Memory for the search's bitmaps: a prefix's bitmap over 1M articles outgrows the 4 MB
#: default, turns lossy, and every row on its pages must be fetched and tested again
#: (EXPLAIN ANALYZE: 140 ms at 4 MB, 57 ms at 64 MB, for a prefix in 13 % of 1M rows).
SEARCH_WORK_MEM = "32MB"


#: Pins the search's plans for the rest of the transaction (see the notes above).
_PIN = (
    "SELECT set_config('plan_cache_mode', 'force_custom_plan', true), "
    "set_config('enable_indexscan', 'off', true), set_config('enable_seqscan', 'off', true), "
    f"set_config('work_mem', '{SEARCH_WORK_MEM}', true)"
)


def _pg_start(session: Session, table: _PgTable, terms: list[str]) -> Any:
    """Read what the search needs and pin the planner, in one round trip.

    Returns the id bounds, the smallest listed share, the planner settings to restore,
    each term's lexeme count and the listed frequencies it matches, then whether the
    ``search_keys`` index exists and each term's lexemes; sets the search's planner
    settings for this transaction.

    Statistics: ``most_common_elems`` of ``search_fts`` (ANALYZE keeps up to 1,000
    lexemes there with their share of rows).
    """
    last = len(terms) - 1
    lexemes = [f"tsvector_to_array(to_tsvector('english', :w{i}))" for i in range(len(terms))]
    cols = [
        f"numnode(to_tsquery('english', :t{i})), "
        f"(SELECT array_agg(u.f) FROM st, unnest(st.e, st.f) u(e, f) "
        f"WHERE u.e = ANY({lexemes[i]})"
        + (f" OR starts_with(u.e, ({lexemes[i]})[1])" if i == last else "")
        + ")"
        for i in range(len(terms))
    ]
    sql = (
        "WITH st AS (SELECT most_common_elems::text::text[] AS e, "
        "most_common_elem_freqs AS f FROM pg_stats WHERE schemaname = current_schema() "
        f"AND tablename = '{table.name}' AND attname = 'search_fts') "
        f"SELECT (SELECT max(id) FROM {table.name}), (SELECT min(id) FROM {table.name}), "
        "(SELECT f[array_length(e, 1) + 1] FROM st), "
        + ", ".join(f"current_setting('{name}')" for name in _PLANNER)
        + ", "
        + _PIN.removeprefix("SELECT ")
        + ", "
        + ", ".join(cols)
        + f", to_regclass('{table.keys_index}') IS NOT NULL, "
        + ", ".join(lexemes)
    )
    params: dict[str, Any] = {f"t{i}": t for i, t in enumerate(terms)}
    params.update({f"w{i}": t.removesuffix(":*") for i, t in enumerate(terms)})
    return session.execute(text(sql), params).one()


#: Seconds the prefix keys' statistics are kept per process: they change only when
#: (auto)ANALYZE runs, and reading them per query cost ~1 ms (1,000 keys cast to text[]).
KEY_STATS_TTL = 300.0
_key_stats_cache: dict[tuple[str, str], tuple[float, dict[str, float]]] = {}


def _key_stats(session: Session, table: _PgTable) -> dict[str, float]:
    """The listed keys of *table*'s ``search_keys`` index with their share of rows.

    ``most_common_elems`` of the index expression: ANALYZE keeps its 1,000 commonest keys,
    mostly short prefixes. Cached per database and table for KEY_STATS_TTL seconds.
    """
    where = (str(session.get_bind().engine.url), table.name)
    now = time.monotonic()
    hit = _key_stats_cache.get(where)
    if hit is not None and hit[0] > now:
        return hit[1]
    row = session.execute(
        text(
            "SELECT most_common_elems::text::text[], most_common_elem_freqs FROM pg_stats "
            "WHERE schemaname = current_schema() AND tablename = :index"
        ),
        {"index": table.keys_index},
    ).first()
    listed = {} if row is None or row[0] is None else dict(zip(row[0], row[1], strict=False))
    _key_stats_cache[where] = (now + KEY_STATS_TTL, listed)
    return listed


def _search_keys(
    numnodes: list[int], lexemes: list[list[str] | None], last: int
) -> tuple[list[str], bool] | None:
    """The ``search_keys`` a row must hold to match, and whether the prefix needs a test.

    Each kept whole word is its lexeme; the last word's prefix is its lexeme's first
    PREFIX_MAX characters, marked, and is tested on the row when longer. None when the
    keys cannot stand for the query: a word of several lexemes (``to_tsquery`` makes a
    phrase of "foo_bar"), or a prefix shorter than PREFIX_MIN or a stop word (no key).
    """
    keys = []
    for i, (nodes, lex) in enumerate(zip(numnodes, lexemes, strict=True)):
        if nodes == 0 and i != last:
            continue  # a stop word: dropped from the tsquery too
        if nodes != 1 or not lex or len(lex) != 1:
            return None
        keys.append(lex[0])
    prefix = keys.pop()
    if len(prefix) < PREFIX_MIN:
        return None
    return [*keys, PREFIX_MARK + prefix[:PREFIX_MAX]], len(prefix) > PREFIX_MAX


def _pk_range(n_rows: float, share: float, span: float) -> bool:
    """Whether to AND the GIN bitmap with the primary key's range, or test ids on the heap.

    The key's range bitmap costs its *span*; without it every GIN candidate (*share* of
    the rows) is fetched, those outside the range for nothing. The planner takes the range
    even over 300k+ keys (50 ms here), so the choice is made here.
    """
    return span * PK_US < (n_rows - span) * share * FETCH_US


def _step_sql(
    table: _PgTable, how: str, bounded: bool, pk_range: bool = True, recheck: bool = False
) -> str:
    """One range's newest matches with their rank (psycopg parameters).

    The vector is carried up past the LIMIT, so only the rows kept are ranked.
    ``ts_match_vq`` is ``@@`` written as a function: the planner cannot give it to GIN;
    ``id + 0`` likewise keeps the range off the primary key when *pk_range* is False.
    ``keys`` matches rows by ``search_keys``, each then tested on its vector with
    *recheck* (a prefix longer than its key).
    """
    key = "id" if pk_range or how == "scan" else "id + 0"
    bounds = f"{key} <= %(upper)s" + (f" AND {key} > %(lo)s" if bounded else "")
    extra = table.tiebreak
    if how == "gin_exact":
        # the whole words' candidates (ids only, no vector read), newest first, each then
        # tested for the prefix until %(n)s match (the nested loop stops there)
        inner = (
            f"SELECT c.id, m.search_fts{extra} FROM (SELECT id FROM {table.name} "
            f"WHERE {bounds} AND search_fts @@ to_tsquery('english', %(iq)s) {table.live} "
            f"ORDER BY id DESC OFFSET 0) c, LATERAL (SELECT search_fts{extra} "
            f"FROM {table.name} t WHERE t.id = c.id "
            "AND ts_match_vq(t.search_fts, to_tsquery('english', %(q)s)) OFFSET 0) m "
            "ORDER BY c.id DESC LIMIT %(n)s"
        )
    else:
        cond = {
            "scan": "ts_match_vq(search_fts, to_tsquery('english', %(q)s))",
            "gin": "search_fts @@ to_tsquery('english', %(q)s)",
            "keys": 'search_keys(search_fts) COLLATE "C" @> %(keys)s::text[]'
            + (" AND ts_match_vq(search_fts, to_tsquery('english', %(q)s))" if recheck else ""),
        }[how]
        inner = (
            f"SELECT id, search_fts{extra} FROM {table.name} WHERE {bounds} AND {cond} "
            f"{table.live} ORDER BY id DESC LIMIT %(n)s"
        )
    return (
        f"SELECT id, ts_rank(search_fts, to_tsquery('english', %(q)s)){extra} FROM ({inner}) hits"
    )


def _pg_search(
    session: Session, table: _PgTable, query: str, limit: int, offset: int
) -> tuple[list[int], int]:
    """The newest RANK_WINDOW matches of *query* in *table*, ranked; a page and the total.

    The matches are exactly those of ``… WHERE search_fts @@ q ORDER BY id DESC LIMIT
    RANK_WINDOW``: each step searches the next older id range (upper - span, upper] for
    the rows still missing, so once the window is full no older row can belong. Each
    step is sent in one psycopg pipeline with the statement putting the planner settings
    back (and, after the first, with the one pinning them again): a round trip per step.
    """
    words = _words(query)
    if not words:
        return [], 0
    terms = [*words[:-1], words[-1] + ":*"]
    full = " & ".join(terms)
    row = _pg_start(session, table, terms)
    hi, low, min_freq = row[0], row[1], row[2]
    saved = {f"s{i}": v for i, v in enumerate(row[3 : 3 + len(_PLANNER)])}
    restore = "SELECT " + ", ".join(
        f"set_config('{name}', %(s{i})s, true)" for i, name in enumerate(_PLANNER)
    )
    info = row[3 + 2 * len(_PLANNER) : 3 + 2 * len(_PLANNER) + 2 * len(terms)]
    has_keys, lexemes = row[-len(terms) - 1], row[-len(terms) :]
    # a stop word ("the") has no lexeme: to_tsquery drops it from the whole query, and on
    # its own it would match nothing, so it is neither counted nor given to the index
    kept = [i for i in range(len(terms)) if info[2 * i] > 0]
    # the psycopg connection under the session's transaction: its pipeline sends a
    # range's statements together (SQLAlchemy has no pipeline of its own)
    raw: Any = session.connection().connection.driver_connection
    if hi is None or not kept:
        raw.execute(restore, saved)
        return [], 0
    last = len(terms) - 1
    n_rows = float(hi - low + 1)
    exact = [_share(info[2 * i + 1], min_freq, False) for i in kept if i != last]
    prefix = _share(info[2 * last + 1], min_freq, True) if last in kept else None
    keyed = _search_keys(info[::2], lexemes, last) if has_keys else None
    key, recheck = None, False
    if keyed is not None and prefix is not None:
        # a listed key's share is the prefix's own (or, past PREFIX_MAX, its bound)
        key_freq = _key_stats(session, table).get(keyed[0][-1])
        key = prefix if key_freq is None else _share([key_freq], min_freq, False)
        recheck = keyed[1]
        prefix = min(prefix, key) if recheck or key_freq is None else key
    unlisted = UNLISTED_SHARE if min_freq is None else min(UNLISTED_SHARE, min_freq / 2)
    params: dict[str, Any] = {
        "q": full,
        "iq": " & ".join(terms[i] for i in kept if i != last),
        "keys": keyed[0] if keyed else [],
    }
    density = math.prod(exact) * (1.0 if prefix is None else prefix)
    found: list[tuple[Any, ...]] = []
    upper, seen = int(hi), 0
    while True:
        span = max(MIN_SPAN, SPAN_SLACK * (RANK_WINDOW - len(found)) / max(density, 1e-9))
        how = _choose(n_rows, exact, prefix, span, unlisted, key, recheck)
        if how == "gin_exact" and not seen and prefix is not None:
            # every candidate of the range is fetched, while coming up short costs only a
            # round trip (no prefix is read from GIN): size the first range for whole
            # words as common as an unlisted word may be
            high = math.prod(max(p, unlisted) for p in exact) * prefix
            span = max(MIN_SPAN, min(span, SPAN_SLACK * RANK_WINDOW / high))
        lo = upper - int(span)
        candidates = math.prod(exact)
        if how in ("gin", "keys"):
            candidates *= max(prefix or 1.0, key or 0.0)
        pk_range = _pk_range(n_rows, candidates, min(span, upper - low + 1))
        params.update(upper=upper, lo=lo, n=RANK_WINDOW - len(found))
        with raw.pipeline():
            if seen:
                raw.execute(_PIN)
            cur = raw.execute(_step_sql(table, how, lo >= low, pk_range, recheck), params)
            raw.execute(restore, saved)
        found += cur.fetchall()
        if len(found) >= RANK_WINDOW or lo < low:
            break
        seen += upper - lo
        upper = lo
        if found:  # the density seen so far
            seen_density = len(found) / seen
        else:  # the estimate was too high: look 8× further
            seen_density = min(density, SPAN_SLACK * RANK_WINDOW / (8 * seen))
        # the rarest word is the likeliest misjudged (an unlisted word's share is a
        # guess): it takes the correction, so the next choice sees the density seen
        if prefix is not None and (not exact or prefix <= min(exact)):
            prefix = min(1.0, prefix * seen_density / density)
            if key is not None and not recheck:
                key = prefix  # the key is the prefix itself
        else:
            rarest = exact.index(min(exact))
            exact[rarest] = min(1.0, exact[rarest] * seen_density / density)
        density = seen_density
    # best first: rank, then (stories) the latest update, then the newest id — the order
    # the single ranking query gave (ORDER BY ts_rank DESC, [last_updated DESC,] id DESC)
    found.sort(key=lambda r: (r[1], *r[2:], r[0]), reverse=True)
    return [int(r[0]) for r in found[offset : offset + limit]], len(found)


def _search(
    session: Session, query: str, sqlite_sql: str, table: _PgTable, limit: int, offset: int
) -> tuple[list[int], int]:
    if session.get_bind().dialect.name != "sqlite":
        return _pg_search(session, table, query, limit, offset)
    match = fts5_query(query)
    if not match:
        return [], 0
    params = {"q": match, "window": RANK_WINDOW, "limit": limit, "offset": offset}
    return _ids(session, sqlite_sql, params)


def search_story_ids(
    session: Session, query: str, *, limit: int, offset: int
) -> tuple[list[int], int]:
    """Find live (not merged) stories matching *query*: ids best first, and the total."""
    return _search(session, query, _SQLITE_STORIES, _PG_STORY, limit, offset)


def search_article_ids(
    session: Session, query: str, *, limit: int, offset: int
) -> tuple[list[int], int]:
    """Find articles matching *query* in title, summary or text: ids best first, and the total."""
    return _search(session, query, _SQLITE_ARTICLES, _PG_ARTICLE, limit, offset)
