"""outlet ownership and funding

Five nullable columns on ``outlet``: the owner (company or person), its funding type (one of
``OWNER_TYPES`` in ``newsprism.outlets.registry``), the owners above it, and the source and
date of that information, like the lean's provenance. ``owner_type`` is indexed: the outlet
list and stats group by it.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-05 13:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

COLUMNS = (
    ("owner", 200),
    ("owner_type", 20),
    ("owner_chain", 500),
    ("owner_source", 200),
    ("owner_as_of", 10),
)


def upgrade() -> None:
    with op.batch_alter_table("outlet", schema=None) as batch_op:
        for name, width in COLUMNS:
            batch_op.add_column(sa.Column(name, sa.String(length=width), nullable=True))
        batch_op.create_index("ix_outlet_owner_type", ["owner_type"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("outlet", schema=None) as batch_op:
        batch_op.drop_index("ix_outlet_owner_type")
        for name, _width in reversed(COLUMNS):
            batch_op.drop_column(name)
