"""Batch import: many decree files, extracted in parallel processes, loaded in groups of whole decrees.

Extraction (PDF parsing, OCR) is CPU-bound, so it runs in worker processes;
loading stays in the parent so that a database like SQLite sees a single
writer. While decrees arrive quickly (text, text PDFs) a commit per decree
would cost more than the decree's rows, so the parent stores them in groups
under one commit (`GroupLoader`). Files already imported with the same sha256
and extractor version are found with one query per chunk of hashes before
anything is extracted, so a re-run over the same folder costs only the
hashing. Whatever goes wrong with
one file (bad input, a crash in the code, a worker process that dies) is
recorded against that file and the batch goes on.
"""
from __future__ import annotations

import multiprocessing
import os
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from extract.errors import IkiError
from extract.reader import ReaderOptions
from normalize.records import DecreeRecord
from pipeline.run import EXTRACTOR_VERSION, extract_file, sha256_of
from store.importer import ImportOutcome, load_record, load_records, record_failure
from store.models import Decree, SourceFile

LOOKUP_CHUNK = 500
GROUP_DECREES = 100
GROUP_SECONDS = 1.0


@dataclass
class FileReport:
    """What became of one file: the row of the run report and of the summary table."""

    path: str
    source: str
    outcome: str
    status: str
    sha256: str | None = None
    decree_id: int | None = None
    pages: int | None = None
    rows: int | None = None
    seconds: float = 0.0
    error: str | None = None
    warnings: list[str] = field(default_factory=list)
    conflicts: int = 0

    def as_outcome(self) -> ImportOutcome:
        return ImportOutcome(self.source, self.outcome, self.status, self.decree_id, self.conflicts, self.error)


@dataclass
class Extracted:
    """A worker's answer: the record, or the error that names the file; picklable either way."""

    path: str
    record: DecreeRecord | None
    error: str | None
    seconds: float


@dataclass
class Pending:
    """A file that still has to be extracted, with the hash computed for the resume check."""

    path: Path
    sha256: str


def limit_threads() -> None:
    """One Tesseract thread per worker: the pool already keeps every core busy."""
    os.environ["OMP_THREAD_LIMIT"] = "1"


def extract_one(path: str, options: ReaderOptions | None = None) -> Extracted:
    """Extract one file, turning any failure into a message that names it (runs in a worker)."""
    start = time.perf_counter()
    try:
        record = extract_file(Path(path), options)
    except IkiError as exc:
        return Extracted(path, None, str(exc), time.perf_counter() - start)
    except Exception as exc:  # one broken decree must not stop the batch, whatever broke
        message = f"{Path(path).name}: unexpected {type(exc).__name__} while extracting: {exc}"
        return Extracted(path, None, message, time.perf_counter() - start)
    return Extracted(path, record, None, time.perf_counter() - start)


def known_files(factory: sessionmaker[Session], hashes: Iterable[str],
                extractor_version: str = EXTRACTOR_VERSION) -> dict[str, tuple[str, int]]:
    """sha256 -> (status, decree id) of the files this extractor version already stored."""
    found: dict[str, tuple[str, int]] = {}
    wanted = list(dict.fromkeys(hashes))
    with factory() as session:
        for start in range(0, len(wanted), LOOKUP_CHUNK):
            chunk = wanted[start:start + LOOKUP_CHUNK]
            query = (select(SourceFile.sha256, SourceFile.status, Decree.id).join(Decree)
                     .where(SourceFile.sha256.in_(chunk), SourceFile.extractor_version == extractor_version))
            found.update({sha: (status, decree_id) for sha, status, decree_id in session.execute(query)})
    return found


