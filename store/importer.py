"""Loading extracted decrees into the store, each decree whole or not at all.

`load_record` stores one decree in its own transaction; `load_records`
stores a group under one commit, which is how a batch loads decrees that
arrive faster than a commit per decree would allow.

A file is identified by its sha256: the same file extracted by the same
extractor version is left alone; a newer extraction replaces the extracted
rows and replays every correction on top of them; a failure is recorded
against the file so that the batch can go on and nothing is lost.
"""
from __future__ import annotations

import getpass
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Column, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from normalize.records import DecreeRecord, Indicator
from normalize.records import Position as PositionRecord
from store.bulk_insert import insert_many
from store.concept_assignment import assign_new_rows
from store.corrections import EXTRACTED_FIELDS, replay
from store.db import checkpoint
from store.errors import StoreError
from store.keys import KeyMaker
from store.models import Correction, Decree, ImportRun, IndicatorRow, Position, PositionFunction, SourceFile

REVIEW_CONFIDENCE = 0.7
OUTCOMES = ("imported", "updated", "unchanged", "failed")


@dataclass
class ImportOutcome:
    """What happened to one file: `outcome` is one of OUTCOMES, `status` the file's status in the store."""

    source: str
    outcome: str
    status: str
    decree_id: int | None = None
    conflicts: int = 0
    message: str | None = None


def now() -> datetime:
    return datetime.now(UTC)


def current_outcome(factory: sessionmaker[Session], sha256: str, extractor_version: str | None) -> ImportOutcome | None:
    """The "unchanged" outcome if this exact file was already loaded by this extractor version, else None.

    Checked before extraction so that re-running an import over a folder costs only the hashing.
    """
    with factory() as session:
        source = session.scalars(select(SourceFile).where(SourceFile.sha256 == sha256)).one_or_none()
        if source is None or source.decree is None or source.extractor_version != extractor_version:
            return None
        return ImportOutcome(source.name, "unchanged", source.status, source.decree.id)


def load_record(factory: sessionmaker[Session], record: DecreeRecord) -> ImportOutcome:
    """Store one decree atomically; a concurrent importer of the same file makes this one a no-op."""
    _check_hash(record)
    return _once_more_on_collision(factory, lambda session: _load(session, record))


def load_records(factory: sessionmaker[Session], records: list[DecreeRecord]) -> list[ImportOutcome]:
    """Store several decrees under one commit, the new files' rows with one INSERT per table.

    Each decree is still whole or absent: the group commits or rolls back as
    one. Anything that goes wrong (a bad value, another importer inserting one
    of the files meanwhile) raises and leaves the store as it was, so the
    caller loads the group one decree at a time to find the file at fault.
    Files seen before (re-imports, earlier failures) take `load_record`'s way
    inside the same transaction. Outcomes come in the records' order.
    """
    for record in records:
        _check_hash(record)
    with factory.begin() as session:
        known = _locked_sources(session, [r.sha256 for r in records])
        fresh = list({r.sha256: r for r in records if r.sha256 not in known}.values())
        ids = dict(zip((r.sha256 for r in fresh), insert_new_files(session, fresh), strict=True))
        outcomes = []
        for record in records:
            decree_id = ids.pop(record.sha256, None)
            if decree_id is None:
                outcomes.append(_load(session, record))
            else:
                outcomes.append(ImportOutcome(record.source, "imported", _status(record, conflicts=False), decree_id))
        return outcomes


def _check_hash(record: DecreeRecord) -> None:
    if not record.sha256:
        raise StoreError(record.source, "the record has no sha256; extract it with pipeline.run.extract_file")


def record_failure(factory: sessionmaker[Session], name: str, sha256: str, error: str,
                   extractor_version: str | None = None) -> ImportOutcome:
    """Remember that a file could not be extracted, keeping any decree an earlier extraction stored."""
    return _once_more_on_collision(factory, lambda session: _fail(session, name, sha256, error, extractor_version))


def _once_more_on_collision(factory: sessionmaker[Session], work: Callable[[Session], ImportOutcome]) -> ImportOutcome:
    """Run `work` in a transaction; if another importer inserted the same file meanwhile, run it again."""
    try:
        with factory.begin() as session:
            return work(session)
    except IntegrityError:
        with factory.begin() as session:
            return work(session)


def _fail(session: Session, name: str, sha256: str, error: str, extractor_version: str | None) -> ImportOutcome:
    source = _locked_source(session, sha256)
    if source is None:
        source = SourceFile(sha256=sha256, name=name, warnings=[])
        session.add(source)
    source.error = error
    if source.decree is None:
        source.status = "failed"
        source.extractor_version = extractor_version
        source.imported_at = now()
    session.flush()
    return ImportOutcome(name, "failed", source.status, source.decree.id if source.decree else None, message=error)


