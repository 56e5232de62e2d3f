"""indexes for the story lists at scale

Every list page (home, latest, blindspots, categories) filters live stories
(``merged_into IS NULL``) and orders them by trending score or last update. With only
single-column indexes, SQLite and PostgreSQL read and sort every story row (centroid
and analysis included) for each request; these indexes put ``merged_into`` first so a
page reads its rows in order; ``n_articles`` as the last column lets the counts read the
indexes alone.

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

INDEXES = {
    "ix_story_live_trending": ["merged_into", "trending_score", "last_updated", "id"],
    "ix_story_live_latest": ["merged_into", "last_updated", "id", "n_articles"],
    "ix_story_live_category": ["merged_into", "category", "last_updated", "n_articles"],
}
BLINDSPOT_INDEXES = {
    "ix_story_blindspot_latest": ["merged_into", "last_updated", "id", "n_articles"],
    "ix_story_blindspot_trending": ["merged_into", "trending_score", "last_updated", "id"],
}


def upgrade() -> None:
    with op.batch_alter_table("story", schema=None) as batch_op:
        for name, columns in INDEXES.items():
            batch_op.create_index(name, columns, unique=False)
        # blindspots are few: partial indexes in both list orders, so a list of them
        # never walks all live stories looking for one
        for name, columns in BLINDSPOT_INDEXES.items():
            batch_op.create_index(
                name,
                columns,
                unique=False,
                sqlite_where=sa.text("blindspot IS NOT NULL"),
                postgresql_where=sa.text("blindspot IS NOT NULL"),
            )


def downgrade() -> None:
    with op.batch_alter_table("story", schema=None) as batch_op:
        for name in [*INDEXES, *BLINDSPOT_INDEXES]:
            batch_op.drop_index(name)
