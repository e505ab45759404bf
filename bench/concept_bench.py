"""Concept assignment at scale, on the realistic synthetic corpus, each figure beside a same-run baseline.

    .venv/bin/python bench/concept_bench.py [--decrees 7000] [--saves 30] [--pg URL]

  * the full re-group of the database (`iki concepts assign`), run in a process of its own so that its peak
    memory is its own: wall time, peak resident memory and peak anonymous memory (the resident figure also
    counts the SQLite file's pages, which are memory mapped); baseline: reading the rows it groups;
  * a cell save on the review screen (an indikator corrected, then placed against the stored concepts), median,
    90th percentile and slowest; baseline: the same correction without placing it;
  * one more decree imported into the full database (stored, then its rows placed); baseline: storing it alone.
Bars: re-group < 5 minutes, peak memory < 1 GiB per process, cell save < 200 ms.
`pipeline_bench.py` runs the same measurements on its query database.
"""
from __future__ import annotations

import argparse
import multiprocessing
import random
import resource
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import select  # noqa: E402

from bench.figures import Figures  # noqa: E402
from bench.synthetic import decree_record, decrees, synthetic_records  # noqa: E402
from pipeline.batch import GROUP_DECREES  # noqa: E402
from store import corrections  # noqa: E402
from store.concept_assignment import assign_concepts, assign_edited_rows, rows_to_group  # noqa: E402
from store.db import make_engine, open_store, upgrade  # noqa: E402
from store.importer import finish_run, load_record, load_records, start_run  # noqa: E402
from store.models import Decree, IndicatorRow  # noqa: E402

Report = Callable[[str, str, str, str, str], None]
_SAMPLE_SECONDS = 0.05


