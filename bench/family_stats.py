"""What a generated layout family holds: seconds and bytes per form, and how often each choice was drawn.

    .venv/bin/python bench/family_stats.py DIR [--json OUT.json]

Reads DIR/timings.json and DIR/manifest.json written by `python -m samples.render`. Times are
wall seconds of making each form of each variant (a form made only as a step for another is
not counted); the choice counts show that the seeded choices really vary across the family.
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
from collections import Counter, defaultdict
from pathlib import Path

# Numeric choices spread over a range: counted in bins, not value by value.
RANGED = {"margins_mm", "address", "mengingat", "speckle_rate", "rotation_deg", "blur_sigma", "corners",
          "curvature_px", "shadow_angle_deg", "shadow_strength", "page_fill", "long_side_px", "tint",
          "jpeg_quality", "headers", "labels", "pangkat", "keterangan", "group_formula_word"}


def form_costs(timings: dict) -> dict[str, dict[str, float]]:
    per_form: dict[str, list[tuple[float, int]]] = defaultdict(list)
    for forms in timings["variants"].values():
        for form, t in forms.items():
            if t["asked"]:
                per_form[form].append((t["seconds"], t["bytes"]))
    return {form: {"variants": len(v), "median_s": statistics.median(s for s, _ in v),
                   "max_s": max(s for s, _ in v), "mean_kb": statistics.mean(b for _, b in v) / 1024,
                   "total_mb": sum(b for _, b in v) / 2 ** 20} for form, v in sorted(per_form.items())}


def _count(counts: dict[str, Counter], prefix: str, choices: dict) -> None:
    for key, value in choices.items():
        if key in RANGED:
            continue
        if isinstance(value, dict):
            _count(counts, f"{prefix}{key}.", value)
        else:
            counts[f"{prefix}{key}"][json.dumps(value, ensure_ascii=False)] += 1


def choice_counts(manifest: dict) -> dict[str, Counter]:
    counts: dict[str, Counter] = defaultdict(Counter)
    for entry in manifest["variants"].values():
        _count(counts, "design.", entry["design"])
        design = entry["design"]
        counts["design.has_formula"][str("formula" in design["columns"])] += 1
        counts["design.formula_before_target"][str(
            design["columns"].index("formula") < design["columns"].index("target")
            if {"formula", "target"} <= set(design["columns"]) else None)] += 1
        for form, made in entry["forms"].items():
            if isinstance(made.get("choices"), dict):
                _count(counts, f"{form}.", made["choices"])
    return dict(sorted(counts.items()))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("family", type=Path)
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args(argv)
    try:
        timings = json.loads((args.family / "timings.json").read_text(encoding="utf-8"))
        manifest = json.loads((args.family / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        print(f"error {args.family}: not a generated family ({exc})", file=sys.stderr)
        return 2
    costs = form_costs(timings)
    print(f"{'form':14} {'variants':>8} {'median s':>9} {'max s':>7} {'mean KB':>8} {'total MB':>9}")
    for form, c in costs.items():
        print(f"{form:14} {c['variants']:8} {c['median_s']:9.2f} {c['max_s']:7.2f} {c['mean_kb']:8.0f} "
              f"{c['total_mb']:9.2f}")
    counts = choice_counts(manifest)
    print(f"\nchoices over {len(manifest['variants'])} variants (value: variants)")
    for name, counter in counts.items():
        print(f"{name:34} " + ", ".join(f"{v}: {n}" for v, n in counter.most_common()))
    if args.json:
        args.json.write_text(json.dumps({"forms": costs, "choices": counts}, indent=1, ensure_ascii=False) + "\n",
                             encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
