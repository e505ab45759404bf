"""Source files keep the reasons their decree needs review as a whole

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-02

`source_files.doubts` lists the document-level doubts of the file's extraction (normalize.doubt): a layout
not recognised well enough to import without a look. Files stored before have none.
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # plain ADD COLUMN: rebuilding source_files on SQLite would cascade-delete its decrees
    op.add_column("source_files", sa.Column("doubts", sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("source_files") as batch:
        batch.drop_column("doubts")
