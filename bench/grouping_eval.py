"""Indicator grouping against the hand labels: all samples at once, and leave-one-kecamatan-out.

    .venv/bin/python bench/grouping_eval.py [--synthetic 200]

Reads the gold records and `samples/gold/concepts.csv`; prints the pairwise
precision and recall of both figures (and each held-out kecamatan) as a
markdown table, and the same on decrees of the synthetic corpus, whose
generator knows every indicator's concept.
"""
from __future__ import annotations

import argparse
import csv
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.synthetic import decree_record, decrees  # noqa: E402
from normalize.harmonize.evaluation import Key, PairScore, all_decrees, leave_one_kecamatan_out, pooled  # noqa: E402
from normalize.records import DecreeRecord, record_from_dict  # noqa: E402

GOLD = ROOT / "samples" / "gold"


def gold_records() -> list[DecreeRecord]:
    records = []
    for path in sorted(GOLD.glob("*.gold.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        records.append(record_from_dict({**data, "source": path.name.removesuffix(".gold.json") + ".txt",
                                         "media_type": "text/plain"}))
    return records


def hand_labels() -> dict[Key, str]:
    with (GOLD / "concepts.csv").open(encoding="utf-8") as fh:
        return {(r["source"], int(r["position"]), int(r["indicator"])): r["concept"] for r in csv.DictReader(fh)}


def synthetic(count: int, seed: int = 3) -> PairScore:
    """Every decree of a synthetic corpus grouped at once, against the concepts the generator wrote."""
    made = decrees(count, seed)
    records = [decree_record(d, seed) for d in made]
    labels = {(d.source.removesuffix(".txt"), p, i): ind.concept for d in made
              for p, position in enumerate(d.positions) for i, ind in enumerate(position.indicators)}
    return all_decrees(records, labels)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--synthetic", type=int, default=200, help="synthetic decrees to group (0: none)")
    args = parser.parse_args()
    records, labels = gold_records(), hand_labels()
    held = leave_one_kecamatan_out(records, labels)
    rows = [("all samples grouped at once", all_decrees(records, labels), ">= 0.95 / >= 0.90"),
            ("leave-one-kecamatan-out, pooled", pooled(held), ">= 0.95 / >= 0.85"),
            *((f"  held out: {name}", score, "") for name, score in held.items())]
    if args.synthetic:
        rows.append((f"synthetic corpus, {args.synthetic} decrees at once", synthetic(args.synthetic), ""))
    print("| figure | precision | recall | pairs shared / wrong / missed | bar |")
    print("| --- | --- | --- | --- | --- |")
    for name, score, bar in rows:
        print(f"| {name} | {score.precision:.3f} | {score.recall:.3f} | {score.shared} / {score.wrong} / "
              f"{score.missed} | {bar} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
