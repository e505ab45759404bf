"""What the review screen shows: one decree's positions and rows, the cells to check, its latest corrections.

A row the program filled in (its notes say a value was copied, inferred or
repaired) or read with low confidence counts as unreviewed until an officer
confirms it, which is itself a correction (`reviewed` set to true).
"""
from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from store.decree_counts import REVIEW_CONFIDENCE, waits_for_confirmation
from store.models import Correction, Decree, IndicatorRow, Position

GRID_FIELDS = ("sasaran", "indikator", "kind", "formula", "sumber_data", "target")
# shown on demand: the formula's parts and the target read as a number and a unit
EXTRA_FIELDS = ("numerator", "denominator", "multiplier", "target_value", "target_unit")
DECREE_FIELDS = ("kecamatan", "kabupaten", "tahun", "nomor", "tanggal", "penandatangan", "nip")

needs_confirmation = waits_for_confirmation


@dataclass
class PositionBlock:
    position: Position
    rows: list[IndicatorRow] = field(default_factory=list)


def decree_grid(session: Session, decree: Decree) -> list[PositionBlock]:
    """The decree's positions in document order, each with its live rows in order."""
    positions = session.scalars(select(Position).where(Position.decree_id == decree.id)
                                .options(selectinload(Position.fungsi)).order_by(Position.ordinal))
    blocks = {p.id: PositionBlock(p) for p in positions}
    rows = session.scalars(select(IndicatorRow).where(IndicatorRow.decree_id == decree.id,
                                                      IndicatorRow.deleted.is_(False))
                           .order_by(IndicatorRow.ordinal, IndicatorRow.id))
    for row in rows:
        blocks[row.position_id].rows.append(row)
    return list(blocks.values())


def doubtful_fields(row: IndicatorRow) -> set[str]:
    """The cells to mark: every cell of a low-confidence row, else the cells a note says the program filled."""
    if row.reviewed:
        return set()
    if row.confidence < REVIEW_CONFIDENCE:
        return set(GRID_FIELDS)
    return {name for name in GRID_FIELDS for note in row.notes if note.startswith((name, name.replace("_", " ")))} \
        or ({"indikator"} if row.notes else set())


def row_pages(row: IndicatorRow) -> list[int]:
    """Every page a row touches, in order: more than its first when it goes on over a page break."""
    if row.page_boxes:
        return [int(box[0]) for box in row.page_boxes]
    return [row.page] if row.page is not None else []


def last_corrections(session: Session, decree: Decree, limit: int = 10) -> list[Correction]:
    query = (select(Correction).where(Correction.source_file_id == decree.source_file_id)
             .order_by(Correction.id.desc()).limit(limit))
    return list(session.scalars(query))
