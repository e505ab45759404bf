"""The rows one extracted record becomes, planned once as column values and written with one statement per table.

A new file's decree is inserted whole; a re-extracted file keeps its decree
(its id is what open review screens and links hold) and has its positions,
fungsi and indicator rows replaced. Either way the rows get the same keys as
at every import, so corrections find them again, and versions above the
decree's floor, so an edit read against the rows' earlier life is refused.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from normalize.records import DecreeRecord, Indicator
from normalize.records import Position as PositionRecord
from store import twins
from store.bulk_insert import insert_many
from store.corrections import EXTRACTED_FIELDS
from store.decree_counts import refresh_counts
from store.enums import RowOrigin
from store.errors import StoreError
from store.header_edits import DECREE_FIELDS, position_snapshot
from store.keys import KeyMaker
from store.models import Decree, IndicatorRow, Position, PositionFunction
from store.row_versions import raise_floor

ROW_DEFAULTS = {"concept_id": None, "concept_score": None}


@dataclass
class PlannedPosition:
    values: dict[str, Any]
    fungsi: list[str]
    rows: list[dict[str, Any]]


@dataclass
class PlannedDecree:
    """One record as column values, keys numbered the same way at every import."""

    values: dict[str, Any]
    positions: list[PlannedPosition]


def plan_decree(record: DecreeRecord) -> PlannedDecree:
    head = record.decree
    values: dict[str, Any] = dict(
        kecamatan=head.kecamatan, kabupaten=head.kabupaten, kabupaten_type=head.kabupaten_type,
        provinsi=head.provinsi, kecamatan_code=head.kecamatan_code, kabupaten_code=head.kabupaten_code,
        provinsi_code=head.provinsi_code, region_status=head.region_status, tahun=head.tahun, nomor=head.nomor,
        tanggal=_parse_date(record.source, head.tanggal), penandatangan=head.penandatangan, nip=head.nip,
        region_candidates=list(head.region_candidates),
    )
    values["extracted"] = {name: _as_json(values[name]) for name in DECREE_FIELDS}
    values["identity_key"] = twins.identity_key(head.kecamatan, head.tahun, head.nomor)
    values["content_key"] = twins.content_key(ind.indikator for ind in record.indicators)
    keys = KeyMaker()
    positions = []
    for ordinal, pos in enumerate(record.positions, start=1):
        key = keys.position_key(pos.level, pos.jabatan)
        rows = [_row_values(ind, row_ordinal, keys.row_key(key, ind.sasaran, ind.indikator), key)
                for row_ordinal, ind in enumerate(pos.indicators, start=1)]
        positions.append(PlannedPosition(_position_values(pos, ordinal, key), list(pos.fungsi), rows))
    return PlannedDecree(values, positions)


def insert_decrees(session: Session, decrees: list[tuple[int, DecreeRecord]]) -> list[int]:
    """Insert (source file id, record) pairs as new decrees; returns their ids in the same order.

    New ids are read back by what is unique about each row (a decree's file),
    which costs one query per table instead of one statement per row.
    """
    plans = [plan_decree(record) for _, record in decrees]
    insert_many(session.connection(), Decree.__table__, [
        {**plan.values, "source_file_id": source_id} for (source_id, _), plan in zip(decrees, plans, strict=True)])
    by_source = ids_of(session, Decree.__table__.c.source_file_id, [source_id for source_id, _ in decrees])
    decree_ids = [by_source[source_id] for source_id, _ in decrees]
    _insert_contents(session, [(decree_id, plan, 1) for decree_id, plan in zip(decree_ids, plans, strict=True)])
    _settle(session, decree_ids)
    return decree_ids


def _settle(session: Session, decree_ids: list[int]) -> None:
    """Count the stored decrees' rows and recognise them as further forms of decrees already stored."""
    refresh_counts(session, decree_ids)
    for decree in session.scalars(select(Decree).where(Decree.id.in_(decree_ids)).order_by(Decree.id)):
        twins.link(session, decree)
    session.flush()


def replace_extraction(session: Session, decree: Decree, record: DecreeRecord) -> None:
    """Put a new extraction of the decree's file in place of the old one, keeping the decree's id.

    Its concepts are due again, and its rows start above every version the old
    rows reached.
    """
    plan = plan_decree(record)
    floor = raise_floor(session, decree, IndicatorRow.decree_id == decree.id)
    positions = select(Position.id).where(Position.decree_id == decree.id).scalar_subquery()
    session.execute(delete(IndicatorRow).where(IndicatorRow.decree_id == decree.id))
    session.execute(delete(PositionFunction).where(PositionFunction.position_id.in_(positions)))
    session.execute(delete(Position).where(Position.decree_id == decree.id))
    for name, value in plan.values.items():
        setattr(decree, name, value)
    decree.concepts_pending = True
    session.flush()
    session.expire(decree, ["positions", "rows"])
    _insert_contents(session, [(decree.id, plan, floor + 1)])
    _settle(session, [decree.id])


def _insert_contents(session: Session, decrees: list[tuple[int, PlannedDecree, int]]) -> None:
    """Positions, fungsi and rows of planned decrees, each decree's rows at the version given with it."""
    connection = session.connection()
    placed = [(decree_id, position, version) for decree_id, plan, version in decrees for position in plan.positions]
    positions = Position.__table__
    insert_many(connection, positions, [{**p.values, "decree_id": decree_id} for decree_id, p, _ in placed])
    query = select(positions.c.decree_id, positions.c.ordinal, positions.c.id).where(
        positions.c.decree_id.in_([decree_id for decree_id, _, _ in decrees]))
    position_ids = {(decree_id, ordinal): position_id for decree_id, ordinal, position_id in session.execute(query)}
    placed_ids = [position_ids[(decree_id, p.values["ordinal"])] for decree_id, p, _ in placed]
    functions = [{"position_id": pid, "ordinal": i, "text": text}
                 for pid, (_, p, _) in zip(placed_ids, placed, strict=True)
                 for i, text in enumerate(p.fungsi, start=1)]
    rows = [_placed_row(values, decree_id, pid, version)
            for pid, (decree_id, p, version) in zip(placed_ids, placed, strict=True) for values in p.rows]
    insert_many(connection, PositionFunction.__table__, functions)
    insert_many(connection, IndicatorRow.__table__, rows)


def ids_of(session: Session, key: Any, values: list[Any]) -> dict[Any, int]:
    """key value -> id of the rows of key's table holding those values."""
    table = key.table
    return {value: row_id for value, row_id in session.execute(select(key, table.c.id).where(key.in_(values)))}


def _placed_row(values: dict[str, Any], decree_id: int, position_id: int, version: int) -> dict[str, Any]:
    """A planned row completed in place: plans are made for one insert, so copying them would be wasted."""
    values.update(ROW_DEFAULTS, decree_id=decree_id, position_id=position_id, version=version)
    return values


def _as_json(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date) else value


def _parse_date(source: str, value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise StoreError(source, "tanggal %(value)r is not an ISO date (YYYY-MM-DD)", value=value) from None


def _position_values(pos: PositionRecord, ordinal: int, key: str) -> dict[str, Any]:
    prov = pos.provenance
    return dict(
        ordinal=ordinal, position_key=key, jabatan=pos.jabatan, level=pos.level, tugas=pos.tugas,
        line_start=prov.line_start if prov else None, line_end=prov.line_end if prov else None,
        page=prov.page if prov else None, extracted=position_snapshot(pos.jabatan, pos.level, pos.tugas, pos.fungsi),
    )


def _row_values(ind: Indicator, ordinal: int, key: str, position_key: str) -> dict[str, Any]:
    prov = ind.provenance
    box = prov.box if prov and prov.box else (None, None, None, None)
    values = {name: getattr(ind, name) for name in EXTRACTED_FIELDS}
    return dict(
        ordinal=ordinal, row_key=key, origin=RowOrigin.EXTRACTED.value, confidence=ind.confidence,
        line_start=prov.line_start if prov else None, line_end=prov.line_end if prov else None,
        page=prov.page if prov else None, box_x0=box[0], box_y0=box[1], box_x1=box[2], box_y1=box[3],
        page_boxes=[list(b) for b in prov.boxes] if prov and len(prov.boxes) > 1 else None,
        notes=list(ind.notes), extra=dict(ind.extra), reviewed=False, deleted=False,
        extracted={**values, "position_key": position_key, "ordinal": ordinal}, **values,
    )
