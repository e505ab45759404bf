"""Officers' decisions about wordings (aliases, must-link, cannot-link) and the stored wordings' index with the
stems' document frequencies

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-01
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "concept_decisions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("link", sa.String(20), nullable=False),
        sa.Column("wording", sa.Text(), nullable=False),
        sa.Column("wording_key", sa.Text(), nullable=False),
        sa.Column("other", sa.Text(), nullable=False),
        sa.Column("other_key", sa.Text(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=True),
        sa.CheckConstraint("link IN ('alias', 'must_link', 'cannot_link')", name=op.f("ck_concept_decisions_link")),
        sa.ForeignKeyConstraint(["event_id"], ["concept_events.id"],
                                name=op.f("fk_concept_decisions_event_id_concept_events"), ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_concept_decisions")),
    )
    op.create_index(op.f("ix_concept_decisions_wording_key"), "concept_decisions", ["wording_key"])
    op.create_index(op.f("ix_concept_decisions_event_id"), "concept_decisions", ["event_id"])
    op.create_table(
        "concept_wordings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("digest", sa.String(64), nullable=False),
        sa.Column("indikator", sa.Text(), nullable=False),
        sa.Column("wording_key", sa.Text(), nullable=False),
        sa.Column("signature", sa.JSON(), nullable=False),
        sa.Column("concept_id", sa.Integer(), nullable=True),
        sa.Column("score", sa.Float(), nullable=True),
        sa.Column("uses", sa.Integer(), nullable=False),
        sa.Column("decided_by", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(["concept_id"], ["concepts.id"], name=op.f("fk_concept_wordings_concept_id_concepts"),
                                ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_concept_wordings")),
        sa.UniqueConstraint("digest", name=op.f("uq_concept_wordings_digest")),
    )
    op.create_index(op.f("ix_concept_wordings_concept_id"), "concept_wordings", ["concept_id"])
    op.create_table(
        "concept_wording_terms",
        sa.Column("term", sa.String(100), nullable=False),
        sa.Column("wording_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["wording_id"], ["concept_wordings.id"],
                                name=op.f("fk_concept_wording_terms_wording_id_concept_wordings"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("term", "wording_id", name=op.f("pk_concept_wording_terms")),
    )
    op.create_index(op.f("ix_concept_wording_terms_wording_id"), "concept_wording_terms", ["wording_id"])
    op.create_table(
        "concept_term_uses",
        sa.Column("term", sa.String(100), nullable=False),
        sa.Column("uses", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("term", name=op.f("pk_concept_term_uses")),
    )


def downgrade() -> None:
    op.drop_table("concept_term_uses")
    op.drop_table("concept_wording_terms")
    op.drop_table("concept_wordings")
    op.drop_table("concept_decisions")
