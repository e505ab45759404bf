"""Fit the row-confidence model on rendered layout families and write its coefficients as data.

    .venv/bin/python bench/confidence_fit.py NAME=DIR [NAME=DIR ...] [--out OUT] [--forms ...]
        [--model normalize/data/confidence_model.json] [--c 0.5]

Needs the `bench` extra (scikit-learn). Records are read from OUT/<NAME>/<form>/ as
bench/confidence_eval.py left them (files not yet extracted are extracted first). Every extracted row
is one example: its signals (normalize.confidence) against whether it is right (pipeline.ranking). A
logistic regression with an L2 penalty (strength 1/C) is fitted on all forms pooled, so one model serves
every layout; the intercept and one weight per signal are written to the model file, which
normalize.confidence reads with plain Python. Signals that mark a decree's columns rather than a row's
reading are left out (--leave-out). Fit on some seeds and measure on others.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from confidence_eval import run_set  # noqa: E402

from pipeline.ranking import RowVerdict, auc  # noqa: E402

MODEL = ROOT / "normalize" / "data" / "confidence_model.json"
# Signals that say which columns a decree has (an extra column, a cell listing several indicators) rather
# than whether a row was read well: on a family drawn from five decrees they tell the decrees apart, and a
# model fitted on them learns which decree is hard instead of which row is wrong.
LEFT_OUT = ("unknown_columns", "extra_cells", "split", "repair_copied", "many_rows")


def fit(rows: list[RowVerdict], c: float, left_out: set[str]) -> dict:
    from sklearn.linear_model import LogisticRegression

    names = sorted({name for row in rows for name in row.signals} - left_out)
    x = [[row.signals.get(name, 0.0) for name in names] for row in rows]
    y = [int(not row.wrong) for row in rows]
    found = LogisticRegression(C=c, max_iter=5000).fit(x, y)
    weights = {name: round(float(w), 4) for name, w in zip(names, found.coef_[0], strict=True) if abs(w) >= 1e-4}
    return {"intercept": round(float(found.intercept_[0]), 4), "weights": dict(sorted(weights.items()))}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("sets", nargs="+", help="NAME=DIR of a rendered family")
    parser.add_argument("--out", type=Path, default=Path("/tmp/iki-confidence-eval"))
    parser.add_argument("--forms", default="")
    parser.add_argument("--model", type=Path, default=MODEL)
    parser.add_argument("--c", type=float, default=0.5, help="inverse strength of the L2 penalty")
    parser.add_argument("--leave-out", default=",".join(LEFT_OUT),
                        help="signals not fitted (default: those that tell which sample a variant was drawn from)")
    args = parser.parse_args(argv)
    forms = [f for f in args.forms.split(",") if f]
    rows: list[RowVerdict] = []
    per_form: dict[str, int] = {}
    for spec in args.sets:
        name, _, folder = spec.partition("=")
        for result in run_set(name, Path(folder), forms, args.out, 2, reuse=True, rescore=True):
            rows.extend(result.rows)
            per_form[result.form] = per_form.get(result.form, 0) + len(result.rows)
    left_out = {name for name in args.leave_out.split(",") if name}
    model = fit(rows, args.c, left_out)
    from normalize.confidence import Model

    fitted = Model(model["intercept"], model["weights"])
    scored = [RowVerdict(fitted.confidence(r.signals), r.wrong, r.signals) for r in rows]
    document = {
        "about": "Row confidence = 1 / (1 + exp(-(intercept + sum(weight * signal)))); signals as in "
                 "normalize/confidence.py; fitted by bench/confidence_fit.py (logistic regression, L2, C="
                 f"{args.c}) on {len(rows)} rows of the layout families "
                 f"{', '.join(s.partition('=')[0] for s in args.sets)}.",
        "rows": per_form, "wrong": sum(r.wrong for r in rows), "fit_auc": round(auc(scored) or 0.0, 4),
        **model,
    }
    args.model.write_text(json.dumps(document, indent=1) + "\n", encoding="utf-8")
    print(f"{len(rows)} rows ({document['wrong']} wrong), AUC on the fitted rows {document['fit_auc']:.3f}")
    for name, weight in sorted(model["weights"].items(), key=lambda kv: kv[1]):
        print(f"  {name:26} {weight:+.3f}")
    print(f"model: {args.model}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
