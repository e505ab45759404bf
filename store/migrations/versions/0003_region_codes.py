"""Region codes of every level on decrees (kabupaten/kota, provinsi) and the resolution status

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-21
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

V_INDICATORS_0002 = """
CREATE VIEW v_indicators AS
SELECT r.id AS row_id, r.row_key, d.id AS decree_id, s.name AS source, s.sha256,
       d.kecamatan, d.kabupaten, d.kabupaten_type, d.provinsi, d.kecamatan_code, d.tahun, d.nomor,
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

V_DECREES_0002 = """
CREATE VIEW v_decrees AS
SELECT d.id AS decree_id, s.name AS source, s.sha256, s.status, s.extractor_version, s.imported_at,
       d.kecamatan, d.kabupaten, d.kabupaten_type, d.provinsi, d.kecamatan_code, d.tahun, d.nomor, d.tanggal,
       d.penandatangan, d.nip,
       (SELECT COUNT(*) FROM positions p WHERE p.decree_id = d.id) AS positions,
       (SELECT COUNT(*) FROM indicator_rows r WHERE r.decree_id = d.id AND NOT r.deleted) AS indicators,
       (SELECT COUNT(*) FROM corrections c
         WHERE c.source_file_id = s.id AND c.action <> 'revert' AND NOT c.reverted) AS corrections
FROM decrees d
JOIN source_files s ON s.id = d.source_file_id
"""

V_INDICATORS = """
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


def _recreate_views(indicators: str, decrees: str) -> None:
    op.execute("DROP VIEW v_decrees")
    op.execute("DROP VIEW v_indicators")
    op.execute(indicators)
    op.execute(decrees)


def upgrade() -> None:
    with op.batch_alter_table("decrees") as batch:
        batch.add_column(sa.Column("kabupaten_code", sa.String(20), nullable=True))
        batch.add_column(sa.Column("provinsi_code", sa.String(10), nullable=True))
        batch.add_column(sa.Column("region_status", sa.String(20), nullable=True))
    op.create_index("ix_decrees_provinsi", "decrees", ["provinsi"])
    _recreate_views(V_INDICATORS, V_DECREES)


def downgrade() -> None:
    op.execute("DROP VIEW v_decrees")
    op.execute("DROP VIEW v_indicators")
    op.drop_index("ix_decrees_provinsi", "decrees")
    with op.batch_alter_table("decrees") as batch:
        batch.drop_column("region_status")
        batch.drop_column("provinsi_code")
        batch.drop_column("kabupaten_code")
    op.execute(V_INDICATORS_0002)
    op.execute(V_DECREES_0002)
