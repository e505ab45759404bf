"""What an extraction process runs: one file in, a record or the error naming the file out.

A batch's worker processes start from a fork server that has imported this
module, and with it the extraction code (readers, normalization, the region
matcher), once; each worker then forks with that code loaded and only
reads the gazetteer index when it starts. This
module imports neither the store nor the import service, so neither the fork
server nor a worker loads SQLAlchemy, Alembic or pandas, which the
extraction never uses: before this split every worker paid for them.
"""
from __future__ import annotations

import os
import select
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from extract.errors import IkiError
from extract.options import ReaderOptions
from normalize.records import DecreeRecord
from normalize.regions import load_gazetteer
from pipeline.run import extract_file


@dataclass
class Extracted:
    """A worker's answer: the record, or the error that names the file; picklable either way."""

    path: str
    record: DecreeRecord | None
    error: str | None
    seconds: float


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


def start_worker(importer: int) -> None:
    """Set up an extraction process: one Tesseract thread, its tables read, and exit when the importer dies.

    One thread because the pool already keeps every core busy. The gazetteer
    is read here, while the pool starts, rather than in the first file's time.
    A killed importer cannot shut its pool down: its workers would wait for
    tasks forever, keeping the fork server alive with them (hundreds of
    megabytes), so each worker watches the importer's process and leaves with it.
    """
    os.environ["OMP_THREAD_LIMIT"] = "1"
    try:
        watch = os.pidfd_open(importer)
    except ProcessLookupError:
        os._exit(1)
    threading.Thread(target=_exit_when_readable, args=(watch,), name="iki-importer-watch", daemon=True).start()
    load_gazetteer()


def _exit_when_readable(watch: int) -> None:
    """A pidfd becomes readable when its process has ended."""
    select.select([watch], [], [])
    os._exit(1)
