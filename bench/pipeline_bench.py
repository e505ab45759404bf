"""Benchmark of the whole pipeline, each figure beside a baseline measured in the same run.

    .venv/bin/python bench/pipeline_bench.py [--text 200] [--scans 2] [--import-decrees 300]
                                             [--scale 700,7000] [--pg URL | --no-pg] [--pg-prefix NAME]
                                             [--stages scale,query,text,pdf,import,memory,scan,startup,parallel]

Every corpus is the realistic synthetic one of bench/synthetic.py (about 50,000 distinct indicator wordings at
7,000 decrees). Prints one markdown table (paste it into bench/RESULTS.md) with, in the order run:
  * scale (bench/scale_bench.py): the whole `iki import --workers 2` (extraction, storing, concept assignment)
    of 700 and of 7,000 text decrees into fresh SQLite and PostgreSQL databases, as a command of its own: CPU of
    all its processes (baseline: extracting the decrees alone on one core), the same on 2 free cores, peak
    memory of each process, growth from 700 to 7,000 against linear; one more decree into the 7,000 through the
    command (baseline: starting the command) and through the import service in a running process (baseline:
    extracting the file alone);
  * query, on the 7,000-decree databases the scale stage made (filled here without it): a cell save (baseline:
    the correction alone), one more decree (baseline: storing it alone), and compare queries against the raw
    SQL fetch of the same rows; without the scale stage also the full re-group (bench/concept_bench.py);
  * text decrees per second on one core (baseline: reading and decoding the same files), and the
    whole import with 2 workers on the same corpus;
  * text-PDF pages per second (baseline: bare pdfplumber `extract_words` on the same pages);
  * import rows per second into SQLite and PostgreSQL (baseline: one SQLAlchemy Core bulk insert of the
    same rows into a plain table with the same columns);
  * peak memory of one extraction worker;
  * scanned pages per second (baseline: bare `tesseract` CLI on the same page images, from ocr_bench);
  * start-up of `iki --help` and `iki extract` (bench/startup_bench.py) and the speed-up of
    `iki import --workers 2` over `--workers 1` on text and on a mixed batch (bench/parallel_bench.py).
Bars: OCR within 1.5x of tesseract, >= 20 text decrees/s/core, query < 200 ms on SQLite and <= 1.5x the raw
fetch, import within 3x; at 7,000 decrees import + assignment < 10 min on 2 cores, one more decree < 2 s, growth
within 1.3x of linear, every process < 1 GiB.
"""
from __future__ import annotations

import argparse
import gc
import multiprocessing
import os
import platform
import resource
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import pdfplumber  # noqa: E402
import psutil  # noqa: E402
from sqlalchemy import Column, Integer, MetaData, Table, create_engine, insert, text  # noqa: E402

from bench.concept_bench import REGROUPS, bench_concepts  # noqa: E402
from bench.figures import Figures  # noqa: E402
from bench.ocr_bench import render_pages, time_cli  # noqa: E402
from bench.parallel_bench import measure as measure_parallel  # noqa: E402
from bench.scale_bench import compare_queries, import_corpus, one_more, write_corpus  # noqa: E402
from bench.startup_bench import measure as measure_startup  # noqa: E402
from bench.synthetic import synthetic_records, write_text_corpus  # noqa: E402
from extract.reader import ReaderOptions  # noqa: E402
from pipeline.batch import GROUP_DECREES, run_local, start_worker  # noqa: E402
from pipeline.run import extract_file, sha256_of  # noqa: E402
from pipeline.service import ImportService, Pending, extract_one  # noqa: E402
from store.corrections import EXTRACTED_FIELDS  # noqa: E402
from store.db import make_engine, open_store, upgrade  # noqa: E402
from store.importer import load_records  # noqa: E402
from store.models import IndicatorRow  # noqa: E402

PG_SERVER = "postgresql+psycopg://postgres@127.0.0.1:5432"
CELL_SAVES = 30
STAGES = ("text", "pdf", "scan", "import", "scale", "query", "memory", "startup", "parallel")
FIGURES = Figures()
report = FIGURES.report


