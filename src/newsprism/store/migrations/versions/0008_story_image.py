"""story image

Two columns on ``story``: ``image`` (the story's picture, fetched through the guarded
fetcher and stored by content hash under ``<data_dir>/images``: ``{"file", "article_id",
"source_url", "outlet"}``, or NULL) and ``image_revision``, the membership revision the
image was last chosen for (-1: never), so that the image stage knows which stories to visit.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-05 16:40:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("story", schema=None) as batch_op:
        batch_op.add_column(sa.Column("image", sa.JSON(), nullable=True))
        batch_op.add_column(
            sa.Column("image_revision", sa.Integer(), nullable=False, server_default="-1")
        )


def downgrade() -> None:
    with op.batch_alter_table("story", schema=None) as batch_op:
        batch_op.drop_column("image_revision")
        batch_op.drop_column("image")
