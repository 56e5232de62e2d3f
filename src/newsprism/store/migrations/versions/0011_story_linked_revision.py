"""timeline pass: ``story.linked_revision``, the analysis whose timeline was last relinked

An integer like ``image_revision`` (default -1): the analysis stage relinks the timeline
of every story whose ``analyzed_revision`` is newer, once nothing is left to analyze, so
a bulk import ends with the timelines every story would get in any analysis order
(issue 15 item 8). Existing rows start at -1 and are relinked once.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-08 01:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Add the column with -1 on existing rows (each is relinked by the next pass)."""
    with op.batch_alter_table("story", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("linked_revision", sa.Integer(), nullable=False, server_default="-1")
        )


def downgrade() -> None:
    """Drop the column (the timelines stay as last written)."""
    with op.batch_alter_table("story", schema=None) as batch_op:
        batch_op.drop_column("linked_revision")