def timed(work: Callable[[], object]) -> float:
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


def cpu_timed(work: Callable[[], object]) -> float:
    """CPU seconds of this process and its waited-for children (tesseract): the cost per core.

    On a shared machine wall time also counts other programs' turns; CPU time does not.
    """
    def now() -> float:
        own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
        return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime

    start = now()
    work()
    return now() - start


def machine() -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    ram = psutil.virtual_memory().total / 2**30
    os_name = platform.freedesktop_os_release().get("PRETTY_NAME", platform.platform())
    return (f"{cpu}, {os.cpu_count()} cores, {ram:.0f} GiB RAM, {os_name}, "
            f"Python {platform.python_version()}")


def bench_text(folder: Path, count: int) -> list[Path]:
    paths = write_text_corpus(folder, count)
    extract_file(paths[0])  # first use loads vocabularies and the gazetteer; the rate is the steady state
    bare = cpu_timed(lambda: [p.read_bytes().decode("utf-8") for p in paths])
    wall = timed(lambda: [extract_file(p) for p in paths])
    one_core = cpu_timed(lambda: [extract_file(p) for p in paths])
    rate = count / one_core
    report(f"text decrees/s per core, CPU time ({count} synthetic decrees; wall {count / wall:.1f}/s)",
           f"{rate:.1f}", f"{count / bare:.0f} (read+decode)", f"{one_core / bare:.0f}x slower",
           f"{'met' if rate >= 20 else 'MISSED'} (>= 20/s/core)")
    db = open_fresh_sqlite(folder / "text.db")
    todo = [Pending(p, sha256_of(p)) for p in paths]
    whole = timed(lambda: run_local(ImportService(db), todo, 2, lambda _report: None))
    report("whole import, text, 2 workers, SQLite (decrees/s)", f"{count / whole:.1f}",
           f"{rate:.1f} (extraction on one core)", f"{(count / whole) / rate:.2f}x", "")
    return paths


def open_fresh_sqlite(path: Path):
    url = f"sqlite:///{path}"
    upgrade(make_engine(url))
    return open_store(url)


def bench_pdf(repeat: int) -> None:
    pdfs = sorted((ROOT / "samples" / "family" / "docx-pdf").glob("*.pdf"))
    pages = 0
    for pdf in pdfs:
        with pdfplumber.open(pdf) as doc:
            pages += len(doc.pages)

    def bare() -> None:
        for pdf in pdfs:
            with pdfplumber.open(pdf) as doc:
                for page in doc.pages:
                    page.extract_words()

    base = min(cpu_timed(bare) for _ in range(repeat))
    pipe = min(cpu_timed(lambda: [extract_file(p) for p in pdfs]) for _ in range(repeat))
    report(f"text-PDF pages/s per core, CPU time ({pages} pages)", f"{pages / pipe:.1f}",
           f"{pages / base:.1f} (pdfplumber extract_words)", f"{pipe / base:.2f}x", "")


def bench_scan(count: int) -> None:
    if count <= 0:
        return
    os.environ["OMP_THREAD_LIMIT"] = "1"  # as in an extraction worker
    options = ReaderOptions()
    scans = sorted((ROOT / "samples" / "family" / "scan").glob("*.pdf"))[:count]
    with tempfile.TemporaryDirectory() as tmp:
        images = [page for scan in scans for page in render_pages(scan, options.dpi, Path(tmp))]
        base_wall = timed(lambda: time_cli(images, options.ocr_lang, Path(tmp)))
        base = cpu_timed(lambda: time_cli(images, options.ocr_lang, Path(tmp)))
    pipe_wall = timed(lambda: [extract_file(p, options) for p in scans])
    pipe = cpu_timed(lambda: [extract_file(p, options) for p in scans])
    ratio = pipe / base
    report(f"scanned pages/s per core, CPU time ({len(images)} pages, 300 dpi; wall ratio {pipe_wall / base_wall:.2f})",
           f"{len(images) / pipe:.3f}", f"{len(images) / base:.3f} (tesseract CLI)", f"{ratio:.2f}x",
           f"{'met' if ratio <= 1.5 else 'MISSED'} (<= 1.5x)")


