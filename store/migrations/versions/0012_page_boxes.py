"""Rows that go on over a page break keep a box on every page they touch

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-02

`indicator_rows.page_boxes` lists [page, x0, y0, x1, y1] per page for a row
whose cells continue on the next page; `page` and the `box_*` columns stay
the row's first page. Rows stored before keep null until their decree is
imported again.
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # plain ADD COLUMN: rebuilding indicator_rows on SQLite is a needless copy of every row
    op.add_column("indicator_rows", sa.Column("page_boxes", sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("indicator_rows") as batch:
        batch.drop_column("page_boxes")
