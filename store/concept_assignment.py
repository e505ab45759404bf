"""Give every stored indicator row its concept and every position its canonical jabatan.

Replaying corrections resets the rows' concepts, and a new decree changes
which wordings propose a concept together, so assignment is recomputed over
the effective rows of all decrees after every import, correction replay and
catalogue edit (grouping works on distinct wordings, so this stays quick at
thousands of decrees; bench/ measures it). It depends only on the data and the curated catalogue (seed
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

from sqlalchemy import Row, bindparam, func, select, update
from sqlalchemy.orm import Session

from normalize.harmonize.catalogue import Catalogue
from normalize.harmonize.concepts import group_indicators, grow_catalogue
from normalize.harmonize.jabatan import JabatanMatch, map_jabatan
from normalize.records import Decree as DecreeHead
from normalize.records import DecreeRecord, Indicator
from normalize.records import Position as PositionRecord
from store.concept_catalogue import MERGED, load_catalogue, lock_catalogue, prune_proposals, save_catalogue
from store.models import Concept, Correction, Decree, IndicatorRow, Position, PositionFunction, SourceFile

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


_ROWS, _POSITIONS, _DECREES, _SOURCES = (model.__table__ for model in (IndicatorRow, Position, Decree, SourceFile))
ROW_COLUMNS = (_ROWS.c.id, _ROWS.c.position_id, _ROWS.c.row_key, _ROWS.c.deleted, _ROWS.c.concept_id,
               _ROWS.c.concept_score, _DECREES.c.id.label("decree_id"), _DECREES.c.kecamatan,
               _DECREES.c.source_file_id, _POSITIONS.c.jabatan, _POSITIONS.c.level, _POSITIONS.c.tugas,
               *(_ROWS.c[name] for name in INDICATOR_FIELDS))
_FIELDS_AT = len(ROW_COLUMNS) - len(INDICATOR_FIELDS)


def rows_to_group(session: Session) -> list[Row]:
    """Every stored row with what grouping reads, in a fixed order (source name, content hash, table order).

    Read as plain rows of the tables, not ORM objects: at thousands of
    decrees the objects would cost more than the grouping itself.
    """
    query = (select(*ROW_COLUMNS).join(_POSITIONS, _POSITIONS.c.id == _ROWS.c.position_id)
             .join(_DECREES, _DECREES.c.id == _ROWS.c.decree_id)
             .join(_SOURCES, _SOURCES.c.id == _DECREES.c.source_file_id)
             .order_by(_SOURCES.c.name, _SOURCES.c.sha256, _POSITIONS.c.ordinal, _POSITIONS.c.id, _ROWS.c.ordinal,
                       _ROWS.c.row_key))
    return list(session.connection().execute(query))


RowIndex = dict[tuple[str, int, int], Row]


def _records(rows: list[Row], skip: set[int]) -> tuple[list[DecreeRecord], RowIndex]:
    """The effective rows as records for grouping, and which row each (source, position, indicator) is."""
    records: list[DecreeRecord] = []
    where: RowIndex = {}
    positions: dict[int, PositionRecord] = {}
    for row in rows:
        if row.deleted or row.id in skip:
            continue
        if not records or records[-1].source != str(row.decree_id):
            records.append(DecreeRecord(source=str(row.decree_id), media_type="", method="store",
                                        decree=DecreeHead(kecamatan=row.kecamatan)))
            positions = {}
        record = records[-1]
        if row.position_id not in positions:
            positions[row.position_id] = PositionRecord(jabatan=row.jabatan, level=row.level, tugas=row.tugas)
            record.positions.append(positions[row.position_id])
        position = positions[row.position_id]
        where[(record.source, len(record.positions) - 1, len(position.indicators))] = row
        position.indicators.append(Indicator(**dict(zip(INDICATOR_FIELDS, row[_FIELDS_AT:], strict=True))))
    return records, where


def _write_concepts(session: Session, rows: list[Row], chosen: dict[int, tuple[int | None, float | None]]) -> int:
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
        _expire_loaded(session, IndicatorRow, ["concept_id", "concept_score", "concept"])
    return len(changes)


def _expire_loaded(session: Session, model: type, names: list[str]) -> None:
    """Make objects the caller already holds read again the columns written past the ORM."""
    for obj in list(session.identity_map.values()):
        if isinstance(obj, model):
            session.expire(obj, names)


def _map_positions(session: Session) -> int:
    """Give a canonical jabatan to every position that has none yet; returns how many positions have one.

    A position's mapping depends only on its own title, tugas and fungsi,
    which no correction changes, so a position is mapped once (a re-import
    makes new positions). Positions worded alike are mapped once.
    """
    table = Position.__table__
    waiting = session.execute(select(table.c.id, table.c.jabatan, table.c.level, table.c.tugas)
                              .where(table.c.canonical_jabatan.is_(None)).order_by(table.c.id)).all()
    fungsi: dict[int, list[str]] = defaultdict(list)
    query = (select(PositionFunction.position_id, PositionFunction.text)
             .where(PositionFunction.position_id.in_(select(table.c.id).where(table.c.canonical_jabatan.is_(None))))
             .order_by(PositionFunction.position_id, PositionFunction.ordinal))
    for position_id, text in session.execute(query):
        fungsi[position_id].append(text)
    matches: dict[tuple, JabatanMatch] = {}
    changes = []
    for position_id, jabatan, level, tugas in waiting:
        key = (jabatan, level, tugas, tuple(fungsi[position_id]))
        if key not in matches:
            matches[key] = map_jabatan(jabatan, level, tugas, list(key[3]))
        match = matches[key]
        if match.code:
            changes.append({"position_id": position_id, "code": match.code, "score": match.score})
    if changes:
        session.execute(update(table).where(table.c.id == bindparam("position_id"))
                        .values(canonical_jabatan=bindparam("code"), jabatan_score=bindparam("score")), changes)
        _expire_loaded(session, Position, ["canonical_jabatan", "jabatan_score"])
    return session.scalar(select(func.count()).select_from(table).where(table.c.canonical_jabatan.is_not(None))) or 0


def _resolved(session: Session, concept_id: int | None, catalogue: Catalogue, ids: dict[str, int]) -> int | None:
    """An officer's concept, followed through merges."""
    concept = session.get(Concept, concept_id) if concept_id is not None else None
    if concept is None or concept.status != MERGED:
        return concept_id
    return ids[catalogue.get(concept.code).code]