def plan(factory: sessionmaker[Session], files: list[Path]) -> tuple[list[Pending], list[FileReport]]:
    """Split the files into those to extract and those settled without extraction (unchanged or unreadable)."""
    hashed: list[Pending] = []
    settled: list[FileReport] = []
    for path in files:
        try:
            hashed.append(Pending(path, sha256_of(path)))
        except OSError as exc:
            message = f"{path.name}: cannot be read ({exc.strerror})"
            settled.append(FileReport(str(path), path.name, "failed", "failed", error=message))
    known = known_files(factory, (p.sha256 for p in hashed))
    todo = []
    for pending in hashed:
        if pending.sha256 in known:
            status, decree_id = known[pending.sha256]
            settled.append(FileReport(str(pending.path), pending.path.name, "unchanged", status, pending.sha256,
                                      decree_id))
        else:
            todo.append(pending)
    return todo, settled


def store_extracted(factory: sessionmaker[Session], pending: Pending, done: Extracted) -> FileReport:
    """Load a worker's record in one transaction, or record its failure; never raises for one file."""
    name = pending.path.name
    start = time.perf_counter()
    try:
        if done.record is None:
            outcome = record_failure(factory, name, pending.sha256, done.error or f"{name}: extraction failed",
                                     EXTRACTOR_VERSION)
        else:
            outcome = load_record(factory, done.record)
    except IkiError as exc:
        outcome = record_failure(factory, name, pending.sha256, str(exc), EXTRACTOR_VERSION)
    except Exception as exc:  # one broken decree must not stop the batch, whatever broke
        message = f"{name}: unexpected {type(exc).__name__} while storing: {exc}"
        outcome = record_failure(factory, name, pending.sha256, message, EXTRACTOR_VERSION)
    return file_report(pending, done, outcome, time.perf_counter() - start)


def file_report(pending: Pending, done: Extracted, outcome: ImportOutcome, storing: float) -> FileReport:
    """The report of one file, its seconds being its extraction and its part of the storing."""
    record = done.record
    return FileReport(
        str(pending.path), pending.path.name, outcome.outcome, outcome.status, pending.sha256, outcome.decree_id,
        pages=record.pages if record else None,
        rows=len(record.indicators) if record and outcome.outcome != "failed" else None,
        seconds=round(done.seconds + storing, 3), error=outcome.message,
        warnings=list(record.warnings) if record else [], conflicts=outcome.conflicts,
    )


class GroupLoader:
    """Stores extracted decrees in groups, each group under one commit, and reports every file once stored.

    A group is stored when it holds GROUP_DECREES decrees, when its first
    decree has waited GROUP_SECONDS, when a decree took GROUP_SECONDS or more
    to extract (OCR: waiting would save nothing), when the workers have had
    nothing new for GROUP_SECONDS (`flush` on an idle answer), and at the end.
    Until its group commits a decree is only in memory: a killed import loses
    at most that extraction work, never a committed decree, and the next run
    extracts those files again. If a group fails as a whole (a bad value,
    another importer storing one of its files), its decrees are loaded one by
    one so that only the file at fault fails.
    """

    def __init__(self, factory: sessionmaker[Session], on_done: Callable[[FileReport], None]) -> None:
        self._factory = factory
        self._on_done = on_done
        self._group: list[tuple[Pending, Extracted, DecreeRecord]] = []
        self._since = 0.0
        self.reports: list[FileReport] = []

    def add(self, pending: Pending, done: Extracted) -> None:
        if done.record is None:
            self._report(store_extracted(self._factory, pending, done))
            return
        if not self._group:
            self._since = time.monotonic()
        self._group.append((pending, done, done.record))
        waited = time.monotonic() - self._since
        if len(self._group) >= GROUP_DECREES or waited >= GROUP_SECONDS or done.seconds >= GROUP_SECONDS:
            self.flush()

    def flush(self) -> None:
        group, self._group = self._group, []
        if not group:
            return
        start = time.perf_counter()
        try:
            outcomes = load_records(self._factory, [record for _, _, record in group])
        except Exception:  # the group failed as a whole; one by one, each file gets its own outcome
            for pending, done, _ in group:
                self._report(store_extracted(self._factory, pending, done))
            return
        share = (time.perf_counter() - start) / len(group)
        for (pending, done, _), outcome in zip(group, outcomes, strict=True):
            self._report(file_report(pending, done, outcome, share))

    def _report(self, report: FileReport) -> None:
        self.reports.append(report)
        self._on_done(report)


