"""heartbeats in their own table; stored, indexed tsvectors for PostgreSQL search

Heartbeats: one row per process (worker, scheduler, embedded pipeline) with its kind,
state, last beat and what it last reported; they used to be ``job`` rows with a made-up
stage, which mixed them into job counts, pruning and the unique (stage, key) fence.

Search (PostgreSQL only): the GIN expression indexes of 0002 could find rows, but ranking
re-tokenised every matching article's text per query (13.9 s for "trump" on 12,274
articles). A stored generated ``tsvector`` column per table (title weight A, summary B,
text D, like the SQLite bm25 weights 10/3/1) is tokenised once on write and indexed with
GIN; queries rank the stored vector. SQLite keeps its FTS5 tables from 0002.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-05 13:10:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from newsprism.store.schema import UTCDateTime

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

#: The documents of the stored ``search_fts`` columns that newsprism.web.search queries.
PG_STORY_DOC = (
    "setweight(to_tsvector('english', coalesce(title, '')), 'A') || "
    "to_tsvector('english', coalesce(hashtags::text, ''))"
)
PG_ARTICLE_DOC = (
    "setweight(to_tsvector('english', coalesce(title, '')), 'A') || "
    "setweight(to_tsvector('english', coalesce(summary, '')), 'B') || "
    "to_tsvector('english', coalesce(text, ''))"
)

PG_SEARCH_UP = [
    "DROP INDEX IF EXISTS ix_story_fts",
    "DROP INDEX IF EXISTS ix_article_fts",
    f"ALTER TABLE story ADD COLUMN search_fts tsvector GENERATED ALWAYS AS ({PG_STORY_DOC}) STORED",
    "CREATE INDEX ix_story_search_fts ON story USING GIN (search_fts)",
    f"ALTER TABLE article ADD COLUMN search_fts tsvector "
    f"GENERATED ALWAYS AS ({PG_ARTICLE_DOC}) STORED",
    "CREATE INDEX ix_article_search_fts ON article USING GIN (search_fts)",
]

# back to the 0002 expression indexes
PG_SEARCH_DOWN = [
    "ALTER TABLE story DROP COLUMN IF EXISTS search_fts",
    "ALTER TABLE article DROP COLUMN IF EXISTS search_fts",
    "CREATE INDEX ix_story_fts ON story USING GIN "
    "(to_tsvector('english', coalesce(title, '') || ' ' || coalesce(hashtags::text, '')))",
    "CREATE INDEX ix_article_fts ON article USING GIN "
    "(to_tsvector('english', coalesce(title, '') || ' ' || coalesce(summary, '') || ' ' "
    "|| coalesce(text, '')))",
]


def upgrade() -> None:
    op.create_table(
        "heartbeat",
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("host", sa.String(length=255), nullable=True),
        sa.Column("pid", sa.Integer(), nullable=True),
        sa.Column("details", sa.JSON(), nullable=True),
        sa.Column("started_at", UTCDateTime(timezone=True), nullable=False),
        sa.Column("beat_at", UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_heartbeat")),
    )
    # the old heartbeat rows of the job table: workers write new ones within seconds
    op.execute("DELETE FROM job WHERE stage = 'worker_heartbeat'")
    if op.get_bind().dialect.name == "postgresql":
        for statement in PG_SEARCH_UP:
            op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for statement in PG_SEARCH_DOWN:
            op.execute(statement)
    op.drop_table("heartbeat")
