"""What the officers' screens show: the decree queue and one decree's rows, read from the store.

A row the program filled in (its notes say a value was copied, inferred or
repaired) or read with low confidence counts as unreviewed until an officer
confirms it, which is itself a correction (`reviewed` set to true).
"""
from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session, selectinload

from store.enums import SourceStatus
from store.importer import REVIEW_CONFIDENCE
from store.models import Correction, Decree, IndicatorRow, Position, SourceFile

GRID_FIELDS = ("sasaran", "indikator", "kind", "formula", "sumber_data", "target")
# the queue's order: what needs an officer first
QUEUE_ORDER = (SourceStatus.NEEDS_REVIEW, SourceStatus.FAILED, SourceStatus.IMPORTED, SourceStatus.NO_CONTENT,
               SourceStatus.REVIEWED)


@dataclass
class QueueEntry:
    source_id: int
    name: str
    status: SourceStatus
    decree_id: int | None
    kecamatan: str | None
    kabupaten: str | None
    tahun: int | None
    rows: int
    low_confidence: int
    unconfirmed: int
    error: str | None

    @property
    def status_label(self) -> str:
        return self.status.replace("_", " ")


def needs_confirmation(row: IndicatorRow) -> bool:
    return not row.reviewed and (row.confidence < REVIEW_CONFIDENCE or bool(row.notes))


def queue(session: Session) -> list[QueueEntry]:
    """Every file, failures included, with its row counts; decrees needing review first."""
    live = IndicatorRow.deleted.is_(False)
    low = case((live & (IndicatorRow.confidence < REVIEW_CONFIDENCE), 1), else_=0)
    counts = (select(IndicatorRow.decree_id, func.sum(case((live, 1), else_=0)).label("rows"),
                     func.sum(low).label("low"))
              .group_by(IndicatorRow.decree_id).subquery())
    query = (select(SourceFile, Decree, counts.c.rows, counts.c.low)
             .outerjoin(Decree, Decree.source_file_id == SourceFile.id)
             .outerjoin(counts, counts.c.decree_id == Decree.id))
    noted = _unconfirmed_by_decree(session)
    order = {status: place for place, status in enumerate(QUEUE_ORDER)}
    entries = [QueueEntry(source.id, source.name, source.status, decree.id if decree else None,
                          decree.kecamatan if decree else None, decree.kabupaten if decree else None,
                          decree.tahun if decree else None, int(rows or 0), int(low_count or 0),
                          noted.get(decree.id, 0) if decree else 0, source.error)
               for source, decree, rows, low_count in session.execute(query)]
    return sorted(entries, key=lambda e: (order[e.status], e.kabupaten or "", e.kecamatan or "", e.name))


def _unconfirmed_by_decree(session: Session) -> dict[int, int]:
    """Rows still waiting for an officer's confirmation, per decree (notes are JSON, so counted here)."""
    query = select(IndicatorRow).where(IndicatorRow.deleted.is_(False), IndicatorRow.reviewed.is_(False))
    found: dict[int, int] = {}
    for row in session.scalars(query):
        if needs_confirmation(row):
            found[row.decree_id] = found.get(row.decree_id, 0) + 1
    return found


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


def last_corrections(session: Session, decree: Decree, limit: int = 10) -> list[Correction]:
    query = (select(Correction).where(Correction.source_file_id == decree.source_file_id)
             .order_by(Correction.id.desc()).limit(limit))
    return list(session.scalars(query))
