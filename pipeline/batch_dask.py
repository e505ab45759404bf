"""Batch import on a Dask distributed cluster: workers extract and write to the shared database.

Each task carries the file's bytes, so workers need no shared file system,
only a route to the database. A worker imports its file itself through the
same import service as a local import (one transaction per decree): records
never travel back through the scheduler, and the database's unique sha256
settles two workers that meet on the same file. Concepts are assigned once
by the client when the run ends. That needs a database every worker
reaches, so SQLite is refused here.

    dask scheduler                                   # on one machine; listens on tcp://HOST:8786
    dask worker tcp://HOST:8786 --nworkers 4 --nthreads 1   # on each machine, in an environment with iki
    iki import DIR --db postgresql+psycopg://USER@DBHOST/iki --dask tcp://HOST:8786
"""
from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Hashable
from functools import lru_cache
from pathlib import Path

from distributed import Client, Future, as_completed
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from extract.errors import IkiError
from extract.reader import ReaderOptions
from pipeline.service import FileReport, ImportService, Pending
from store.db import open_store, resolve_url
from store.enums import Outcome

IN_FLIGHT_PER_THREAD = 2


class ClusterError(IkiError):
    """The cluster or its database cannot be used for this import."""


def check_shared_database(url: str | None) -> None:
    """Refuse SQLite for a cluster import: other machines cannot write to a file on this one."""
    resolved = resolve_url(url)
    if make_url(resolved).get_backend_name() == "sqlite":
        raise ClusterError(resolved, "--dask needs a database every worker can reach, such as PostgreSQL; "
                                     "a SQLite file is local to one machine")


@lru_cache(maxsize=4)
def _worker_store(url: str) -> sessionmaker[Session]:
    """One engine per worker process and database, reused by every task the worker runs."""
    return open_store(url)


def extract_and_store(name: str, data: bytes, sha256: str, url: str, options: ReaderOptions | None) -> FileReport:
    """Runs on a worker: write the bytes under their own name, extract them, store the decree.

    The name comes over the network, so one that is not a plain file name
    (a path, `..`) is refused rather than written outside the scratch folder.
    """
    os.environ["OMP_THREAD_LIMIT"] = "1"
    service = ImportService(_worker_store(url), options)
    if name in ("", ".", "..") or Path(name).name != name:
        return _failed(service, name, name, sha256, "not a plain file name (it holds a path); refused")
    with tempfile.TemporaryDirectory(prefix="iki-") as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        return service.import_file(path, assign=False)


def connect(address: str) -> Client:
    """A client of the scheduler at `address`, or a ClusterError naming it; called before any work is recorded."""
    try:
        return Client(address, timeout="20s")
    except OSError as exc:
        raise ClusterError(address, f"cannot reach the Dask scheduler ({exc})") from exc


def run_dask(client: Client, service: ImportService, todo: list[Pending],
             on_done: Callable[[FileReport], None]) -> list[FileReport]:
    """Send every file to the cluster and collect the reports as they finish.

    At most two files per worker thread are in flight, so the client never
    holds more than that many files' bytes. A task that fails as a whole (a
    worker lost, the file gone before it was sent) is recorded against its
    file from here, so it is never lost.
    """
    url = service.factory.kw["bind"].url.render_as_string(hide_password=False)
    threads = max(1, sum(client.nthreads().values()))
    queue = list(reversed(todo))
    by_key: dict[Hashable, Pending] = {}
    finished = as_completed()
    reports: list[FileReport] = []

    def finish(report: FileReport) -> None:
        reports.append(report)
        on_done(report)

    def submit() -> None:
        while queue:
            pending = queue.pop()
            try:
                data = pending.path.read_bytes()
            except OSError as exc:
                finish(_failed(service, str(pending.path), pending.path.name, pending.sha256,
                               f"cannot be read ({exc.strerror})"))
                continue
            future = client.submit(extract_and_store, pending.path.name, data, pending.sha256, url, service.options,
                                   pure=False)
            by_key[future.key] = pending
            finished.add(future)
            return

    for _ in range(IN_FLIGHT_PER_THREAD * threads):
        submit()
    for future in finished:
        finish(_collect(service, future, by_key.pop(future.key)))
        submit()
    return reports


def _collect(service: ImportService, future: Future, pending: Pending) -> FileReport:
    """The worker's report with the client's path, or a recorded failure if the task itself failed."""
    try:
        report: FileReport = future.result()
    except Exception as exc:  # a lost worker or an unpicklable answer fails this file only
        return _failed(service, str(pending.path), pending.path.name, pending.sha256,
                       f"the Dask task failed ({type(exc).__name__}: {exc})")
    report.path = str(pending.path)
    return report


def _failed(service: ImportService, path: str, name: str, sha256: str, problem: str) -> FileReport:
    outcome = service.fail(name, sha256, f"{name}: {problem}")
    return FileReport(path, name, Outcome.FAILED, outcome.status, sha256, outcome.decree_id, error=outcome.message)
