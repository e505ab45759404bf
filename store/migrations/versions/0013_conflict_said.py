"""A replayed correction's conflict kept as data too, so that the history says it in its reader's language

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-03

`corrections.conflict` keeps the English text of the audit trail;
`corrections.conflict_said` holds the same problem as a template and its
values (a refused value's reason within), which the screens translate.
Conflicts stored before keep null and are said from their text.
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("corrections", sa.Column("conflict_said", sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("corrections") as batch:
        batch.drop_column("conflict_said")
