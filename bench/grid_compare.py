"""Our ruling-line grid against img2table's on the same page images: cell F1 of the whole pipeline, and seconds.

    .venv/bin/python bench/grid_compare.py DIR [--forms scan,photo] [--referee PATH/score.py]

DIR is a layout family (`python -m samples.render`). Every file of each form is extracted twice in this
process: once with the project's grid finder (extract/ocr_grid.py), once with img2table's bordered-table
detection put in its place (cells with their spans from img2table, fraction bars still from ours, since
img2table finds none), and both sets of records are scored against the variants' gold. It also prints the
seconds each finder spent on the pages. img2table is not a dependency of the project: install it into a
scratch environment to run this (`pip install img2table==2.0.0`; it brings opencv-contrib-python, which
shadows the pinned OpenCV).
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import cv2
import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import extract.ocr as ocr  # noqa: E402
from bench.family_eval import GOLD_FOR, gold_subset, referee_scores  # noqa: E402
from extract.errors import IkiError  # noqa: E402
from extract.ocr_grid import PageGrid, find_grid  # noqa: E402
from pipeline.evaluate import evaluate  # noqa: E402
from pipeline.run import extract_file  # noqa: E402

Finder = Callable[[np.ndarray, int], PageGrid]


def img2table_grid(grey: np.ndarray, dpi: int) -> PageGrid:
    """img2table's bordered tables as our PageGrid: one box per distinct cell (a spanning cell repeats its box
    in every slot it covers), our fraction bars and our stroke mask for erasing rules."""
    from img2table.document import Image

    ours = find_grid(grey, dpi)
    ok, png = cv2.imencode(".png", grey)
    tables = Image(src=png.tobytes()).extract_tables(implicit_rows=False, borderless_tables=False)
    boxes = [sorted({(c.bbox.x1, c.bbox.y1, c.bbox.x2, c.bbox.y2) for row in t.content.values() for c in row},
                    key=lambda b: (b[1], b[0])) for t in tables]
    return PageGrid([b for b in boxes if len(b) > 1], ours.bars, ours.mask)


class Timed:
    """A grid finder that adds up the seconds it spends."""

    def __init__(self, finder: Finder) -> None:
        self.finder = finder
        self.seconds = 0.0
        self.pages = 0

    def __call__(self, grey: np.ndarray, dpi: int) -> PageGrid:
        start = time.perf_counter()
        grid = self.finder(grey, dpi)
        self.seconds += time.perf_counter() - start
        self.pages += 1
        return grid


def run(files: list[Path], finder: Timed, out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    ocr.find_grid = finder
    for path in files:
        try:
            record = extract_file(path)
        except IkiError as exc:
            print(f"  {path.name}: {exc}", file=sys.stderr)
            continue
        except (IndexError, ValueError) as exc:  # a grid the table assembly cannot place counts as no record
            print(f"  {path.name}: grid not usable ({type(exc).__name__}: {exc})", file=sys.stderr)
            continue
        (out / f"{path.stem}.json").write_text(json.dumps(record.to_dict(), ensure_ascii=False), encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("family", type=Path)
    parser.add_argument("--forms", default="scan,photo")
    parser.add_argument("--referee", type=Path, default=ROOT.parent / "shared" / "eval" / "score.py")
    parser.add_argument("--finders", default="ours,img2table", help="comma-separated: ours, img2table")
    args = parser.parse_args()
    print(f"{'form':8}{'grid':>11}{'pages':>7}{'grid s/page':>13}  {'own min/med/max':>20}  "
          f"{'referee min/med/max':>20}")
    with tempfile.TemporaryDirectory(prefix="iki-grid-") as tmp:
        for form in args.forms.split(","):
            files = sorted(p for p in (args.family / form).iterdir() if p.is_file())
            gold = gold_subset(args.family / GOLD_FOR.get(form, "gold"), [p.stem for p in files],
                               Path(tmp) / f"gold-{form}")
            finders = {"ours": find_grid, "img2table": img2table_grid}
            for name in args.finders.split(","):
                finder = Timed(finders[name])
                pred = Path(tmp) / form / name
                run(files, finder, pred)
                own = [d.cells.f1 for d in evaluate(gold, pred_dir=pred).documents.values()]
                ref = list(referee_scores(gold, pred, args.referee).values()) if args.referee.exists() else []
                triple = [f"{min(v):.3f}/{statistics.median(v):.3f}/{max(v):.3f}" if v else "-" for v in (own, ref)]
                print(f"{form:8}{name:>11}{finder.pages:>7}{finder.seconds / max(finder.pages, 1):>13.3f}  "
                      f"{triple[0]:>20}  {triple[1]:>20}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
