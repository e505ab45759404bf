"""Extraction scored over a layout family, per form: min / median / max cell F1 over the variants.

    .venv/bin/python bench/family_eval.py DIR [--out OUT] [--forms docx,scan] [--jobs 2] [--worst 3]
                                              [--json REPORT.json] [--referee PATH/score.py]

DIR is a family made by `python -m samples.render` (DIR/<form>/, DIR/gold/, DIR/gold-photo/).
For each form present, `iki extract` runs over its files in `--jobs` parallel processes into
OUT/<form>/; the records are scored against the variants' gold with the project's scorer
(pipeline.evaluate) and, when the referee scorer is beside the repository (../shared/eval/score.py),
with the referee too. A file that fails to extract (no record, or a record with no IKI content)
counts as an empty record and is listed; a form whose files all fail is reported as failed.
Prints one table row per form and the worst variants, and writes the whole report as JSON
(default OUT/family_eval.json).
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.evaluate import evaluate  # noqa: E402

REFEREE = ROOT.parent / "shared" / "eval" / "score.py"
GOLD_FOR = {"photo": "gold-photo"}
NO_CONTENT = "no_content"  # the record status of a file read without finding any IKI content
NOT_FORMS = {"gold", "gold-photo"}


@dataclass
class FormResult:
    form: str
    files: int
    seconds: float
    failed: dict[str, str] = field(default_factory=dict)
    own: dict[str, float] = field(default_factory=dict)
    referee: dict[str, float] = field(default_factory=dict)

    @property
    def status(self) -> str:
        return "failed" if self.files and len(self.failed) == self.files else "ok"


def extract_command() -> list[str]:
    iki = Path(sys.executable).parent / "iki"
    return [str(iki)] if iki.exists() else [sys.executable, "-m", "pipeline"]


def extract_form(files: list[Path], out: Path, jobs: int) -> tuple[float, dict[str, str]]:
    """`iki extract` over the files in `jobs` processes; returns wall seconds and the files that gave no record."""
    out.mkdir(parents=True, exist_ok=True)
    chunks = [files[i::jobs] for i in range(jobs) if files[i::jobs]]
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    start = time.perf_counter()
    procs = [subprocess.Popen([*extract_command(), "extract", *map(str, chunk), "--out", str(out)], env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for chunk in chunks]
    logs = [proc.communicate()[1] for proc in procs]
    seconds = time.perf_counter() - start
    errors = [line for log in logs for line in log.splitlines() if "error" in line.lower()]
    failed = {}
    for path in files:
        record = out / f"{path.stem}.json"
        if not record.exists():
            failed[path.stem] = next((e.strip() for e in errors if path.name in e), "no record written")
            continue
        data = json.loads(record.read_text(encoding="utf-8"))
        if data.get("status") == NO_CONTENT:
            failed[path.stem] = "; ".join(data.get("warnings") or [NO_CONTENT])
    return seconds, failed


def gold_subset(gold_dir: Path, stems: list[str], folder: Path) -> Path:
    """The gold files of just these variants, so a form made for a few samples is not scored on the others."""
    folder.mkdir(parents=True, exist_ok=True)
    for stem in stems:
        shutil.copy(gold_dir / f"{stem}.gold.json", folder / f"{stem}.gold.json")
    return folder


def referee_scores(gold: Path, pred: Path, referee: Path) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "report.json"
        subprocess.run([sys.executable, str(referee), "--gold", str(gold), "--pred", str(pred), "--json",
                        str(report)], check=True, capture_output=True)
        data = json.loads(report.read_text(encoding="utf-8"))
    return {stem: doc["cells"]["f1"] for stem, doc in data["documents"].items()}


def spread(scores: dict[str, float]) -> dict[str, float]:
    values = list(scores.values())
    if not values:
        return {}
    return {"min": min(values), "median": statistics.median(values), "max": max(values)}


def evaluate_form(family: Path, form: str, out: Path, jobs: int, referee: Path | None) -> FormResult:
    files = sorted(p for p in (family / form).iterdir() if p.is_file())
    seconds, failed = extract_form(files, out / form, jobs)
    stems = [p.stem for p in files]
    gold = gold_subset(family / GOLD_FOR.get(form, "gold"), stems, out / f"gold-{form}")
    report = evaluate(gold, pred_dir=out / form)
    result = FormResult(form, len(files), round(seconds, 1), failed,
                        own={stem: doc.cells.f1 for stem, doc in report.documents.items()})
    if referee is not None:
        result.referee = referee_scores(gold, out / form, referee)
    return result


def _triple(s: dict[str, float]) -> str:
    return f"{s['min']:.3f}/{s['median']:.3f}/{s['max']:.3f}" if s else "-"


def print_table(results: list[FormResult], worst: int) -> None:
    print(f"{'form':14} {'files':>5} {'failed':>6} {'s':>6}  {'own min/med/max':>20}  {'referee min/med/max':>20}")
    for r in results:
        own, ref = _triple(spread(r.own)), _triple(spread(r.referee))
        print(f"{r.form:14} {r.files:5} {len(r.failed):6} {r.seconds:6.1f}  {own:>20}  {ref:>20}"
              f"{'  FAILED' if r.status == 'failed' else ''}")
    for r in results:
        scores = r.referee or r.own
        low = sorted(scores.items(), key=lambda kv: kv[1])[:worst]
        print(f"worst {r.form}: " + ", ".join(f"{stem} {f1:.3f}" for stem, f1 in low))
        for stem, error in list(r.failed.items())[:worst]:
            print(f"  failed {stem}: {error[:160]}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("family", type=Path)
    parser.add_argument("--out", type=Path, default=None, help="folder for records (default: a temporary one)")
    parser.add_argument("--forms", default="", help="comma-separated forms (default: every form present)")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--worst", type=int, default=3)
    parser.add_argument("--json", type=Path, default=None)
    parser.add_argument("--referee", type=Path, default=REFEREE)
    args = parser.parse_args(argv)
    present = sorted(p.name for p in args.family.iterdir() if p.is_dir() and p.name not in NOT_FORMS)
    forms = [f for f in args.forms.split(",") if f] or present
    unknown = [f for f in forms if f not in present]
    if unknown:
        print(f"error {args.family}: no form folder {', '.join(unknown)} (present: {', '.join(present)})",
              file=sys.stderr)
        return 2
    referee = args.referee if args.referee.exists() else None
    with tempfile.TemporaryDirectory(prefix="iki-family-eval-") as tmp:
        out = args.out or Path(tmp)
        results = [evaluate_form(args.family, form, out, args.jobs, referee) for form in forms]
        print_table(results, args.worst)
        report = {r.form: {"files": r.files, "seconds": r.seconds, "status": r.status, "failed": r.failed,
                           "own": {**spread(r.own), "variants": r.own},
                           "referee": {**spread(r.referee), "variants": r.referee} if referee else None}
                  for r in results}
        target = args.json or out / "family_eval.json"
        target.write_text(json.dumps(report, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"report: {target}" + ("" if referee else "  (referee scorer not found; own scorer only)"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