def plain_rows(records) -> list[dict]:
    """The records' indicator rows as plain dicts with the indicator_rows columns."""
    rows = []
    for d, record in enumerate(records, start=1):
        for p, position in enumerate(record.positions, start=1):
            for o, ind in enumerate(position.indicators, start=1):
                values = {name: getattr(ind, name) for name in EXTRACTED_FIELDS}
                rows.append({**values, "decree_id": d, "position_id": d * 1000 + p, "ordinal": o,
                             "row_key": f"{p}/{o}", "origin": "extracted", "confidence": ind.confidence,
                             "notes": list(ind.notes), "extra": dict(ind.extra), "reviewed": False,
                             "deleted": False, "extracted": {**values, "ordinal": o}, "version": 1})
    return rows


def load_in_groups(factory, records) -> None:
    """Load as `iki import` does while decrees arrive faster than they are stored."""
    for start in range(0, len(records), GROUP_DECREES):
        load_records(factory, records[start:start + GROUP_DECREES])


def bench_import(label: str, url: str, count: int) -> None:
    upgrade(make_engine(url))
    factory = open_store(url)
    records = synthetic_records(count, seed=23)
    rows = sum(len(r.indicators) for r in records)
    pipe = timed(lambda: load_in_groups(factory, records))
    plain = Table("bench_plain_rows", MetaData(), Column("id", Integer, primary_key=True),
                  *[Column(c.name, c.type) for c in IndicatorRow.__table__.columns if c.name != "id"])
    engine = factory.kw["bind"]
    plain.create(engine)
    values = plain_rows(records)

    def bulk() -> None:
        with engine.begin() as connection:
            connection.execute(insert(plain), values)

    base = timed(bulk)
    ratio = pipe / base
    report(f"import rows/s, {label} ({count} decrees, {rows} rows, {GROUP_DECREES} decrees per commit)",
           f"{rows / pipe:.0f}",
           f"{rows / base:.0f} (Core bulk insert)", f"{ratio:.2f}x", f"{'met' if ratio <= 3 else 'MISSED'} (<= 3x)")
    engine.dispose()


def fill_database(factory, count: int) -> tuple[int, float]:
    """Import `count` synthetic decrees; (rows, seconds). The records are dropped on return."""
    records = synthetic_records(count, seed=31)
    return sum(len(r.indicators) for r in records), timed(lambda: load_in_groups(factory, records))


def bench_query(label: str, url: str, count: int, bar_ms: float | None, imported: bool = False) -> None:
    """Concepts (cell saves, one more decree) and compare queries on a database of `count` decrees.

    `imported`: the database is the scale stage's, filled by `iki import` (concepts assigned, statistics
    refreshed), so the re-group figures are left out; otherwise it is filled here, without concepts.
    """
    if not imported:
        upgrade(make_engine(url))
        rows, spent = fill_database(open_store(url), count)
        print(f"  ({label}: imported {count} decrees, {rows} rows in {spent:.0f} s)", flush=True)
    gc.collect()  # the queries run where a screen or `iki query` runs: without 7,000 records in memory
    bench_concepts(url, count, CELL_SAVES, label, report, regroups=() if imported else REGROUPS)
    compare_queries(label, url, count, report, bar_ms)


def worker_peak(path: str) -> int:
    """Extract one file in a worker; the worker's peak RSS so far, in KiB (tesseract runs as its own process)."""
    extract_one(path)
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def bench_memory(texts: list[Path], scans: int) -> None:
    files = [*map(str, texts[:40]), *map(str, sorted((ROOT / "samples" / "family" / "docx-pdf").glob("*.pdf"))),
             *map(str, sorted((ROOT / "samples" / "family" / "scan").glob("*.pdf"))[:scans])]
    context = multiprocessing.get_context("forkserver")
    with ProcessPoolExecutor(2, mp_context=context, initializer=start_worker, initargs=(os.getpid(),)) as pool:
        peak = max(pool.map(worker_peak, files)) / 1024
    report(f"peak memory per worker ({len(files)} text, PDF and scanned files, 2 workers)", f"{peak:.0f} MiB RSS",
           "", "", "")


