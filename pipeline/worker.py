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
from dataclasses import dataclass, field
from pathlib import Path

from extract.errors import IkiError
from extract.options import ReaderOptions
from normalize.harmonize.signature import texts_read
from normalize.harmonize.words import Analysis, analyse, load_stemmer
from normalize.records import DecreeRecord
from normalize.regions import load_gazetteer
from pipeline.run import extract_file


@dataclass
class Extracted:
    """A worker's answer: the record, or the error that names the file; picklable either way.

    `analyses` holds the words of the record's wordings as concept assignment
    reads them (`extract_and_analyse`), empty when extracted without.
    """

    path: str
    record: DecreeRecord | None
    error: str | None
    seconds: float
    analyses: dict[str, Analysis] = field(default_factory=dict)


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


def extract_and_analyse(path: str, options: ReaderOptions | None = None) -> Extracted:
    """`extract_one`, and the analysis of every text of the record's wordings, for a batch's pool.

    Concept assignment runs in the importer, once, after the pool is done,
    and reading the wordings' words (stemming above all) was a third of it;
    a worker makes those analyses in parallel instead, the importer takes
    them (`normalize.harmonize.words.remember`) and finds them made. The
    analysis depends on the text alone, so the concepts come out the same.
    """
    done = extract_one(path, options)
    if done.record is not None:
        texts = {text for ind in done.record.indicators
                 for text in texts_read(ind.indikator, ind.numerator, ind.denominator)}
        done.analyses = {text: analyse(text) for text in sorted(texts)}
    return done


def start_worker(importer: int) -> None:
    """Set up an extraction process: one Tesseract thread, its tables read, and exit when the importer dies.

    One thread because the pool already keeps every core busy. The gazetteer
    and the stemmer's root words are read here, while the pool starts, rather
    than in the first file's time.
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
    load_stemmer()


def _exit_when_readable(watch: int) -> None:
    """A pidfd becomes readable when its process has ended."""
    select.select([watch], [], [])
    os._exit(1)