def start_run(factory: sessionmaker[Session], files: int) -> int:
    with factory.begin() as session:
        run = ImportRun(started_at=now(), user=getpass.getuser(), files=files)
        session.add(run)
        session.flush()
        return run.id


def finish_run(factory: sessionmaker[Session], run_id: int, outcomes: list[ImportOutcome]) -> None:
    """Close the run and, when it stored anything, re-assign concepts and canonical jabatan over all decrees.

    A new decree changes which wordings propose a concept together and a
    re-import's replay resets row concepts, so assignment runs once per run
    rather than once per decree.
    """
    counts = Counter(o.outcome for o in outcomes)
    with factory.begin() as session:
        run = session.get_one(ImportRun, run_id)
        run.finished_at = now()
        for outcome in OUTCOMES:
            setattr(run, outcome, counts[outcome])
    if counts["imported"] or counts["updated"]:
        with factory.begin() as session:
            assign_new_rows(session)
        checkpoint(factory.kw["bind"])


def _locked_source(session: Session, sha256: str) -> SourceFile | None:
    return _locked_sources(session, [sha256]).get(sha256)


def _locked_sources(session: Session, hashes: list[str]) -> dict[str, SourceFile]:
    query = select(SourceFile).where(SourceFile.sha256.in_(hashes)).with_for_update()
    return {source.sha256: source for source in session.scalars(query)}


def _load(session: Session, record: DecreeRecord) -> ImportOutcome:
    source = _locked_source(session, record.sha256)
    if source is None:
        [decree_id] = insert_new_files(session, [record])
        return ImportOutcome(record.source, "imported", _status(record, conflicts=False), decree_id)
    if source.decree and source.extractor_version == record.extractor_version:
        return ImportOutcome(record.source, "unchanged", source.status, source.decree.id)
    outcome = "updated" if source.decree else "imported"
    if source.decree is not None:
        session.delete(source.decree)
        session.flush()
    for name, value in _source_values(record).items():
        setattr(source, name, value)
    session.flush()
    if not _has_corrections(session, source):
        [decree_id] = insert_decrees(session, [(source.id, record)])
        return ImportOutcome(record.source, outcome, source.status, decree_id)
    source.decree = build_decree(record)
    session.flush()
    conflicts = replay(session, source.decree)
    source.status = _status(record, conflicts=bool(conflicts))
    return ImportOutcome(record.source, outcome, source.status, source.decree.id, len(conflicts))


def _source_values(record: DecreeRecord) -> dict[str, Any]:
    """What a (re-)import records about the file itself; a failure's error is cleared."""
    return dict(name=record.source, media_type=record.media_type, pages=record.pages, method=record.method,
                extractor_version=record.extractor_version, warnings=list(record.warnings), error=None,
                imported_at=now(), status=_status(record, conflicts=False))


ROW_DEFAULTS = {"concept_id": None, "concept_score": None}


def _has_corrections(session: Session, source: SourceFile) -> bool:
    return session.scalar(select(Correction.id).where(Correction.source_file_id == source.id).limit(1)) is not None


def insert_new_files(session: Session, records: list[DecreeRecord]) -> list[int]:
    """Insert files never seen before with their decrees; returns the decree ids in the records' order."""
    if not records:
        return []
    table = SourceFile.__table__
    insert_many(session.connection(), table, [{"sha256": r.sha256, **_source_values(r)} for r in records])
    ids = _ids(session, table.c.sha256, [r.sha256 for r in records])
    return insert_decrees(session, [(ids[r.sha256], r) for r in records])


def insert_decrees(session: Session, decrees: list[tuple[int, DecreeRecord]]) -> list[int]:
    """Insert (source file id, record) pairs with one statement per table: no corrections wait for them.

    The rows are the same as `build_decree` makes (same keys, same extracted
    values); only the way in is faster. New ids are read back by what is
    unique about each row (a decree's file, a position's decree and ordinal),
    which costs one query per table instead of one statement per row.
    """
    plans = [plan_decree(record) for _, record in decrees]
    connection = session.connection()
    insert_many(connection, Decree.__table__, [
        {**plan.values, "source_file_id": source_id} for (source_id, _), plan in zip(decrees, plans, strict=True)])
    by_source = _ids(session, Decree.__table__.c.source_file_id, [source_id for source_id, _ in decrees])
    decree_ids = [by_source[source_id] for source_id, _ in decrees]
    placed = [(decree_id, position) for decree_id, plan in zip(decree_ids, plans, strict=True)
              for position in plan.positions]
    positions = Position.__table__
    insert_many(connection, positions, [{**p.values, "decree_id": decree_id} for decree_id, p in placed])
    query = select(positions.c.decree_id, positions.c.ordinal, positions.c.id).where(
        positions.c.decree_id.in_(decree_ids))
    position_ids = {(decree_id, ordinal): position_id for decree_id, ordinal, position_id in session.execute(query)}
    placed_ids = [position_ids[(decree_id, p.values["ordinal"])] for decree_id, p in placed]
    functions = [{"position_id": pid, "ordinal": i, "text": text}
                 for pid, (_, p) in zip(placed_ids, placed, strict=True)
                 for i, text in enumerate(p.fungsi, start=1)]
    rows = [_placed_row(values, decree_id, pid)
            for pid, (decree_id, p) in zip(placed_ids, placed, strict=True) for values in p.rows]
    insert_many(connection, PositionFunction.__table__, functions)
    insert_many(connection, IndicatorRow.__table__, rows)
    return decree_ids


