"""The one way a file gets into the store: hash -> already known? -> extract -> load -> concept assignment.

`iki import` (one process or a pool of workers), Dask workers and the web
upload all import through `ImportService`, so a file is skipped, stored,
failed and given its concepts the same way wherever it comes from. The steps
are separate because a batch spreads them out: it hashes and looks up every
file first, extracts in worker processes, loads in groups and assigns
concepts once at the end of the run; `import_file` runs them all for one
file. Extraction (`extract_one`, in `pipeline.worker`) is a plain function
so worker processes can run it without loading the store. Whatever goes
wrong with one file is recorded against that file and never raised.
"""
from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from extract.errors import IkiError
from extract.reader import ReaderOptions
from normalize.doubt import describe
from normalize.records import DecreeRecord
from pipeline.run import sha256_of
from pipeline.version import extractor_version
from pipeline.worker import Extracted, extract_one
from store.concept_refresh import AssignmentSummary, assign_pending
from store.enums import Outcome, SourceStatus
from store.importer import ImportOutcome, finish_run, load_record, load_records, record_failure
from store.models import Decree, SourceFile
from store.originals import Originals, originals_for

LOOKUP_CHUNK = 500


@dataclass
class FileReport:
    """What became of one file: the row of the run report and of the summary table."""

    path: str
    source: str
    outcome: Outcome
    status: SourceStatus
    sha256: str | None = None
    decree_id: int | None = None
    pages: int | None = None
    rows: int | None = None
    seconds: float = 0.0
    error: str | None = None
    warnings: list[str] = field(default_factory=list)
    conflicts: int = 0
    # why the decree needs review as a whole (normalize.doubt), in words
    doubts: list[str] = field(default_factory=list)

    def as_outcome(self) -> ImportOutcome:
        return ImportOutcome(self.source, self.outcome, self.status, self.decree_id, self.conflicts, self.error)


@dataclass
class Pending:
    """A file that still has to be extracted, with the hash computed for the resume check."""

    path: Path
    sha256: str


def file_report(pending: Pending, done: Extracted, outcome: ImportOutcome, storing: float) -> FileReport:
    """The report of one file, its seconds being its extraction and its part of the storing."""
    record = done.record
    return FileReport(
        str(pending.path), pending.path.name, outcome.outcome, outcome.status, pending.sha256, outcome.decree_id,
        pages=record.pages if record else None,
        rows=len(record.indicators) if record and outcome.outcome != Outcome.FAILED else None,
        seconds=round(done.seconds + storing, 3), error=outcome.message,
        warnings=list(record.warnings) if record else [], conflicts=outcome.conflicts,
        doubts=[describe(doubt) for doubt in record.doubts] if record else [],
    )


class ImportService:
    """Imports files into one store, with one set of reader options, keeping every stored file's original."""

    def __init__(self, factory: sessionmaker[Session], options: ReaderOptions | None = None,
                 originals: Originals | None = None) -> None:
        self.factory = factory
        self.options = options
        self.originals = originals or originals_for(factory)

    def keep(self, report: FileReport) -> FileReport:
        """Keep the original of a file that has a decree; a failure to keep it is a warning, never a failed import."""
        if report.decree_id is not None and report.sha256:
            try:
                self.originals.keep(Path(report.path), report.sha256)
            except OSError as exc:
                report.warnings.append(f"{report.source}: the original could not be kept ({exc.strerror})")
        return report

    def known(self, hashes: Iterable[str]) -> dict[str, tuple[SourceStatus, int]]:
        """sha256 -> (status, decree id) of the files this extractor version already stored."""
        found: dict[str, tuple[SourceStatus, int]] = {}
        wanted = list(dict.fromkeys(hashes))
        version = extractor_version()
        with self.factory() as session:
            for start in range(0, len(wanted), LOOKUP_CHUNK):
                chunk = wanted[start:start + LOOKUP_CHUNK]
                query = (select(SourceFile.sha256, SourceFile.status, Decree.id).join(Decree)
                         .where(SourceFile.sha256.in_(chunk), SourceFile.extractor_version == version))
                found.update({sha: (status, decree_id) for sha, status, decree_id in session.execute(query)})
        return found

    def plan(self, files: list[Path]) -> tuple[list[Pending], list[FileReport]]:
        """Split the files into those to extract and those settled without extraction (unchanged or unreadable)."""
        hashed: list[Pending] = []
        settled: list[FileReport] = []
        for path in files:
            try:
                hashed.append(Pending(path, sha256_of(path)))
            except IkiError as exc:
                settled.append(FileReport(str(path), path.name, Outcome.FAILED, SourceStatus.FAILED, error=str(exc)))
            except OSError as exc:
                message = f"{path.name}: cannot be read ({exc.strerror})"
                settled.append(FileReport(str(path), path.name, Outcome.FAILED, SourceStatus.FAILED, error=message))
        known = self.known(p.sha256 for p in hashed)
        todo = []
        for pending in hashed:
            if pending.sha256 in known:
                status, decree_id = known[pending.sha256]
                settled.append(self.keep(FileReport(str(pending.path), pending.path.name, Outcome.UNCHANGED, status,
                                                    pending.sha256, decree_id)))
            else:
                todo.append(pending)
        return todo, settled

    def extract(self, pending: Pending) -> Extracted:
        return extract_one(str(pending.path), self.options)

    def store(self, pending: Pending, done: Extracted) -> FileReport:
        """Load an extracted record in one transaction, or record its failure; never raises for one file."""
        name = pending.path.name
        start = time.perf_counter()
        try:
            if done.record is None:
                outcome = self.fail(name, pending.sha256, done.error or f"{name}: extraction failed")
            else:
                outcome = load_record(self.factory, done.record)
        except IkiError as exc:
            outcome = self.fail(name, pending.sha256, str(exc))
        except Exception as exc:  # one broken decree must not stop the batch, whatever broke
            outcome = self.fail(name, pending.sha256, f"{name}: unexpected {type(exc).__name__} while storing: {exc}")
        return self.keep(file_report(pending, done, outcome, time.perf_counter() - start))

    def store_group(self, group: list[tuple[Pending, Extracted, DecreeRecord]]) -> list[FileReport]:
        """Load extracted records under one commit; if the group fails as a whole, one by one, so only the bad fails."""
        start = time.perf_counter()
        try:
            outcomes = load_records(self.factory, [record for _, _, record in group])
        except Exception:  # the group failed as a whole; one by one, each file gets its own outcome
            return [self.store(pending, done) for pending, done, _ in group]
        share = (time.perf_counter() - start) / len(group)
        return [self.keep(file_report(pending, done, outcome, share))
                for (pending, done, _), outcome in zip(group, outcomes, strict=True)]

    def fail(self, name: str, sha256: str, error: str) -> ImportOutcome:
        """Record that the file `name` could not be imported, keeping any decree an earlier extraction stored."""
        return record_failure(self.factory, name, sha256, error, extractor_version())

    def finish(self, run_id: int, reports: list[FileReport]) -> AssignmentSummary | None:
        """Close the run: concepts for every decree that waits for them, and the run's counts, in one transaction."""
        return finish_run(self.factory, run_id, [report.as_outcome() for report in reports])

    def import_file(self, path: Path, *, assign: bool = True) -> FileReport:
        """Every step for one file; `assign` False leaves concept assignment to whoever ends the batch."""
        todo, settled = self.plan([path])
        report = settled[0] if settled else self.store(todo[0], self.extract(todo[0]))
        if assign:
            with self.factory.begin() as session:
                assign_pending(session)
        return report
