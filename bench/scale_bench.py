"""Import at scale as `iki import` does it, on the realistic synthetic corpus; used by pipeline_bench.py.

  * the whole `iki import --workers 2` (extraction, storing, concept assignment) of 700 and of 7,000 text
    decrees, run as a command of its own: CPU seconds of every process of it (the importer, the fork server,
    the extraction workers), the part of the importer's CPU spent after the pool ended (concept assignment and
    closing the run), wall time, and the peak resident memory of each process, sampled with psutil;
  * one more decree into the 7,000-decree database, through the command (process start included) and through
    the import service in a process already running;
  * the compare query against the raw SQL fetch of the same rows (the same columns of v_indicators, same filter,
    fetched through the driver's cursor without ordering), on the same database.
Baselines: extracting the same decrees alone on one core (CPU), the 700-decree import times 10 (linear growth),
the interpreter starting the `iki` command (`iki --version`), extracting the one file alone.
"""
from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import psutil
from sqlalchemy import select

from bench.synthetic import decree_text, decrees, write_text_corpus
from pipeline.run import extract_file
from pipeline.service import ImportService
from store.db import make_engine, open_store, upgrade
from store.importer import start_run
from store.queries import COMPARE_COLUMNS, V_INDICATORS, Filters, compare_rows, driver_rows

ROOT = Path(__file__).resolve().parent.parent
Report = Callable[[str, str, str, str, str], None]
MiB = 1 << 20
_SAMPLE_SECONDS = 0.1
IMPORT_MINUTES_BAR = 10
GROWTH_BAR = 1.3
ONE_MORE_BAR = 2.0
MEMORY_BAR = 1 << 30
QUERY_RATIO_BAR = 1.5
QUERIES = ((Filters(level="camat"), "level camat"), (Filters(level="sekretaris"), "level sekretaris"),
           (Filters(level="camat", kind="persentase"), "level camat, kind persentase"),
           (Filters(kabupaten="Blitar", level="kasi"), "kabupaten Blitar, level kasi"))


@dataclass
class Tree:
    """What the sampler saw of a command's processes: peak RSS and last CPU seconds per process, by role."""

    peak: dict[str, int] = field(default_factory=dict)
    anonymous: dict[str, int] = field(default_factory=dict)  # resident less file-backed and shared pages
    cpu: dict[int, tuple[str, float]] = field(default_factory=dict)
    importer_cpu_at_pool_end: float | None = None
    pool_end: float | None = None


def _role(process: psutil.Process, top: int, servers: set[int]) -> str:
    """The importer, its fork server, the workers forked from that server (same command line), or another."""
    if process.pid == top:
        return "importer"
    if process.ppid() in servers:
        return "worker"
    line = " ".join(process.cmdline())
    if "forkserver" in line:
        servers.add(process.pid)
        return "fork server"
    if "resource_tracker" in line:
        return "resource tracker"
    return "other"


def _sample(top: psutil.Process, tree: Tree, done: threading.Event) -> None:
    saw_workers = False
    servers: set[int] = set()
    while not done.is_set():
        try:
            processes = [top, *top.children(recursive=True)]
        except psutil.NoSuchProcess:
            return
        processes.sort(key=lambda process: process.pid not in servers)  # servers known first, then the rest
        workers = 0
        for process in processes:
            try:
                with process.oneshot():
                    role = _role(process, top.pid, servers)
                    memory = process.memory_info()
                    times = process.cpu_times()
            except (psutil.NoSuchProcess, psutil.AccessDenied, psutil.ZombieProcess):
                continue
            workers += role == "worker"
            tree.peak[role] = max(tree.peak.get(role, 0), memory.rss)
            tree.anonymous[role] = max(tree.anonymous.get(role, 0), memory.rss - memory.shared)
            reaped = times.children_user + times.children_system if role == "worker" else 0.0  # tesseract
            tree.cpu[process.pid] = (role, times.user + times.system + reaped)
        if workers:
            saw_workers = True
        elif saw_workers and tree.importer_cpu_at_pool_end is None:
            tree.importer_cpu_at_pool_end = tree.cpu.get(top.pid, ("", 0.0))[1]
            tree.pool_end = time.perf_counter()
        done.wait(_SAMPLE_SECONDS)


@dataclass(frozen=True)
class Command:
    wall: float
    cpu: float  # every process of the command
    tree: Tree
    after_pool_wall: float | None  # importer's time after the extraction pool ended
    after_pool_cpu: float | None

    def role_cpu(self, role: str) -> float:
        return sum(cpu for r, cpu in self.tree.cpu.values() if r == role)


