"""Parallel speed-up of `iki import`: `--workers 2` against `--workers 1` on the same files, in the same run.

    .venv/bin/python bench/parallel_bench.py [--text 200] [--repeat 3] [--mixed-text 40] [--scans 2]

Two batches: `--text` synthetic text decrees (bench/synthetic.py), and a
mixed batch of `--mixed-text` of them with the committed samples/family PDFs
(docx-pdf, html-pdf, reportlab-pdf) and `--scans` of its scanned PDFs. Each
import is the real command in a fresh process on a fresh SQLite database,
`--workers 1` and `--workers 2` alternating first across `--repeat` rounds
(1,2 then 2,1 ...), so that a change of the machine's load hits both alike.
Reported per batch: median wall seconds of each and their ratio (the bar:
at least 1.7x), the 1-minute load average during the runs (the machine is
shared: on a machine busier than its cores, wall ratios say little), and the
CPU seconds per decree of the importer process and of its child processes
(fork server, workers, tesseract), sampled every POLL seconds with psutil.

Then, in this process, where one text import spends its time (the steps of
`iki import`: planning, extraction with loading, concept assignment at the
end, the summary table), for 1 and 2 workers: the steps outside the
extraction do not get faster with more workers and bound the speed-up.
"""
from __future__ import annotations

import argparse
import io
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import psutil  # noqa: E402

from bench.figures import Figures  # noqa: E402
from bench.synthetic import write_text_corpus  # noqa: E402

FAMILY = ROOT / "samples" / "family"
PDF_FORMS = ("docx-pdf", "html-pdf", "reportlab-pdf")
POLL = 0.1
BAR = 1.7
Report = Callable[[str, str, str, str, str], None]


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT), "COLUMNS": "200"}


def mixed_batch(folder: Path, text: list[Path], scans: int) -> Path:
    """Text decrees, every family PDF and `scans` family scans in one folder (names made unique by their form)."""
    folder.mkdir(parents=True)
    for path in text:
        shutil.copy(path, folder / path.name)
    for form in PDF_FORMS:
        for pdf in sorted((FAMILY / form).glob("*.pdf")):
            shutil.copy(pdf, folder / f"{form}-{pdf.name}")
    for scan in sorted((FAMILY / "scan").glob("*.pdf"))[:scans]:
        shutil.copy(scan, folder / f"scan-{scan.name}")
    return folder


@dataclass
class Run:
    """One `iki import`: wall seconds, CPU seconds of the importer and of its child processes, load meanwhile."""

    workers: int
    wall: float
    parent_cpu: float
    children_cpu: float
    loads: list[float] = field(default_factory=list)


class TreeSampler:
    """Samples the CPU time of a process and of every descendant until it ends; keeps each one's latest value."""

    def __init__(self, pid: int) -> None:
        self.root = psutil.Process(pid)
        self.cpu: dict[int, float] = {}
        self.loads: list[float] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True)
        self._thread.start()

    def _loop(self) -> None:
        while not self._stop.is_set():
            try:
                processes = [self.root, *self.root.children(recursive=True)]
            except psutil.NoSuchProcess:
                processes = []
            for process in processes:
                try:
                    times = process.cpu_times()
                except psutil.NoSuchProcess:
                    continue
                self.cpu[process.pid] = times.user + times.system
            self.loads.append(os.getloadavg()[0])
            self._stop.wait(POLL)

    def stop(self) -> tuple[float, float]:
        """(importer CPU, sum of the descendants' CPU) as last seen."""
        self._stop.set()
        self._thread.join()
        parent = self.cpu.get(self.root.pid, 0.0)
        return parent, sum(cpu for pid, cpu in self.cpu.items() if pid != self.root.pid)


def _iki(*args: str, cwd: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, "-m", "pipeline", *args], cwd=cwd, env=_env(),
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def import_once(batch: Path, workers: int, work: Path) -> Run:
    """`iki import BATCH --workers N` into a fresh SQLite database (its creation not timed)."""
    db = work / f"w{workers}-{time.monotonic_ns()}.db"
    url = f"sqlite:///{db}"
    created = _iki("db", "upgrade", "--db", url, cwd=work)
    if created.wait() != 0:
        raise RuntimeError(f"iki db upgrade failed: {created.stderr.read().decode() if created.stderr else ''}")
    start = time.perf_counter()
    importer = _iki("import", str(batch), "--db", url, "--workers", str(workers),
                    "--report", str(db.with_suffix(".json")), cwd=work)
    sampler = TreeSampler(importer.pid)
    _, stderr = importer.communicate()
    wall = time.perf_counter() - start
    parent, children = sampler.stop()
    if importer.returncode != 0:
        raise RuntimeError(f"iki import --workers {workers} failed ({importer.returncode}): {stderr.decode()[-2000:]}")
    for leftover in (db, db.with_suffix(".db-wal"), db.with_suffix(".db-shm")):
        leftover.unlink(missing_ok=True)
    return Run(workers, wall, parent, children, sampler.loads)