def postgres_database(server: str, prefix: str) -> tuple[str, Callable[[], None]]:
    name = f"{prefix}_{uuid.uuid4().hex[:8]}"
    admin = create_engine(f"{server}/postgres", isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))

    def drop() -> None:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()

    return f"{server}/{name}", drop


def bench_scale(folder: Path, sizes: tuple[int, int], databases: list[tuple[str, Callable[[], str]]]
                ) -> dict[str, str]:
    """`iki import` of the small and the large corpus into fresh databases, then one more decree into the large
    one; returns label -> URL of the large database, kept for the query stage."""
    corpus = write_corpus(folder / "scale", *sizes)
    report(f"extraction alone, CPU per decree, one core (150 of the {sizes[1]} decrees imported below)",
           f"{corpus.extraction_per_decree * 1000:.0f} ms", "", "", "")
    large: dict[str, str] = {}
    for label, fresh in databases:
        small = import_corpus(label, fresh(), corpus.small, sizes[0], corpus, report, None, sizes[0])
        url = fresh()
        import_corpus(label, url, corpus.large, sizes[1], corpus, report, small, sizes[0])
        one_more(label, url, folder / "scale", sizes[1], report)
        large[label] = url
    return large


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--text", type=int, default=200, help="synthetic text decrees")
    parser.add_argument("--pdf-repeat", type=int, default=3)
    parser.add_argument("--scans", type=int, default=2, help="scanned sample PDFs to OCR")
    parser.add_argument("--import-decrees", type=int, default=300)
    parser.add_argument("--scale", default="700,7000", help="decrees of the small and the large `iki import`")
    parser.add_argument("--query-decrees", type=int, default=7000, help="without the scale stage")
    parser.add_argument("--pg", default=PG_SERVER, help="PostgreSQL server URL (databases are created and dropped)")
    parser.add_argument("--pg-prefix", default="iki_bench", help="name prefix of the databases created")
    parser.add_argument("--no-pg", action="store_true")
    parser.add_argument("--stages", default=",".join(STAGES), help=f"comma-separated subset of {','.join(STAGES)}")
    args = parser.parse_args()
    stages = set(args.stages.split(","))
    sizes = tuple(int(n) for n in args.scale.split(","))
    print(f"machine: {machine()}", flush=True)
    drops: list[Callable[[], None]] = []

    def postgres() -> str:
        url, drop = postgres_database(args.pg, args.pg_prefix)
        drops.append(drop)
        return url

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        files = iter(range(1_000_000))

        def sqlite() -> str:
            return f"sqlite:///{folder / f'scale-{next(files)}.db'}"

        databases: list[tuple[str, Callable[[], str]]] = [("SQLite", sqlite)]
        if not args.no_pg:
            databases.append(("PostgreSQL", postgres))
        try:
            # the database stages first, the scans (the slowest and least database-bound) last
            large = bench_scale(folder, (sizes[0], sizes[1]), databases) if "scale" in stages else {}
            if "query" in stages:
                for label, fresh in databases:
                    bar = 200 if label == "SQLite" else None
                    if label in large:
                        bench_query(label, large[label], sizes[1], bar, imported=True)
                    else:
                        bench_query(label, fresh(), args.query_decrees, bar)
            texts = bench_text(folder, args.text) if stages & {"text", "memory"} else []
            if "pdf" in stages:
                bench_pdf(args.pdf_repeat)
            if "import" in stages:
                for label, fresh in databases:
                    bench_import(label, fresh(), args.import_decrees)
            if "memory" in stages:
                bench_memory(texts, args.scans)
            if "scan" in stages:
                bench_scan(args.scans)
            if "startup" in stages:
                measure_startup(report)
            if "parallel" in stages:
                measure_parallel(report, text=args.text, scans=args.scans)
        finally:
            for drop in drops:
                drop()
    print(f"\nMachine: {machine()}\n")
    print(FIGURES.table())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
