"""Indexes for analysts' filters: jabatan level and kabupaten compared case-blind

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-21
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index("ix_positions_level_lower", "positions", [sa.text("lower(level)")])
    op.create_index("ix_decrees_kabupaten_lower", "decrees", [sa.text("lower(kabupaten)")])


def downgrade() -> None:
    op.drop_index("ix_decrees_kabupaten_lower", "decrees")
    op.drop_index("ix_positions_level_lower", "positions")