def compare(batch: Path, repeat: int, work: Path) -> dict[int, list[Run]]:
    """`repeat` rounds of both worker counts, the first of each round alternating."""
    runs: dict[int, list[Run]] = {1: [], 2: []}
    for round_ in range(repeat):
        for workers in ((1, 2) if round_ % 2 == 0 else (2, 1)):
            run = import_once(batch, workers, work)
            runs[workers].append(run)
            print(f"    {batch.name}, {workers} worker(s): {run.wall:.2f} s wall, importer {run.parent_cpu:.2f} s "
                  f"CPU, children {run.children_cpu:.2f} s CPU, load {statistics.mean(run.loads):.1f}", flush=True)
    return runs


def report_batch(report: Report, label: str, files: int, runs: dict[int, list[Run]]) -> None:
    one, two = (statistics.median(r.wall for r in runs[w]) for w in (1, 2))
    walls = {w: ", ".join(f"{r.wall:.1f}" for r in runs[w]) for w in (1, 2)}
    load = statistics.mean(load for w in (1, 2) for r in runs[w] for load in r.loads)
    ratio = one / two
    report(f"{label}: iki import --workers 2, wall (median of {len(runs[2])}: {walls[2]} s; mean load {load:.1f} "
           f"on {os.cpu_count()} cores)", f"{two:.2f} s", f"{one:.2f} s with --workers 1 ({walls[1]} s)",
           f"{ratio:.2f}x faster", f"{'met' if ratio >= BAR else 'MISSED'} (>= {BAR}x)")
    for workers in (1, 2):
        parent = statistics.median(r.parent_cpu for r in runs[workers]) / files
        children = statistics.median(r.children_cpu for r in runs[workers]) / files
        report(f"{label}: CPU per decree, --workers {workers} (importer | child processes)",
               f"{parent * 1000:.0f} ms | {children * 1000:.0f} ms", "", "", "")


def _clock() -> tuple[float, float]:
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.perf_counter(), own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def phases(batch: Path, workers: int, work: Path) -> dict[str, tuple[float, float]]:
    """Wall and CPU seconds (this process; with workers, their CPU is not in it) of each step of `iki import`."""
    from rich.console import Console

    from pipeline.batch import run_local
    from pipeline.batch_report import summary_table
    from pipeline.run import expand_inputs
    from pipeline.service import ImportService
    from store.db import make_engine, open_store, upgrade
    from store.importer import start_run

    url = f"sqlite:///{work / f'phases-{workers}-{time.monotonic_ns()}.db'}"
    upgrade(make_engine(url))
    service = ImportService(open_store(url))
    files = expand_inputs([batch])
    marks = [_clock()]
    run_id = start_run(service.factory, len(files))
    todo, settled = service.plan(files)
    marks.append(_clock())
    fresh = run_local(service, todo, workers, lambda _report: None)
    marks.append(_clock())
    service.finish(run_id, settled + fresh)
    marks.append(_clock())
    Console(file=io.StringIO(), width=200).print(summary_table(settled + fresh))
    marks.append(_clock())
    service.factory.kw["bind"].dispose()
    steps = ("planning", "extraction and loading", "concept assignment", "summary table")
    return {step: (marks[i + 1][0] - marks[i][0], marks[i + 1][1] - marks[i][1]) for i, step in enumerate(steps)}


def report_phases(report: Report, label: str, batch: Path, work: Path) -> None:
    found = {workers: phases(batch, workers, work) for workers in (1, 2)}
    for workers, steps in found.items():
        total = sum(wall for wall, _ in steps.values())
        report(f"{label}: steps of one import in process, --workers {workers} (wall s / this process's CPU s)",
               "; ".join(f"{step} {wall:.2f}/{cpu:.2f}" for step, (wall, cpu) in steps.items()), f"{total:.2f} s",
               "", "")
    one = found[1]
    total = sum(wall for wall, _ in one.values())
    serial = total - one["extraction and loading"][0]
    bound = total / (serial + one["extraction and loading"][0] / 2)
    concepts = one["concept assignment"][0]
    report(f"{label}: share of a --workers 1 import outside extraction (concept assignment alone)",
           f"{serial / total:.0%} ({concepts / total:.0%})", "", f"{bound:.2f}x at most with 2 workers",
           f"concept assignment {'dominates' if concepts >= serial / 2 else 'does not dominate'} the serial part")


def measure(report: Report, text: int = 200, repeat: int = 3, mixed_text: int = 40, scans: int = 2) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        corpus = work / "text"
        corpus.mkdir()
        paths = write_text_corpus(corpus, text)
        mixed = mixed_batch(work / "mixed", paths[:mixed_text], scans)
        mixed_files = sum(1 for _ in mixed.iterdir())
        report_batch(report, f"{text} text decrees", text, compare(corpus, repeat, work))
        report_batch(report, f"mixed batch ({mixed_text} text, {len(PDF_FORMS) * 5} PDFs, {scans} scans)",
                     mixed_files, compare(mixed, repeat, work))
        report_phases(report, f"{text} text decrees", corpus, work)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--text", type=int, default=200, help="synthetic text decrees")
    parser.add_argument("--repeat", type=int, default=3, help="rounds of --workers 1 and 2")
    parser.add_argument("--mixed-text", type=int, default=40, help="text decrees in the mixed batch")
    parser.add_argument("--scans", type=int, default=2, help="scanned family PDFs in the mixed batch (0 to 5)")
    args = parser.parse_args()
    figures = Figures()
    measure(figures.report, args.text, args.repeat, args.mixed_text, args.scans)
    print("\n" + figures.table())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
