"""Does row confidence rank the wrong rows first? Per form of a layout family, against the variants' gold.

    .venv/bin/python bench/confidence_eval.py NAME=DIR [NAME=DIR ...] [--forms docx,scan] [--out OUT]
        [--text SEEDS_DIR:GOLD_DIR] [--png DIAGRAM.png] [--json REPORT.json] [--jobs 2] [--reuse]

Each DIR is a family made by `python -m samples.render` (DIR/<form>/, DIR/gold/); `--text` adds plain-text
decrees with their gold as the form "text". Files are extracted with `iki extract` into OUT/<NAME>/<form>/
(kept; `--reuse` reads records already there, `--rescore` gives their rows the confidence the current
model gives their kept signals). A row is wrong when no gold row pairs with it or a scored
field disagrees (pipeline.ranking). Per set and form the table gives the ROC AUC of (1 - confidence) for
wrong rows, the share of the wrong rows in the lowest-confidence 20 % of rows, wrong rows and rows, and the
decrees with more than a quarter of their rows wrong that are not marked "needs review". The PNG is a
reliability diagram: mean confidence per bin against the share of its rows that are right, per form.
"""
from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from family_eval import GOLD_FOR, NOT_FORMS, extract_form  # noqa: E402

from normalize.confidence import score  # noqa: E402
from normalize.doubt import DoubtReason, row_doubts  # noqa: E402
from normalize.records import record_from_dict  # noqa: E402
from pipeline.ranking import RowVerdict, auc, reliability, row_verdicts, share_in_lowest  # noqa: E402
from store.enums import SourceStatus  # noqa: E402
from store.importer import file_status  # noqa: E402

WRONG_DECREE = 0.25  # a decree with more than this share of its rows wrong must be marked "needs review"


@dataclass
class FormRows:
    """Every judged row of one form of one set, and per decree its wrong share and whether it asks for review."""

    name: str
    form: str
    rows: list[RowVerdict] = field(default_factory=list)
    decrees: dict[str, tuple[float, bool, list[str]]] = field(default_factory=dict)

    @property
    def missed(self) -> list[str]:
        """Decrees with more than a quarter of their rows wrong that would be stored as plainly imported."""
        return [stem for stem, (share, review, _) in self.decrees.items() if share > WRONG_DECREE and not review]

    def summary(self) -> dict:
        found, share = auc(self.rows), share_in_lowest(self.rows)
        return {"set": self.name, "form": self.form, "auc": found, "lowest20": share,
                "wrong": sum(v.wrong for v in self.rows), "rows": len(self.rows), "decrees": len(self.decrees),
                "wrong_decrees": sum(s > WRONG_DECREE for s, _, _ in self.decrees.values()),
                "review": sum(r for _, r, _ in self.decrees.values()), "missed": self.missed,
                "reliability": reliability(self.rows)}


def rescored(pred: dict) -> dict:
    """The record with confidence and the doubt it raises made again by the current model from the signals the
    record keeps (what extraction would give now, since confidence changes no value)."""
    record = record_from_dict(pred)
    score(record)
    record.doubts = [d for d in record.doubts if d.reason != DoubtReason.DOUBTFUL_ROWS] + row_doubts(record)
    return record.to_dict()


def judge(name: str, form: str, gold_dir: Path, pred_dir: Path, stems: list[str], rescore: bool = False) -> FormRows:
    result = FormRows(name, form)
    for stem in stems:
        gold = json.loads((gold_dir / f"{stem}.gold.json").read_text(encoding="utf-8"))
        path = pred_dir / f"{stem}.json"
        pred = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
        if pred and rescore:
            pred = rescored(pred)
        verdicts = row_verdicts(gold, pred)
        result.rows.extend(verdicts)
        share = sum(v.wrong for v in verdicts) / len(verdicts) if verdicts else 1.0
        review = bool(pred) and file_status(record_from_dict(pred)) is not SourceStatus.IMPORTED
        result.decrees[stem] = (share, review, [d.get("reason", "") for d in pred.get("doubts", [])])
    return result


def run_set(name: str, family: Path, forms: list[str], out: Path, jobs: int, reuse: bool,
            rescore: bool = False) -> list[FormRows]:
    present = sorted(p.name for p in family.iterdir() if p.is_dir() and p.name not in NOT_FORMS)
    results = []
    for form in [f for f in forms if f in present] if forms else present:
        files = sorted(p for p in (family / form).iterdir() if p.is_file())
        target = out / name / form
        if not (reuse and target.exists()):
            extract_form(files, target, jobs)
        results.append(judge(name, form, family / GOLD_FOR.get(form, "gold"), target, [p.stem for p in files],
                             rescore))
    return results


