"""Index for the compare screen's choices: which canonical jabatan still have an effective row

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-21
"""
from collections.abc import Sequence

from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index(op.f("ix_positions_canonical_jabatan"), "positions", ["canonical_jabatan"])


def downgrade() -> None:
    op.drop_index(op.f("ix_positions_canonical_jabatan"), "positions")
