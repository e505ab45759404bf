"""Batch import: many decree files, extracted in parallel processes, loaded in groups of whole decrees.

Extraction (PDF parsing, OCR) is CPU-bound, so it runs in worker processes;
loading stays in the parent so that a database like SQLite sees a single
writer. While decrees arrive quickly (text, text PDFs) a commit per decree
would cost more than the decree's rows, so the parent stores them in groups
under one commit (`GroupLoader`). Every step of a file's import is the
import service's (`pipeline.service`); this module only spreads them over
processes and groups. Whatever goes wrong with one file (bad input, a crash
in the code, a worker process that dies) is recorded against that file and
the batch goes on; if the importer itself is killed, its workers exit too.
"""
from __future__ import annotations

import os
import time
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool

from extract.reader import ReaderOptions
from normalize.harmonize.words import remember
from normalize.records import DecreeRecord
from pipeline.pool import fork_server
from pipeline.service import FileReport, ImportService, Pending
from pipeline.worker import Extracted, extract_and_analyse, extract_one, start_worker

GROUP_DECREES = 100
GROUP_SECONDS = 1.0


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

    def __init__(self, service: ImportService, on_done: Callable[[FileReport], None]) -> None:
        self._service = service
        self._on_done = on_done
        self._group: list[tuple[Pending, Extracted, DecreeRecord]] = []
        self._since = 0.0
        self.reports: list[FileReport] = []

    def add(self, pending: Pending, done: Extracted) -> None:
        remember(done.analyses)
        if done.record is None:
            self._report(self._service.store(pending, done))
            return
        if not self._group:
            self._since = time.monotonic()
        self._group.append((pending, done, done.record))
        waited = time.monotonic() - self._since
        if len(self._group) >= GROUP_DECREES or waited >= GROUP_SECONDS or done.seconds >= GROUP_SECONDS:
            self.flush()

    def flush(self) -> None:
        group, self._group = self._group, []
        if group:
            for report in self._service.store_group(group):
                self._report(report)

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
                    job: Job = extract_and_analyse) -> Iterator[Answer]:
    """Extraction in `workers` processes, answers in completion order, None while none finishes.

    The largest files go first: a scan or a long PDF takes many times a text
    decree's time, and one started last would keep one worker busy alone
    while the other has finished; with the short ones last, both finish
    about together. (Which worker stored a decree first changes its id only.)

    A worker that dies (killed for memory, a crash in a C library) breaks the
    pool; the files it had in flight are then retried one by one in a fresh
    single-worker pool, so that only a file that kills a worker on its own is
    failed, and the rest of the batch goes on in a new pool.
    """
    queue = deque(sorted(todo, key=_size, reverse=True))
    while queue:
        in_flight: list[Pending] = []
        yield from _pool_round(queue, options, workers, job, in_flight)
        for pending in in_flight:
            yield pending, _extract_alone(pending, options, job)


def _size(pending: Pending) -> int:
    """The file's size in bytes, which orders a batch's files by how long they may take (0 if gone)."""
    try:
        return pending.path.stat().st_size
    except OSError:
        return 0


def _pool_round(queue: deque[Pending], options: ReaderOptions | None, workers: int, job: Job,
                broken: list[Pending]) -> Iterator[Answer]:
    """Drain `queue` through one pool; if the pool breaks, move the files in flight to `broken` and stop.

    At most twice as many files as workers are in flight, so that records wait
    in memory only as long as loading lags behind. Workers start from a fork
    server, not a fork of this process, whose progress-bar thread and database
    connections they must not inherit.
    """
    with _pool(workers) as pool:
        running: dict[Future[Extracted], Pending] = {}
        while queue or running:
            while queue and len(running) < 2 * workers:
                pending = queue.popleft()
                running[pool.submit(job, str(pending.path), options)] = pending
            finished, _ = wait(running, timeout=GROUP_SECONDS, return_when=FIRST_COMPLETED)
            if not finished:
                yield None
            for future in [future for future in running if future in finished]:  # those done together: as given
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


def _pool(workers: int) -> ProcessPoolExecutor:
    """Workers fork from a server that has imported the extraction code once (and nothing of the store)."""
    return ProcessPoolExecutor(workers, mp_context=fork_server(), initializer=start_worker,
                               initargs=(os.getpid(),))


def _extract_alone(pending: Pending, options: ReaderOptions | None, job: Job) -> Extracted:
    start = time.perf_counter()
    with _pool(1) as pool:
        try:
            return pool.submit(job, str(pending.path), options).result()
        except BrokenProcessPool:
            message = (f"{pending.path.name}: the extracting process died (out of memory, or a crash in a "
                       "library reading the file)")
            return Extracted(str(pending.path), None, message, time.perf_counter() - start)


def run_local(service: ImportService, todo: list[Pending], workers: int,
              on_done: Callable[[FileReport], None]) -> list[FileReport]:
    """Extract `todo` with `workers` processes (in this process for one) and load the answers as they come."""
    options = service.options
    answers = extract_in_pool(todo, options, workers) if workers > 1 else extract_in_process(todo, options)
    loader = GroupLoader(service, on_done)
    for answer in answers:
        if answer is None:
            loader.flush()
        else:
            loader.add(*answer)
    loader.flush()
    return loader.reports