def assign_concepts(session: Session) -> AssignmentSummary:
    """Recompute every row's concept and map new positions' canonical jabatan, inside the caller's transaction."""
    started = time.perf_counter()
    lock_catalogue(session)
    session.flush()
    rows = rows_to_group(session)
    officer = _officer_concepts(session)
    by_officer = {row.id: officer[(row.source_file_id, row.row_key)] for row in rows
                  if (row.source_file_id, row.row_key) in officer and not row.deleted}
    for concept in session.scalars(select(Concept).where(Concept.id.in_(set(by_officer.values()) - {None}))):
        concept.curated = True
    base = load_catalogue(session, curated_only=True)
    records, where = _records(rows, skip=set(by_officer))
    assignments = group_indicators(records, base)
    grown = grow_catalogue(base, assignments)
    ids = save_catalogue(session, grown)

    chosen: dict[int, tuple[int | None, float | None]] = {}
    for a in assignments:
        chosen[where[(a.source, a.position_index, a.indicator_index)].id] = (ids[a.concept.code], a.score)
    for row_id, concept_id in by_officer.items():
        chosen[row_id] = (_resolved(session, concept_id, grown, ids), None)
    changed = _write_concepts(session, rows, chosen)
    prune_proposals(session, keep={c.code for c in grown.concepts})
    mapped = _map_positions(session)
    session.flush()
    live = sum(not row.deleted for row in rows)
    return AssignmentSummary(live, changed, len(grown.concepts), len(grown.concepts) - len(base.concepts), mapped,
                             round(time.perf_counter() - started, 3))
