"""search prefix keys: GIN over each lexeme and its 3–6 character prefixes (PostgreSQL)

Search takes the last query word as a prefix (``word:*``). The GIN index of 0006 answers a
prefix by reading the posting lists of every lexeme it covers into a bitmap, at ~0.5 µs a
posting, and cannot skip through them in step with a rarer word: at 1M articles a prefix in
10 % of them cost ~50 ms whatever else the query held (BENCHMARKS.md "search").

``search_keys(tsvector)`` lists each lexeme, plus each of its prefixes of 3 to 6
characters marked with a leading ``\\x01`` (so that the key of prefix "bel" never equals
the lexeme "bel"). A GIN expression index on it per table turns a prefix into ONE key
with one posting list, which GIN intersects with the whole words' keys like any other
(skipping, its cost following the rarest). Prefixes of 1–2 characters and the part past
6 characters are not keyed: newsprism.web.search tests those on the row. SQLite keeps
its FTS5 tables (0002), whose prefix queries are already index-only.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-06 02:40:00
"""

from __future__ import annotations

from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

#: Keyed prefix lengths, in characters; newsprism.web.search reads the same bounds.
PREFIX_MIN, PREFIX_MAX = 3, 6

# IMMUTABLE: the keys depend on the vector only, as an index expression must. Duplicate
# keys (two lexemes sharing a prefix) are left in: GIN removes them when it extracts keys.
PG_UP = [
    # GIN gathers keys in maintenance_work_mem and merges them into the index each time it
    # fills: ~530 keys an article (synthetic, 190 words), so at the 64 MB default it would
    # merge every ~20k articles, each merge rewriting the growing posting lists. For this
    # transaction only; taken as needed (a few kB per article gathered).
    "SET LOCAL maintenance_work_mem = '1GB'",
    "CREATE FUNCTION search_keys(tsvector) RETURNS text[] "
    "LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$ "
    "SELECT tsvector_to_array($1) || ARRAY("
    "SELECT chr(1) || left(l, n) FROM unnest(tsvector_to_array($1)) l, "
    f"generate_series({PREFIX_MIN}, least({PREFIX_MAX}, length(l))) n) $$",
    # COLLATE "C": keys compared byte-wise, which halves the build (strcoll under the
    # databases' C.UTF-8 / en_US collations: 4.2 against 2.2 ms a row, 5k articles)
    *(
        f"CREATE INDEX ix_{table}_search_fts_keys ON {table} "
        'USING GIN ((search_keys(search_fts)) COLLATE "C")'
        for table in ("article", "story")
    ),
    # the keys' statistics (pg_stats of the index) are what the search's cost model reads
    "ANALYZE article",
    "ANALYZE story",
]

# the indexes are named ``*_fts*`` like the other hand-made search objects, which the
# schema comparison with the models leaves out (newsprism.store.schema.managed_by_schema)
PG_DOWN = [
    "DROP INDEX IF EXISTS ix_story_search_fts_keys",
    "DROP INDEX IF EXISTS ix_article_search_fts_keys",
    "DROP FUNCTION IF EXISTS search_keys(tsvector)",
]


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for statement in PG_UP:
            op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for statement in PG_DOWN:
            op.execute(statement)
