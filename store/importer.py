"""Loading extracted decrees into the store, each decree whole or not at all.

`load_record` stores one decree in its own transaction; `load_records`
stores a group under one commit, which is how a batch loads decrees that
arrive faster than a commit per decree would allow.

A file is identified by its sha256: the same file extracted by the same
extractor version is left alone; a newer extraction replaces the extracted
rows of the same decree and replays every correction on top of them; a
failure is recorded against the file so that the batch can go on and nothing
is lost. A run is finished by assigning concepts to every decree still
waiting for them, in the same transaction that marks the run finished, so a
run killed at any point is finished by the next; after a large run the
database's statistics are refreshed, so the planner sees the tables' new size.
"""
from __future__ import annotations

import getpass
from collections import Counter
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from normalize.records import DecreeRecord
from store.bulk_insert import insert_many
from store.concept_refresh import AssignmentSummary, assign_pending
from store.corrections import is_reviewed, replay
from store.db import checkpoint, refresh_statistics
from store.decree_counts import REVIEW_CONFIDENCE
from store.decree_rows import ids_of, insert_decrees, replace_extraction
from store.enums import Outcome, SourceStatus
from store.errors import StoreError
from store.models import Correction, Decree, ImportRun, SourceFile


@dataclass
class ImportOutcome:
    """What happened to one file, and the file's status in the store afterwards."""

    source: str
    outcome: Outcome
    status: SourceStatus
    decree_id: int | None = None
    conflicts: int = 0
    message: str | None = None


@dataclass(frozen=True)
class StatisticsSettings:
    """When an import run is large enough to refresh the database's statistics (`store.db.refresh_statistics`)."""

    min_decrees: int = 100
    min_share: float = 0.1


STATISTICS = StatisticsSettings()


def now() -> datetime:
    return datetime.now(UTC)


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
    hashes = [_check_hash(record) for record in records]
    with factory.begin() as session:
        known = _locked_sources(session, hashes)
        fresh = list({r.sha256: r for r in records if r.sha256 not in known}.values())
        ids = dict(zip((r.sha256 for r in fresh), insert_new_files(session, fresh), strict=True))
        outcomes = []
        for record in records:
            decree_id = ids.pop(record.sha256, None)
            if decree_id is None:
                outcomes.append(_load(session, record))
            else:
                outcomes.append(ImportOutcome(record.source, Outcome.IMPORTED, file_status(record), decree_id))
        return outcomes


def _check_hash(record: DecreeRecord) -> str:
    if not record.sha256:
        raise StoreError(record.source, "the record has no sha256; extract it with pipeline.run.extract_file")
    return record.sha256


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
        source.status = SourceStatus.FAILED
        source.extractor_version = extractor_version
        source.imported_at = now()
    session.flush()
    return ImportOutcome(name, Outcome.FAILED, source.status, source.decree.id if source.decree else None,
                         message=error)


def start_run(factory: sessionmaker[Session], files: int) -> int:
    with factory.begin() as session:
        run = ImportRun(started_at=now(), user=getpass.getuser(), files=files)
        session.add(run)
        session.flush()
        return run.id


def finish_run(factory: sessionmaker[Session], run_id: int, outcomes: list[ImportOutcome]) -> AssignmentSummary | None:
    """Assign concepts to every decree still waiting for them, then mark the run finished, in one transaction.

    Waiting decrees include those an earlier run stored before it was killed,
    so re-running a killed import finishes its work even when every file is
    unchanged. A new decree changes which wordings propose a concept together,
    so assignment runs once per run rather than once per decree.
    """
    counts = Counter(o.outcome for o in outcomes)
    with factory.begin() as session:
        summary = assign_pending(session)
        run = session.get_one(ImportRun, run_id)
        run.finished_at = now()
        run.imported, run.updated = counts[Outcome.IMPORTED], counts[Outcome.UPDATED]
        run.unchanged, run.failed = counts[Outcome.UNCHANGED], counts[Outcome.FAILED]
    if summary is not None:
        checkpoint(factory.kw["bind"])
    stored = counts[Outcome.IMPORTED] + counts[Outcome.UPDATED]
    if stored and is_large_import(factory, stored):
        refresh_statistics(factory.kw["bind"])
    return summary


