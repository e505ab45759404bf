"""Scripted fault run: kill -9 a 200-file `iki import --workers 2` at several points, then run it again.

    .venv/bin/python bench/fault_run.py [--files 200] [--pg URL | --no-pg]

On each database (SQLite, and PostgreSQL unless --no-pg) a reference import
runs to its end without faults. Then, from an empty database, the same
import is started again and again, each run killed with SIGKILL (the
importer alone, as the kernel's OOM killer or a lost terminal would) at the
next of these points, watched from outside in the database and the process
table:

  1. workers  - the extraction pool is up (nothing committed yet)
  2. group    - the run's first group of decrees committed
  3. half     - half of the decrees still to store committed
  4. stored   - every decree committed, the run not finished (concepts being assigned)
  5. finished - the run marked finished

After every kill: every stored decree must be whole (its positions, fungsi
and rows as the reference has them for the same file) and every process of
the killed import gone within 15 s. A last run then goes to its end, and the
database must equal the reference: the same decrees, each whole, every
indicator's concept and every position's canonical jabatan the same, none
left waiting for assignment. Prints one markdown table (bench/RESULTS.md
holds the figures); exit status 1 if any check fails.
"""
from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import psutil  # noqa: E402
from sqlalchemy import Engine, create_engine, func, select, text  # noqa: E402

from bench.synthetic import write_text_corpus  # noqa: E402
from store.db import make_engine, open_store, upgrade  # noqa: E402
from store.models import Concept, Decree, ImportRun, IndicatorRow, Position, PositionFunction, SourceFile  # noqa: E402

PG_SERVER = "postgresql+psycopg://postgres@127.0.0.1:5432"
POLL = 0.02
EXIT_WAIT = 15.0


@dataclass(frozen=True)
class State:
    decrees: int
    finished: bool
    descendants: int


@dataclass(frozen=True)
class KillPoint:
    """A point of a run: `reached(state, decrees stored when the run began, files)`."""

    name: str
    reached: Callable[[State, int, int], bool]


POINTS = (
    KillPoint("workers", lambda s, start, files: s.descendants >= 4),  # resource tracker, fork server, 2 workers
    KillPoint("group", lambda s, start, files: s.decrees > start),
    KillPoint("half", lambda s, start, files: s.decrees >= start + max(1, (files - start) // 2)),
    KillPoint("stored", lambda s, start, files: s.decrees == files and not s.finished),
    KillPoint("finished", lambda s, start, files: s.finished),
)


@dataclass
class KillResult:
    point: str
    decrees: int
    whole: int
    processes: int
    left: int


def iki(*args: str) -> list[str]:
    return [sys.executable, "-m", "pipeline", *args]


def env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT), "COLUMNS": "200"}


def fresh(url: str) -> None:
    engine = make_engine(url)
    upgrade(engine)
    engine.dispose()


def import_args(corpus: Path, url: str, report: Path) -> list[str]:
    return iki("import", str(corpus), "--db", url, "--workers", "2", "--report", str(report))


def shape(url: str) -> dict[str, tuple[int, int, int]]:
    """sha256 -> (positions, fungsi, indicator rows) of every stored decree."""
    decrees = select(SourceFile.sha256, Decree.id).join(Decree, Decree.source_file_id == SourceFile.id).subquery()

    def per_decree(counted: Any, *joins: tuple[Any, Any]) -> dict[str, int]:
        query = select(decrees.c.sha256, func.count(counted)).select_from(decrees)
        for target, on in joins:
            query = query.join(target, on)
        return {sha: count for sha, count in session.execute(query.group_by(decrees.c.sha256))}

    factory = open_store(url)
    with factory() as session:
        stored = set(session.scalars(select(decrees.c.sha256)))
        positions = per_decree(Position.id, (Position, Position.decree_id == decrees.c.id))
        fungsi = per_decree(PositionFunction.id, (Position, Position.decree_id == decrees.c.id),
                            (PositionFunction, PositionFunction.position_id == Position.id))
        rows = per_decree(IndicatorRow.id, (IndicatorRow, IndicatorRow.decree_id == decrees.c.id))
    factory.kw["bind"].dispose()
    return {sha: (positions.get(sha, 0), fungsi.get(sha, 0), rows.get(sha, 0)) for sha in stored}


def assignments(url: str) -> tuple[set[tuple], set[tuple], int]:
    """(file, row key, concept code) of every row, (file, position key, canonical jabatan) of every position,
    and how many decrees still wait for assignment."""
    factory = open_store(url)
    with factory() as session:
        rows = set(map(tuple, session.execute(select(SourceFile.sha256, IndicatorRow.row_key, Concept.code)
                                   .join(Decree, Decree.source_file_id == SourceFile.id)
                                   .join(IndicatorRow, IndicatorRow.decree_id == Decree.id)
                                   .outerjoin(Concept, Concept.id == IndicatorRow.concept_id))))
        positions = set(map(tuple, session.execute(
            select(SourceFile.sha256, Position.position_key, Position.canonical_jabatan)
            .join(Decree, Decree.source_file_id == SourceFile.id).join(Position, Position.decree_id == Decree.id))))
        pending = session.scalar(select(func.count()).where(Decree.concepts_pending.is_(True))) or 0
    factory.kw["bind"].dispose()
    return rows, positions, pending


