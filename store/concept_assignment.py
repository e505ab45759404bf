"""Give every stored indicator row its concept and every position its canonical jabatan.

Replaying corrections resets the rows' concepts, and a new decree changes
which wordings propose a concept together, so assignment is recomputed over
the effective rows of all decrees after every import, correction replay and
catalogue edit. It depends only on the data and the curated catalogue (seed
and officers' edits): the data's proposals are worked out afresh each time,
decrees are read in a fixed order (source name, then content hash), and a row
or position is written only when its value changes, so running it twice
changes nothing. A concept an officer set on a row by hand (a correction of
`concept_id`) wins over the grouping and becomes curated.
"""
from __future__ import annotations

import time
from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import bindparam, select, update
from sqlalchemy.orm import Session, selectinload

from normalize.harmonize.catalogue import Catalogue
from normalize.harmonize.concepts import group_indicators, grow_catalogue
from normalize.harmonize.jabatan import map_jabatan
from normalize.records import Decree as DecreeHead
from normalize.records import DecreeRecord, Indicator
from normalize.records import Position as PositionRecord
from store.concept_catalogue import MERGED, load_catalogue, lock_catalogue, prune_proposals, save_catalogue
from store.models import Concept, Correction, Decree, IndicatorRow, Position, SourceFile

INDICATOR_FIELDS = ("sasaran", "indikator", "kind", "formula", "numerator", "denominator", "multiplier",
                    "sumber_data", "target", "target_value", "target_unit")


@dataclass(frozen=True)
class AssignmentSummary:
    """What one assignment run did."""

    rows: int
    changed_rows: int
    concepts: int
    proposed: int
    positions_mapped: int
    seconds: float


def _officer_concepts(session: Session) -> dict[tuple[int, str], int | None]:
    """(source file, row key) -> the concept id an officer's live correction set on that row."""
    query = (select(Correction)
             .where(Correction.action == "set", Correction.field == "concept_id", Correction.reverted.is_(False),
                    Correction.status != "conflict")
             .order_by(Correction.id))
    chosen = {}
    for correction in session.scalars(query):
        for key in correction.applied_row_keys:
            chosen[(correction.source_file_id, key)] = int(correction.new) if correction.new else None
    return chosen


def _decrees(session: Session) -> list[Decree]:
    query = (select(Decree).join(SourceFile)
             .options(selectinload(Decree.positions).selectinload(Position.fungsi), selectinload(Decree.rows))
             .order_by(SourceFile.name, SourceFile.sha256))
    return list(session.scalars(query))


RowIndex = dict[tuple[str, int, int], IndicatorRow]


def _records(decrees: list[Decree], skip: set[int]) -> tuple[list[DecreeRecord], RowIndex]:
    """The effective rows as records for grouping, and which row each (source, position, indicator) is."""
    records: list[DecreeRecord] = []
    where: RowIndex = {}
    for decree in decrees:
        source = str(decree.id)
        by_position: dict[int, list[IndicatorRow]] = defaultdict(list)
        for row in decree.rows:
            if not row.deleted and row.id not in skip:
                by_position[row.position_id].append(row)
        positions = []
        for p, position in enumerate(decree.positions):
            rows = sorted(by_position[position.id], key=lambda r: (r.ordinal, r.row_key))
            for i, row in enumerate(rows):
                where[(source, p, i)] = row
            positions.append(PositionRecord(
                jabatan=position.jabatan, level=position.level, tugas=position.tugas,
                fungsi=[f.text for f in position.fungsi],
                indicators=[Indicator(**{name: getattr(row, name) for name in INDICATOR_FIELDS}) for row in rows]))
        records.append(DecreeRecord(source=source, media_type="", method="store",
                                    decree=DecreeHead(kecamatan=decree.kecamatan), positions=positions))
    return records, where


def _set(obj: object, **values: object) -> None:
    """Write only what differs, so an unchanged object is not updated."""
    for name, value in values.items():
        if getattr(obj, name) != value:
            setattr(obj, name, value)


def _write_concepts(session: Session, rows: list[IndicatorRow],
                    chosen: dict[int, tuple[int | None, float | None]]) -> int:
    """Store each row's concept and score where they changed; returns how many rows changed.

    Written past the ORM so that the rows' version stays: the version guards
    officers' edits against each other, and a derived concept is not one.
    """
    changes = []
    for row in rows:
        concept_id, score = (None, None) if row.deleted else chosen.get(row.id, (None, None))
        if (row.concept_id, row.concept_score) != (concept_id, score):
            changes.append({"row_id": row.id, "concept_id": concept_id, "concept_score": score})
    if changes:
        table = IndicatorRow.__table__
        session.execute(update(table).where(table.c.id == bindparam("row_id"))
                        .values(concept_id=bindparam("concept_id"), concept_score=bindparam("concept_score")),
                        changes)
        for row in rows:
            session.expire(row, ["concept_id", "concept_score", "concept"])
    return len(changes)


def _map_positions(decrees: list[Decree]) -> int:
    mapped = 0
    for decree in decrees:
        for position in decree.positions:
            match = map_jabatan(position.jabatan, position.level, position.tugas, [f.text for f in position.fungsi])
            _set(position, canonical_jabatan=match.code, jabatan_score=match.score if match.code else None)
            mapped += match.code is not None
    return mapped


def _resolved(session: Session, concept_id: int | None, catalogue: Catalogue, ids: dict[str, int]) -> int | None:
    """An officer's concept, followed through merges."""
    concept = session.get(Concept, concept_id) if concept_id is not None else None
    if concept is None or concept.status != MERGED:
        return concept_id
    return ids[catalogue.get(concept.code).code]


def assign_concepts(session: Session) -> AssignmentSummary:
    """Recompute every row's concept and every position's canonical jabatan, inside the caller's transaction."""
    started = time.perf_counter()
    lock_catalogue(session)
    decrees = _decrees(session)
    officer = _officer_concepts(session)
    by_officer = {row.id: officer[(decree.source_file_id, row.row_key)] for decree in decrees for row in decree.rows
                  if (decree.source_file_id, row.row_key) in officer and not row.deleted}
    for concept in session.scalars(select(Concept).where(Concept.id.in_(set(by_officer.values()) - {None}))):
        concept.curated = True
    base = load_catalogue(session, curated_only=True)
    records, where = _records(decrees, skip=set(by_officer))
    assignments = group_indicators(records, base)
    grown = grow_catalogue(base, assignments)
    ids = save_catalogue(session, grown)

    chosen: dict[int, tuple[int | None, float | None]] = {}
    for a in assignments:
        chosen[where[(a.source, a.position_index, a.indicator_index)].id] = (ids[a.concept.code], a.score)
    for row_id, concept_id in by_officer.items():
        chosen[row_id] = (_resolved(session, concept_id, grown, ids), None)
    live = [row for decree in decrees for row in decree.rows if not row.deleted]
    changed = _write_concepts(session, [row for decree in decrees for row in decree.rows], chosen)
    prune_proposals(session, keep={c.code for c in grown.concepts})
    mapped = _map_positions(decrees)
    session.flush()
    return AssignmentSummary(len(live), changed, len(grown.concepts), len(grown.concepts) - len(base.concepts), mapped,
                             round(time.perf_counter() - started, 3))
