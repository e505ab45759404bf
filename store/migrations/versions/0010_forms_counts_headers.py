"""One decree in several forms, row counts per decree, positions' and decrees' fields as read, kept originals

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-02

Decrees get `twin_of` (the form of the same decree that counts), the keys
that find such forms (`identity_key`: kecamatan, tahun and nomor;
`content_key`: the indicators' wording), their row counts, and `extracted`
(their own fields as read); positions get `extracted` too. Existing decrees
are keyed and grouped here, the earliest form of each decree counting.
Corrections may edit a position or a decree, or choose the form that counts.
`source_contents` keeps originals in the database when asked to. The views
read only the forms that count; `v_decree_sources` lists every form.
"""
import hashlib
from collections.abc import Sequence
from datetime import date
from typing import Any

import sqlalchemy as sa
from alembic import op

from store.keys import fold

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ACTIONS_0009 = "action IN ('set', 'add', 'delete', 'split', 'merge', 'move', 'revert', 'reviewed')"
ACTIONS = ("action IN ('set', 'add', 'delete', 'split', 'merge', 'move', 'revert', 'reviewed', 'position', "
           "'decree', 'authority')")
DECREE_FIELDS = ("kecamatan", "kabupaten", "tahun", "nomor", "tanggal", "penandatangan", "nip")
NOT_COUNTED = "'revert', 'reviewed', 'authority'"
# the pivot's and charts' sums read these instead of the rows: concepts, kinds, positions per decree
COVERING = {"ix_indicator_rows_concept_decree": ["concept_id", "decree_id", "deleted"],
            "ix_indicator_rows_kind_decree": ["kind", "decree_id", "deleted"],
            "ix_indicator_rows_position_deleted": ["position_id", "deleted"]}

V_INDICATORS = """
CREATE VIEW v_indicators AS
SELECT r.id AS row_id, r.row_key, d.id AS decree_id, s.name AS source, s.sha256,
       d.kecamatan, d.kabupaten, d.kabupaten_type, d.provinsi, d.kecamatan_code,
       d.kabupaten_code, d.provinsi_code, d.tahun, d.nomor, d.tanggal,
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
WHERE NOT r.deleted{forms}
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
         WHERE c.source_file_id = s.id AND c.action NOT IN ({excluded}) AND NOT c.reverted) AS corrections{forms}
FROM decrees d
JOIN source_files s ON s.id = d.source_file_id{where}
"""
FORMS_COLUMN = ",\n       (SELECT COUNT(*) FROM decrees t WHERE t.twin_of = d.id) + 1 AS forms"

V_DECREE_SOURCES = """
CREATE VIEW v_decree_sources AS
SELECT COALESCE(d.twin_of, d.id) AS decree_id, d.id AS form_decree_id, s.name AS source, s.sha256, s.media_type,
       s.status, s.imported_at, d.twin_of IS NULL AS counts
FROM decrees d
JOIN source_files s ON s.id = d.source_file_id
"""

COUNTS = """
UPDATE decrees SET
  row_count = (SELECT COUNT(*) FROM indicator_rows r WHERE r.decree_id = decrees.id AND NOT r.deleted),
  low_count = (SELECT COUNT(*) FROM indicator_rows r WHERE r.decree_id = decrees.id AND NOT r.deleted
               AND r.confidence < 0.7),
  unconfirmed_count = (SELECT COUNT(*) FROM indicator_rows r WHERE r.decree_id = decrees.id AND NOT r.deleted
               AND NOT r.reviewed AND (r.confidence < 0.7 OR json_array_length(r.notes) > 0)),
  min_confidence = (SELECT MIN(r.confidence) FROM indicator_rows r WHERE r.decree_id = decrees.id AND NOT r.deleted)
"""


def _iso(value: Any) -> str | None:
    if value is None:
        return None
    return value.isoformat() if isinstance(value, date) else str(value)


def _identity(kecamatan: str | None, tahun: int | None, nomor: str | None) -> str | None:
    parts = (fold(kecamatan), str(tahun or ""), fold(nomor))
    return "|".join(parts) if all(parts) else None


def _content(wordings: list[str]) -> str | None:
    folded = sorted(filter(None, map(fold, wordings)))
    return hashlib.sha256("\n".join(folded).encode()).hexdigest() if folded else None


