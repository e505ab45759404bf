"""Concept catalogue in the database: stable codes, aliases, redirects of merged codes, the audit of edits

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-21
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

V_INDICATORS_0003 = """
CREATE VIEW v_indicators AS
SELECT r.id AS row_id, r.row_key, d.id AS decree_id, s.name AS source, s.sha256,
       d.kecamatan, d.kabupaten, d.kabupaten_type, d.provinsi, d.kecamatan_code,
       d.kabupaten_code, d.provinsi_code, d.tahun, d.nomor,
       p.id AS position_id, p.ordinal AS position_ordinal, p.position_key, p.jabatan, p.level, p.canonical_jabatan,
       r.ordinal, r.sasaran, r.indikator, r.kind, r.formula, r.numerator, r.denominator, r.multiplier,
       r.sumber_data, r.target, r.target_value, r.target_unit, r.confidence,
       c.id AS concept_id, c.name AS concept, c.status AS concept_status,
       r.reviewed, r.origin, r.line_start, r.line_end, r.page, r.version
FROM indicator_rows r
JOIN positions p ON p.id = r.position_id
JOIN decrees d ON d.id = r.decree_id
JOIN source_files s ON s.id = d.source_file_id
LEFT JOIN concepts c ON c.id = r.concept_id
WHERE NOT r.deleted
"""

V_INDICATORS = """
CREATE VIEW v_indicators AS
SELECT r.id AS row_id, r.row_key, d.id AS decree_id, s.name AS source, s.sha256,
       d.kecamatan, d.kabupaten, d.kabupaten_type, d.provinsi, d.kecamatan_code,
       d.kabupaten_code, d.provinsi_code, d.tahun, d.nomor,
       p.id AS position_id, p.ordinal AS position_ordinal, p.position_key, p.jabatan, p.level, p.canonical_jabatan,
       p.jabatan_score,
       r.ordinal, r.sasaran, r.indikator, r.kind, r.formula, r.numerator, r.denominator, r.multiplier,
       r.sumber_data, r.target, r.target_value, r.target_unit, r.confidence,
       c.id AS concept_id, c.name AS concept, c.status AS concept_status, c.code AS concept_code, r.concept_score,
       r.reviewed, r.origin, r.line_start, r.line_end, r.page, r.version
FROM indicator_rows r
JOIN positions p ON p.id = r.position_id
JOIN decrees d ON d.id = r.decree_id
JOIN source_files s ON s.id = d.source_file_id
LEFT JOIN concepts c ON c.id = r.concept_id
WHERE NOT r.deleted
"""

V_DECREES = """
CREATE VIEW v_decrees AS
SELECT d.id AS decree_id, s.name AS source, s.sha256, s.status, s.extractor_version, s.imported_at,
       d.kecamatan, d.kabupaten, d.kabupaten_type, d.provinsi, d.kecamatan_code,
       d.kabupaten_code, d.provinsi_code, d.region_status, d.tahun, d.nomor, d.tanggal,
       d.penandatangan, d.nip,
       (SELECT COUNT(*) FROM positions p WHERE p.decree_id = d.id) AS positions,
       (SELECT COUNT(*) FROM indicator_rows r WHERE r.decree_id = d.id AND NOT r.deleted) AS indicators,
       (SELECT COUNT(*) FROM corrections c
         WHERE c.source_file_id = s.id AND c.action <> 'revert' AND NOT c.reverted) AS corrections
