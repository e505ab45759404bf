"""Row versions that never restart, pending concept assignment, "reviewed" in the audit trail, server-side sessions

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-01

Decrees get `row_version_floor` (rows made again start above it) and
`concepts_pending` (true for every decree already stored, so the first run
after the upgrade assigns concepts once over everything). Corrections may
record an officer's "reviewed"; v_decrees counts it as no correction. Users'
sessions and failed sign-ins get their tables.
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ACTIONS_0001 = "action IN ('set', 'add', 'delete', 'split', 'merge', 'move', 'revert')"
ACTIONS = "action IN ('set', 'add', 'delete', 'split', 'merge', 'move', 'revert', 'reviewed')"

V_INDICATORS_0005 = """
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
         WHERE c.source_file_id = s.id AND c.action NOT IN ({excluded}) AND NOT c.reverted) AS corrections
FROM decrees d
JOIN source_files s ON s.id = d.source_file_id
"""


def _corrections_action_check(check: str) -> None:
    with op.batch_alter_table("corrections") as batch:
        batch.drop_constraint(op.f("ck_corrections_action"), type_="check")
        batch.create_check_constraint(op.f("ck_corrections_action"), check)


def upgrade() -> None:
    op.execute("DROP VIEW v_decrees")  # SQLite rebuilds `corrections`, which the view reads
    op.add_column("decrees", sa.Column("row_version_floor", sa.Integer(), server_default="0", nullable=False))
    op.add_column("decrees", sa.Column("concepts_pending", sa.Boolean(), server_default=sa.true(), nullable=False))
    _corrections_action_check(ACTIONS)
    op.execute(V_DECREES.format(excluded="'revert', 'reviewed'"))
    op.create_table(
        "user_sessions",
        sa.Column("token_hash", sa.String(64), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name=op.f("fk_user_sessions_user_id_users"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("token_hash", name=op.f("pk_user_sessions")),
    )
    op.create_index(op.f("ix_user_sessions_user_id"), "user_sessions", ["user_id"])
    op.create_table(
        "login_failures",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("client", sa.String(100), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_login_failures")),
    )
    op.create_index("ix_login_failures_name_at", "login_failures", ["name", "at"])
    op.create_index("ix_login_failures_client_at", "login_failures", ["client", "at"])


def downgrade() -> None:
    op.drop_index("ix_login_failures_client_at", "login_failures")
    op.drop_index("ix_login_failures_name_at", "login_failures")
    op.drop_table("login_failures")
    op.drop_index(op.f("ix_user_sessions_user_id"), "user_sessions")
    op.drop_table("user_sessions")
    op.execute("DROP VIEW v_decrees")
    op.execute("DROP VIEW v_indicators")  # SQLite rebuilds `decrees`, which both views read
    op.execute("DELETE FROM corrections WHERE action = 'reviewed'")
    _corrections_action_check(ACTIONS_0001)
    with op.batch_alter_table("decrees") as batch:
        batch.drop_column("concepts_pending")
        batch.drop_column("row_version_floor")
    op.execute(V_INDICATORS_0005)
    op.execute(V_DECREES.format(excluded="'revert'"))