def _backfill(bind: sa.Connection) -> None:
    """Fields as read (no officer could edit them before), keys, and the earliest form of each decree counting."""
    decrees = sa.table("decrees", sa.column("id"), *(sa.column(name) for name in DECREE_FIELDS),
                       sa.column("extracted", sa.JSON()), sa.column("identity_key"), sa.column("content_key"),
                       sa.column("twin_of"))
    positions = sa.table("positions", sa.column("id"), sa.column("jabatan"), sa.column("level"), sa.column("tugas"),
                         sa.column("extracted", sa.JSON()))
    functions = sa.table("position_functions", sa.column("position_id"), sa.column("ordinal"), sa.column("text"))
    rows = sa.table("indicator_rows", sa.column("decree_id"), sa.column("indikator"), sa.column("origin"))
    fungsi: dict[int, list[str]] = {}
    for position_id, text in bind.execute(sa.select(functions.c.position_id, functions.c.text)
                                          .order_by(functions.c.position_id, functions.c.ordinal)):
        fungsi.setdefault(position_id, []).append(text)
    changes = [{"pid": pid, "snapshot": {"jabatan": jabatan, "level": level, "tugas": tugas,
                                         "fungsi": fungsi.get(pid, [])}}
               for pid, jabatan, level, tugas in bind.execute(
                   sa.select(positions.c.id, positions.c.jabatan, positions.c.level, positions.c.tugas))]
    if changes:
        bind.execute(positions.update().where(positions.c.id == sa.bindparam("pid"))
                     .values(extracted=sa.bindparam("snapshot")), changes)
    wordings: dict[int, list[str]] = {}
    for decree_id, indikator in bind.execute(sa.select(rows.c.decree_id, rows.c.indikator)
                                             .where(rows.c.origin == "extracted")):
        wordings.setdefault(decree_id, []).append(indikator or "")
    found = bind.execute(sa.select(decrees.c.id, *(decrees.c[name] for name in DECREE_FIELDS))
                         .order_by(decrees.c.id)).all()
    roots: dict[str, int] = {}
    updates = []
    for decree_id, *values in found:
        fields = dict(zip(DECREE_FIELDS, values, strict=True))
        identity = _identity(fields["kecamatan"], fields["tahun"], fields["nomor"])
        content = _content(wordings.get(decree_id, []))
        # worded alike is one decree only within one kecamatan and year (offices copy their kabupaten's template)
        place = f"{fold(fields['kecamatan'])}|{fields['tahun'] or ''}"
        keys = [f"i:{identity}" if identity else None, f"c:{content}|{place}" if content else None]
        root = next((roots[key] for key in keys if key and key in roots), None)
        for key in keys:
            if key:
                roots.setdefault(key, root or decree_id)
        updates.append({"did": decree_id, "snapshot": {name: _iso(value) for name, value in fields.items()},
                        "identity": identity, "content": content, "twin": root})
    if updates:
        bind.execute(decrees.update().where(decrees.c.id == sa.bindparam("did"))
                     .values(extracted=sa.bindparam("snapshot"), identity_key=sa.bindparam("identity"),
                             content_key=sa.bindparam("content"), twin_of=sa.bindparam("twin")), updates)


def _corrections_action_check(check: str) -> None:
    with op.batch_alter_table("corrections") as batch:
        batch.drop_constraint(op.f("ck_corrections_action"), type_="check")
        batch.create_check_constraint(op.f("ck_corrections_action"), check)


def upgrade() -> None:
    op.execute("DROP VIEW v_decrees")  # SQLite rebuilds the tables the views read
    op.execute("DROP VIEW v_indicators")
    # Plain ADD COLUMN: rebuilding `decrees` on SQLite would drop the old table, whose rows' ON DELETE CASCADE
    # would empty positions and indicator rows. For the same reason `twin_of` is a plain id: SQLite adds no named
    # foreign key to an existing table.
    op.add_column("decrees", sa.Column("extracted", sa.JSON(), nullable=True))
    op.add_column("decrees", sa.Column("twin_of", sa.Integer(), nullable=True))
    op.add_column("decrees", sa.Column("identity_key", sa.String(300), nullable=True))
    op.add_column("decrees", sa.Column("content_key", sa.String(64), nullable=True))
    for name in ("row_count", "low_count", "unconfirmed_count"):
        op.add_column("decrees", sa.Column(name, sa.Integer(), server_default="0", nullable=False))
    op.add_column("decrees", sa.Column("min_confidence", sa.Float(), nullable=True))
    for name in ("twin_of", "identity_key", "content_key"):
        op.create_index(op.f(f"ix_decrees_{name}"), "decrees", [name])
    op.add_column("positions", sa.Column("extracted", sa.JSON(), nullable=True))
    for name, columns in COVERING.items():
        op.create_index(name, "indicator_rows", columns)
    _corrections_action_check(ACTIONS)
    op.create_table(
        "source_contents",
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.PrimaryKeyConstraint("sha256", name=op.f("pk_source_contents")),
    )
    _backfill(op.get_bind())
    op.execute(COUNTS)
    op.execute(V_INDICATORS.format(forms=" AND d.twin_of IS NULL"))
    op.execute(V_DECREES.format(excluded=NOT_COUNTED, forms=FORMS_COLUMN, where="\nWHERE d.twin_of IS NULL"))
    op.execute(V_DECREE_SOURCES)


def downgrade() -> None:
    op.execute("DROP VIEW v_decree_sources")
    op.execute("DROP VIEW v_decrees")
    op.execute("DROP VIEW v_indicators")
    op.drop_table("source_contents")
    op.execute("DELETE FROM corrections WHERE action IN ('position', 'decree', 'authority')")
    _corrections_action_check(ACTIONS_0009)
    op.drop_column("positions", "extracted")
    for name in COVERING:
        op.drop_index(name, "indicator_rows")
    for name in ("twin_of", "identity_key", "content_key"):
        op.drop_index(op.f(f"ix_decrees_{name}"), "decrees")
    for name in ("min_confidence", "unconfirmed_count", "low_count", "row_count", "content_key", "identity_key",
                 "twin_of", "extracted"):
        op.drop_column("decrees", name)
    op.execute(V_INDICATORS.replace(", d.tanggal", "").format(forms=""))
    op.execute(V_DECREES.format(excluded="'revert', 'reviewed'", forms="", where=""))