Answer = tuple[Pending, Extracted] | None  # None: no file has finished for GROUP_SECONDS


def extract_in_process(todo: list[Pending], options: ReaderOptions | None) -> Iterator[Answer]:
    """Extraction in this process, in order: for one worker, or where processes cannot be started."""
    for pending in todo:
        yield pending, extract_one(str(pending.path), options)


Job = Callable[[str, ReaderOptions | None], Extracted]


def extract_in_pool(todo: list[Pending], options: ReaderOptions | None, workers: int,
                    job: Job = extract_one) -> Iterator[Answer]:
    """Extraction in `workers` processes, answers in completion order, None while none finishes.

    A worker that dies (killed for memory, a crash in a C library) breaks the
    pool; the files it had in flight are then retried one by one in a fresh
    single-worker pool, so that only a file that kills a worker on its own is
    failed, and the rest of the batch goes on in a new pool.
    """
    queue = deque(todo)
    while queue:
        in_flight: list[Pending] = []
        yield from _pool_round(queue, options, workers, job, in_flight)
        for pending in in_flight:
            yield pending, _extract_alone(pending, options, job)


def _pool_round(queue: deque[Pending], options: ReaderOptions | None, workers: int, job: Job,
                broken: list[Pending]) -> Iterator[Answer]:
    """Drain `queue` through one pool; if the pool breaks, move the files in flight to `broken` and stop.

    At most twice as many files as workers are in flight, so that records wait
    in memory only as long as loading lags behind. Workers start from a fork
    server, not a fork of this process, whose progress-bar thread and database
    connections they must not inherit.
    """
    context = _worker_context()
    with ProcessPoolExecutor(workers, mp_context=context, initializer=limit_threads) as pool:
        running: dict[Future[Extracted], Pending] = {}
        while queue or running:
            while queue and len(running) < 2 * workers:
                pending = queue.popleft()
                running[pool.submit(job, str(pending.path), options)] = pending
            finished, _ = wait(running, timeout=GROUP_SECONDS, return_when=FIRST_COMPLETED)
            if not finished:
                yield None
            for future in finished:
                pending = running.pop(future)
                try:
                    answer = future.result()
                except BrokenProcessPool:
                    broken.append(pending)
                    continue
                yield pending, answer
            if broken:
                broken.extend(running.values())
                return


def _worker_context() -> multiprocessing.context.ForkServerContext:
    """Workers fork from a server that has imported the extraction code once, not each on its own."""
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["pipeline.batch"])
    return context


def _extract_alone(pending: Pending, options: ReaderOptions | None, job: Job) -> Extracted:
    start = time.perf_counter()
    context = _worker_context()
    with ProcessPoolExecutor(1, mp_context=context, initializer=limit_threads) as pool:
        try:
            return pool.submit(job, str(pending.path), options).result()
        except BrokenProcessPool:
            message = (f"{pending.path.name}: the extracting process died (out of memory, or a crash in a "
                       "library reading the file)")
            return Extracted(str(pending.path), None, message, time.perf_counter() - start)


def run_local(factory: sessionmaker[Session], todo: list[Pending], options: ReaderOptions | None, workers: int,
              on_done: Callable[[FileReport], None]) -> list[FileReport]:
    """Extract `todo` with `workers` processes (in this process for one) and load the answers as they come."""
    answers = extract_in_pool(todo, options, workers) if workers > 1 else extract_in_process(todo, options)
    loader = GroupLoader(factory, on_done)
    for answer in answers:
        if answer is None:
            loader.flush()
        else:
            loader.add(*answer)
    loader.flush()
    return loader.reports