def run_text(spec: str, out: Path, jobs: int, reuse: bool, rescore: bool = False) -> FormRows:
    seeds, gold = (Path(p) for p in spec.split(":", 1))
    files = sorted(seeds.glob("*.txt"))
    target = out / "text" / "text"
    if not (reuse and target.exists()):
        extract_form(files, target, jobs)
    return judge("text", "text", gold, target, [p.stem for p in files], rescore)


def _fmt(value: float | None) -> str:
    return "   -" if value is None else f"{value:.2f}"


def print_table(results: list[FormRows]) -> None:
    print(f"{'set':10} {'form':14} {'AUC':>5} {'low20':>6} {'wrong':>6} {'rows':>5}  {'bad decrees':>11} {'missed':>6}")
    for r in results:
        s = r.summary()
        print(f"{r.name:10} {r.form:14} {_fmt(s['auc']):>5} {_fmt(s['lowest20']):>6} {s['wrong']:6} {s['rows']:5}  "
              f"{s['wrong_decrees']:11} {len(s['missed']):6}")


def draw(results: list[FormRows], target: Path) -> None:
    """A reliability diagram per form (all sets pooled): observed share right against mean confidence."""
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    forms = sorted({r.form for r in results})
    columns = 4
    lines = (len(forms) + 1 + columns - 1) // columns
    fig, axes = plt.subplots(lines, columns, figsize=(4 * columns, 3.6 * lines), squeeze=False)
    pooled = [("all forms", [v for r in results for v in r.rows])] + [
        (form, [v for r in results if r.form == form for v in r.rows]) for form in forms]
    for ax, (title, rows) in zip(axes.flat, pooled, strict=False):
        bins = reliability(rows)
        ax.plot([0, 1], [0, 1], color="grey", linestyle="--", linewidth=1)
        ax.plot([b[0] for b in bins], [b[1] for b in bins], marker="o", color="tab:blue")
        for mean, right, count in bins:
            ax.annotate(str(count), (mean, right), textcoords="offset points", xytext=(3, -10), fontsize=7)
        found = auc(rows)
        ax.set_title(f"{title}  (AUC {_fmt(found)}, {len(rows)} rows)", fontsize=9)
        ax.set_xlim(0, 1)
        ax.set_ylim(0, 1.05)
        ax.set_xlabel("confidence (bin mean)", fontsize=8)
        ax.set_ylabel("share of rows right", fontsize=8)
    for ax in list(axes.flat)[len(pooled):]:
        ax.axis("off")
    fig.tight_layout()
    target.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(target, dpi=90)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("sets", nargs="*", help="NAME=DIR of a rendered family")
    parser.add_argument("--forms", default="")
    parser.add_argument("--text", default="", help="SEEDS_DIR:GOLD_DIR of plain-text decrees and their gold")
    parser.add_argument("--out", type=Path, default=Path("/tmp/iki-confidence-eval"))
    parser.add_argument("--png", type=Path, default=None)
    parser.add_argument("--json", type=Path, default=None)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--reuse", action="store_true", help="judge records already extracted into OUT")
    parser.add_argument("--rescore", action="store_true",
                        help="score the records' kept signals with the current model instead of their confidence")
    args = parser.parse_args(argv)
    forms = [f for f in args.forms.split(",") if f]
    results: list[FormRows] = []
    for spec in args.sets:
        name, _, folder = spec.partition("=")
        if not folder or not Path(folder).is_dir():
            print(f"error {spec}: expected NAME=DIR of a rendered family", file=sys.stderr)
            return 2
        results.extend(run_set(name, Path(folder), forms, args.out, args.jobs, args.reuse, args.rescore))
    if args.text:
        results.append(run_text(args.text, args.out, args.jobs, args.reuse, args.rescore))
    print_table(results)
    for r in results:
        for stem in r.missed:
            share, _, _ = r.decrees[stem]
            print(f"  not marked for review: {r.name}/{r.form}/{stem} ({share:.0%} of rows wrong)")
    if args.png:
        draw(results, args.png)
        print(f"diagram: {args.png}")
    if args.json:
        args.json.write_text(json.dumps([r.summary() for r in results], indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