def _ids(session: Session, key: Column, values: list[Any]) -> dict[Any, int]:
    """key value -> id of the rows of key's table holding those values."""
    table = key.table
    return {value: row_id for value, row_id in session.execute(select(key, table.c.id).where(key.in_(values)))}


def _placed_row(values: dict[str, Any], decree_id: int, position_id: int) -> dict[str, Any]:
    """A planned row completed in place: plans are made for one insert, so copying them would be wasted."""
    values.update(ROW_DEFAULTS, decree_id=decree_id, position_id=position_id, version=1)
    return values


def _status(record: DecreeRecord, conflicts: bool) -> str:
    indicators = record.indicators
    if not indicators or record.status == "no_content":
        return "no_content"
    doubtful = any(ind.confidence < REVIEW_CONFIDENCE for ind in indicators)
    if conflicts or doubtful or record.warnings or record.status != "ok":
        return "needs_review"
    return "imported"


def _parse_date(source: str, value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise StoreError(source, f"tanggal {value!r} is not an ISO date (YYYY-MM-DD)") from None


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
    values = dict(
        kecamatan=head.kecamatan, kabupaten=head.kabupaten, kabupaten_type=head.kabupaten_type,
        provinsi=head.provinsi, kecamatan_code=head.kecamatan_code, kabupaten_code=head.kabupaten_code,
        provinsi_code=head.provinsi_code, region_status=head.region_status, tahun=head.tahun, nomor=head.nomor,
        tanggal=_parse_date(record.source, head.tanggal), penandatangan=head.penandatangan, nip=head.nip,
        region_candidates=list(head.region_candidates),
    )
    keys = KeyMaker()
    positions = []
    for ordinal, pos in enumerate(record.positions, start=1):
        key = keys.position_key(pos.level, pos.jabatan)
        rows = [_row_values(ind, row_ordinal, keys.row_key(key, ind.sasaran, ind.indikator), key)
                for row_ordinal, ind in enumerate(pos.indicators, start=1)]
        positions.append(PlannedPosition(_position_values(pos, ordinal, key), list(pos.fungsi), rows))
    return PlannedDecree(values, positions)


def build_decree(record: DecreeRecord) -> Decree:
    """The ORM objects of one record, for a decree whose corrections must be replayed on it."""
    plan = plan_decree(record)
    decree = Decree(**plan.values)
    for planned in plan.positions:
        position = Position(**planned.values, fungsi=[
            PositionFunction(ordinal=i, text=text) for i, text in enumerate(planned.fungsi, start=1)])
        decree.positions.append(position)
        for values in planned.rows:
            decree.rows.append(IndicatorRow(**values, position=position))
    return decree


def _position_values(pos: PositionRecord, ordinal: int, key: str) -> dict[str, Any]:
    prov = pos.provenance
    return dict(
        ordinal=ordinal, position_key=key, jabatan=pos.jabatan, level=pos.level, tugas=pos.tugas,
        line_start=prov.line_start if prov else None, line_end=prov.line_end if prov else None,
        page=prov.page if prov else None,
    )


def _row_values(ind: Indicator, ordinal: int, key: str, position_key: str) -> dict[str, Any]:
    prov = ind.provenance
    box = prov.box if prov and prov.box else (None, None, None, None)
    values = {name: getattr(ind, name) for name in EXTRACTED_FIELDS}
    return dict(
        ordinal=ordinal, row_key=key, origin="extracted", confidence=ind.confidence,
        line_start=prov.line_start if prov else None, line_end=prov.line_end if prov else None,
        page=prov.page if prov else None, box_x0=box[0], box_y0=box[1], box_x1=box[2], box_y1=box[3],
        notes=list(ind.notes), extra=dict(ind.extra), reviewed=False, deleted=False,
        extracted={**values, "position_key": position_key, "ordinal": ordinal}, **values,
    )
