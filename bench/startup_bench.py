"""Start-up cost of `iki --help` and of `iki extract` of one text file, against Python importing Typer and Rich.

    .venv/bin/python bench/startup_bench.py [--repeat 9] [--top 8]

Every figure is a median over `--repeat` runs of a fresh process, the runs of
the three commands interleaved (baseline, --help, extract, baseline, ...) so
that a change in the machine's load hits them alike. The overhead of a
command is its median minus the median of the baseline `python -c "import
typer, rich"` measured in the same run, as wall time and as CPU time (user +
system of the process, which other programs on a shared machine do not
inflate). Then `python -X importtime` of each command lists the packages it
imports beyond the baseline's, by the time spent in their own modules (wall
time of one run, as Python reports it: only the ranking is worth reading on
a busy machine).
Bar: under 0.3 s of overhead for both commands.
"""
from __future__ import annotations

import argparse
import os
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.figures import Figures  # noqa: E402

SAMPLE = ROOT / "samples" / "text" / "ponggok-blitar-2022.txt"
BAR_SECONDS = 0.3
BASELINE = ["-c", "import typer, rich"]
Report = Callable[[str, str, str, str, str], None]


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT), "COLUMNS": "120"}


def commands(out: Path) -> dict[str, list[str]]:
    return {
        "baseline": BASELINE,
        "iki --help": ["-m", "pipeline", "--help"],
        "iki extract (one text file)": ["-m", "pipeline", "extract", str(SAMPLE), "--out", str(out)],
    }


def run_once(args: list[str]) -> tuple[float, float]:
    """Wall and CPU seconds of one fresh `python ARGS` process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run([sys.executable, *args], cwd=ROOT, env=_env(), check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def timings(repeat: int, out: Path) -> dict[str, tuple[list[float], list[float]]]:
    """Wall and CPU seconds of every command, `repeat` times each, interleaved."""
    found: dict[str, tuple[list[float], list[float]]] = {name: ([], []) for name in commands(out)}
    for _ in range(repeat):
        for name, args in commands(out).items():
            wall, cpu = run_once(args)
            found[name][0].append(wall)
            found[name][1].append(cpu)
    return found


_LINE = re.compile(r"import time:\s+(\d+) \|\s+(\d+) \|( *)(\S+)")


def import_times(args: list[str]) -> dict[str, tuple[int, int, int]]:
    """module -> (self µs, cumulative µs, depth) from `python -X importtime ARGS`."""
    done = subprocess.run([sys.executable, "-X", "importtime", *args], cwd=ROOT, env=_env(), check=True,
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    found = {}
    for line in done.stderr.splitlines():
        if match := _LINE.match(line):
            found[match.group(4)] = (int(match.group(1)), int(match.group(2)), len(match.group(3)) // 2)
    return found


def top_imports(args: list[str], baseline: dict[str, tuple[int, int, int]], top: int) -> list[tuple[str, int]]:
    """The packages a command imports beyond the baseline's, by the import time of their own modules (µs)."""
    by_package: dict[str, int] = {}
    for name, (own, _, _) in import_times(args).items():
        if name not in baseline:
            package = name.split(".")[0]
            by_package[package] = by_package.get(package, 0) + own
    return sorted(by_package.items(), key=lambda item: -item[1])[:top]


def _fmt(seconds: float) -> str:
    return f"{seconds:.3f} s"


def measure(report: Report, repeat: int = 9, top: int = 8) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        found = timings(repeat, out)
        base_wall, base_cpu = (statistics.median(found["baseline"][0]), statistics.median(found["baseline"][1]))
        load = os.getloadavg()[0]
        for name in commands(out):
            if name == "baseline":
                continue
            walls, cpus = found[name]
            wall_over = statistics.median(walls) - base_wall
            cpu_over = statistics.median(cpus) - base_cpu
            bar = (f"{'met' if cpu_over < BAR_SECONDS else 'MISSED'} CPU, "
                   f"{'met' if wall_over < BAR_SECONDS else 'MISSED'} wall (< {BAR_SECONDS} s)")
            report(f"{name}: overhead CPU (median of {repeat}; min {min(cpus) - base_cpu:.3f}, "
                   f"max {max(cpus) - base_cpu:.3f})", _fmt(cpu_over), f"{_fmt(base_cpu)} CPU (import typer, rich)",
                   f"{statistics.median(cpus) / base_cpu:.1f}x", bar)
            report(f"{name}: overhead wall (median of {repeat}; min {min(walls) - base_wall:.3f}, "
                   f"max {max(walls) - base_wall:.3f}; load {load:.1f})", _fmt(wall_over),
                   f"{_fmt(base_wall)} wall (import typer, rich)", f"{statistics.median(walls) / base_wall:.1f}x", "")
        baseline = import_times(BASELINE)
        for name, args in commands(out).items():
            if name == "baseline":
                continue
            largest = top_imports(args, baseline, top)
            report(f"{name}: imports beyond the baseline (-X importtime, ms per package)",
                   ", ".join(f"{module} {micro / 1000:.0f} ms" for module, micro in largest), "", "", "")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=9, help="runs of each command")
    parser.add_argument("--top", type=int, default=8, help="largest imports to list per command")
    args = parser.parse_args()
    figures = Figures()
    measure(figures.report, args.repeat, args.top)
    print("\n" + figures.table())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
