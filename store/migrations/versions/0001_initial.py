"""Initial schema: source files, decrees, positions and their fungsi, indicator rows, concepts, import runs, corrections

Revision ID: 0001
Revises: none
Create Date: 2026-11-21
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "concepts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=True),
        sa.Column("unit", sa.String(length=50), nullable=True),
        sa.Column("polarity", sa.String(length=10), nullable=True),
        sa.Column("usual_formula", sa.Text(), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.CheckConstraint("status IN ('proposed', 'confirmed')", name=op.f("ck_concepts_status")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_concepts")),
        sa.UniqueConstraint("name", name=op.f("uq_concepts_name")),
    )
    op.create_table(
        "import_runs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("user", sa.String(length=100), nullable=True),
        sa.Column("files", sa.Integer(), nullable=False),
        sa.Column("imported", sa.Integer(), nullable=False),
        sa.Column("updated", sa.Integer(), nullable=False),
        sa.Column("unchanged", sa.Integer(), nullable=False),
        sa.Column("failed", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_import_runs")),
    )
    op.create_table(
        "source_files",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=500), nullable=False),
        sa.Column("media_type", sa.String(length=100), nullable=True),
        sa.Column("pages", sa.Integer(), nullable=True),
        sa.Column("method", sa.String(length=50), nullable=True),
        sa.Column("extractor_version", sa.String(length=50), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("warnings", sa.JSON(), nullable=False),
        sa.Column("imported_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "status IN ('imported', 'needs_review', 'reviewed', 'failed', 'no_content')",
            name=op.f("ck_source_files_status"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_source_files")),
        sa.UniqueConstraint("sha256", name=op.f("uq_source_files_sha256")),
    )
    op.create_table(
        "corrections",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("source_file_id", sa.Integer(), nullable=False),
        sa.Column("who", sa.String(length=100), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("action", sa.String(length=10), nullable=False),
        sa.Column("target_row_key", sa.String(length=40), nullable=True),
        sa.Column("field", sa.String(length=40), nullable=True),
        sa.Column("old", sa.Text(), nullable=True),
        sa.Column("new", sa.Text(), nullable=True),
        sa.Column("why", sa.Text(), nullable=True),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column("reverts_id", sa.Integer(), nullable=True),
        sa.Column("reverted", sa.Boolean(), nullable=False),
        sa.Column("reverted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("applied_row_keys", sa.JSON(), nullable=False),
        sa.Column("conflict", sa.Text(), nullable=True),
        sa.CheckConstraint(
            "action IN ('set', 'add', 'delete', 'split', 'merge', 'move', 'revert')", name=op.f("ck_corrections_action")
        ),
        sa.CheckConstraint("status IN ('applied', 'rematched', 'conflict')", name=op.f("ck_corrections_status")),
        sa.ForeignKeyConstraint(["reverts_id"], ["corrections.id"], name=op.f("fk_corrections_reverts_id_corrections")),
        sa.ForeignKeyConstraint(
            ["source_file_id"],
            ["source_files.id"],
            name=op.f("fk_corrections_source_file_id_source_files"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_corrections")),
    )
    op.create_index(op.f("ix_corrections_source_file_id"), "corrections", ["source_file_id"], unique=False)
    op.create_table(
        "decrees",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("source_file_id", sa.Integer(), nullable=False),
        sa.Column("kecamatan", sa.String(length=200), nullable=True),
        sa.Column("kabupaten", sa.String(length=200), nullable=True),
        sa.Column("kabupaten_type", sa.String(length=20), nullable=True),
        sa.Column("provinsi", sa.String(length=200), nullable=True),
        sa.Column("kecamatan_code", sa.String(length=20), nullable=True),
        sa.Column("tahun", sa.Integer(), nullable=True),
        sa.Column("nomor", sa.Text(), nullable=True),
        sa.Column("tanggal", sa.Date(), nullable=True),
        sa.Column("penandatangan", sa.Text(), nullable=True),
        sa.Column("nip", sa.Text(), nullable=True),
        sa.Column("region_candidates", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["source_file_id"],
            ["source_files.id"],
            name=op.f("fk_decrees_source_file_id_source_files"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_decrees")),
        sa.UniqueConstraint("source_file_id", name=op.f("uq_decrees_source_file_id")),
    )
    op.create_index(op.f("ix_decrees_kabupaten"), "decrees", ["kabupaten"], unique=False)
    op.create_index(op.f("ix_decrees_kecamatan"), "decrees", ["kecamatan"], unique=False)
    op.create_index(op.f("ix_decrees_tahun"), "decrees", ["tahun"], unique=False)
    op.create_table(
        "positions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("decree_id", sa.Integer(), nullable=False),
        sa.Column("ordinal", sa.Integer(), nullable=False),
        sa.Column("position_key", sa.String(length=120), nullable=False),
        sa.Column("jabatan", sa.Text(), nullable=True),
        sa.Column("level", sa.String(length=20), nullable=True),
        sa.Column("canonical_jabatan", sa.String(length=200), nullable=True),
        sa.Column("tugas", sa.Text(), nullable=True),
        sa.Column("line_start", sa.Integer(), nullable=True),
        sa.Column("line_end", sa.Integer(), nullable=True),
        sa.Column("page", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["decree_id"], ["decrees.id"], name=op.f("fk_positions_decree_id_decrees"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_positions")),
        sa.UniqueConstraint("decree_id", "position_key", name=op.f("uq_positions_decree_id_position_key")),
    )
    op.create_index(op.f("ix_positions_decree_id"), "positions", ["decree_id"], unique=False)
    op.create_index(op.f("ix_positions_level"), "positions", ["level"], unique=False)
    op.create_table(
        "indicator_rows",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("decree_id", sa.Integer(), nullable=False),
        sa.Column("position_id", sa.Integer(), nullable=False),
        sa.Column("ordinal", sa.Integer(), nullable=False),
        sa.Column("row_key", sa.String(length=40), nullable=False),
        sa.Column("origin", sa.String(length=20), nullable=False),
        sa.Column("sasaran", sa.Text(), nullable=True),
        sa.Column("indikator", sa.Text(), nullable=True),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("formula", sa.Text(), nullable=True),
        sa.Column("numerator", sa.Text(), nullable=True),
        sa.Column("denominator", sa.Text(), nullable=True),
        sa.Column("multiplier", sa.Integer(), nullable=True),
        sa.Column("sumber_data", sa.Text(), nullable=True),
        sa.Column("target", sa.Text(), nullable=True),
        sa.Column("target_value", sa.Float(), nullable=True),
        sa.Column("target_unit", sa.Text(), nullable=True),
        sa.Column("confidence", sa.Float(), nullable=False),
        sa.Column("line_start", sa.Integer(), nullable=True),
        sa.Column("line_end", sa.Integer(), nullable=True),
        sa.Column("page", sa.Integer(), nullable=True),
        sa.Column("box_x0", sa.Float(), nullable=True),
        sa.Column("box_y0", sa.Float(), nullable=True),
        sa.Column("box_x1", sa.Float(), nullable=True),
        sa.Column("box_y1", sa.Float(), nullable=True),
        sa.Column("notes", sa.JSON(), nullable=False),
        sa.Column("extra", sa.JSON(), nullable=False),
        sa.Column("concept_id", sa.Integer(), nullable=True),
        sa.Column("reviewed", sa.Boolean(), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("extracted", sa.JSON(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["concept_id"], ["concepts.id"], name=op.f("fk_indicator_rows_concept_id_concepts"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["decree_id"], ["decrees.id"], name=op.f("fk_indicator_rows_decree_id_decrees"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["position_id"], ["positions.id"], name=op.f("fk_indicator_rows_position_id_positions"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_indicator_rows")),
        sa.UniqueConstraint("decree_id", "row_key", name=op.f("uq_indicator_rows_decree_id_row_key")),
    )
    op.create_index(op.f("ix_indicator_rows_concept_id"), "indicator_rows", ["concept_id"], unique=False)
    op.create_index(op.f("ix_indicator_rows_decree_id"), "indicator_rows", ["decree_id"], unique=False)
    op.create_index(op.f("ix_indicator_rows_kind"), "indicator_rows", ["kind"], unique=False)
    op.create_index(op.f("ix_indicator_rows_position_id"), "indicator_rows", ["position_id"], unique=False)
    op.create_table(
        "position_functions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("position_id", sa.Integer(), nullable=False),
        sa.Column("ordinal", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["position_id"],
            ["positions.id"],
            name=op.f("fk_position_functions_position_id_positions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_position_functions")),
    )
    op.create_index(op.f("ix_position_functions_position_id"), "position_functions", ["position_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_position_functions_position_id"), table_name="position_functions")
    op.drop_table("position_functions")
    op.drop_index(op.f("ix_indicator_rows_position_id"), table_name="indicator_rows")
    op.drop_index(op.f("ix_indicator_rows_kind"), table_name="indicator_rows")
    op.drop_index(op.f("ix_indicator_rows_decree_id"), table_name="indicator_rows")
    op.drop_index(op.f("ix_indicator_rows_concept_id"), table_name="indicator_rows")
    op.drop_table("indicator_rows")
    op.drop_index(op.f("ix_positions_level"), table_name="positions")
    op.drop_index(op.f("ix_positions_decree_id"), table_name="positions")
    op.drop_table("positions")
    op.drop_index(op.f("ix_decrees_tahun"), table_name="decrees")
    op.drop_index(op.f("ix_decrees_kecamatan"), table_name="decrees")
    op.drop_index(op.f("ix_decrees_kabupaten"), table_name="decrees")
    op.drop_table("decrees")
    op.drop_index(op.f("ix_corrections_source_file_id"), table_name="corrections")
    op.drop_table("corrections")
    op.drop_table("source_files")
    op.drop_table("import_runs")
    op.drop_table("concepts")