def run_command(args: list[str]) -> Command:
    """Run `python -m pipeline ARGS` from this tree, sampling its processes; fails loudly on a non-zero exit."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    start = time.perf_counter()
    child = subprocess.Popen([sys.executable, "-m", "pipeline", *args], env=env, stdout=subprocess.DEVNULL,
                             stderr=subprocess.PIPE)
    tree, done = Tree(), threading.Event()
    sampler = threading.Thread(target=_sample, args=(psutil.Process(child.pid), tree, done), daemon=True)
    sampler.start()
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - start
    done.set()
    sampler.join()
    child.returncode = os.waitstatus_to_exitcode(status)
    errors = child.stderr.read().decode() if child.stderr else ""
    if child.returncode != 0:
        raise RuntimeError(f"iki {' '.join(args[:2])} exited {child.returncode}: {errors[-2000:]}")
    # the importer and what it waited for, exactly; its fork server and workers (not waited for by the
    # importer: they leave with it) as last sampled
    importer = usage.ru_utime + usage.ru_stime
    tree.cpu[child.pid] = ("importer", importer)
    cpu = sum(seconds for pid, (_, seconds) in tree.cpu.items())
    after_cpu = None if tree.importer_cpu_at_pool_end is None else importer - tree.importer_cpu_at_pool_end
    after_wall = None if tree.pool_end is None else start + wall - tree.pool_end
    return Command(wall, cpu, tree, after_wall, after_cpu)


def cpu_seconds(work: Callable[[], object]) -> float:
    before = resource.getrusage(resource.RUSAGE_SELF)
    work()
    after = resource.getrusage(resource.RUSAGE_SELF)
    return after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime


def load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"load {one:.1f}/{five:.1f}/{fifteen:.1f}"


@dataclass
class ScaleCorpus:
    small: Path
    large: Path
    sizes: tuple[int, int]
    extraction_per_decree: float  # CPU seconds, one core, steady state


def write_corpus(folder: Path, small: int, large: int, probe: int = 150) -> ScaleCorpus:
    """The realistic corpus written twice: the first `small` decrees, and all `large` (the same first decrees)."""
    (folder / "small").mkdir(parents=True)
    (folder / "large").mkdir()
    paths = write_text_corpus(folder / "large", large)
    for path in paths[:small]:
        (folder / "small" / path.name).write_bytes(path.read_bytes())
    extract_file(paths[0])
    probe_paths = paths[1:probe + 1]
    seconds = cpu_seconds(lambda: [extract_file(p) for p in probe_paths])
    return ScaleCorpus(folder / "small", folder / "large", (small, large), seconds / len(probe_paths))


def _mib(value: float) -> str:
    return f"{value / MiB:.0f} MiB"


def import_corpus(label: str, url: str, folder: Path, count: int, corpus: ScaleCorpus, report: Report,
                  linear: Command | None, linear_count: int) -> Command:
    """`iki import --workers 2` of the folder into a fresh database, with its figures."""
    upgrade(make_engine(url))
    before = load()
    done = run_command(["import", str(folder), "--db", url, "--workers", "2", "--report",
                        str(folder.parent / f"{label}-{count}.json")])
    extraction = corpus.extraction_per_decree * count
    after = done.after_pool_cpu or 0.0
    two_cores = (done.cpu - after) / 2 + after
    importer, workers = done.role_cpu("importer"), done.role_cpu("worker")
    report(f"`iki import --workers 2`, {label}, {count} decrees: CPU of all its processes (importer {importer:.0f} s, "
           f"workers {workers:.0f} s; after the pool: {after:.0f} s CPU, {done.after_pool_wall or 0:.0f} s wall); "
           f"wall {done.wall:.0f} s ({before} before, {load()} after)",
           f"{done.cpu:.0f} s CPU", f"{extraction:.0f} s CPU (extracting them alone, one core)",
           f"{done.cpu / extraction:.2f}x", "")
    minutes = two_cores / 60
    report(f"the same on 2 free cores (pool part of the CPU / 2 + the importer's CPU after the pool), {label}, "
           f"{count} decrees", f"{minutes:.1f} min", f"{extraction / 2 / 60:.1f} min (extraction alone / 2)",
           f"{two_cores / (extraction / 2):.2f}x",
           f"{'met' if minutes < IMPORT_MINUTES_BAR else 'MISSED'} (< {IMPORT_MINUTES_BAR} min)" if count >= 7000
           else "")
    peak = max(done.tree.peak.values())
    roles = ", ".join(f"{role} {_mib(rss)} ({_mib(done.tree.anonymous[role])} anonymous)"
                      for role, rss in sorted(done.tree.peak.items()))
    report(f"peak resident memory per process, `iki import --workers 2`, {label}, {count} decrees ({roles})",
           _mib(peak), "", "", f"{'met' if peak < MEMORY_BAR else 'MISSED'} (< 1 GiB)")
    if linear is not None:
        growth = done.cpu / linear.cpu
        factor = count / linear_count
        report(f"growth of the import's CPU, {label}, {linear_count} -> {count} decrees", f"{growth:.1f}x",
               f"{factor:.0f}x (linear)", f"{growth / factor:.2f}x",
               f"{'met' if growth / factor <= GROWTH_BAR else 'MISSED'} (<= {GROWTH_BAR}x linear)")
    return done


def one_more(label: str, url: str, folder: Path, count: int, report: Report) -> None:
    """One new decree into the full database: through `iki import`, then through the service in this process."""
    fresh = decrees(2, seed=4242)
    paths = []
    for n, decree in enumerate(fresh):
        path = folder / f"one-more-{label}-{n}.txt"
        path.write_text(decree_text(decree), encoding="utf-8")
        paths.append(path)
    start_up = run_command(["--version"])
    command = run_command(["import", str(paths[0]), "--db", url, "--report", str(folder / f"one-{label}.json")])
    report(f"one more decree into {count}, {label}: `iki import FILE` end to end, process start included "
           f"(CPU {command.cpu:.2f} s; {load()})", f"{command.wall:.2f} s",
           f"{start_up.wall:.2f} s (`iki --version`: starting the command; CPU {start_up.cpu:.2f} s)",
           f"{command.wall / start_up.wall:.1f}x",
           f"{'met' if command.wall < ONE_MORE_BAR else 'MISSED'} (< {ONE_MORE_BAR:.0f} s)")
    service = ImportService(open_store(url))
    extract_file(paths[1])  # vocabularies loaded once per process, as in a running web server
    alone = time.perf_counter()
    extract_file(paths[1])
    alone = time.perf_counter() - alone
    start = time.perf_counter()
    cpu = cpu_seconds(lambda: _import_in_process(service, paths[1]))
    whole = time.perf_counter() - start
    report(f"one more decree into {count}, {label}: the import service in a running process (hash, extract, store, "
           f"concepts, close the run; CPU {cpu:.2f} s)", f"{whole:.2f} s", f"{alone:.2f} s (extracting it alone)",
           f"{whole / alone:.1f}x", f"{'met' if whole < ONE_MORE_BAR else 'MISSED'} (< {ONE_MORE_BAR:.0f} s)")
    service.factory.kw["bind"].dispose()


def _import_in_process(service: ImportService, path: Path) -> None:
    """What `iki import` does for one file, without the command: run, plan, extract, store, finish."""
    run = start_run(service.factory, 1)
    todo, settled = service.plan([path])
    reports = settled + [service.store(p, service.extract(p)) for p in todo]
    service.finish(run, reports)


def _raw_fetch(session, filters: Filters) -> int:
    """The same rows as compare_rows, as one SELECT of the view's columns through the driver's cursor."""
    query = select(*(V_INDICATORS.c[name] for name in COMPARE_COLUMNS)).where(*filters.conditions(V_INDICATORS))
    return sum(len(batch) for batch in driver_rows(session, query))


def compare_queries(label: str, url: str, count: int, report: Report, bar_ms: float | None,
                    repeat: int = 7) -> None:
    """compare_rows against the raw fetch of the same rows, alternating, medians of `repeat`."""
    factory = open_store(url)
    for filters, what in QUERIES:
        ours, raw = [], []
        found = fetched = 0
        for _ in range(repeat):
            with factory() as session:
                start = time.perf_counter()
                found = len(compare_rows(session, filters))
                ours.append(time.perf_counter() - start)
            with factory() as session:
                start = time.perf_counter()
                fetched = _raw_fetch(session, filters)
                raw.append(time.perf_counter() - start)
        ms, base = statistics.median(ours) * 1000, statistics.median(raw) * 1000
        ratio = ms / base
        bars = [f"{'met' if ratio <= QUERY_RATIO_BAR else 'MISSED'} (<= {QUERY_RATIO_BAR}x)"]
        if bar_ms is not None:
            bars.append(f"{'met' if ms < bar_ms else 'MISSED'} (< {bar_ms:.0f} ms)")
        same = "" if found == fetched else f"; the raw fetch gave {fetched} rows"
        report(f"compare query, {label}, {count} decrees: {what} ({found} rows{same})", f"{ms:.0f} ms",
               f"{base:.0f} ms (raw SQL fetch of the same rows)", f"{ratio:.2f}x", "; ".join(bars))
    factory.kw["bind"].dispose()