def is_large_import(factory: sessionmaker[Session], stored: int) -> bool:
    """Whether a run that stored `stored` decrees changed the tables enough for their statistics to be stale:
    STATISTICS.min_decrees decrees, or STATISTICS.min_share of the decrees now stored (a young store)."""
    if stored >= STATISTICS.min_decrees:
        return True
    with factory() as session:
        total = session.scalar(select(func.count()).select_from(Decree)) or 0
    return stored >= STATISTICS.min_share * total


def _locked_source(session: Session, sha256: str) -> SourceFile | None:
    return _locked_sources(session, [sha256]).get(sha256)


def _locked_sources(session: Session, hashes: list[str]) -> dict[str, SourceFile]:
    query = select(SourceFile).where(SourceFile.sha256.in_(hashes)).with_for_update()
    return {source.sha256: source for source in session.scalars(query)}


def _load(session: Session, record: DecreeRecord) -> ImportOutcome:
    sha256 = _check_hash(record)
    source = _locked_source(session, sha256)
    if source is None:
        [decree_id] = insert_new_files(session, [record])
        return ImportOutcome(record.source, Outcome.IMPORTED, file_status(record), decree_id)
    decree = source.decree
    if decree is not None and source.extractor_version == record.extractor_version:
        return ImportOutcome(record.source, Outcome.UNCHANGED, source.status, decree.id)
    for name, value in _source_values(record).items():
        setattr(source, name, value)
    session.flush()
    if decree is None:
        [decree_id] = insert_decrees(session, [(source.id, record)])
        return ImportOutcome(record.source, Outcome.IMPORTED, source.status, decree_id)
    replace_extraction(session, decree, record)
    conflicts = replay(session, decree) if _has_corrections(session, source) else []
    source.status = file_status(record, conflicts=bool(conflicts), reviewed=is_reviewed(session, source))
    return ImportOutcome(record.source, Outcome.UPDATED, source.status, decree.id, len(conflicts))


def _source_values(record: DecreeRecord) -> dict[str, Any]:
    """What a (re-)import records about the file itself; a failure's error is cleared."""
    return dict(name=record.source, media_type=record.media_type, pages=record.pages, method=record.method,
                extractor_version=record.extractor_version, warnings=list(record.warnings),
                doubts=[asdict(doubt) for doubt in record.doubts], error=None, imported_at=now(),
                status=file_status(record).value)


def _has_corrections(session: Session, source: SourceFile) -> bool:
    return session.scalar(select(Correction.id).where(Correction.source_file_id == source.id).limit(1)) is not None


def insert_new_files(session: Session, records: list[DecreeRecord]) -> list[int]:
    """Insert files never seen before with their decrees; returns the decree ids in the records' order."""
    if not records:
        return []
    table = SourceFile.__table__
    insert_many(session.connection(), table, [{"sha256": r.sha256, **_source_values(r)} for r in records])
    ids = ids_of(session, table.c.sha256, [r.sha256 for r in records])
    return insert_decrees(session, [(ids[r.sha256], r) for r in records])


def file_status(record: DecreeRecord, conflicts: bool = False, reviewed: bool = False) -> SourceStatus:
    """A file's status from its extraction; an officer's review stands unless corrections fell into conflict.
    A decree with a doubtful row, a warning or a document-level doubt (a layout not recognised well) needs
    review, never plainly imported."""
    indicators = record.indicators
    if not indicators or record.status == "no_content":
        return SourceStatus.NO_CONTENT
    if conflicts:
        return SourceStatus.NEEDS_REVIEW
    if reviewed:
        return SourceStatus.REVIEWED
    doubtful = any(ind.confidence < REVIEW_CONFIDENCE for ind in indicators)
    if doubtful or record.warnings or record.doubts or record.status != "ok":
        return SourceStatus.NEEDS_REVIEW
    return SourceStatus.IMPORTED
