"""full-text search over stories and articles

SQLite: FTS5 external-content tables ``story_fts`` / ``article_fts`` kept in sync by
triggers (only on the searched columns, so the frequent score updates of a story do
not touch the index). PostgreSQL: GIN indexes on the same ``to_tsvector`` expressions
that ``newsprism.web.search`` queries.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23 11:15:00
"""

from __future__ import annotations

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

SQLITE_UP = [
    "CREATE VIRTUAL TABLE story_fts USING fts5("
    "title, hashtags, content='story', content_rowid='id', tokenize='porter unicode61')",
    "CREATE TRIGGER story_fts_ai AFTER INSERT ON story BEGIN "
    "INSERT INTO story_fts(rowid, title, hashtags) VALUES (new.id, new.title, new.hashtags); END",
    "CREATE TRIGGER story_fts_ad AFTER DELETE ON story BEGIN "
    "INSERT INTO story_fts(story_fts, rowid, title, hashtags) "
    "VALUES ('delete', old.id, old.title, old.hashtags); END",
    "CREATE TRIGGER story_fts_au AFTER UPDATE OF title, hashtags ON story BEGIN "
    "INSERT INTO story_fts(story_fts, rowid, title, hashtags) "
    "VALUES ('delete', old.id, old.title, old.hashtags); "
    "INSERT INTO story_fts(rowid, title, hashtags) VALUES (new.id, new.title, new.hashtags); END",
    "CREATE VIRTUAL TABLE article_fts USING fts5("
    "title, summary, text, content='article', content_rowid='id', tokenize='porter unicode61')",
    "CREATE TRIGGER article_fts_ai AFTER INSERT ON article BEGIN "
    "INSERT INTO article_fts(rowid, title, summary, text) "
    "VALUES (new.id, new.title, new.summary, new.text); END",
    "CREATE TRIGGER article_fts_ad AFTER DELETE ON article BEGIN "
    "INSERT INTO article_fts(article_fts, rowid, title, summary, text) "
    "VALUES ('delete', old.id, old.title, old.summary, old.text); END",
    "CREATE TRIGGER article_fts_au AFTER UPDATE OF title, summary, text ON article BEGIN "
    "INSERT INTO article_fts(article_fts, rowid, title, summary, text) "
    "VALUES ('delete', old.id, old.title, old.summary, old.text); "
    "INSERT INTO article_fts(rowid, title, summary, text) "
    "VALUES (new.id, new.title, new.summary, new.text); END",
    # rows that existed before this migration
    "INSERT INTO story_fts(story_fts) VALUES ('rebuild')",
    "INSERT INTO article_fts(article_fts) VALUES ('rebuild')",
]

SQLITE_DOWN = [
    "DROP TRIGGER IF EXISTS story_fts_ai",
    "DROP TRIGGER IF EXISTS story_fts_ad",
    "DROP TRIGGER IF EXISTS story_fts_au",
    "DROP TABLE IF EXISTS story_fts",
    "DROP TRIGGER IF EXISTS article_fts_ai",
    "DROP TRIGGER IF EXISTS article_fts_ad",
    "DROP TRIGGER IF EXISTS article_fts_au",
    "DROP TABLE IF EXISTS article_fts",
]

# Keep these expressions identical to newsprism.web.search (PostgreSQL only uses an
# expression index when the query repeats the expression exactly).
PG_UP = [
    "CREATE INDEX ix_story_fts ON story USING GIN "
    "(to_tsvector('english', coalesce(title, '') || ' ' || coalesce(hashtags::text, '')))",
    "CREATE INDEX ix_article_fts ON article USING GIN "
    "(to_tsvector('english', coalesce(title, '') || ' ' || coalesce(summary, '') || ' ' "
    "|| coalesce(text, '')))",
]

PG_DOWN = ["DROP INDEX IF EXISTS ix_story_fts", "DROP INDEX IF EXISTS ix_article_fts"]


def upgrade() -> None:
    statements = SQLITE_UP if op.get_bind().dialect.name == "sqlite" else PG_UP
    for statement in statements:
        op.execute(statement)


def downgrade() -> None:
    statements = SQLITE_DOWN if op.get_bind().dialect.name == "sqlite" else PG_DOWN
    for statement in statements:
        op.execute(statement)