def _anonymous_kib() -> int:
    """Resident memory that is this process's own (not mapped files), in KiB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("RssAnon:"):
            return int(line.split()[1])
    return 0


def _regroup(url: str) -> tuple[float, int, int, int]:
    """In a fresh process: re-group every row; (seconds, rows, peak resident KiB, peak anonymous KiB)."""
    peak = [0]
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            peak[0] = max(peak[0], _anonymous_kib())
            time.sleep(_SAMPLE_SECONDS)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    factory = open_store(url)
    start = time.perf_counter()
    with factory.begin() as session:
        summary = assign_concepts(session)
    seconds = time.perf_counter() - start
    done.set()
    sampler.join()
    factory.kw["bind"].dispose()
    return seconds, summary.rows, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, max(peak[0], _anonymous_kib())


def regroup_in_process(url: str) -> tuple[float, int, int, int]:
    with multiprocessing.get_context("forkserver").Pool(1) as pool:
        return pool.apply(_regroup, (url,))


def _save(factory, decree_id: int, row_key: str, value: str, place: bool) -> float:
    """One cell save as the review screen makes it, in its own transaction; seconds."""
    start = time.perf_counter()
    with factory.begin() as session:
        decree = session.get(Decree, decree_id)
        corrections.set_field(session, decree, row_key, "indikator", value, who="bench")
        if place:
            assign_edited_rows(session, decree_id, [row_key])
    return time.perf_counter() - start


def cell_saves(factory, count: int, seed: int = 5) -> tuple[list[float], list[float]]:
    """Seconds of `count` cell saves that place the new wording, and of as many that do not (baseline).

    The new wordings come from another synthetic corpus, so most are wordings the database has never seen.
    """
    rng = random.Random(seed)
    with factory() as session:
        rows = session.execute(select(IndicatorRow.decree_id, IndicatorRow.row_key)
                               .where(IndicatorRow.deleted.is_(False), IndicatorRow.indikator.is_not(None))).all()
    picked = rng.sample(rows, 2 * count + 1)
    fresh = [i.indikator for d in decrees(50, seed=seed + 1000) for p in d.positions for i in p.indicators]
    _save(factory, *picked[0], rng.choice(fresh), True)  # the first save loads the word lists and the stemmer
    placed = [_save(factory, d, k, rng.choice(fresh) + " kantor camat", True) for d, k in picked[1:count + 1]]
    plain = [_save(factory, d, k, rng.choice(fresh) + " kantor camat", False) for d, k in picked[count + 1:]]
    return placed, plain


def one_more_decree(factory, seed: int = 99) -> tuple[float, float]:
    """Seconds to import one new decree and place its rows, and to store one alone (baseline)."""
    first, second = (decree_record(d, seed) for d in decrees(2, seed))
    second.sha256 = "f" * 64
    start = time.perf_counter()
    run = start_run(factory, 1)
    finish_run(factory, run, [load_record(factory, first)])
    whole = time.perf_counter() - start
    start = time.perf_counter()
    load_record(factory, second)
    return whole, time.perf_counter() - start


def fill(url: str, count: int, seed: int = 31) -> tuple[int, float]:
    """A migrated database holding `count` synthetic decrees (no concepts yet); (rows, seconds)."""
    upgrade(make_engine(url))
    factory = open_store(url)
    records = synthetic_records(count, seed=seed)
    rows = sum(len(r.indicators) for r in records)
    start = time.perf_counter()
    for at in range(0, len(records), GROUP_DECREES):
        load_records(factory, records[at:at + GROUP_DECREES])
    factory.kw["bind"].dispose()
    return rows, time.perf_counter() - start


REGROUPS = ("first run, every row gets a concept", "run again")


def bench_concepts(url: str, count: int, saves: int, label: str, report: Report,
                   regroups: tuple[str, ...] = REGROUPS) -> None:
    """The concept figures on a database of `count` synthetic decrees without concepts yet (or, with no
    `regroups`, one that `iki import` gave its concepts)."""
    factory = open_store(url)
    with factory() as session:
        start = time.perf_counter()
        rows = sum(1 for _ in rows_to_group(session))
        read = time.perf_counter() - start
    for run in regroups:
        seconds, live, peak, anonymous = regroup_in_process(url)
        report(f"full re-group, {label}, {count} decrees, {live} rows ({run})", f"{seconds:.1f} s",
               f"{read:.1f} s (reading the {rows} rows)", f"{seconds / read:.1f}x",
               f"{'met' if seconds < 300 else 'MISSED'} (< 5 min)")
        report(f"peak memory of the re-group process, {label} ({run})",
               f"{anonymous / 1024:.0f} MiB anonymous, {peak / 1024:.0f} MiB resident", "", "",
               f"{'met' if anonymous < 1 << 20 else 'MISSED'} (< 1 GiB)")
    placed, plain = cell_saves(factory, saves)
    p90 = statistics.quantiles(placed, n=10)[-1]
    report(f"cell save on the review screen, {label}, {count} decrees (median of {saves}; 90th percentile "
           f"{p90 * 1000:.0f} ms, slowest {max(placed) * 1000:.0f} ms)", f"{statistics.median(placed) * 1000:.0f} ms",
           f"{statistics.median(plain) * 1000:.0f} ms (the correction alone)",
           f"{statistics.median(placed) / statistics.median(plain):.1f}x",
           f"{'met' if p90 < 0.2 else 'MISSED'} (90th percentile < 200 ms)")
    whole, alone = one_more_decree(factory)
    report(f"one more decree into {count}, {label}: stored and its rows placed", f"{whole:.2f} s",
           f"{alone:.2f} s (storing it alone)", f"{whole / alone:.1f}x", "")
    factory.kw["bind"].dispose()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--decrees", type=int, default=7000)
    parser.add_argument("--saves", type=int, default=30)
    parser.add_argument("--pg", help="also on this PostgreSQL database URL (emptied first)")
    args = parser.parse_args()
    figures = Figures()
    report = figures.report

    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'concepts.db'}"
        rows, seconds = fill(url, args.decrees)
        print(f"  (SQLite: {args.decrees} decrees, {rows} rows stored in {seconds:.0f} s)", flush=True)
        bench_concepts(url, args.decrees, args.saves, "SQLite", report)
    if args.pg:
        rows, seconds = fill(args.pg, args.decrees)
        bench_concepts(args.pg, args.decrees, args.saves, "PostgreSQL", report)
    print("\n" + figures.table())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
