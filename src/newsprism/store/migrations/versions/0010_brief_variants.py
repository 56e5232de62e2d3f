"""brief variants: ``brief.variants``, the brief under the other citation weighting

A nullable JSON column: ``{"balanced": sections}`` beside a coverage-weighted ``sections``
(or ``{"coverage": …}`` when the site's default is balanced), written by the brief stage
so a reader can switch with ``?weighting=balanced`` (issue 15 item 9). Old briefs keep
NULL: their page shows the weighting they were written with and no switch.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-06 02:45:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Add the nullable column; existing rows keep NULL."""
    with op.batch_alter_table("brief", schema=None) as batch_op:
        batch_op.add_column(sa.Column("variants", sa.JSON(), nullable=True))


def downgrade() -> None:
    """Drop the column (the variants are rebuilt by the next brief of each story)."""
    with op.batch_alter_table("brief", schema=None) as batch_op:
        batch_op.drop_column("variants")
