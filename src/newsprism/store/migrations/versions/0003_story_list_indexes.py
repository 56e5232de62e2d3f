"""indexes for the story lists at scale

Every list page (home, latest, blindspots, categories) filters live stories
(``merged_into IS NULL``) and orders them by trending score or last update. With only
single-column indexes, SQLite and PostgreSQL read and sort every story row (centroid
and analysis included) for each request. These are partial indexes over live stories
(PostgreSQL cannot use an index order after an ``IS NULL`` prefix), so a page reads its
rows in order; ``n_articles`` and ``merged_into`` as the last columns let the counts
read an index alone (SQLite wants every column the query names inside the index).
Blindspots get their own: they are few.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01 03:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

#: name → (columns, partial index condition)
LIVE = "merged_into IS NULL"
BLINDSPOTS = "merged_into IS NULL AND blindspot IS NOT NULL"
INDEXES = {
    "ix_story_live_trending": (["trending_score", "last_updated", "id"], LIVE),
    "ix_story_live_latest": (["last_updated", "id", "n_articles", "merged_into"], LIVE),
    "ix_story_live_category": (["category", "last_updated", "n_articles", "merged_into"], LIVE),
    "ix_story_live_category_trending": (
        ["category", "trending_score", "last_updated", "id"],
        LIVE,
    ),
    "ix_story_blindspot_trending": (["trending_score", "last_updated", "id"], BLINDSPOTS),
    "ix_story_blindspot_latest": (
        ["last_updated", "id", "n_articles", "merged_into", "blindspot"],
        BLINDSPOTS,
    ),
}


def upgrade() -> None:
    with op.batch_alter_table("story", schema=None) as batch_op:
        for name, (columns, where) in INDEXES.items():
            batch_op.create_index(
                name,
                columns,
                unique=False,
                sqlite_where=sa.text(where),
                postgresql_where=sa.text(where),
            )


def downgrade() -> None:
    with op.batch_alter_table("story", schema=None) as batch_op:
        for name in INDEXES:
            batch_op.drop_index(name)
