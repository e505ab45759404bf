"""Draw a layout family of the sample decrees from their gold records.

    python -m samples.render --variants N --seed S --out DIR [--samples STEM,...] [--forms f1,f2,...] [--jobs 2]

Writes DIR/<form>/<id>.<ext> for each form (docx, docx-pdf, html, html-pdf, reportlab-pdf,
xlsx, layout-text, scan, photo), DIR/gold/<id>.gold.json (the gold of the whole-decree forms),
DIR/gold-photo/<id>.gold.json (what each photographed page shows), DIR/manifest.json (every
choice drawn, per variant and form) and DIR/timings.json (seconds and bytes per form).
Ids are <sample stem>-s<seed>-v<k>.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from samples.render.family import Form, generate
from samples.render.gold import GOLD_DIR, GoldError, load_records


def _forms(text: str) -> list[Form]:
    try:
        return [Form(name.strip()) for name in text.split(",") if name.strip()]
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"{exc}; forms are {', '.join(f.value for f in Form)}") from exc


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--variants", type=int, default=1, help="variants per sample")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--samples", default="", help="comma-separated gold stems (default: all)")
    parser.add_argument("--forms", type=_forms, default=list(Form), help="comma-separated forms (default: all)")
    parser.add_argument("--gold", type=Path, default=GOLD_DIR, help="folder of <stem>.gold.json records")
    parser.add_argument("--jobs", type=int, default=2, help="variants made in parallel")
    args = parser.parse_args(argv)
    try:
        records = load_records(args.gold, [s.strip() for s in args.samples.split(",") if s.strip()] or None)
    except GoldError as exc:
        print(f"error {exc}", file=sys.stderr)
        return 2
    outcomes = generate(records, args.variants, args.seed, args.out, args.forms, args.jobs)
    return 1 if any(o.errors for o in outcomes) else 0


if __name__ == "__main__":
    sys.exit(main())