def watch(engine: Engine, runs_before: int, importer: psutil.Process, seen: dict[int, psutil.Process]) -> State:
    """What the running import has done so far; every descendant seen is remembered in `seen`."""
    try:
        children = importer.children(recursive=True)
    except psutil.NoSuchProcess:
        children = []
    for child in children:
        seen.setdefault(child.pid, child)
    with engine.connect() as connection:
        decrees = connection.scalar(select(func.count()).select_from(Decree)) or 0
        finished = connection.scalar(select(func.count()).select_from(ImportRun)
                                     .where(ImportRun.id > runs_before, ImportRun.finished_at.is_not(None)))
    return State(decrees, bool(finished), len(children))


def kill_at(point: KillPoint, corpus: Path, url: str, files: int, reference: dict, folder: Path) -> KillResult:
    """Start the import, kill it when `point` is reached, check what it left behind."""
    engine = make_engine(url)
    with engine.connect() as connection:
        start = connection.scalar(select(func.count()).select_from(Decree)) or 0
        runs_before = connection.scalar(select(func.max(ImportRun.id))) or 0
    process = subprocess.Popen(import_args(corpus, url, folder / f"{point.name}.json"), env=env(),
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    importer = psutil.Process(process.pid)
    seen: dict[int, psutil.Process] = {}
    while True:
        state = watch(engine, runs_before, importer, seen)
        if point.reached(state, start, files):
            break
        if process.poll() is not None:
            raise RuntimeError(f"the import ended before the {point.name!r} point (state {state})")
        time.sleep(POLL)
    process.send_signal(signal.SIGKILL)
    process.wait()
    engine.dispose()
    _, left = psutil.wait_procs(list(seen.values()), timeout=EXIT_WAIT)
    for process_left in left:
        process_left.kill()
    stored = shape(url)
    whole = sum(stored[sha] == reference[sha] for sha in stored)
    return KillResult(point.name, len(stored), whole, len(seen), len(left))


@contextmanager
def databases(pg: str | None, folder: Path) -> Iterator[list[tuple[str, str, str]]]:
    """(label, reference URL, faulted URL) per backend; PostgreSQL databases are created and dropped here."""
    found = [("SQLite", f"sqlite:///{folder / 'reference.db'}", f"sqlite:///{folder / 'faulted.db'}")]
    names: list[str] = []
    admin = None
    if pg:
        admin = create_engine(f"{pg}/postgres", isolation_level="AUTOCOMMIT")
        names = [f"iki_fault_{uuid.uuid4().hex[:8]}" for _ in range(2)]
        with admin.connect() as connection:
            for name in names:
                connection.execute(text(f'CREATE DATABASE "{name}"'))
        found.append(("PostgreSQL", f"{pg}/{names[0]}", f"{pg}/{names[1]}"))
    try:
        yield found
    finally:
        if admin is not None:
            with admin.connect() as connection:
                for name in names:
                    connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            admin.dispose()


def run_backend(label: str, reference_url: str, url: str, corpus: Path, files: int, folder: Path) -> bool:
    for target in (reference_url, url):
        fresh(target)
    started = time.monotonic()
    subprocess.run(import_args(corpus, reference_url, folder / "reference.json"), env=env(), check=True,
                   stdout=subprocess.DEVNULL)
    print(f"{label}: reference import of {files} files in {time.monotonic() - started:.1f} s", flush=True)
    reference = shape(reference_url)
    results = [kill_at(point, corpus, url, files, reference, folder) for point in POINTS]
    final = subprocess.run(import_args(corpus, url, folder / "final.json"), env=env(), stdout=subprocess.DEVNULL)
    stored = shape(url)
    rows, positions, pending = assignments(url)
    ref_rows, ref_positions, _ = assignments(reference_url)
    print(f"\n{label}, {files} files, `iki import --workers 2`\n")
    print("| kill -9 at | decrees stored | of them whole | processes of the import | left after 15 s |")
    print("| --- | --- | --- | --- | --- |")
    for r in results:
        print(f"| {r.point} | {r.decrees} | {r.whole} | {r.processes} | {r.left} |")
    concepts = sum(code is not None for _, _, code in rows)
    print(f"\nAfter the last run (exit {final.returncode}): {len(stored)} decrees, "
          f"{sum(stored[s] == reference[s] for s in stored if s in reference)} whole; "
          f"{concepts} of {len(rows)} rows with a concept (reference {sum(c is not None for *_, c in ref_rows)}); "
          f"concepts {'equal' if rows == ref_rows else 'DIFFERENT'} to the reference, canonical jabatan "
          f"{'equal' if positions == ref_positions else 'DIFFERENT'}; {pending} decrees waiting for assignment")
    ok = (final.returncode == 0 and stored == reference and rows == ref_rows and positions == ref_positions
          and pending == 0 and all(r.whole == r.decrees and r.left == 0 for r in results))
    print("OK" if ok else "FAILED", flush=True)
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=200)
    parser.add_argument("--pg", default=PG_SERVER, help="PostgreSQL server URL without database")
    parser.add_argument("--no-pg", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="iki-fault-") as tmp:
        folder = Path(tmp)
        corpus = folder / "corpus"
        corpus.mkdir()
        write_text_corpus(corpus, args.files)
        with databases(None if args.no_pg else args.pg, folder) as backends:
            ok = [run_backend(label, ref, url, corpus, args.files, folder) for label, ref, url in backends]
    return 0 if all(ok) else 1


if __name__ == "__main__":
    sys.exit(main())
