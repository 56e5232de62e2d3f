"""article.first_seen_at and the per-feed queue index

``first_seen_at`` is when a poll first stored an entry: an article that neither its feed
nor its page dates gets this time as ``published_at`` (issue 19: 304 of 1,300 undated
articles vanished). ``ix_article_feed_status`` serves the per-feed backlog (``queued``
entries past NEWSPRISM_FEED_ENTRIES_PER_POLL) and the round-robin fetch order.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-05 13:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from newsprism.store.schema import UTCDateTime

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Add the column and the index."""
    with op.batch_alter_table("article") as batch:
        batch.add_column(sa.Column("first_seen_at", UTCDateTime(timezone=True), nullable=True))
    op.create_index("ix_article_feed_status", "article", ["feed_id", "status", "id"])


def downgrade() -> None:
    """Drop them again."""
    op.drop_index("ix_article_feed_status", table_name="article")
    with op.batch_alter_table("article") as batch:
        batch.drop_column("first_seen_at")