FROM decrees d
JOIN source_files s ON s.id = d.source_file_id
"""

CONCEPTS = sa.table("concepts", sa.column("id", sa.Integer), sa.column("code", sa.String),
                    sa.column("curated", sa.Boolean))


def _drop_views() -> None:
    op.execute("DROP VIEW v_decrees")
    op.execute("DROP VIEW v_indicators")


def upgrade() -> None:
    _drop_views()  # SQLite rebuilds `concepts`, which the views read
    with op.batch_alter_table("concepts") as batch:
        batch.add_column(sa.Column("code", sa.String(100), nullable=True))
        batch.add_column(sa.Column("curated", sa.Boolean(), nullable=True))
        batch.alter_column("polarity", type_=sa.String(20), existing_type=sa.String(10), existing_nullable=True)
        batch.drop_constraint(op.f("uq_concepts_name"), type_="unique")
        batch.drop_constraint(op.f("ck_concepts_status"), type_="check")
        batch.create_check_constraint(op.f("ck_concepts_status"), "status IN ('proposed', 'confirmed', 'merged')")
    op.execute(CONCEPTS.update().values(code="concept-" + sa.cast(CONCEPTS.c.id, sa.String), curated=sa.false()))
    with op.batch_alter_table("concepts") as batch:
        batch.alter_column("code", existing_type=sa.String(100), nullable=False)
        batch.alter_column("curated", existing_type=sa.Boolean(), nullable=False)
        batch.create_unique_constraint(op.f("uq_concepts_code"), ["code"])
    op.create_table(
        "concept_aliases",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("concept_id", sa.Integer(), nullable=False),
        sa.Column("ordinal", sa.Integer(), nullable=False),
        sa.Column("wording", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["concept_id"], ["concepts.id"], name=op.f("fk_concept_aliases_concept_id_concepts"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_concept_aliases")),
        sa.UniqueConstraint("concept_id", "ordinal", name=op.f("uq_concept_aliases_concept_id_ordinal")),
    )
    op.create_index(op.f("ix_concept_aliases_concept_id"), "concept_aliases", ["concept_id"])
    op.create_table(
        "concept_redirects",
        sa.Column("code", sa.String(100), nullable=False),
        sa.Column("concept_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["concept_id"], ["concepts.id"],
                                name=op.f("fk_concept_redirects_concept_id_concepts"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_concept_redirects")),
    )
    op.create_index(op.f("ix_concept_redirects_concept_id"), "concept_redirects", ["concept_id"])
    op.create_table(
        "concept_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("who", sa.String(100), nullable=False),
        sa.Column("action", sa.String(10), nullable=False),
        sa.Column("codes", sa.JSON(), nullable=False),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column("why", sa.Text(), nullable=True),
        sa.CheckConstraint("action IN ('add', 'confirm', 'rename', 'merge', 'split')",
                           name=op.f("ck_concept_events_action")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_concept_events")),
    )
    op.add_column("positions", sa.Column("jabatan_score", sa.Float(), nullable=True))
    op.add_column("indicator_rows", sa.Column("concept_score", sa.Float(), nullable=True))
    op.execute(V_INDICATORS)
    op.execute(V_DECREES)


def downgrade() -> None:
    _drop_views()
    with op.batch_alter_table("indicator_rows") as batch:
        batch.drop_column("concept_score")
    with op.batch_alter_table("positions") as batch:
        batch.drop_column("jabatan_score")
    op.drop_table("concept_events")
    op.drop_index(op.f("ix_concept_redirects_concept_id"), "concept_redirects")
    op.drop_table("concept_redirects")
    op.drop_index(op.f("ix_concept_aliases_concept_id"), "concept_aliases")
    op.drop_table("concept_aliases")
    op.execute("DELETE FROM concepts WHERE status = 'merged'")
    with op.batch_alter_table("concepts") as batch:
        batch.drop_constraint(op.f("uq_concepts_code"), type_="unique")
        batch.drop_constraint(op.f("ck_concepts_status"), type_="check")
        batch.create_check_constraint(op.f("ck_concepts_status"), "status IN ('proposed', 'confirmed')")
        batch.create_unique_constraint(op.f("uq_concepts_name"), ["name"])
        batch.alter_column("polarity", type_=sa.String(10), existing_type=sa.String(20), existing_nullable=True)
        batch.drop_column("curated")
        batch.drop_column("code")
    op.execute(V_INDICATORS_0003)
    op.execute(V_DECREES)
