"""one brief per story revision: ``brief.revision`` with a unique key

Two brief workers racing on one story wrote two versions for the same revision (issue
18). The brief stage now claims the story row, and this unique key makes a second brief
of the same revision impossible even so. Old rows keep NULL (NULLs never collide);
they are filled from ``stats.revision`` where the stage recorded it.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-05 13:40:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Add the column, fill it from the stats of existing briefs, add the unique key."""
    with op.batch_alter_table("brief") as batch:
        batch.add_column(sa.Column("revision", sa.Integer(), nullable=True))
    brief = sa.table(
        "brief",
        sa.column("id", sa.Integer()),
        sa.column("story_id", sa.Integer()),
        sa.column("revision", sa.Integer()),
        sa.column("stats", sa.JSON()),
    )
    conn = op.get_bind()
    seen: set[tuple[int, int]] = set()
    rows = conn.execute(sa.select(brief.c.id, brief.c.story_id, brief.c.stats).order_by(brief.c.id))
    for brief_id, story_id, stats in rows.all():
        value = (stats or {}).get("revision") if isinstance(stats, dict) else None
        # an earlier double write keeps only its first brief keyed; the second stays NULL
        if isinstance(value, int) and (story_id, value) not in seen:
            seen.add((story_id, value))
            conn.execute(sa.update(brief).where(brief.c.id == brief_id).values(revision=value))
    with op.batch_alter_table("brief") as batch:
        batch.create_unique_constraint("uq_brief_story_revision", ["story_id", "revision"])


def downgrade() -> None:
    """Drop the unique key and the column."""
    with op.batch_alter_table("brief") as batch:
        batch.drop_constraint("uq_brief_story_revision", type_="unique")
        batch.drop_column("revision")
